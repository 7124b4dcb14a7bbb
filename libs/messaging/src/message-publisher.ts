import { CompressionTypes, type Producer } from 'kafkajs';
import { physicalTopic, type TopicMessage, type TopicName } from '@schematrace/contracts';
import { encodeMessage } from './message-codec';
import type { MessagingMetrics } from './messaging.metrics';

export interface OutgoingMessage<T extends TopicName> {
  /** The partition key: the project, so one project's messages stay in order. */
  readonly key: string;
  readonly value: TopicMessage<T>;
  readonly headers?: Record<string, string>;
}

/** The producer port: validates, encodes and publishes to the logical topic's physical name. */
export class MessagePublisher {
  constructor(
    private readonly producer: Producer,
    private readonly topicPrefix: string,
    private readonly metrics?: MessagingMetrics,
  ) {}

  async publish<T extends TopicName>(
    topic: T,
    messages: readonly OutgoingMessage<T>[],
  ): Promise<void> {
    if (messages.length === 0) return;
    await this.producer.send({
      topic: physicalTopic(topic, this.topicPrefix),
      // Migration text compresses well; keeps large scans far from the broker's message limit.
      compression: CompressionTypes.GZIP,
      acks: -1,
      messages: messages.map((message) => ({
        key: message.key,
        value: encodeMessage(topic, message.value),
        headers: { 'content-type': 'application/json', ...message.headers },
      })),
    });
    this.metrics?.messagesProduced(topic, messages.length);
  }
}
