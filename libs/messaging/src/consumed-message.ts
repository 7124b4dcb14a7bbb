import type { TopicMessage, TopicName } from '@schematrace/contracts';

/** A decoded, contract-checked message with where it came from. */
export interface ConsumedMessage<T extends TopicName> {
  readonly topic: T;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: TopicMessage<T>;
}

/** Thrown by a handler for a message that can never succeed: it is dead-lettered, not retried. */
export class UnprocessableMessageError extends Error {
  override readonly name = 'UnprocessableMessageError';
}

/** Options a handler declares with `@EventPattern(topic, options)`. */
export interface TopicHandlerOptions {
  /** Receive every valid message of a fetched batch at once (an array) instead of one by one. */
  readonly batch?: boolean;
}
