import type { ServiceDefinition } from '@schematrace/platform';
import { GatewayModule } from './gateway.module';

/** The REST API: reads the read models, publishes scans. */
export const gatewayService: ServiceDefinition = {
  service: 'gateway',
  needs: { kafka: true, postgres: true },
  module: (config) => GatewayModule.forService(config),
};
