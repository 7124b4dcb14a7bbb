import type { EventDraft } from '@schematrace/contracts';
import type {
  MigrationAdapter,
  MigrationSource,
  ParsedMigration,
  ParsedProject,
} from '../migration-adapter';
import {
  compareMigrationFiles,
  dbmateUpSection,
  prismaMigrationFile,
  rollbackFile,
  rollbackKey,
  sameStep,
  sqlMigrationFile,
  type SqlMigrationFile,
} from './sql-layouts';
import { loadSqlParser, type SqlParse, type SqlParser } from './sql-parser';
import { eventsOfParsedSql, mustRunOutsideTransaction, type Transaction } from './sql-statements';
import { TransactionTracker } from './sql-transactions';

export const SQL_ADAPTER_NAME = 'sql';
export const PRISMA_ADAPTER_NAME = 'prisma';
export const SQL_ADAPTER_VERSION = '1.1.0';
export const PRISMA_ADAPTER_VERSION = '1.1.0';

/**
 * Plain SQL migrations: Flyway, golang-migrate, dbmate and numbered files (framework `sql`).
 * Loading PostgreSQL's parser is asynchronous, so the factory is; `detect` and `parseProject`
 * are synchronous afterwards.
 */
export async function createSqlAdapter(): Promise<MigrationAdapter> {
  return new SqlMigrationAdapter('sql', await loadSqlParser());
}

/** Prisma Migrate's `migrations/<timestamp>_<name>/migration.sql` (framework `prisma`). */
export async function createPrismaAdapter(): Promise<MigrationAdapter> {
  return new SqlMigrationAdapter('prisma', await loadSqlParser());
}

interface LaidOutSource {
  readonly source: MigrationSource;
  readonly file: SqlMigrationFile;
}

/** A migration's events with what the runner does with it. */
interface MigrationReading {
  readonly events: EventDraft[];
  readonly transactional?: boolean;
  readonly reversible?: boolean;
}

export class SqlMigrationAdapter implements MigrationAdapter {
  readonly name: string;
  readonly version: string;

  constructor(
    readonly framework: 'sql' | 'prisma',
    private readonly parser: SqlParser,
  ) {
    this.name = framework === 'sql' ? SQL_ADAPTER_NAME : PRISMA_ADAPTER_NAME;
    this.version = framework === 'sql' ? SQL_ADAPTER_VERSION : PRISMA_ADAPTER_VERSION;
  }

  detect(source: Pick<MigrationSource, 'path' | 'content'>): boolean {
    try {
      // A NUL byte means binary content behind a .sql name.
      if (source.content.includes('\u0000')) return false;
      // Rollback files are claimed so that they reach parseProject: they make a step reversible.
      return (
        this.fileOf(source) !== undefined ||
        (this.framework === 'sql' && rollbackFile(source.path) !== undefined)
      );
    } catch {
      return false;
    }
  }

  parseProject(sources: readonly MigrationSource[]): ParsedProject {
    const laidOut: LaidOutSource[] = [];
    const rollbacks = new Set<string>();
    for (const source of sources) {
      const rollback = this.framework === 'sql' ? rollbackFile(source.path) : undefined;
      if (rollback) {
        if (!source.content.includes('\u0000')) rollbacks.add(rollback.key);
        continue;
      }
      let file: SqlMigrationFile | undefined;
      try {
        file = this.fileOf(source);
      } catch {
        file = undefined;
      }
      if (file) laidOut.push({ source, file }); // else: not a migration of this format
    }
    laidOut.sort(
      (a, b) =>
        compareMigrationFiles(a.file, b.file) ||
        (a.source.path < b.source.path ? -1 : a.source.path > b.source.path ? 1 : 0),
    );
    const migrations = laidOut.map((entry, i) => {
      const earlier = laidOut.slice(0, i).find((other) => sameStep(other.file, entry.file));
      const reading: MigrationReading = earlier
        ? {
            events: [
              unparsed(
                `${entry.source.path}: duplicate ${stepName(entry.file)} (also ${earlier.source.path}); the runner refuses duplicates`,
              ),
            ],
          }
        : this.read(entry, rollbacks);
      return this.parsed(entry, reading);
    });
    return { framework: this.framework, migrations };
  }

  private fileOf(source: Pick<MigrationSource, 'path' | 'content'>) {
    return this.framework === 'prisma'
      ? prismaMigrationFile(source.path)
      : sqlMigrationFile(source.path, source.content);
  }

