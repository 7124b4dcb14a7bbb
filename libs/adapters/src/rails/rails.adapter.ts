import type { EventDraft } from '@schematrace/contracts';
import type {
  MigrationAdapter,
  MigrationSource,
  ParsedMigration,
  ParsedProject,
} from '../migration-adapter';
import { loadRubyParser, type RubyParser } from '../ruby/ruby-parser';
import { loadSqlParser, type SqlParser } from '../sql/sql-parser';
import { railsBehaviour } from './rails-compatibility';
import { MigrationEvents, type Transaction } from './rails-events';
import {
  hasMigrationClass,
  migrationPathParts,
  readMigrationFile,
  type MigrationFileReading,
  type RailsMigrationClass,
  type RailsMigrationPath,
} from './rails-migration-file';
import { SchemaOperations } from './rails-operations';
import { MigrationRunner } from './rails-runner';
import { RailsSchema } from './rails-schema';

export const RAILS_ADAPTER_NAME = 'rails';
export const RAILS_ADAPTER_VERSION = '1.1.0';

/**
 * The Rails (Active Record) adapter for PostgreSQL. Loading the Ruby grammar is asynchronous, so
 * the factory is; `detect` and `parseProject` are synchronous afterwards.
 */
export async function createRailsAdapter(): Promise<MigrationAdapter> {
  const [ruby, sql] = await Promise.all([loadRubyParser(), loadSqlParser()]);
  return new RailsAdapter(ruby, sql);
}

/** One scanned file, read. */
interface ReadMigration {
  readonly source: MigrationSource;
  readonly path: RailsMigrationPath;
  readonly reading: MigrationFileReading | { readonly kind: 'failed'; readonly message: string };
}

export class RailsAdapter implements MigrationAdapter {
  readonly framework = 'rails' as const;
  readonly name = RAILS_ADAPTER_NAME;
  readonly version = RAILS_ADAPTER_VERSION;

  constructor(
    private readonly parser: RubyParser,
    private readonly sqlParser: SqlParser,
  ) {}

  detect(source: Pick<MigrationSource, 'path' | 'content'>): boolean {
    if (!migrationPathParts(source.path)) return false;
    try {
      return hasMigrationClass(this.parser, source.content);
    } catch {
      return false;
    }
  }

  /**
   * Rails runs the migrations of a scan in version order (whatever folder holds them); the
   * schema state follows that order. A second file with a version its folder already has is
   * refused by Rails: it yields only `migration.unparsed`.
   */
  parseProject(sources: readonly MigrationSource[]): ParsedProject {
    const read: ReadMigration[] = [];
    for (const source of sources) {
      const path = migrationPathParts(source.path);
      if (path) read.push({ source, path, reading: this.read(source) });
    }
    read.sort(applyOrder);
    const schema = new RailsSchema();
    const versions = new Map<string, ReadMigration>();
    const migrations: ParsedMigration[] = [];
    for (const migration of read) {
      const key = `${migration.path.app}\u0000${BigInt(migration.path.version)}`;
      const first = versions.get(key);
      if (first) {
        const reason = `${migration.source.path}: duplicate migration version ${migration.path.version} (also ${first.source.path})`;
        migrations.push(this.parsed(migration, [unparsed(reason)]));
        continue;
      }
      versions.set(key, migration);
      migrations.push(this.parsed(migration, this.events(migration, schema)));
    }
    return { framework: this.framework, migrations };
  }

  private read(source: MigrationSource): ReadMigration['reading'] {
    try {
      return readMigrationFile(this.parser, source.content);
    } catch (error: unknown) {
      return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
  }

  private events(migration: ReadMigration, schema: RailsSchema): EventDraft[] {
    const { reading, source } = migration;
    switch (reading.kind) {
      case 'failed':
        return [unparsed(`${source.path}: could not be read: ${reading.message}`)];
      case 'no-migration-class':
        return [unparsed(`${source.path}: no class inheriting ActiveRecord::Migration found`)];
      case 'syntax-error':
        return [
          unparsed(
            `${source.path}: line ${reading.error.line}: syntax error, ${reading.error.description}`,
            reading.error.line,
          ),
        ];
      case 'migration':
        break;
    }
    const migrationClass = reading.migration;
    const events = new MigrationEvents(transactionOf(migrationClass));
    const entry = entryPoint(migrationClass);
    if (!entry) return [];
    const operations = new SchemaOperations(schema, railsBehaviour(migrationClass.version));
    try {
      new MigrationRunner(events, {
        operations,
        methods: migrationClass.methods,
        sqlParser: this.sqlParser,
      }).run(entry.body);
    } catch (error: unknown) {
      const message = error instanceof Error ? error.message : String(error);
      events
        .operation(entry.line)
        .unparsed(`line ${entry.line}: could not interpret ${entry.name}: ${message}`, entry.line);
    }
    return events.drafts;
  }

  private parsed(migration: ReadMigration, events: EventDraft[]): ParsedMigration {
    const timestamp = timestampFromVersion(migration.path.version);
    return {
      source: migration.source,
      framework: this.framework,
      app: migration.path.app,
      name: migration.path.name,
      events,
      ...(timestamp ? { timestampFromName: timestamp } : {}),
    };
  }
}

/** Version order (numerically, as Rails compares them), then path for a stable order. */
function applyOrder(a: ReadMigration, b: ReadMigration): number {
  const [va, vb] = [BigInt(a.path.version), BigInt(b.path.version)];
  if (va !== vb) return va < vb ? -1 : 1;
  return a.source.path < b.source.path ? -1 : a.source.path > b.source.path ? 1 : 0;
}

/**
 * What Rails runs when migrating up: `change` if the class defines it, else `up` (also the
 * Rails 2/3 class method `self.up`). `down` never runs when migrating up.
 */
function entryPoint(migration: RailsMigrationClass) {
  return (
    migration.methods.get('change') ??
    migration.methods.get('up') ??
    migration.classMethods.get('up') ??
    migration.classMethods.get('change')
  );
}

/** `disable_ddl_transaction!` runs the migration outside the transaction Rails wraps it in. */
function transactionOf(migration: RailsMigrationClass): Transaction {
  return migration.disableDdlTransaction
    ? { inTransaction: false, transactionSource: 'opt-out' }
    : { inTransaction: true, transactionSource: 'framework-default' };
}

function unparsed(reason: string, line?: number): EventDraft {
  return {
    kind: 'migration.unparsed',
    payload: { reason, ...(line ? { line } : {}) },
    opIndex: 0,
    subIndex: 0,
  };
}

/** `20240115093000` → `2024-01-15T09:30:00Z`: Rails' generator writes versions in UTC. */
export function timestampFromVersion(version: string): string | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(version);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match;
  const iso = `${year}-${month}-${day}T${hour}:${minute}:${second}Z`;
  const parsed = new Date(iso);
  // Reject dates that JavaScript would roll over (2024-02-30 → March 1st).
  return Number.isNaN(parsed.getTime()) || parsed.toISOString() !== iso.replace('Z', '.000Z')
    ? undefined
    : iso;
}
