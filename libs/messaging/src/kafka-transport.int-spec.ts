import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, Payload, type MicroserviceOptions } from '@nestjs/microservices';
import type { INestMicroservice } from '@nestjs/common';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import {
  CONTRACT_VERSION,
  DeadLetterMessage,
  TopicName,
  physicalTopic,
  type ScanMessage,
} from '@schematrace/contracts';
import { RethrowHandlerErrorsFilter } from '@schematrace/platform';
import {
  isolatedEnvironment,
  type IsolatedEnvironment,
} from '../../../test/support/isolated-environment';
import { UnprocessableMessageError, type ConsumedMessage } from './consumed-message';
import { KafkaTransport } from './kafka-transport';
import { MessagePublisher } from './message-publisher';
import { ensureTopics } from './topic-provisioner';

const handled: string[] = [];
let failuresLeft = 0;
let outage = false;
let outageAttempts = 0;

@Controller()
class FlakyScansConsumer {
  @EventPattern(TopicName.scans)
  onScan(@Payload() message: ConsumedMessage<'scans'>): void {
    if (message.value.project === 'rejected')
      throw new UnprocessableMessageError('this project is refused');
    if (message.value.project === 'flaky' && failuresLeft-- > 0)
      throw new Error('database unavailable');
    if (message.value.project === 'outage' && outage) {
      outageAttempts++;
      throw new Error('database unavailable');
    }
    handled.push(message.value.scanId);
  }
}

@Module({ controllers: [FlakyScansConsumer] })
class FlakyModule {}

const scan = (scanId: string, project: string): ScanMessage => ({
  contractVersion: CONTRACT_VERSION,
  scanId,
  project,
  submittedAt: new Date().toISOString(),
  client: { name: 'test', version: '1' },
  part: { index: 0, count: 1 },
  files: [],
});

describe('KafkaTransport on a real broker', () => {
  let environment: IsolatedEnvironment;
  let kafka: Kafka;
  let publisher: MessagePublisher;
  let producer: Producer;
  const running: INestMicroservice[] = [];

  async function startConsumer(group: string): Promise<INestMicroservice> {
    const microservice = await NestFactory.createMicroservice<MicroserviceOptions>(FlakyModule, {
      strategy: new KafkaTransport({
        kafka,
        groupId: `${environment.topicPrefix}${group}`,
        topicPrefix: environment.topicPrefix,
        consumes: [TopicName.scans],
        publisher,
        retry: { initialMs: 50, maxMs: 200 },
      }),
      logger: false,
    });
    microservice.useGlobalFilters(new RethrowHandlerErrorsFilter());
    await microservice.listen();
    running.push(microservice);
    return microservice;
  }

  beforeAll(async () => {
    environment = await isolatedEnvironment('transport');
    kafka = new Kafka({ brokers: environment.brokers, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, environment.topicPrefix);
    await admin.disconnect();
    producer = kafka.producer();
    await producer.connect();
    publisher = new MessagePublisher(producer, environment.topicPrefix);
  });

  afterEach(async () => {
    for (const microservice of running.splice(0)) await microservice.close();
    handled.length = 0;
  });

  afterAll(async () => {
    await producer?.disconnect();
    await environment?.dispose();
  });

  it('retries a failing handler on the same message, keeping order, and dead-letters refused ones', async () => {
    await startConsumer('retries');
    failuresLeft = 2;
    await publisher.publish(TopicName.scans, [
      { key: 'p', value: scan('first', 'flaky') },
      { key: 'p', value: scan('refused', 'rejected') },
      { key: 'p', value: scan('third', 'fine') },
    ]);

    await until(() => handled.length >= 2);
    expect(handled).toEqual(['first', 'third']);
    expect(failuresLeft).toBeLessThan(0);

    const letters = await readDeadLetters(kafka, environment.topicPrefix, 1);
    expect(letters[0]).toMatchObject({
      sourceTopic: physicalTopic(TopicName.scans, environment.topicPrefix),
      reason: 'this project is refused',
      key: 'p',
      consumerGroup: `${environment.topicPrefix}retries`,
    });
  });

  it('abandons unfinished work on shutdown and hands it to the next consumer, once', async () => {
    const first = await startConsumer('shutdown');
    outage = true;
    await publisher.publish(TopicName.scans, [
      { key: 'o', value: scan('during-outage', 'outage') },
    ]);
    await until(() => outageAttempts >= 2);

    const stopping = Date.now();
    await first.close();
    running.splice(running.indexOf(first), 1);
    expect(Date.now() - stopping).toBeLessThan(10_000);
    // This group reads the topic from the start, so earlier tests' messages show up too.
    const outageHandled = () => handled.filter((scanId) => scanId === 'during-outage');
    expect(outageHandled()).toEqual([]);

    outage = false;
    await startConsumer('shutdown');
    await until(() => outageHandled().length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(outageHandled()).toEqual(['during-outage']);
  });
});

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function readDeadLetters(
  kafka: Kafka,
  prefix: string,
  count: number,
): Promise<DeadLetterMessage[]> {
  const letters: DeadLetterMessage[] = [];
  const consumer = kafka.consumer({ groupId: `${prefix}dlq-reader` });
  await consumer.connect();
  await consumer.subscribe({
    topic: physicalTopic(TopicName.deadLetter, prefix),
    fromBeginning: true,
  });
  await consumer.run({
    eachMessage: ({ message }) => {
      letters.push(DeadLetterMessage.parse(JSON.parse(message.value!.toString())));
      return Promise.resolve();
    },
  });
  try {
    await until(() => letters.length >= count);
    return letters;
  } finally {
    await consumer.disconnect();
  }
}