  private read({ source, file }: LaidOutSource, rollbacks: ReadonlySet<string>): MigrationReading {
    try {
      const dbmate = file.layout === 'dbmate' ? dbmateUpSection(source.content) : undefined;
      const reversible = this.reversible(file, rollbacks, dbmate?.down);
      const parsed = this.parser.parse(dbmate?.text ?? source.content);
      if (parsed.kind === 'syntax-error') {
        const { line, message } = parsed.error;
        return {
          events: [
            unparsed(
              line === undefined
                ? `${source.path}: ${message}`
                : `${source.path}: line ${line}: ${message}`,
              line,
            ),
          ],
          ...reversible,
        };
      }
      const transaction = runnerTransaction(file, parsed, dbmate?.transaction ?? true);
      const transactions = new TransactionTracker(transaction);
      const events = eventsOfParsedSql(parsed, { transaction, transactions });
      return {
        events,
        ...reversible,
        ...(file.layout === 'numbered'
          ? {}
          : { transactional: transaction.inTransaction && transactions.transactions <= 1 }),
      };
    } catch (error: unknown) {
      const message = error instanceof Error ? error.message : String(error);
      return { events: [unparsed(`${source.path}: could not be read: ${message}`)] };
    }
  }

  /**
   * Can the runner roll the step back: golang-migrate with its `.down.sql`, Flyway with an undo
   * `U<version>__` file, dbmate with a `-- migrate:down` section holding a statement. Prisma
   * Migrate has no down migrations; plain numbered files and Flyway repeatables: unknown.
   */
  private reversible(
    file: SqlMigrationFile,
    rollbacks: ReadonlySet<string>,
    dbmateDown: string | undefined,
  ): { reversible?: boolean } {
    switch (file.layout) {
      case 'prisma':
        return { reversible: false };
      case 'dbmate': {
        const down = this.parser.parse(dbmateDown ?? '');
        // A down section PostgreSQL refuses still says the author meant to undo the step.
        return { reversible: down.kind === 'syntax-error' || down.statements.length > 0 };
      }
      case 'numbered':
        return {};
      default: {
        const key = rollbackKey(file);
        return key === undefined ? {} : { reversible: rollbacks.has(key) };
      }
    }
  }

  private parsed({ source, file }: LaidOutSource, reading: MigrationReading): ParsedMigration {
    return {
      source,
      framework: this.framework,
      app: file.app,
      name: file.name,
      events: reading.events,
      ...(file.timestampFromName ? { timestampFromName: file.timestampFromName } : {}),
      ...(reading.reversible === undefined ? {} : { reversible: reading.reversible }),
      ...(reading.transactional === undefined ? {} : { transactional: reading.transactional }),
    };
  }
}

/**
 * How the runner executes a file whose own text says nothing (no BEGIN):
 *
 * - Flyway wraps each migration in a transaction, unless it holds a statement PostgreSQL refuses
 *   inside one (CREATE INDEX CONCURRENTLY, VACUUM, ...): Flyway detects those and runs the file
 *   without (mixing both kinds needs its `mixed` setting).
 * - golang-migrate and Prisma send the file as one multi-statement query, which PostgreSQL runs
 *   as one implicit transaction; a single statement runs on its own, outside any.
 * - dbmate opens a transaction unless the up marker says `transaction:false`.
 * - Plain numbered files: the runner is unknown (psql would run each statement on its own).
 */
export function runnerTransaction(
  file: SqlMigrationFile,
  parsed: Extract<SqlParse, { kind: 'parsed' }>,
  dbmateTransaction = true,
): Transaction {
  const statements = parsed.statements.flatMap((raw) => (raw.stmt ? [raw.stmt] : []));
  switch (file.layout) {
    case 'flyway':
      return {
        inTransaction: !statements.some(mustRunOutsideTransaction),
        transactionSource: 'framework-default',
      };
    case 'golang-migrate':
    case 'prisma':
      return { inTransaction: statements.length > 1, transactionSource: 'framework-default' };
    case 'dbmate':
      return dbmateTransaction
        ? { inTransaction: true, transactionSource: 'framework-default' }
        : { inTransaction: false, transactionSource: 'opt-out' };
    case 'numbered':
      return { inTransaction: false, transactionSource: 'unknown' };
  }
}

function stepName(file: SqlMigrationFile): string {
  return file.repeatable
    ? `repeatable migration "${file.repeatable.description}"`
    : `version ${file.version.join('.')}`;
}

function unparsed(reason: string, line?: number): EventDraft {
  return {
    kind: 'migration.unparsed',
    payload: { reason, ...(line ? { line } : {}) },
    opIndex: 0,
    subIndex: 0,
  };
}
