import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createAdapters, eventsForScan } from '@schematrace/adapters';
import { CONTRACT_VERSION, type LedgerMigration, type SchemaEvent } from '@schematrace/contracts';
import { findMigrations } from '../scanning/find-migrations';
import { readGitHistory, type FileHistory } from '../scanning/git-history';

export interface LocalHistory {
  readonly project: string;
  readonly root: string;
  readonly files: number;
  readonly events: readonly SchemaEvent[];
}

/**
 * The history a scan of `dir` would record, computed in-process: every migration file found,
 * with its git facts, parsed by the same adapters and the same migrations-to-events step the
 * parser service runs. Nothing is sent anywhere.
 */
export async function readLocalHistory(
  dir: string,
  options: { git: boolean; now?: Date } = { git: true },
): Promise<LocalHistory> {
  const root = path.resolve(dir);
  const adapters = await createAdapters();
  const files = await findMigrations(root, adapters);
  const git = options.git
    ? await readGitHistory(
        root,
        files.map((file) => file.path),
      )
    : new Map<string, FileHistory>();
  const migrations: LedgerMigration[] = files.map((file) => {
    const history = git.get(file.path);
    return {
      path: file.path,
      checksum: file.checksum,
      change: 'new',
      content: file.content,
      framework: file.framework,
      ...(history ? { git: history.added } : {}),
    };
  });
  const project = path.basename(root);
  const events = eventsForScan(
    {
      contractVersion: CONTRACT_VERSION,
      scanId: randomUUID(),
      project,
      scannedAt: (options.now ?? new Date()).toISOString(),
      migrations,
    },
    adapters,
  );
  return { project, root, files: files.length, events };
}
