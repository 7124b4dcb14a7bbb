import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { Partitioners, type Admin, type Kafka, type Producer } from 'kafkajs';
import type { TopicName } from '@schematrace/contracts';
import type { ServiceConfig } from '@schematrace/config';
import { HealthRegistry, MetricsRegistry, SERVICE_CONFIG } from '@schematrace/platform';
import { ConsumerLagMonitor } from './consumer-lag';
import { createKafka } from './kafka.factory';
import { KafkaTransport } from './kafka-transport';
import { MessagePublisher } from './message-publisher';
import { MessagingMetrics } from './messaging.metrics';
import { ensureTopics } from './topic-provisioner';

export const KAFKA = Symbol('KAFKA');

/** Owns the service's Kafka clients: connects them at start, creates topics, closes them last. */
@Injectable()
export class KafkaConnection implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger(KafkaConnection.name);
  readonly admin: Admin;
  readonly producer: Producer;
  readonly publisher: MessagePublisher;
  private readonly metrics: MessagingMetrics;
  private readonly lag: ConsumerLagMonitor;

  constructor(
    @Inject(KAFKA) readonly kafka: Kafka,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly health: HealthRegistry,
    metrics: MetricsRegistry,
  ) {
    this.admin = kafka.admin();
    // The default (murmur2, Java-compatible) partitioner, named so kafkajs does not warn about it.
    this.producer = kafka.producer({
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.metrics = new MessagingMetrics(metrics);
    this.publisher = new MessagePublisher(this.producer, config.kafka.topicPrefix, this.metrics);
    // The admin client is already connected for topics and health; lag reuses it.
    this.lag = new ConsumerLagMonitor(
      this.admin,
      config.kafka.topicPrefix,
      config.metrics.lagRefreshMs,
    );
    this.metrics.readLagFrom(() => this.lag.current());
  }

  async onModuleInit(): Promise<void> {
    await this.admin.connect();
    const created = await ensureTopics(this.admin, this.config.kafka.topicPrefix);
    if (created.length > 0) this.log.log(`created topics ${created.join(', ')}`);
    await this.producer.connect();
    this.health.register('kafka', async () => {
      const cluster = await this.admin.describeCluster();
      return { ok: cluster.brokers.length > 0, detail: `${cluster.brokers.length} broker(s)` };
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
    await this.admin.disconnect();
  }

  /** The consumer side for `startService`: one consumer group per service. */
  transport(consumes: readonly TopicName[], groupSuffix = ''): KafkaTransport {
    const transport = new KafkaTransport({
      kafka: this.kafka,
      groupId: `${this.config.kafka.topicPrefix}schematrace-${this.config.service}${groupSuffix}`,
      topicPrefix: this.config.kafka.topicPrefix,
      consumes,
      publisher: this.publisher,
      metrics: this.metrics,
    });
    this.lag.watch(transport.groupId, consumes);
    this.health.register('kafka-consumer', () => {
      const { state, lastError } = transport.health;
      return Promise.resolve({
        ok: state === 'running',
        detail: lastError ? `${state}; last error: ${lastError}` : state,
      });
    });
    return transport;
  }
}

@Global()
@Module({})
export class MessagingModule {
  static forRoot(): DynamicModule {
    return {
      module: MessagingModule,
      providers: [
        {
          provide: KAFKA,
          inject: [SERVICE_CONFIG],
          useFactory: (config: ServiceConfig) => createKafka(config.kafka),
        },
        KafkaConnection,
        {
          provide: MessagePublisher,
          inject: [KafkaConnection],
          useFactory: (kafka: KafkaConnection) => kafka.publisher,
        },
      ],
      exports: [KafkaConnection, MessagePublisher],
    };
  }
}

/** `ServiceDefinition.transport` for a service consuming these topics. */
export function kafkaTransport(consumes: readonly TopicName[]) {
  return (app: INestApplication) => app.get(KafkaConnection).transport(consumes);
}
