import { z } from 'zod';
import { ScannedFile } from '../messages/scan.message';

/** Body of `POST /v1/projects/{project}/scans`. */
export const SubmitScanRequest = z.object({
  client: z
    .object({ name: z.string().min(1), version: z.string().min(1) })
    .default({ name: 'api', version: '1' }),
  files: z.array(ScannedFile).min(1, 'a scan needs at least one migration file'),
});
export type SubmitScanRequest = z.infer<typeof SubmitScanRequest>;

export const SubmitScanResponse = z.object({
  scanId: z.string(),
  project: z.string(),
  files: z.number().int(),
  parts: z.number().int(),
  status: z.literal('accepted'),
});
export type SubmitScanResponse = z.infer<typeof SubmitScanResponse>;

/** Project keys appear in topic keys, URLs and ids: keep them to a safe alphabet. */
export const ProjectKey = z
  .string()
  .min(1)
  .max(100)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'letters, digits, dot, dash and underscore, starting with a letter or digit',
  );

/**
 * `GET /v1/projects/{project}/scans/{scanId}`: accepted (published, not yet ingested), ingested
 * (ledger compared; events on their way) or projected (every event of the scan is queryable).
 */
export const ScanStatusResponse = z.object({
  scanId: z.string(),
  project: z.string(),
  /**
   * accepted: published, not yet ingested; ingested: compared with the ledger, events on their
   * way; parsed: the parser has emitted the scan's events (their count is known) and the
   * projector is recording them; projected: every event of the scan is queryable.
   */
  status: z.enum(['accepted', 'ingested', 'parsed', 'projected']),
  migrations: z
    .object({
      new: z.number().int(),
      modified: z.number().int(),
      removed: z.number().int(),
      unchanged: z.number().int(),
    })
    .optional(),
  events: z.object({ expected: z.number().int().optional(), projected: z.number().int() }),
  lastSequence: z.number().int().optional(),
  /** Files of the scan that could not be read, with why (their events say so too). */
  failures: z.array(z.object({ path: z.string(), reason: z.string() })).default([]),
});
export type ScanStatusResponse = z.infer<typeof ScanStatusResponse>;

export const CreateProjectRequest = z.object({
  key: ProjectKey,
  description: z.string().max(2000).nullable().optional(),
});
export const UpdateProjectRequest = z.object({ description: z.string().max(2000).nullable() });

export const ProjectView = z.object({
  id: z.number().int(),
  key: z.string(),
  description: z.string().nullable(),
  createdAt: z.string(),
  /** Events recorded so far (the last sequence number). */
  events: z.number().int().nonnegative(),
});
export type ProjectView = z.infer<typeof ProjectView>;
