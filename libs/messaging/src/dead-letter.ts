import type { KafkaMessage } from 'kafkajs';
import {
  CONTRACT_VERSION,
  type ContractIssue,
  type DeadLetterMessage,
} from '@schematrace/contracts';

/** Wraps a message that cannot be processed, whole, with the reason, for the dead-letter topic. */
export function deadLetterOf(
  source: { topic: string; partition: number; message: KafkaMessage; consumerGroup: string },
  reason: string,
  issues: readonly ContractIssue[] = [],
  now: Date = new Date(),
): DeadLetterMessage {
  const headers = Object.fromEntries(
    Object.entries(source.message.headers ?? {}).map(([name, value]) => [name, headerText(value)]),
  );
  return {
    contractVersion: CONTRACT_VERSION,
    sourceTopic: source.topic,
    partition: source.partition,
    offset: source.message.offset,
    key: source.message.key?.toString('utf8') ?? null,
    valueBase64: source.message.value?.toString('base64') ?? '',
    headers,
    consumerGroup: source.consumerGroup,
    reason,
    issues: [...issues],
    failedAt: now.toISOString(),
  };
}

function headerText(value: unknown): string {
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (Array.isArray(value)) return value.map(headerText).join(',');
  if (typeof value === 'string') return value;
  return value === undefined ? '' : JSON.stringify(value);
}
