import { kafkaProbe } from '@schematrace/messaging';
import { postgresProbe } from '@schematrace/persistence';
import type { ServiceDefinition } from '@schematrace/platform';
import { GatewayModule } from './gateway.module';
import { RateLimiter } from './http/rate-limit.hook';
import { ApiDocs } from './openapi/api-docs.service';

/** The REST API: reads the read models, publishes scans. */
export const gatewayService: ServiceDefinition = {
  service: 'gateway',
  needs: [kafkaProbe, postgresProbe],
  module: (config) => GatewayModule.forService(config),
  configure: (app) => {
    app.get(RateLimiter).install(app.getHttpAdapter().getInstance());
    app.get(ApiDocs).install(app.getHttpAdapter().getInstance());
  },
};
