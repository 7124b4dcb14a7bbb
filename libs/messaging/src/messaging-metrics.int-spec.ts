import { Controller, Module, type DynamicModule } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Kafka, logLevel } from 'kafkajs';
import {
  CONTRACT_VERSION,
  TopicName,
  physicalTopic,
  type ScanMessage,
} from '@schematrace/contracts';
import type { ServiceConfig } from '@schematrace/config';
import { PlatformModule, startService, type RunningService } from '@schematrace/platform';
import {
  isolatedEnvironment,
  type IsolatedEnvironment,
} from '../../../test/support/isolated-environment';
import type { ConsumedMessage } from './consumed-message';
import { MessagePublisher } from './message-publisher';
import { kafkaProbe } from './kafka.probe';
import { MessagingModule, kafkaTransport } from './messaging.module';

@Controller()
class CountingScansConsumer {
  static handled = 0;

  @EventPattern(TopicName.scans)
  onScan(@Payload() _message: ConsumedMessage<'scans'>): void {
    CountingScansConsumer.handled++;
  }
}

@Module({})
class ScansCounterModule {
  static forService(config: ServiceConfig): DynamicModule {
    return {
      module: ScansCounterModule,
      imports: [PlatformModule.forService(config), MessagingModule.forRoot()],
      controllers: [CountingScansConsumer],
    };
  }
}

const scan: ScanMessage = {
  contractVersion: CONTRACT_VERSION,
  scanId: 'metrics-scan',
  project: 'shop',
  submittedAt: new Date().toISOString(),
  client: { name: 'test', version: '1' },
  part: { index: 0, count: 1 },
  files: [],
};

describe('/metrics of a service consuming a topic', () => {
  let environment: IsolatedEnvironment;
  let service: RunningService;

  beforeAll(async () => {
    environment = await isolatedEnvironment('metrics');
    // As the ingestion service would, through the real boot: Kafka, HTTP, /health, /metrics.
    service = await startService(
      {
        service: 'ingestion',
        needs: [kafkaProbe],
        module: (config) => ScansCounterModule.forService(config),
        transport: kafkaTransport([TopicName.scans]),
      },
      environment.config('ingestion', { METRICS_LAG_REFRESH_MS: '1000' }),
    );
    // A fresh broker creates its offsets topic when the first group joins: that can take a while.
  }, 120_000);

  afterAll(async () => {
    await service?.stop();
    await environment?.dispose();
  });

  it('counts what was produced, consumed and dead-lettered, times handlers and shows lag', async () => {
    const group = `${environment.topicPrefix}schematrace-ingestion`;
    const scans = { topic: 'scans', consumer_group: group, service: 'ingestion' };
    await service.app
      .get(MessagePublisher)
      .publish(TopicName.scans, [{ key: 'shop', value: scan }]);
    await sendRaw(environment, physicalTopic(TopicName.scans, environment.topicPrefix), '{oops');
    await fetch(`${service.url}/health`);

    const metrics = await until(
      async () => scrape(service.url),
      (read) =>
        read.value('schematrace_messages_consumed_total', scans) === 2 &&
        read.sum('schematrace_consumer_lag', scans) === 0,
    );

    expect(CountingScansConsumer.handled).toBe(1);
    expect(metrics.value('schematrace_messages_produced_total', { topic: 'scans' })).toBe(1);
    expect(metrics.value('schematrace_messages_produced_total', { topic: 'dead-letter' })).toBe(1);
    expect(
      metrics.value('schematrace_messages_dead_lettered_total', { ...scans, cause: 'invalid' }),
    ).toBe(1);
    expect(
      metrics.value('schematrace_message_handler_duration_seconds_count', {
        ...scans,
        outcome: 'ok',
      }),
    ).toBe(1);
    // One series per partition of the scans topic.
    expect(metrics.series('schematrace_consumer_lag', scans)).toHaveLength(6);
    expect(
      metrics.value('schematrace_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/health',
        status: '200',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      metrics.value('schematrace_process_cpu_seconds_total', { service: 'ingestion' }),
    ).toBeDefined();
  });

  it('answers in the Prometheus text format', async () => {
    const response = await fetch(`${service.url}/metrics`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    expect(await response.text()).toContain('# TYPE schematrace_consumer_lag gauge');
  });
});

interface Series {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly value: number;
}

/** The text format read back into series (label order is the library's business). */
async function scrape(url: string) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const all: Series[] = [];
  for (const line of text.split('\n')) {
    const match = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((pair) => [
        pair[1]!,
        pair[2]!,
      ]),
    );
    all.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  const series = (name: string, labels: Record<string, string>) =>
    all.filter(
      (entry) =>
        entry.name === name &&
        Object.entries(labels).every(([label, value]) => entry.labels[label] === value),
    );
  return {
    series,
    value: (name: string, labels: Record<string, string>) => series(name, labels)[0]?.value,
    sum: (name: string, labels: Record<string, string>) => {
      const found = series(name, labels);
      return found.length === 0
        ? undefined
        : found.reduce((total, entry) => total + entry.value, 0);
    },
  };
}

async function sendRaw(environment: IsolatedEnvironment, topic: string, value: string) {
  const producer = new Kafka({
    brokers: environment.brokers,
    logLevel: logLevel.NOTHING,
  }).producer();
  await producer.connect();
  try {
    await producer.send({ topic, messages: [{ key: 'shop', value }] });
  } finally {
    await producer.disconnect();
  }
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
