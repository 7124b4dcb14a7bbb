import { Global, Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { ServiceConfig } from '@schematrace/config';
import { HealthController } from './health/health.controller';
import { HealthRegistry } from './health/health.registry';
import { loggerOptions } from './logging/logger-options';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsRegistry } from './metrics/metrics.registry';
import { SERVICE_CONFIG } from './service-config.token';

/** What every service has: its validated config, structured logs, /health and /metrics. */
@Global()
@Module({})
export class PlatformModule {
  static forService(config: ServiceConfig): DynamicModule {
    return {
      module: PlatformModule,
      imports: [LoggerModule.forRoot(loggerOptions(config))],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        HealthRegistry,
        { provide: MetricsRegistry, useFactory: () => new MetricsRegistry(config.service) },
      ],
      exports: [SERVICE_CONFIG, HealthRegistry, MetricsRegistry],
    };
  }
}
