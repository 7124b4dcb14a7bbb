import { randomUUID } from 'node:crypto';
import type { KafkaConfig } from '@schematrace/config';
import {
  CONTRACT_VERSION,
  splitScanIntoParts,
  TopicName,
  type ScannedFile,
} from '@schematrace/contracts';
import { createKafka } from './kafka.factory';
import { MessagePublisher } from './message-publisher';

export interface PublishedScan {
  readonly scanId: string;
  readonly parts: number;
}

/**
 * Publishes a producer's scan straight to the `scans` topic, as the gateway would (same parts,
 * same key), for producers that reach the broker but not the gateway. Ingestion registers the
 * project when it takes the scan in.
 */
export async function publishScan(
  kafka: KafkaConfig,
  scan: {
    readonly project: string;
    readonly client: { readonly name: string; readonly version: string };
    readonly files: readonly ScannedFile[];
  },
): Promise<PublishedScan> {
  const producer = createKafka(kafka).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    const scanId = randomUUID();
    const parts = splitScanIntoParts(scan.files);
    const submittedAt = new Date().toISOString();
    await new MessagePublisher(producer, kafka.topicPrefix).publish(
      TopicName.scans,
      parts.map((files, index) => ({
        key: scan.project,
        value: {
          contractVersion: CONTRACT_VERSION,
          scanId,
          project: scan.project,
          submittedAt,
          client: scan.client,
          part: { index, count: parts.length },
          files,
        },
      })),
    );
    return { scanId, parts: parts.length };
  } finally {
    await producer.disconnect();
  }
}
