import { z } from 'zod';
import { CONTRACT_VERSION } from '../version';

/** A message a consumer could not process, kept whole with the reason, for inspection and retry. */
export const DeadLetterMessage = z.object({
  contractVersion: z.literal(CONTRACT_VERSION),
  sourceTopic: z.string(),
  partition: z.number().int().nonnegative(),
  offset: z.string(),
  key: z.string().nullable(),
  /** The original value, base64, since it may not even be UTF-8. */
  valueBase64: z.string(),
  headers: z.record(z.string(), z.string()),
  consumerGroup: z.string(),
  reason: z.string().min(1),
  /** Validation issues: the field path and what was wrong, where the failure was a contract one. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).default([]),
  failedAt: z.iso.datetime({ offset: true }),
});
export type DeadLetterMessage = z.infer<typeof DeadLetterMessage>;
