import type { TopicName } from '@schematrace/contracts';
import type { MetricsRegistry } from '@schematrace/platform';
import type { PartitionLag } from './consumer-lag';

/** From 1 ms to 30 s: a parse is milliseconds, a projector batch in a database outage much more. */
const HANDLER_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export type HandlerOutcome = 'ok' | 'failed' | 'unprocessable';
export type DeadLetterCause = 'invalid' | 'unprocessable';

/**
 * The Kafka side's metrics. Topics are labelled by logical name (`schema-events`), so a topic
 * prefix does not split a dashboard; consumer groups by their real name.
 */
export class MessagingMetrics {
  private readonly consumed;
  private readonly produced;
  private readonly deadLettered;
  private readonly handlerDuration;
  private lagSource: () => Promise<readonly PartitionLag[]> = () => Promise.resolve([]);

  constructor(metrics: MetricsRegistry) {
    this.consumed = metrics.counter(
      'schematrace_messages_consumed_total',
      'Messages a consumer finished with (handled or dead-lettered) and committed, by topic and group',
      ['topic', 'consumer_group'],
    );
    this.produced = metrics.counter(
      'schematrace_messages_produced_total',
      'Messages published and acknowledged by the broker, by topic',
      ['topic'],
    );
    this.deadLettered = metrics.counter(
      'schematrace_messages_dead_lettered_total',
      'Messages sent to the dead-letter topic, by source topic, group and cause (invalid: broke its contract; unprocessable: refused by the handler)',
      ['topic', 'consumer_group', 'cause'],
    );
    this.handlerDuration = metrics.histogram(
      'schematrace_message_handler_duration_seconds',
      'Time a handler took for one message (or one batch, for batch handlers), per attempt, by topic, group and outcome',
      ['topic', 'consumer_group', 'outcome'],
      HANDLER_BUCKETS,
    );
    const source = () => this.lagSource();
    metrics.gauge(
      'schematrace_consumer_lag',
      'Messages not yet committed by the group: high-water mark minus committed offset, per topic and partition',
      ['topic', 'partition', 'consumer_group'],
      async function collect() {
        const lags = await source();
        this.reset();
        for (const { topic, partition, consumerGroup, lag } of lags)
          this.set({ topic, partition: String(partition), consumer_group: consumerGroup }, lag);
      },
    );
  }

  /** Where the lag gauge reads from on a scrape. */
  readLagFrom(source: () => Promise<readonly PartitionLag[]>): void {
    this.lagSource = source;
  }

  messagesConsumed(topic: TopicName, consumerGroup: string, count = 1): void {
    this.consumed.inc({ topic, consumer_group: consumerGroup }, count);
  }

  messagesProduced(topic: TopicName, count: number): void {
    this.produced.inc({ topic }, count);
  }

  messageDeadLettered(topic: TopicName, consumerGroup: string, cause: DeadLetterCause): void {
    this.deadLettered.inc({ topic, consumer_group: consumerGroup, cause });
  }

  /** Starts timing one handler attempt; call the result with how it ended. */
  timeHandler(topic: TopicName, consumerGroup: string): (outcome: HandlerOutcome) => void {
    const end = this.handlerDuration.startTimer({ topic, consumer_group: consumerGroup });
    return (outcome) => void end({ outcome });
  }
}
