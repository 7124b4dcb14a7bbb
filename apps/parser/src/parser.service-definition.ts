import { TopicName } from '@schematrace/contracts';
import { kafkaProbe, kafkaTransport } from '@schematrace/messaging';
import type { ServiceDefinition } from '@schematrace/platform';
import { ParserModule } from './parser.module';

/** `migrations` in, `schema-events` out; stateless, so it scales by partitions. */
export const parserService: ServiceDefinition = {
  service: 'parser',
  needs: [kafkaProbe],
  module: (config) => ParserModule.forService(config),
  transport: kafkaTransport([TopicName.migrations]),
};
