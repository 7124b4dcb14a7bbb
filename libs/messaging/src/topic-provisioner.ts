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
  if (missing.length > 0) await createWithRetry(admin, missing, prefix);
  await leadersElected(admin, specs, prefix);
  return missing.map((spec) => physicalTopic(spec.name, prefix));
}

/**
 * Waits until every partition of every topic has a leader. Services start together: a topic
 * another one has just created is listed before its partitions have leaders, and a consumer
 * that joins its group then is assigned none of them, and waits for the next metadata refresh
 * (minutes) before it consumes anything.
 */
async function leadersElected(
  admin: Admin,
  specs: readonly TopicSpec[],
  prefix: string,
  timeoutMs = 30_000,
): Promise<void> {
  const topics = specs.map((spec) => physicalTopic(spec.name, prefix));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ready = await admin.fetchTopicMetadata({ topics }).then(
      ({ topics: found }) =>
        specs.every((spec) => {
          const topic = found.find((entry) => entry.name === physicalTopic(spec.name, prefix));
          return (
            topic !== undefined &&
            topic.partitions.length >= spec.partitions &&
            topic.partitions.every((partition) => partition.leader >= 0)
          );
        }),
      () => false,
    );
    if (ready) return;
    if (Date.now() > deadline)
      throw new Error(`the topics ${topics.join(', ')} have no leaders after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A broker that has just started (or is creating another client's topics at the same moment)
 * may answer that it does not host a partition yet while waiting for leaders: a short retry
 * settles it, and creating an existing topic is harmless.
 */
async function createWithRetry(admin: Admin, missing: readonly TopicSpec[], prefix: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      await createTopics(admin, missing, prefix);
      return;
    } catch (error) {
      const transient = /does not host this topic-partition|leader|not available/i.test(
        (error as Error).message,
      );
      if (!transient || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

async function createTopics(admin: Admin, missing: readonly TopicSpec[], prefix: string) {
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
}
