import { TopicName } from '@schematrace/contracts';
import { kafkaTransport } from '@schematrace/messaging';
import type { ServiceDefinition } from '@schematrace/platform';
import { ProjectorModule } from './projector.module';

/** `schema-events` in, read models out (and risk recompute jobs); owns the read models. */
export const projectorService: ServiceDefinition = {
  service: 'projector',
  needs: { kafka: true, postgres: true, redis: true },
  module: (config) => ProjectorModule.forService(config),
  transport: kafkaTransport([TopicName.schemaEvents]),
};
