import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '@schematrace/config';
import { SERVICE_CONFIG } from '@schematrace/platform';
import { RATE_LIMIT_REDIS, RateLimiter } from './rate-limit.hook';
import { rateLimitRedis } from './rate-limit.store';

/** The gateway's Redis-backed rate limiter; `install` it on the Fastify instance at start. */
@Module({})
export class RateLimitModule {
  static forRoot(): DynamicModule {
    return {
      module: RateLimitModule,
      providers: [
        {
          provide: RATE_LIMIT_REDIS,
          inject: [SERVICE_CONFIG],
          useFactory: (config: ServiceConfig) => rateLimitRedis(config.redis.url),
        },
        RateLimiter,
      ],
      exports: [RateLimiter],
    };
  }
}
