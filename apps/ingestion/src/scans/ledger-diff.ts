import { createHash } from 'node:crypto';
import {
  Framework,
  type LedgerMigration as LedgerMigrationMessage,
  type ScannedFile,
} from '@schematrace/contracts';

/** What ingestion knows of one migration file from earlier scans. */
export interface KnownMigration {
  readonly path: string;
  readonly checksum: string;
  readonly content: string;
  readonly present: boolean;
  readonly framework?: string | null;
}

export interface LedgerDiff {
  readonly migrations: LedgerMigrationMessage[];
  readonly counts: { new: number; modified: number; removed: number; unchanged: number };
  readonly changed: boolean;
}

export function checksumOf(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

/** Files whose stated checksum does not match their content (a corrupted or tampered upload). */
export function checksumMismatches(files: readonly ScannedFile[]): string[] {
  return files
    .filter((file) => checksumOf(file.content) !== file.checksum)
    .map((file) => file.path);
}

/**
 * Compares a complete scan with the ledger: each file is new, modified (same path, other
 * checksum), unchanged, or — for a ledger file the scan no longer has — removed. A file that was
 * removed and comes back counts as new.
 */
export function diffScanAgainstLedger(
  files: readonly ScannedFile[],
  ledger: readonly KnownMigration[],
): LedgerDiff {
  const known = new Map(ledger.map((migration) => [migration.path, migration]));
  const scanned = new Set(files.map((file) => file.path));
  const counts = { new: 0, modified: 0, removed: 0, unchanged: 0 };
  const migrations: LedgerMigrationMessage[] = [];

  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const previous = known.get(file.path);
    const base = {
      path: file.path,
      checksum: file.checksum,
      content: file.content,
      ...(file.framework ? { framework: file.framework } : {}),
      ...(file.git ? { git: file.git } : {}),
    };
    if (!previous || !previous.present) {
      counts.new++;
      migrations.push({ ...base, change: 'new' });
    } else if (previous.checksum !== file.checksum) {
      counts.modified++;
      migrations.push({ ...base, change: 'modified', previousChecksum: previous.checksum });
    } else {
      counts.unchanged++;
      migrations.push({ ...base, change: 'unchanged' });
    }
  }
  for (const migration of ledger) {
    if (migration.present && !scanned.has(migration.path)) {
      counts.removed++;
      const framework = Framework.safeParse(migration.framework);
      migrations.push({
        path: migration.path,
        checksum: migration.checksum,
        change: 'removed',
        ...(framework.success ? { framework: framework.data } : {}),
      });
    }
  }
  return { migrations, counts, changed: counts.new + counts.modified + counts.removed > 0 };
}
