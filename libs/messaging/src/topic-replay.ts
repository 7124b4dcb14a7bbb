import type { Admin, Kafka } from 'kafkajs';
import { physicalTopic, type TopicName } from '@schematrace/contracts';
import type { ConsumedMessage } from './consumed-message';
import { decodeMessage } from './message-codec';

export interface TopicReplay<T extends TopicName> {
  readonly kafka: Kafka;
  readonly admin: Admin;
  readonly topic: T;
  readonly topicPrefix: string;
  /** A consumer group of its own, deleted when the replay ends. */
  readonly groupId: string;
  /** Called with the valid messages of each fetched batch of one partition, in order. */
  onBatch(messages: ConsumedMessage<T>[], partition: number): Promise<void>;
}

/**
 * Reads a topic from its beginning up to the end it had when the replay started, handing each
 * partition's batches to `onBatch` in order. Messages that break the topic's contract are
 * skipped: they went to the dead-letter topic when they were first consumed. Returns how many
 * valid messages were handed over.
 */
export async function replayTopic<T extends TopicName>(replay: TopicReplay<T>): Promise<number> {
  const physical = physicalTopic(replay.topic, replay.topicPrefix);
  const ends = new Map(
    (await replay.admin.fetchTopicOffsets(physical)).map((partition) => [
      partition.partition,
      BigInt(partition.high),
    ]),
  );
  const pending = new Set(
    [...ends].filter(([, high]) => high > 0n).map(([partition]) => partition),
  );
  if (pending.size === 0) return 0;
  const consumer = replay.kafka.consumer({ groupId: replay.groupId });
  let handed = 0;
  try {
    await consumer.connect();
    await consumer.subscribe({ topic: physical, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          eachBatchAutoResolve: false,
          eachBatch: async (payload) => {
            const { batch } = payload;
            try {
              const end = ends.get(batch.partition) ?? 0n;
              const wanted = batch.messages.filter((message) => BigInt(message.offset) < end);
              const valid: ConsumedMessage<T>[] = [];
              for (const message of wanted) {
                const decoded = decodeMessage(replay.topic, message.value);
                if (decoded.ok)
                  valid.push({
                    topic: replay.topic,
                    partition: batch.partition,
                    offset: message.offset,
                    key: message.key ? message.key.toString('utf8') : null,
                    value: decoded.value,
                  });
              }
              if (valid.length > 0) await replay.onBatch(valid, batch.partition);
              handed += valid.length;
              const last = wanted.at(-1);
              if (last) payload.resolveOffset(last.offset);
              await payload.heartbeat();
              if (last && BigInt(last.offset) + 1n >= end) pending.delete(batch.partition);
              if (pending.size === 0) resolve();
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
    await replay.admin.deleteGroups([replay.groupId]).catch(() => undefined);
  }
  return handed;
}
