import { TopicName } from '@schematrace/contracts';
import { kafkaTransport } from '@schematrace/messaging';
import type { ServiceDefinition } from '@schematrace/platform';
import { IngestionModule } from './ingestion.module';

/** `scans` in, `migrations` out; owns the migration ledger. */
export const ingestionService: ServiceDefinition = {
  service: 'ingestion',
  needs: { kafka: true, postgres: true },
  module: (config) => IngestionModule.forService(config),
  transport: kafkaTransport([TopicName.scans]),
};
