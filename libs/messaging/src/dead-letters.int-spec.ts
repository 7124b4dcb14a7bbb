import { Kafka, logLevel, type IHeaders, type Producer } from 'kafkajs';
import { TopicName, physicalTopic } from '@schematrace/contracts';
import {
  isolatedEnvironment,
  type IsolatedEnvironment,
} from '../../../test/support/isolated-environment';
import { deadLetterOf } from './dead-letter';
import {
  BrokersUnreachableError,
  DeadLetterNotFoundError,
  DeadLetterNotRetriableError,
  RETRIED_FROM_HEADER,
  listDeadLetters,
  retryDeadLetter,
} from './dead-letters';
import { ensureTopics } from './topic-provisioner';

describe('listing and retrying dead letters on a real broker', () => {
  let environment: IsolatedEnvironment;
  let kafka: Kafka;
  let producer: Producer;
  let address: { brokers: string[]; topicPrefix: string };
  let deadLetterTopic: string;
  let scansTopic: string;

  /** Dead-letters a message as a consumer would: refused from `topic`, partition 4, offset 7. */
  async function deadLetter(
    topic: string,
    key: string,
    value: string,
    reason: string,
    headers: IHeaders = {},
  ) {
    const letter = deadLetterOf(
      {
        topic,
        partition: 4,
        consumerGroup: 'parser',
        message: {
          key: Buffer.from(key),
          value: Buffer.from(value),
          headers,
          offset: '7',
          timestamp: String(Date.now()),
          attributes: 0,
        },
      },
      reason,
      [{ path: 'files.0.checksum', message: 'does not match' }],
    );
    await producer.send({
      topic: deadLetterTopic,
      messages: [{ key, value: JSON.stringify(letter) }],
    });
  }

  beforeAll(async () => {
    environment = await isolatedEnvironment('dead_letters_tool');
    address = { brokers: environment.brokers, topicPrefix: environment.topicPrefix };
    deadLetterTopic = physicalTopic(TopicName.deadLetter, environment.topicPrefix);
    scansTopic = physicalTopic(TopicName.scans, environment.topicPrefix);
    kafka = new Kafka({ brokers: environment.brokers, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, environment.topicPrefix);
    await admin.disconnect();
    producer = kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await environment?.dispose();
  });

  it('lists nothing while the dead-letter topic is empty', async () => {
    expect(await listDeadLetters({ ...address, limit: 10 })).toEqual([]);
  });

  it('lists the newest dead letters, oldest first, and shows records that are not dead letters', async () => {
    await deadLetter(scansTopic, 'first', '{"a":1}', 'first reason');
    await deadLetter(scansTopic, 'second', '{"a":2}', 'second reason');
    await producer.send({ topic: deadLetterTopic, messages: [{ value: 'not a dead letter' }] });

    const all = await listDeadLetters({ ...address, limit: 10 });
    const newest = await listDeadLetters({ ...address, limit: 2 });

    expect(all.map((record) => [record.partition, record.offset])).toEqual([
      [0, '0'],
      [0, '1'],
      [0, '2'],
    ]);
    expect(all[0]).toMatchObject({
      letter: {
        sourceTopic: scansTopic,
        partition: 4,
        offset: '7',
        key: 'first',
        reason: 'first reason',
        consumerGroup: 'parser',
        issues: [{ path: 'files.0.checksum', message: 'does not match' }],
      },
    });
    expect(all[2]).toEqual({
      partition: 0,
      offset: '2',
      unreadable: expect.stringContaining('not JSON') as unknown,
    });
    expect(newest.map((record) => record.offset)).toEqual(['1', '2']);
  });

  it('republishes a dead letter to its original topic and partition, whole, naming where it came from', async () => {
    await deadLetter(scansTopic, 'retry-me', '{"scan":"again"}', 'database unavailable', {
      'content-type': 'application/json',
    });
    const [listed] = (await listDeadLetters({ ...address, limit: 1 })).filter(
      (record) => 'letter' in record && record.letter.key === 'retry-me',
    );

    const retried = await retryDeadLetter({
      ...address,
      partition: listed!.partition,
      offset: listed!.offset,
    });

    expect(retried).toEqual({ topic: scansTopic, partition: 4, offset: '0' });
    const message = await readOne(kafka, environment.topicPrefix, scansTopic);
    expect(message).toEqual({
      partition: 4,
      offset: '0',
      key: 'retry-me',
      value: '{"scan":"again"}',
      headers: {
        'content-type': 'application/json',
        [RETRIED_FROM_HEADER]: `${deadLetterTopic}/0/${listed!.offset}`,
      },
    });
  });

  it('refuses offsets that hold no dead letter, and records that are not dead letters', async () => {
    await expect(
      retryDeadLetter({ ...address, partition: 0, offset: '999' }),
    ).rejects.toBeInstanceOf(DeadLetterNotFoundError);
    await expect(retryDeadLetter({ ...address, partition: 5, offset: '0' })).rejects.toBeInstanceOf(
      DeadLetterNotFoundError,
    );
    await expect(retryDeadLetter({ ...address, partition: 0, offset: '2' })).rejects.toThrow(
      DeadLetterNotRetriableError,
    );
  });

  it("refuses to republish onto a topic outside the deployment's prefix", async () => {
    await deadLetter(
      physicalTopic(TopicName.scans, 'someone-else.'),
      'foreign',
      '{}',
      'not ours to retry',
    );
    const foreign = (await listDeadLetters({ ...address, limit: 1 }))[0]!;

    await expect(
      retryDeadLetter({ ...address, partition: foreign.partition, offset: foreign.offset }),
    ).rejects.toThrow(/not a SchemaTrace topic under the prefix/);
  });

  it('says the brokers are unreachable rather than hanging', async () => {
    await expect(
      listDeadLetters({ brokers: ['127.0.0.1:1'], topicPrefix: '', limit: 1 }),
    ).rejects.toBeInstanceOf(BrokersUnreachableError);
  });
});

/** The first message on a topic, with its headers as text. */
async function readOne(kafka: Kafka, prefix: string, topic: string) {
  const consumer = kafka.consumer({ groupId: `${prefix}retried-reader` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  try {
    return await new Promise<{
      partition: number;
      offset: string;
      key: string | undefined;
      value: string | undefined;
      headers: Record<string, string>;
    }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no message in time')), 30_000);
      void consumer.run({
        eachMessage: ({ partition, message }) => {
          clearTimeout(timer);
          resolve({
            partition,
            offset: message.offset,
            key: message.key?.toString('utf8'),
            value: message.value?.toString('utf8'),
            headers: Object.fromEntries(
              Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
            ),
          });
          return Promise.resolve();
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
}
