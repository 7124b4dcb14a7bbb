import { CONTRACT_VERSION } from './version';

/** Logical topic names; the physical name adds the optional prefix and the contract version. */
export const TopicName = {
  scans: 'scans',
  migrations: 'migrations',
  schemaEvents: 'schema-events',
  deadLetter: 'dead-letter',
} as const;
export type TopicName = (typeof TopicName)[keyof typeof TopicName];

export interface TopicSpec {
  readonly name: TopicName;
  readonly partitions: number;
  /** Milliseconds; -1 keeps messages forever. */
  readonly retentionMs: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Partitions are keyed by project, so one project's messages stay ordered. Six partitions let
 * up to six instances of a consumer share the work; raise with care (it reshuffles projects).
 */
export const TOPIC_SPECS: readonly TopicSpec[] = [
  // Scans and migrations are work queues: once processed, their facts live downstream.
  { name: TopicName.scans, partitions: 6, retentionMs: 7 * DAY_MS },
  { name: TopicName.migrations, partitions: 6, retentionMs: 7 * DAY_MS },
  // The event store and source of truth: every read model is rebuilt from it.
  { name: TopicName.schemaEvents, partitions: 6, retentionMs: -1 },
  // Kept long enough for an operator to inspect and retry.
  { name: TopicName.deadLetter, partitions: 1, retentionMs: 30 * DAY_MS },
];

/** `schematrace.<name>.v1`, with an optional prefix that isolates test runs and tenants. */
export function physicalTopic(name: TopicName, prefix = ''): string {
  return `${prefix}schematrace.${name}.v${CONTRACT_VERSION}`;
}

export function logicalTopic(physical: string, prefix = ''): TopicName | undefined {
  return Object.values(TopicName).find((name) => physicalTopic(name, prefix) === physical);
}
