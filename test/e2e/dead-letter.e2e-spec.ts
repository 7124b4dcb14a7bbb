import { Kafka, Partitioners, logLevel, type Consumer } from 'kafkajs';
import path from 'node:path';
import { DeadLetterMessage, TopicName, physicalTopic } from '@schematrace/contracts';
import { cli } from './cli-runner';
import { startStack, type RunningStack } from './running-stack';

const EXAMPLE = path.resolve(__dirname, '../../examples/django-shop');

/** A message each consumed topic's consumer must refuse, and the reason it must give. */
const POISON: [TopicName, string, string][] = [
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
];

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

  it.each(POISON)(
    'a poison message on %s is dead-lettered with the reason',
    async (topic, value, reason) => {
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
    },
  );

  it('still processes a good scan after the poison messages', async () => {
    const scan = await cli(stack.gateway.url, 'scan', EXAMPLE, '--project', 'after-poison');

    expect(scan.code).toBe(0);
    expect(scan.stdout).toContain(': 5 new, 0 modified');
    expect(letters.filter((letter) => letter.key !== 'poison')).toEqual([]);
  });

  it('moves on to the next message of the same partition, on every consumed topic', async () => {
    // Keyed by the project, the poison sits on the partition that project's scan then travels.
    const project = 'next-in-line';
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    for (const [topic, value] of POISON) {
      await producer.send({
        topic: physicalTopic(topic, stack.environment.topicPrefix),
        messages: [{ key: project, value }],
      });
    }
    await producer.disconnect();

    const scan = await cli(stack.gateway.url, 'scan', EXAMPLE, '--project', project);

    expect(scan.code).toBe(0);
    expect(scan.stdout).toContain(': 5 new, 0 modified');
    const ours = await eventually(() => {
      const found = letters.filter((letter) => letter.key === project);
      return found.length === POISON.length ? found : undefined;
    });
    // Three consumers dead-letter concurrently, so the letters come in no particular order.
    expect(ours.map((letter) => [letter.sourceTopic, letter.reason.split(':')[0]]).sort()).toEqual(
      POISON.map(([topic, , reason]) => [
        physicalTopic(topic, stack.environment.topicPrefix),
        reason,
      ]).sort(),
    );
    // One partition throughout: every consumer got past the poison to the scan behind it.
    expect(new Set(ours.map((letter) => letter.partition)).size).toBe(1);
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
