import { HttpStatus, Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { ServiceConfig } from '@schematrace/config';
import { MetricsRegistry, SERVICE_CONFIG } from '@schematrace/platform';
import { ApiError } from './api-error';
import { OPERATOR_ROUTES } from './operator-routes';
import {
  rateLimitClient,
  rateLimitVerdict,
  slidingWindow,
  RATE_LIMIT_WINDOW_MS,
  type RateLimitVerdict,
} from './rate-limit.policy';
import { RedisRateLimitStore, type RateLimitStore } from './rate-limit.store';

export const RATE_LIMIT_REDIS = Symbol('RATE_LIMIT_REDIS');

/** While Redis is away, say so again at most this often (each request would otherwise log). */
const WARN_EVERY_MS = 60_000;

/**
 * Limits each client of the API to RATE_LIMIT_PER_MINUTE requests in any sliding minute, counted
 * in Redis so every gateway replica sees the same count. An `onRequest` hook rather than a
 * guard: it answers before a body (up to 64 MiB) is read, and also counts requests that match
 * no route. If Redis cannot answer, requests go through (fail open) and a warning is logged:
 * losing the limit for a while is better than losing the API.
 */
@Injectable()
export class RateLimiter implements OnApplicationShutdown {
  private readonly log = new Logger(RateLimiter.name);
  private readonly store: RateLimitStore;
  private readonly limit: number;
  private readonly refused;
  private readonly storeFailures;
  private failing = false;
  private lastWarningAt = Number.NEGATIVE_INFINITY;
  private letThrough = 0;

  constructor(
    @Inject(RATE_LIMIT_REDIS) private readonly redis: Redis,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    metrics: MetricsRegistry,
  ) {
    this.limit = config.rateLimit.perMinute;
    this.store = new RedisRateLimitStore(redis, config.redis.prefix);
    this.refused = metrics.counter(
      'schematrace_http_requests_rate_limited_total',
      'API requests refused with 429 because the client went over RATE_LIMIT_PER_MINUTE',
    );
    this.storeFailures = metrics.counter(
      'schematrace_rate_limit_store_failures_total',
      'API requests let through unchecked because Redis did not answer the rate limiter',
    );
    redis.on('error', (error: Error) => this.storeFailed(error));
  }

  /** Adds the hook to the gateway's Fastify instance (ServiceDefinition.configure). */
  install(fastify: FastifyInstance): void {
    if (this.limit === 0) return;
    this.redis.connect().catch((error: Error) => this.storeFailed(error));
    fastify.addHook('onRequest', async (request, reply) => {
      if (OPERATOR_ROUTES.has(request.routeOptions.url ?? '')) return;
      const verdict = await this.check(rateLimitClient(request.headers, request.ip));
      if (!verdict) return;
      void reply
        .header('RateLimit-Limit', verdict.limit)
        .header('RateLimit-Remaining', verdict.remaining);
      if (verdict.allowed) return;
      this.refused.inc();
      const retryAfter = verdict.retryAfterSeconds ?? 1;
      const error = new ApiError(
        HttpStatus.TOO_MANY_REQUESTS,
        'rate_limited',
        `more than ${verdict.limit} requests in a minute; retry in ${retryAfter} s`,
      );
      return reply
        .code(HttpStatus.TOO_MANY_REQUESTS)
        .header('Retry-After', retryAfter)
        .send(error.getResponse());
    });
  }

  /** The verdict for one more request of this client, or undefined when Redis did not answer. */
  async check(client: string): Promise<RateLimitVerdict | undefined> {
    const window = slidingWindow(Date.now(), RATE_LIMIT_WINDOW_MS);
    try {
      const counts = await this.store.take(client, window, this.limit);
      if (this.failing) {
        this.failing = false;
        this.log.log(
          `Redis answers again: rate limits apply (${this.letThrough} request(s) went through unchecked)`,
        );
        this.letThrough = 0;
      }
      return rateLimitVerdict(counts, window, this.limit);
    } catch (error) {
      this.storeFailures.inc();
      this.letThrough++;
      this.storeFailed(error);
      return undefined;
    }
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }

  private storeFailed(error: unknown): void {
    this.failing = true;
    if (Date.now() - this.lastWarningAt < WARN_EVERY_MS) return;
    this.lastWarningAt = Date.now();
    this.log.warn(
      `rate limiting is off while Redis does not answer (${error instanceof Error ? error.message : String(error)}); requests go through unchecked`,
    );
  }
}
