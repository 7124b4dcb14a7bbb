import { Logger } from '@nestjs/common';
import {
  BaseRpcContext,
  Server,
  type CustomTransportStrategy,
  type MessageHandler,
} from '@nestjs/microservices';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import { TopicName, logicalTopic, physicalTopic } from '@schematrace/contracts';
import {
  UnprocessableMessageError,
  type ConsumedMessage,
  type TopicHandlerOptions,
} from './consumed-message';
import { deadLetterOf } from './dead-letter';
import { decodeMessage } from './message-codec';
import type { MessagePublisher } from './message-publisher';
import type { DeadLetterCause, MessagingMetrics } from './messaging.metrics';

export interface KafkaTransportOptions {
  readonly kafka: Kafka;
  readonly groupId: string;
  readonly topicPrefix: string;
  /** Topics this service must handle: each needs exactly one handler, checked at boot. */
  readonly consumes: readonly TopicName[];
  readonly publisher: MessagePublisher;
  readonly retry?: { readonly initialMs: number; readonly maxMs: number };
  readonly metrics?: MessagingMetrics;
}

export type TransportState = 'starting' | 'running' | 'stopping' | 'stopped' | 'crashed';

/** The context a handler receives: where the message (or the batch's first message) came from. */
export class KafkaTopicContext extends BaseRpcContext<
  [{ topic: string; partition: number; offset: string; consumerGroup: string }]
> {}

/**
 * A Nest microservice transport on kafkajs. Handlers are `@EventPattern(TopicName.x)` methods.
 *
 * Delivery is at least once with the offset committed only after the handler finished, so a
 * crash or shutdown mid-message re-delivers it; handlers are idempotent (deterministic ids,
 * checksums). A message that fails its contract, or that a handler rejects as unprocessable,
 * goes to the dead-letter topic with the reason, and the partition moves on. Any other failure
 * (a database outage, say) is retried with backoff on the same message, keeping order.
 */
export class KafkaTransport extends Server implements CustomTransportStrategy {
  private readonly log = new Logger(KafkaTransport.name);
  private consumer?: Consumer;
  private state: TransportState = 'starting';
  private lastError?: string;

  constructor(private readonly options: KafkaTransportOptions) {
    super();
  }

  get groupId(): string {
    return this.options.groupId;
  }

