import type { Admin } from 'kafkajs';
import { TOPIC_SPECS, physicalTopic, type TopicSpec } from '@schematrace/contracts';

/**
 * Creates the project's topics with their partitions and retention if they are missing. Safe to
 * run from every service at start: creation is idempotent on the broker.
 */
export async function ensureTopics(
  admin: Admin,
  prefix: string,
  specs: readonly TopicSpec[] = TOPIC_SPECS,
) {
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((spec) => !existing.has(physicalTopic(spec.name, prefix)));
  if (missing.length === 0) return [];
  await admin.createTopics({
    waitForLeaders: true,
    topics: missing.map((spec) => ({
      topic: physicalTopic(spec.name, prefix),
      numPartitions: spec.partitions,
      replicationFactor: 1,
      configEntries: [
        { name: 'cleanup.policy', value: 'delete' },
        { name: 'retention.ms', value: String(spec.retentionMs) },
        { name: 'retention.bytes', value: '-1' },
      ],
    })),
  });
  return missing.map((spec) => physicalTopic(spec.name, prefix));
}
