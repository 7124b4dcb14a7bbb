import { z } from 'zod';

/** BullMQ queues; the physical Redis keys add the configured prefix (REDIS_PREFIX). */
export const QueueName = {
  risk: 'risk',
  snapshots: 'snapshots',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

/** Every job the worker handles, by name; each name belongs to one queue and one payload schema. */
export const JobName = {
  riskRecompute: 'risk.recompute',
  snapshotSweep: 'snapshots.sweep',
  snapshotTake: 'snapshots.take',
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

/** Why a project's findings are recomputed: new events, a changed policy, or a new rule set. */
export const RiskRecomputeReason = z.enum(['events', 'policy', 'rule-set']);
export type RiskRecomputeReason = z.infer<typeof RiskRecomputeReason>;

export const RiskRecomputeJob = z.object({
  project: z.string().min(1),
  reason: RiskRecomputeReason,
});
export type RiskRecomputeJob = z.infer<typeof RiskRecomputeJob>;

/** Stores one project's schema as a snapshot now (on demand), whatever the snapshot interval. */
export const SnapshotTakeJob = z.object({
  project: z.string().min(1),
  at: z.literal('head').default('head'),
});
export type SnapshotTakeJob = z.infer<typeof SnapshotTakeJob>;
export type SnapshotTakeJobInput = z.input<typeof SnapshotTakeJob>;

/** The periodic sweep: every project past a snapshot boundary (or only `project`). */
export const SnapshotSweepJob = z.object({ project: z.string().min(1).optional() });
export type SnapshotSweepJob = z.infer<typeof SnapshotSweepJob>;

/** Job name → queue and payload schema: the worker fails at boot if a name has no handler. */
export const JOB_CONTRACTS = {
  [JobName.riskRecompute]: { queue: QueueName.risk, payload: RiskRecomputeJob },
  [JobName.snapshotSweep]: { queue: QueueName.snapshots, payload: SnapshotSweepJob },
  [JobName.snapshotTake]: { queue: QueueName.snapshots, payload: SnapshotTakeJob },
} as const satisfies Record<JobName, { queue: QueueName; payload: z.ZodType }>;

export type JobPayload<N extends JobName> = z.output<(typeof JOB_CONTRACTS)[N]['payload']>;
