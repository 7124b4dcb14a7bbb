import { Logger } from '@nestjs/common';
import type { Admin } from 'kafkajs';
import { physicalTopic, type TopicName } from '@schematrace/contracts';

export interface PartitionLag {
  readonly consumerGroup: string;
  /** The logical topic (`schema-events`), the same across topic prefixes. */
  readonly topic: TopicName;
  readonly partition: number;
  /** Messages on the partition the group has not committed yet. */
  readonly lag: number;
}

export interface PartitionOffsets {
  readonly partition: number;
  /** The high-water mark: the offset the next message will get. */
  readonly high: string;
  /** The oldest offset still on the broker. */
  readonly low: string;
}

/**
 * Lag per partition: high-water mark minus committed offset. A partition the group has never
 * committed on is read from its start (the consumers subscribe from the beginning), so all of
 * what the broker still holds counts. Offsets are decimal strings (int64 on the wire).
 */
export function partitionLags(
  offsets: readonly PartitionOffsets[],
  committed: readonly { readonly partition: number; readonly offset: string }[],
): { partition: number; lag: number }[] {
  const committedBy = new Map(committed.map((entry) => [entry.partition, BigInt(entry.offset)]));
  return offsets.map(({ partition, high, low }) => {
    const done = committedBy.get(partition) ?? -1n;
    const from = done < 0n ? BigInt(low) : done;
    const lag = BigInt(high) - from;
    return { partition, lag: lag > 0n ? Number(lag) : 0 };
  });
}

/**
 * Reads consumer lag through the admin client when asked (on a scrape), but at most once per
 * `minIntervalMs` however often it is asked, and never two reads at once: a busy Prometheus, or
 * several, cannot turn into load on the broker. A read that fails or is slow leaves the last
 * values in place.
 */
export class ConsumerLagMonitor {
  private readonly log = new Logger(ConsumerLagMonitor.name);
  private readonly groups = new Map<string, readonly TopicName[]>();
  private last: readonly PartitionLag[] = [];
  private readAt = Number.NEGATIVE_INFINITY;
  private reading?: Promise<void>;

  constructor(
    private readonly admin: Admin,
    private readonly topicPrefix: string,
    private readonly minIntervalMs: number,
    private readonly waitMs = 2_000,
    private readonly now: () => number = Date.now,
  ) {}

  watch(consumerGroup: string, topics: readonly TopicName[]): void {
    this.groups.set(consumerGroup, topics);
  }

  async current(): Promise<readonly PartitionLag[]> {
    if (this.groups.size === 0) return [];
    if (!this.reading && this.now() - this.readAt >= this.minIntervalMs) {
      this.readAt = this.now();
      this.reading = this.read()
        .then((lags) => void (this.last = lags))
        .catch((error: unknown) =>
          this.log.warn(
            `reading consumer lag failed: ${error instanceof Error ? error.message : String(error)}`,
          ),
        )
        .finally(() => (this.reading = undefined));
    }
    if (this.reading) await Promise.race([this.reading, sleep(this.waitMs)]);
    return this.last;
  }

  private async read(): Promise<PartitionLag[]> {
    const lags: PartitionLag[] = [];
    for (const [consumerGroup, topics] of this.groups) {
      const physical = topics.map((topic) => physicalTopic(topic, this.topicPrefix));
      const committed = await this.admin.fetchOffsets({ groupId: consumerGroup, topics: physical });
      for (const [index, topic] of topics.entries()) {
        const offsets = await this.admin.fetchTopicOffsets(physical[index]!);
        const partitions =
          committed.find((entry) => entry.topic === physical[index])?.partitions ?? [];
        for (const { partition, lag } of partitionLags(offsets, partitions))
          lags.push({ consumerGroup, topic, partition, lag });
      }
    }
    return lags;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
