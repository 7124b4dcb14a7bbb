import type { z } from 'zod';
import { SchemaEvent } from './events/schema-event';
import { DeadLetterMessage } from './messages/dead-letter.message';
import { MigrationsMessage } from './messages/migrations.message';
import { ScanMessage } from './messages/scan.message';
import { TopicName } from './topics';

/** The one schema every message on a topic must satisfy, checked when produced and when consumed. */
export const TOPIC_CONTRACTS = {
  [TopicName.scans]: ScanMessage,
  [TopicName.migrations]: MigrationsMessage,
  [TopicName.schemaEvents]: SchemaEvent,
  [TopicName.deadLetter]: DeadLetterMessage,
} as const satisfies Record<TopicName, z.ZodType>;

export type TopicMessage<T extends TopicName> = z.output<(typeof TOPIC_CONTRACTS)[T]>;