  get health(): { state: TransportState; lastError?: string } {
    return { state: this.state, ...(this.lastError ? { lastError: this.lastError } : {}) };
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const topics = this.verifyHandlers();
      const consumer = this.options.kafka.consumer({
        groupId: this.options.groupId,
        allowAutoTopicCreation: false,
        sessionTimeout: 30_000,
        heartbeatInterval: 3_000,
        retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 10_000 },
      });
      this.consumer = consumer;
      consumer.on(consumer.events.CRASH, (event) => {
        this.lastError = String(event.payload.error);
        if (!event.payload.restart) this.state = 'crashed';
      });
      await consumer.connect();
      await consumer.subscribe({
        topics: topics.map((topic) => physicalTopic(topic, this.options.topicPrefix)),
        fromBeginning: true,
      });
      await consumer.run({
        autoCommit: true,
        autoCommitThreshold: 1,
        eachBatchAutoResolve: false,
        eachBatch: (payload) => this.handleBatch(payload),
      });
      this.state = 'running';
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    this.state = 'stopping';
    // kafkajs lets the running batch finish; uncommitted messages are re-delivered later.
    await this.consumer?.disconnect();
    this.state = 'stopped';
  }

  on(): never {
    throw new Error('KafkaTransport does not emit transport events');
  }

  unwrap<T>(): T {
    if (!this.consumer) throw new Error('KafkaTransport is not listening yet');
    return this.consumer as T;
  }

  /** Fail fast at boot: every consumed topic has exactly one handler, and nothing else has one. */
  private verifyHandlers(): TopicName[] {
    const known = new Set<string>(Object.values(TopicName));
    for (const [pattern, handler] of this.messageHandlers) {
      if (!known.has(pattern))
        throw new Error(`a handler listens to "${pattern}", which is not a SchemaTrace topic`);
      if (!this.options.consumes.includes(pattern as TopicName)) {
        throw new Error(
          `a handler listens to topic "${pattern}", which this service does not consume`,
        );
      }
      if (handler.next) throw new Error(`topic "${pattern}" has more than one handler`);
    }
    for (const topic of this.options.consumes) {
      if (!this.messageHandlers.has(topic))
        throw new Error(`topic "${topic}" has no handler in this service`);
    }
    return [...this.options.consumes];
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const topic = logicalTopic(batch.topic, this.options.topicPrefix);
    const handler = topic && this.messageHandlers.get(topic);
    if (!topic || !handler) throw new Error(`no handler for ${batch.topic}`);
    const options = (handler.extras ?? {}) as TopicHandlerOptions;
    const coordinates = { topic: batch.topic, partition: batch.partition };

    if (options.batch) {
      const valid: ConsumedMessage<TopicName>[] = [];
      for (const message of batch.messages) {
        const consumed = await this.decodeOrDeadLetter(topic, coordinates, message);
        if (consumed) valid.push(consumed);
      }
      if (
        valid.length > 0 &&
        !(await this.invoke(topic, handler, valid, coordinates, batch.messages[0]!, payload))
      )
        return;
      const last = batch.messages.at(-1);
      if (last) payload.resolveOffset(last.offset);
      await payload.commitOffsetsIfNecessary();
      this.options.metrics?.messagesConsumed(topic, this.options.groupId, batch.messages.length);
      return;
    }

    for (const message of batch.messages) {
      if (!payload.isRunning() || payload.isStale()) return;
      const consumed = await this.decodeOrDeadLetter(topic, coordinates, message);
      if (consumed && !(await this.invoke(topic, handler, consumed, coordinates, message, payload)))
        return;
      payload.resolveOffset(message.offset);
      await payload.commitOffsetsIfNecessary();
      this.options.metrics?.messagesConsumed(topic, this.options.groupId);
      await payload.heartbeat();
    }
  }

  private async decodeOrDeadLetter(
    topic: TopicName,
    coordinates: { topic: string; partition: number },
    message: KafkaMessage,
  ): Promise<ConsumedMessage<TopicName> | undefined> {
    const decoded = decodeMessage(topic, message.value);
    if (decoded.ok) {
      return {
        topic,
        partition: coordinates.partition,
        offset: message.offset,
        key: message.key?.toString('utf8') ?? null,
        value: decoded.value,
      };
    }
    await this.deadLetter(topic, coordinates, message, decoded.reason, 'invalid', decoded.issues);
    return undefined;
  }

  /**
   * Runs the handler until it succeeds, rejects the message, or the consumer stops.
   * Returns false when it gave up because the consumer is stopping (nothing is committed).
   */
  private async invoke(
    topic: TopicName,
    handler: MessageHandler,
    data: unknown,
    coordinates: { topic: string; partition: number },
    message: KafkaMessage,
    payload: EachBatchPayload,
  ): Promise<boolean> {
    const { initialMs, maxMs } = this.options.retry ?? { initialMs: 200, maxMs: 10_000 };
    const context = new KafkaTopicContext([
      { ...coordinates, offset: message.offset, consumerGroup: this.options.groupId },
    ]);
    for (let attempt = 1; ; attempt++) {
      const timed = this.options.metrics?.timeHandler(topic, this.options.groupId);
      try {
        const result: unknown = await handler(data, context);
        if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
        timed?.('ok');
        return true;
      } catch (error) {
        if (error instanceof UnprocessableMessageError) {
          timed?.('unprocessable');
          await this.deadLetter(topic, coordinates, message, error.message, 'unprocessable');
          return true;
        }
        timed?.('failed');
        this.lastError = error instanceof Error ? error.message : String(error);
        this.log.warn(
          `handling ${coordinates.topic}[${coordinates.partition}]@${message.offset} failed (attempt ${attempt}): ${this.lastError}`,
        );
        if (!payload.isRunning() || payload.isStale()) return false;
        await sleep(Math.min(maxMs, initialMs * 2 ** (attempt - 1)));
        await payload.heartbeat();
        if (!payload.isRunning() || payload.isStale()) return false;
      }
    }
  }

  private async deadLetter(
    topic: TopicName,
    coordinates: { topic: string; partition: number },
    message: KafkaMessage,
    reason: string,
    cause: DeadLetterCause,
    issues: Parameters<typeof deadLetterOf>[2] = [],
  ): Promise<void> {
    this.log.warn(
      `dead-lettering ${coordinates.topic}[${coordinates.partition}]@${message.offset}: ${reason}`,
    );
    const letter = deadLetterOf(
      { ...coordinates, message, consumerGroup: this.options.groupId },
      reason,
      issues,
    );
    await this.options.publisher.publish(TopicName.deadLetter, [
      { key: letter.key ?? `${coordinates.topic}:${coordinates.partition}`, value: letter },
    ]);
    this.options.metrics?.messageDeadLettered(topic, this.options.groupId, cause);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
