import { JobName, QueueName, type RiskRecomputeJob, type RiskRecomputeReason } from './jobs';

/**
 * The options of one enqueued job, shaped as BullMQ's `JobsOptions` (a structural subset, so
 * this library needs no BullMQ import).
 */
export interface JobRequestOptions {
  readonly delay?: number;
  readonly attempts: number;
  readonly backoff: { readonly type: 'exponential'; readonly delay: number };
  readonly deduplication?: { readonly id: string; readonly keepLastIfActive?: boolean };
  readonly removeOnComplete: { readonly age: number; readonly count: number };
  /** Dead jobs stay for operators (Bull Board); bounded so the set cannot grow forever. */
  readonly removeOnFail: { readonly age: number; readonly count: number };
}

/** Everything a producer passes to `queue.add`, decided in one place for every producer. */
export interface JobRequest<D> {
  readonly queue: QueueName;
  readonly name: JobName;
  readonly data: D;
  readonly opts: JobRequestOptions;
}

export interface RetryPolicy {
  readonly attempts: number;
  /** First retry after this many ms, then doubling. */
  readonly backoffMs: number;
}

/** How long a burst of triggers for one project is gathered into one recompute. */
export const RISK_RECOMPUTE_DEBOUNCE_MS = 2_000;
export const DEFAULT_JOB_RETRY: RetryPolicy = { attempts: 5, backoffMs: 2_000 };

const DAY_S = 24 * 60 * 60;

/**
 * The deterministic key of a project's pending recompute. While a run is pending, more
 * triggers fold into it; while one runs, the latest trigger is kept and enqueued as soon as the
 * running one finishes (BullMQ deduplication with `keepLastIfActive`), so a trigger is never
 * lost and at most one run per project is pending.
 */
export function riskRecomputeKey(project: string): string {
  return `${JobName.riskRecompute}:${project}`;
}

export function riskRecomputeRequest(
  project: string,
  reason: RiskRecomputeReason,
  options: { readonly delayMs?: number; readonly retry?: RetryPolicy } = {},
): JobRequest<RiskRecomputeJob> {
  const retry = options.retry ?? DEFAULT_JOB_RETRY;
  return {
    queue: QueueName.risk,
    name: JobName.riskRecompute,
    data: { project, reason },
    opts: {
      delay: options.delayMs ?? RISK_RECOMPUTE_DEBOUNCE_MS,
      attempts: retry.attempts,
      backoff: { type: 'exponential', delay: retry.backoffMs },
      deduplication: { id: riskRecomputeKey(project), keepLastIfActive: true },
      removeOnComplete: { age: DAY_S, count: 1_000 },
      removeOnFail: { age: 14 * DAY_S, count: 10_000 },
    },
  };
}

/** One on-demand snapshot per project pending at a time: repeated requests fold into it. */
export function snapshotTakeRequest(
  project: string,
  options: { readonly retry?: RetryPolicy } = {},
): JobRequest<{ project: string; at: 'head' }> {
  const retry = options.retry ?? DEFAULT_JOB_RETRY;
  return {
    queue: QueueName.snapshots,
    name: JobName.snapshotTake,
    data: { project, at: 'head' },
    opts: {
      attempts: retry.attempts,
      backoff: { type: 'exponential', delay: retry.backoffMs },
      deduplication: { id: `${JobName.snapshotTake}:${project}`, keepLastIfActive: true },
      removeOnComplete: { age: DAY_S, count: 1_000 },
      removeOnFail: { age: 14 * DAY_S, count: 10_000 },
    },
  };
}
