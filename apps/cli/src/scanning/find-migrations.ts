import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ScannedFile } from '@schematrace/contracts';
import type { MigrationAdapter } from '@schematrace/adapters';

/** Folders that never hold a project's own migrations, and can be huge. */
const SKIPPED = new Set([
  '.git',
  'node_modules',
  '.venv',
  'venv',
  '__pycache__',
  'dist',
  'build',
  '.tox',
  'site-packages',
]);
const MAX_FILE_BYTES = 4 * 1024 * 1024;

/**
 * Walks a folder and keeps the files some adapter recognises as a migration, with paths
 * relative to the folder (forward slashes) and their sha256, in a stable order.
 */
export async function findMigrations(
  root: string,
  adapters: readonly MigrationAdapter[],
): Promise<ScannedFile[]> {
  const found: ScannedFile[] = [];
  for (const file of await walk(root)) {
    const info = await stat(file);
    if (info.size > MAX_FILE_BYTES) continue;
    const content = await readFile(file, 'utf8');
    const relative = path.relative(root, file).split(path.sep).join('/');
    const adapter = adapters.find((candidate) => candidate.detect({ path: relative, content }));
    if (!adapter) continue;
    found.push({
      path: relative,
      content,
      checksum: createHash('sha256').update(content, 'utf8').digest('hex'),
      framework: adapter.framework,
    });
  }
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

async function walk(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    if (SKIPPED.has(entry.name)) continue;
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(full)));
    else if (entry.isFile()) files.push(full);
  }
  return files;
}
