import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import {
  TopicName,
  logicalTopic,
  physicalTopic,
  type DeadLetterMessage,
} from '@schematrace/contracts';
import { decodeMessage } from './message-codec';

/** Where the dead-letter topic lives: an operator's tool names the brokers and prefix itself. */
export interface DeadLetterTopicAddress {
  readonly brokers: readonly string[];
  readonly topicPrefix: string;
}

/** One record of the dead-letter topic, by its own partition and offset there. */
export type ListedDeadLetter =
  | { readonly partition: number; readonly offset: string; readonly letter: DeadLetterMessage }
  /** A record that is not a dead letter at all: shown, so nothing on the topic hides. */
  | { readonly partition: number; readonly offset: string; readonly unreadable: string };

/** Where a retried message went. */
export interface RetriedDeadLetter {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/** The brokers did not answer: the operator named the wrong ones, or Kafka is down. */
export class BrokersUnreachableError extends Error {
  override readonly name = 'BrokersUnreachableError';
}

/** No dead letter at that partition and offset (never there, or past retention). */
export class DeadLetterNotFoundError extends Error {
  override readonly name = 'DeadLetterNotFoundError';
}

/** A dead letter that cannot go back: unreadable, or from a topic outside this prefix. */
export class DeadLetterNotRetriableError extends Error {
  override readonly name = 'DeadLetterNotRetriableError';
}

/** The header a retried message carries, naming the dead letter it came back from. */
export const RETRIED_FROM_HEADER = 'schematrace-retried-from';

const READ_TIMEOUT_MS = 30_000;

/**
 * The newest `limit` records of the dead-letter topic, oldest first. Reads with a throwaway
 * consumer group up to the end the topic had when called, and commits nothing, so the
 * services' own consumers and other operators are unaffected.
 */
export async function listDeadLetters(
  address: DeadLetterTopicAddress & { readonly limit: number },
): Promise<ListedDeadLetter[]> {
  return withAdmin(address, async (kafka, admin) => {
    const topic = physicalTopic(TopicName.deadLetter, address.topicPrefix);
    const ranges = new Map<number, OffsetRange>();
    for (const partition of await topicOffsets(admin, topic)) {
      const start = maxOf(partition.low, partition.high - BigInt(address.limit));
      if (start < partition.high) ranges.set(partition.partition, { start, end: partition.high });
    }
    const records = await readRanges(kafka, admin, address.topicPrefix, topic, ranges);
    return records
      .sort((a, b) => a.timestamp - b.timestamp || a.partition - b.partition)
      .slice(-address.limit)
      .map(({ timestamp: _timestamp, ...record }) => record);
  });
}

/**
 * Republishes one dead letter to the topic and partition it was refused on, with its key,
 * value and headers, plus a header naming the dead letter, so its consumer tries it again
 * (once whatever refused it has been fixed). The dead letter itself stays, as the record.
 */
export async function retryDeadLetter(
  address: DeadLetterTopicAddress & { readonly partition: number; readonly offset: string },
): Promise<RetriedDeadLetter> {
  return withAdmin(address, async (kafka, admin) => {
    const topic = physicalTopic(TopicName.deadLetter, address.topicPrefix);
    const wanted = BigInt(address.offset);
    const partition = (await topicOffsets(admin, topic)).find(
      (candidate) => candidate.partition === address.partition,
    );
    if (!partition || wanted < partition.low || wanted >= partition.high)
      throw new DeadLetterNotFoundError(
        `no dead letter at partition ${address.partition}, offset ${address.offset} of ${topic}`,
      );
    const [record] = await readRanges(
      kafka,
      admin,
      address.topicPrefix,
      topic,
      new Map([[address.partition, { start: wanted, end: wanted + 1n }]]),
    );
    if (!record)
      throw new DeadLetterNotFoundError(
        `no dead letter at partition ${address.partition}, offset ${address.offset} of ${topic}`,
      );
    if ('unreadable' in record)
      throw new DeadLetterNotRetriableError(
        `partition ${address.partition}, offset ${address.offset} is not a dead letter: ${record.unreadable}`,
      );
    const { letter } = record;
    // Only back onto this deployment's own topics: a prefix isolates tenants and test runs.
    if (logicalTopic(letter.sourceTopic, address.topicPrefix) === undefined)
      throw new DeadLetterNotRetriableError(
        `the dead letter came from ${letter.sourceTopic}, which is not a SchemaTrace topic under the prefix "${address.topicPrefix}"`,
      );
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      const [sent] = await producer.send({
        topic: letter.sourceTopic,
        acks: -1,
        messages: [
          {
            partition: letter.partition,
            key: letter.key,
            value: Buffer.from(letter.valueBase64, 'base64'),
            headers: {
              ...letter.headers,
              [RETRIED_FROM_HEADER]: `${topic}/${address.partition}/${address.offset}`,
            },
          },
        ],
      });
      return {
        topic: letter.sourceTopic,
        partition: sent?.partition ?? letter.partition,
        offset: sent?.baseOffset ?? sent?.offset ?? '',
      };
    } finally {
      await producer.disconnect();
    }
  });
}

