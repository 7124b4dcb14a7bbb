import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { MigrationSource } from '../migration-adapter';

const FIXTURES = path.resolve(__dirname, '../../test-fixtures');

/** Every file of a fixture project, as a scan hands them to adapters (paths relative to it). */
export function fixtureSources(...segments: string[]): MigrationSource[] {
  const root = path.join(FIXTURES, ...segments);
  return walk(root)
    .sort()
    .map((file) =>
      sourceOf(path.relative(root, file).split(path.sep).join('/'), readFileSync(file, 'utf8')),
    );
}

/** An in-memory migration file, for specs that spell the Python inline. */
export function sourceOf(filePath: string, content: string): MigrationSource {
  return { path: filePath, content, checksum: createHash('sha256').update(content).digest('hex') };
}

function walk(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const full = path.join(directory, entry);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}
