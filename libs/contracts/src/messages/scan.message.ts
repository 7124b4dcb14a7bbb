import { z } from 'zod';
import { CONTRACT_VERSION } from '../version';
import { Framework, GitFacts } from '../events/schema-event';

/** One migration file as a producer client read it from disk. */
export const ScannedFile = z.object({
  /** Path relative to the scanned root, with forward slashes. */
  path: z.string().min(1),
  content: z.string(),
  /** sha256 of the content, hex; ingestion recomputes and rejects a mismatch. */
  checksum: z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex sha256'),
  /** Set when the client detected the format; otherwise the parser detects it. */
  framework: Framework.optional(),
  git: GitFacts.optional(),
  /** The file changed in git after the commit that added it. */
  modifiedSinceAdded: z.boolean().optional(),
});
export type ScannedFile = z.infer<typeof ScannedFile>;

/**
 * A producer's scan of one project's migrations. A large scan is split into parts that share a
 * scan id; ingestion acts once it holds every part, so a part stays well under the broker limit.
 */
export const ScanMessage = z.object({
  contractVersion: z.literal(CONTRACT_VERSION),
  scanId: z.string().min(1),
  project: z.string().min(1),
  submittedAt: z.iso.datetime({ offset: true }),
  client: z.object({ name: z.string(), version: z.string() }),
  part: z
    .object({ index: z.number().int().nonnegative(), count: z.number().int().positive() })
    .refine((part) => part.index < part.count, 'part.index must be below part.count'),
  files: z.array(ScannedFile),
});
export type ScanMessage = z.infer<typeof ScanMessage>;