interface OffsetRange {
  readonly start: bigint;
  /** Exclusive: the high-water mark when the read began. */
  readonly end: bigint;
}

async function withAdmin<T>(
  address: DeadLetterTopicAddress,
  work: (kafka: Kafka, admin: Admin) => Promise<T>,
): Promise<T> {
  const kafka = new Kafka({
    clientId: 'schematrace-dead-letters',
    brokers: [...address.brokers],
    connectionTimeout: 3_000,
    // The caller reports failures itself, in one line; kafkajs's own logging is noise there.
    logLevel: logLevel.NOTHING,
    retry: { retries: 2, initialRetryTime: 200 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
  } catch (error) {
    throw new BrokersUnreachableError(
      `cannot reach Kafka at ${address.brokers.join(',')} (${(error as Error).message})`,
    );
  }
  try {
    return await work(kafka, admin);
  } finally {
    await admin.disconnect();
  }
}

async function topicOffsets(admin: Admin, topic: string) {
  if (!(await admin.listTopics()).includes(topic)) return [];
  return (await admin.fetchTopicOffsets(topic)).map((partition) => ({
    partition: partition.partition,
    low: BigInt(partition.low),
    high: BigInt(partition.high),
  }));
}

/** Reads the given offset ranges of a topic's partitions, then leaves (and forgets) the group. */
async function readRanges(
  kafka: Kafka,
  admin: Admin,
  topicPrefix: string,
  topic: string,
  ranges: ReadonlyMap<number, OffsetRange>,
): Promise<TimedDeadLetter[]> {
  const pending = new Set(ranges.keys());
  if (pending.size === 0) return [];
  const groupId = `${topicPrefix}schematrace-dead-letters-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  const records: TimedDeadLetter[] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`reading ${topic} took longer than ${READ_TIMEOUT_MS / 1000}s`)),
        READ_TIMEOUT_MS,
      );
      const finish = (partition: number) => {
        pending.delete(partition);
        if (pending.size === 0) {
          clearTimeout(timer);
          resolve();
        }
      };
      consumer.on(consumer.events.GROUP_JOIN, () => {
        // Start each partition at its range; the group has no offsets of its own to resume from.
        for (const [partition, range] of ranges)
          consumer.seek({ topic, partition, offset: range.start.toString() });
      });
      consumer
        .run({
          autoCommit: false,
          eachBatch: ({ batch }) => {
            const range = ranges.get(batch.partition);
            if (!range || !pending.has(batch.partition)) return Promise.resolve();
            for (const message of batch.messages) {
              const offset = BigInt(message.offset);
              if (offset < range.start || offset >= range.end) continue;
              const decoded = decodeMessage(TopicName.deadLetter, message.value);
              const where = {
                partition: batch.partition,
                offset: message.offset,
                timestamp: Number(message.timestamp),
              };
              records.push(
                decoded.ok
                  ? { ...where, letter: decoded.value }
                  : { ...where, unreadable: decoded.reason },
              );
            }
            // By the batch's last offset, not the last record's: offsets may have gaps.
            if (BigInt(batch.lastOffset()) + 1n >= range.end) finish(batch.partition);
            return Promise.resolve();
          },
        })
        .catch((error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        });
    });
  } finally {
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
  }
  return records;
}

type TimedDeadLetter = ListedDeadLetter & { readonly timestamp: number };

function maxOf(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
