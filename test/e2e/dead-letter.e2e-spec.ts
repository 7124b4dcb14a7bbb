import { Kafka, logLevel, type Consumer } from 'kafkajs';
import path from 'node:path';
import { DeadLetterMessage, TopicName, physicalTopic } from '@schematrace/contracts';
import { cli } from './cli-runner';
import { startStack, type RunningStack } from './running-stack';

const EXAMPLE = path.resolve(__dirname, '../../examples/django-shop');

describe('malformed messages go to the dead-letter topic and the consumers keep going', () => {
  let stack: RunningStack;
  let kafka: Kafka;
  let consumer: Consumer;
  const letters: DeadLetterMessage[] = [];

  beforeAll(async () => {
    stack = await startStack('dead_letters');
    kafka = new Kafka({ brokers: stack.environment.brokers, logLevel: logLevel.NOTHING });
    consumer = kafka.consumer({ groupId: `${stack.environment.topicPrefix}dlq-reader` });
    await consumer.connect();
    await consumer.subscribe({
      topic: physicalTopic(TopicName.deadLetter, stack.environment.topicPrefix),
      fromBeginning: true,
    });
    await consumer.run({
      eachMessage: ({ message }) => {
        letters.push(DeadLetterMessage.parse(JSON.parse(message.value!.toString('utf8'))));
        return Promise.resolve();
      },
    });
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await stack?.stop();
  });

  it.each([
    [TopicName.scans, 'not json at all', 'value is not JSON'],
    [
      TopicName.migrations,
      JSON.stringify({ contractVersion: 1, scanId: 's' }),
      'value does not match the migrations contract',
    ],
    [
      TopicName.schemaEvents,
      JSON.stringify({ kind: 'table.created' }),
      'value does not match the schema-events contract',
    ],
  ])('a poison message on %s is dead-lettered with the reason', async (topic, value, reason) => {
    const producer = kafka.producer();
    await producer.connect();
    const physical = physicalTopic(topic, stack.environment.topicPrefix);
    await producer.send({ topic: physical, messages: [{ key: 'poison', value }] });
    await producer.disconnect();

    const letter = await eventually(() =>
      letters.find((candidate) => candidate.sourceTopic === physical),
    );

    expect(letter.reason).toContain(reason);
    expect(Buffer.from(letter.valueBase64, 'base64').toString('utf8')).toBe(value);
    expect(letter.key).toBe('poison');
    if (topic !== TopicName.scans) expect(letter.issues.length).toBeGreaterThan(0);
  });

  it('still processes a good scan after the poison messages', async () => {
    const scan = await cli(stack.gateway.url, 'scan', EXAMPLE, '--project', 'after-poison');

    expect(scan.code).toBe(0);
    expect(scan.stdout).toContain('processed: 5 new');
    expect(letters.filter((letter) => letter.key !== 'poison')).toEqual([]);
  });

  it('rejects a scan whose file does not match its checksum, on the dead-letter topic', async () => {
    const producer = kafka.producer();
    await producer.connect();
    const physical = physicalTopic(TopicName.scans, stack.environment.topicPrefix);
    const message = {
      contractVersion: 1,
      scanId: 'tampered',
      project: 'tampered',
      submittedAt: new Date().toISOString(),
      client: { name: 'test', version: '1' },
      part: { index: 0, count: 1 },
      files: [{ path: 'app/migrations/0001_initial.py', content: 'x', checksum: '0'.repeat(64) }],
    };
    await producer.send({
      topic: physical,
      messages: [{ key: 'tampered', value: JSON.stringify(message) }],
    });
    await producer.disconnect();

    const letter = await eventually(() =>
      letters.find((candidate) => candidate.key === 'tampered'),
    );

    expect(letter.reason).toBe(
      'checksum does not match the content of app/migrations/0001_initial.py',
    );
  });
});

async function eventually<T>(find: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('not found in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
