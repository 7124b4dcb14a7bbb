import { TopicName } from '@schematrace/contracts';
import { kafkaProbe, kafkaTransport } from '@schematrace/messaging';
import { postgresProbe } from '@schematrace/persistence';
import { redisProbe, type ServiceDefinition } from '@schematrace/platform';
import { ProjectorModule } from './projector.module';

/** `schema-events` in, read models out (and risk recompute jobs); owns the read models. */
export const projectorService: ServiceDefinition = {
  service: 'projector',
  needs: [kafkaProbe, postgresProbe, redisProbe],
  module: (config) => ProjectorModule.forService(config),
  transport: kafkaTransport([TopicName.schemaEvents]),
};
