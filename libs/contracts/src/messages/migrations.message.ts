import { z } from 'zod';
import { CONTRACT_VERSION } from '../version';
import { Framework, GitFacts } from '../events/schema-event';

export const MigrationChange = z.enum(['new', 'modified', 'removed', 'unchanged']);
export type MigrationChange = z.infer<typeof MigrationChange>;

export const LedgerMigration = z.object({
  path: z.string().min(1),
  checksum: z.string().min(1),
  change: MigrationChange,
  previousChecksum: z.string().optional(),
  /** Absent for removed files. Unchanged files carry it too: adapters replay them for context. */
  content: z.string().optional(),
  framework: Framework.optional(),
  git: GitFacts.optional(),
});
export type LedgerMigration = z.infer<typeof LedgerMigration>;

/**
 * Ingestion's output: one message per scan that changed anything, holding the project's whole
 * migration set so the parser can order new files by the framework's dependency graph.
 */
export const MigrationsMessage = z.object({
  contractVersion: z.literal(CONTRACT_VERSION),
  scanId: z.string().min(1),
  project: z.string().min(1),
  scannedAt: z.iso.datetime({ offset: true }),
  migrations: z.array(LedgerMigration),
});
export type MigrationsMessage = z.infer<typeof MigrationsMessage>;
