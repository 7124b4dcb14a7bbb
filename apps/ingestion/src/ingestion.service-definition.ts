import { TopicName } from '@schematrace/contracts';
import { kafkaProbe, kafkaTransport } from '@schematrace/messaging';
import { postgresProbe } from '@schematrace/persistence';
import type { ServiceDefinition } from '@schematrace/platform';
import { IngestionModule } from './ingestion.module';

/** `scans` in, `migrations` out; owns the migration ledger. */
export const ingestionService: ServiceDefinition = {
  service: 'ingestion',
  needs: [kafkaProbe, postgresProbe],
  module: (config) => IngestionModule.forService(config),
  transport: kafkaTransport([TopicName.scans]),
};
