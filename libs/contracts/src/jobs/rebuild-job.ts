import { z } from 'zod';

/**
 * Rebuilding the read models by replaying `schema-events` is the projector's job (it owns the
 * read models), not the worker's: its queue is apart from the worker's catalogue.
 */
export const REBUILD_QUEUE = 'rebuilds';
export const REBUILD_JOB = 'readmodels.rebuild';

export const RebuildJob = z.object({
  /** One project; every project when absent. */
  project: z.string().min(1).optional(),
  /** Compare the rebuilt copy with the live read models; switch nothing. */
  dryRun: z.boolean().default(false),
});
export type RebuildJob = z.infer<typeof RebuildJob>;

export const RebuildRequest = RebuildJob;

export const RebuildComparison = z.object({
  project: z.string(),
  differences: z.record(z.string(), z.number().int()),
  equal: z.boolean(),
});

export const RebuildStatusResponse = z.object({
  id: z.string(),
  state: z.enum(['waiting', 'active', 'completed', 'failed', 'delayed', 'unknown']),
  request: RebuildJob,
  /** When completed: the copy against the live read models before and after the switch. */
  report: z
    .object({
      events: z.number().int(),
      before: z.array(RebuildComparison),
      after: z.array(RebuildComparison),
      switched: z.array(z.string()),
    })
    .optional(),
  failedReason: z.string().optional(),
});
export type RebuildStatusResponse = z.infer<typeof RebuildStatusResponse>;
