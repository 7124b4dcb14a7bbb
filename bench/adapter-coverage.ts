import path from 'node:path';
import { parseArgs } from 'node:util';
import { createAdapters, type MigrationSource, type ParsedMigration } from '@schematrace/adapters';
import type { EventDraft } from '@schematrace/contracts';
import { findMigrations } from '../apps/cli/src/scanning/find-migrations';

/**
 * How much of a real repository's migration history the adapters understand.
 *
 *   npm run coverage:adapters -- <repository folder> [--format django|alembic|sql|prisma|rails]
 *
 * An operation is one entry of a migration (a Django operation, an `op.*` call, a Rails
 * statement, an SQL statement): the events an adapter emits for it share an `opIndex`. It is
 * recognised when at least one of its events is structured; it is missed when the adapter could
 * only keep it as `sql.executed`, and an unreadable file (`migration.unparsed`) counts as one
 * missed operation. The counts therefore rest on the adapter's own split of a file into
 * operations, which the golden fixtures pin down per format.
 *
 * Prints one JSON object per format on stdout: files, operations, recognised, the ratio, and the
 * most frequent reasons for what was missed with an example location.
 */

const OPAQUE = new Set<EventDraft['kind']>(['sql.executed', 'migration.unparsed']);
const LIFECYCLE = new Set<EventDraft['kind']>(['migration.added']);

interface MissedReason {
  readonly reason: string;
  count: number;
  readonly example: string;
}

interface FormatCoverage {
  readonly format: string;
  readonly adapter: string;
  readonly files: number;
  readonly operations: number;
  readonly recognised: number;
  readonly recognisedPercent: number;
  readonly missed: readonly MissedReason[];
}

function missedReason(event: EventDraft): string {
  if (event.kind === 'migration.unparsed')
    return `unparsed: ${event.payload.reason.replace(/^line \d+: /, '')}`;
  if (event.kind === 'sql.executed') {
    if (event.payload.reason) return event.payload.reason.replace(/^line \d+: /, '');
    // The statement's leading keywords name what it is (SET lock_timeout, CREATE FUNCTION, ...).
    const words = event.payload.statement.trim().split(/\s+/).slice(0, 3).join(' ');
    return `opaque SQL: ${words.replace(/[;(].*$/, '')}`;
  }
  return event.kind;
}

function lineOf(event: EventDraft): number | undefined {
  const payload = event.payload as { line?: number; context?: { line?: number } };
  return payload.line ?? payload.context?.line;
}

function coverageOf(migrations: readonly ParsedMigration[]): {
  operations: number;
  recognised: number;
  missed: MissedReason[];
} {
  let operations = 0;
  let recognised = 0;
  const missed = new Map<string, MissedReason>();
  for (const migration of migrations) {
    const byOperation = new Map<number, EventDraft[]>();
    for (const event of migration.events) {
      if (LIFECYCLE.has(event.kind)) continue;
      const group = byOperation.get(event.opIndex) ?? [];
      group.push(event);
      byOperation.set(event.opIndex, group);
    }
    for (const events of byOperation.values()) {
      operations++;
      if (events.some((event) => !OPAQUE.has(event.kind))) {
        recognised++;
        continue;
      }
      const first = events[0]!;
      const reason = missedReason(first);
      const line = lineOf(first);
      const entry = missed.get(reason) ?? {
        reason,
        count: 0,
        example: line ? `${migration.source.path}:${line}` : migration.source.path,
      };
      entry.count++;
      missed.set(reason, entry);
    }
  }
  return {
    operations,
    recognised,
    missed: [...missed.values()].sort((a, b) => b.count - a.count),
  };
}

async function main(): Promise<void> {
  let parsed: { values: { format?: string }; positionals: string[] } | undefined;
  try {
    parsed = parseArgs({ options: { format: { type: 'string' } }, allowPositionals: true });
  } catch {
    parsed = undefined;
  }
  const onlyFormat = parsed?.values.format;
  const root = parsed?.positionals.length === 1 ? parsed.positionals[0] : undefined;
  if (!root) {
    process.stderr.write('usage: adapter-coverage <repository folder> [--format <format>]\n');
    process.exitCode = 2;
    return;
  }
  const adapters = await createAdapters();
  const files = await findMigrations(path.resolve(root), adapters);
  for (const adapter of adapters) {
    if (onlyFormat && adapter.framework !== onlyFormat) continue;
    const sources: MigrationSource[] = files
      .filter((file) => file.framework === adapter.framework)
      .map(({ path: filePath, content, checksum }) => ({ path: filePath, content, checksum }));
    if (sources.length === 0) continue;
    const project = adapter.parseProject(sources);
    const { operations, recognised, missed } = coverageOf(project.migrations);
    const result: FormatCoverage = {
      format: adapter.framework,
      adapter: `${adapter.name}@${adapter.version}`,
      files: project.migrations.length,
      operations,
      recognised,
      recognisedPercent:
        operations === 0 ? 100 : Number(((100 * recognised) / operations).toFixed(2)),
      missed: missed.slice(0, 25),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
