import { EntitySchema } from '@mikro-orm/core';
import type { GitFacts } from '@schematrace/contracts';

/** Ingestion's record of one migration file of a project: the basis of idempotent re-scans. */
export interface LedgerMigration {
  project: string;
  path: string;
  checksum: string;
  content: string;
  framework: string | null;
  git: GitFacts | null;
  present: boolean;
  firstScanId: string;
  lastScanId: string;
  updatedAt: Date;
}

export const LedgerMigrationEntity = new EntitySchema<LedgerMigration>({
  name: 'LedgerMigration',
  tableName: 'migration_ledger',
  properties: {
    project: { type: 'string', length: 100, primary: true },
    path: { type: 'text', primary: true },
    checksum: { type: 'string', length: 64 },
    content: { type: 'text' },
    framework: { type: 'string', length: 20, nullable: true },
    git: { type: 'json', nullable: true },
    present: { type: 'boolean', default: true },
    firstScanId: { type: 'string', length: 64 },
    lastScanId: { type: 'string', length: 64 },
    updatedAt: { type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()' },
  },
});
