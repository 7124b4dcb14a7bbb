import path from 'node:path';
import { createAdapters, type MigrationAdapter } from '@schematrace/adapters';
import type { ScannedFile } from '@schematrace/contracts';
import { CliError } from '../api-client';
import { findMigrations } from './find-migrations';
import { readGitHistory } from './git-history';

export interface CollectOptions {
  /** `auto` (every adapter) or one framework's name. */
  readonly framework: string;
  /** Attach each file's git facts (the commit that added it, and whether it changed since). */
  readonly git: boolean;
}

/** The frameworks `--framework` accepts, as the adapters name them. */
export async function knownFrameworks(): Promise<string[]> {
  return [...new Set((await createAdapters()).map((adapter) => adapter.framework))].sort();
}

/**
 * Every migration file under `dir` that the chosen adapters recognise, with its checksum and,
 * inside a git work tree, the commit that added it and whether a later commit edited it.
 */
export async function collectScan(dir: string, options: CollectOptions): Promise<ScannedFile[]> {
  const root = path.resolve(dir);
  const adapters = selectAdapters(await createAdapters(), options.framework);
  const files = await findMigrations(root, adapters);
  if (!options.git) return files;
  const histories = await readGitHistory(
    root,
    files.map((file) => file.path),
  );
  return files.map((file) => {
    const history = histories.get(file.path);
    return history
      ? { ...file, git: history.added, modifiedSinceAdded: history.modifiedSince }
      : file;
  });
}

function selectAdapters(
  adapters: readonly MigrationAdapter[],
  framework: string,
): readonly MigrationAdapter[] {
  if (framework === 'auto') return adapters;
  const chosen = adapters.filter((adapter) => adapter.framework === framework);
  if (chosen.length === 0)
    throw new CliError(
      `--framework must be auto or one of ${[...new Set(adapters.map((adapter) => adapter.framework))].sort().join(', ')}, not "${framework}"`,
      2,
    );
  return chosen;
}
