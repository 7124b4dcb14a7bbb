import type { EventDraft } from '@schematrace/contracts';
import type {
  MigrationAdapter,
  MigrationSource,
  ParsedMigration,
  ParsedProject,
} from '../migration-adapter';
import { loadPythonParser, type PythonParser } from '../python/python-parser';
import { loadSqlParser, type SqlParser } from '../sql/sql-parser';
import {
  asItems,
  asString,
  isCall,
  lastSegment,
  truthy,
  type PyValue,
} from '../python/python-value';
import { MigrationEvents, type Transaction } from './django-events';
import {
  migrationKey,
  planMigrations,
  type GraphMigration,
  type MigrationRef,
  type PlanEntry,
} from './django-graph';
import {
  hasMigrationClass,
  migrationPathParts,
  readMigrationFile,
  type MigrationClass,
  type MigrationFileReading,
} from './django-migration-file';
import { runOperation } from './django-operations';
import { DEFAULT_DJANGO_SETTINGS, ProjectState, type DjangoSettings } from './django-state';

export interface DjangoAdapterOptions extends Partial<DjangoSettings> {
  /** PostgreSQL's parser for `RunSQL` (loaded when absent; `createAdapters` shares one). */
  readonly sqlParser?: SqlParser;
}

export const DJANGO_ADAPTER_NAME = 'django';
export const DJANGO_ADAPTER_VERSION = '1.1.0';

/**
 * The Django adapter. Loading the Python grammar and PostgreSQL's parser (for `RunSQL`) is
 * asynchronous, so the factory is; `detect` and `parseProject` are synchronous afterwards.
 */
export async function createDjangoAdapter(
  options: DjangoAdapterOptions = {},
): Promise<MigrationAdapter> {
  const { sqlParser, ...settings } = options;
  const [python, sql] = await Promise.all([loadPythonParser(), sqlParser ?? loadSqlParser()]);
  return new DjangoAdapter(python, sql, { ...DEFAULT_DJANGO_SETTINGS, ...settings });
}

/** The events of one migration and what they tell about it as a whole. */
interface MigrationRun {
  readonly events: EventDraft[];
  /** Django can unapply it; undefined when unknown (unread steps, not run). */
  readonly reversible?: boolean;
  /** Django runs it in one transaction (no `atomic = False`); undefined when the class is unread. */
  readonly transactional?: boolean;
}

/** One scanned file, read. */
interface ReadMigration {
  readonly source: MigrationSource;
  readonly app: string;
  readonly name: string;
  readonly reading: MigrationFileReading | { readonly kind: 'failed'; readonly message: string };
  readonly graph: GraphMigration;
}

export class DjangoAdapter implements MigrationAdapter {
  readonly framework = 'django' as const;
  readonly name = DJANGO_ADAPTER_NAME;
  readonly version = DJANGO_ADAPTER_VERSION;

  constructor(
    private readonly parser: PythonParser,
    private readonly sqlParser: SqlParser,
    private readonly settings: DjangoSettings = DEFAULT_DJANGO_SETTINGS,
  ) {}

  detect(source: Pick<MigrationSource, 'path' | 'content'>): boolean {
    if (!migrationPathParts(source.path)) return false;
    try {
      return hasMigrationClass(this.parser, source.content);
    } catch {
      return false;
    }
  }

  parseProject(sources: readonly MigrationSource[]): ParsedProject {
    const read = new Map<string, ReadMigration>();
    const duplicates: ReadMigration[] = [];
    for (const source of [...sources].sort((a, b) =>
      a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
    )) {
      const parts = migrationPathParts(source.path);
      if (!parts) continue; // not a Django migration path: not ours
      const migration = this.read(source, parts.app, parts.name);
      const key = migrationKey(migration);
      if (read.has(key)) duplicates.push(migration);
      else read.set(key, migration);
    }
    const withImplicitOrder = implicitPredecessors([...read.values()]);
    const plan = planMigrations(withImplicitOrder.map((migration) => migration.graph));
    const state = new ProjectState(this.settings);
    const migrations: ParsedMigration[] = [];
    for (const entry of plan) {
      const migration = read.get(migrationKey(entry))!;
      migrations.push(this.parsed(migration, this.run(migration, entry, state)));
      for (const duplicate of duplicates.filter(
        (candidate) => migrationKey(candidate) === migrationKey(entry),
      )) {
        const reason = `${duplicate.source.path}: duplicate migration ${migrationKey(entry)} (also ${migration.source.path})`;
        migrations.push(this.parsed(duplicate, { events: [unparsed(reason)] }));
      }
    }
    return { framework: this.framework, migrations };
  }

  private read(source: MigrationSource, app: string, name: string): ReadMigration {
    let reading: ReadMigration['reading'];
    try {
      reading = readMigrationFile(this.parser, source.content);
    } catch (error: unknown) {
      reading = { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
    const attributes =
      reading.kind === 'migration'
        ? reading.migration.attributes
        : reading.kind === 'syntax-error'
          ? reading.partial?.attributes
          : undefined;
    const graph: GraphMigration = {
      app,
      name,
      dependencies: references(attributes?.get('dependencies'), this.settings),
      runBefore: references(attributes?.get('run_before'), this.settings),
      replaces: references(attributes?.get('replaces'), this.settings),
    };
    return { source, app, name, reading, graph };
  }

  private run(migration: ReadMigration, entry: PlanEntry, state: ProjectState): MigrationRun {
    const { reading, source } = migration;
    switch (reading.kind) {
      case 'failed':
        return { events: [unparsed(`${source.path}: could not be read: ${reading.message}`)] };
      case 'no-migration-class':
        return {
          events: [unparsed(`${source.path}: no class Migration(migrations.Migration) found`)],
        };
      case 'syntax-error':
        return {
          events: [
            unparsed(
              `${source.path}: line ${reading.error.line}: syntax error, ${reading.error.description}`,
              reading.error.line,
            ),
          ],
        };
      case 'migration':
        break;
    }
    const transaction = transactionOf(reading.migration);
    const transactional = transaction.inTransaction;
    // A migration that does not run (squash resolution) contributes no events of its own.
    if (entry.role !== 'apply') return { events: [], transactional };
    const events = new MigrationEvents(transaction, this.sqlParser);
    const functions = reading.migration.functions;
    const operations = reading.migration.attributes.get('operations');
    const items = operations === undefined ? [] : asItems(operations);
    if (items === undefined) {
      const line = operations?.line ?? reading.migration.line;
      const sink = events.operation(0, line);
      sink.unparsed(`${source.path}: line ${line}: operations is not a literal list`, line);
      sink.unknownReversibility();
    } else {
      items.forEach((operation, opIndex) => {
        const sink = events.operation(opIndex, operation.line);
        try {
          runOperation(operation, { app: migration.app, state, events: sink, functions });
        } catch (error: unknown) {
          const message = error instanceof Error ? error.message : String(error);
          sink.unknownReversibility();
          sink.unparsed(
            `line ${operation.line}: could not interpret the operation: ${message}`,
            operation.line,
          );
        }
      });
    }
    if (entry.cycle) {
      // Django refuses a cycle; the migration is still read and placed in (app, name) order.
      const opIndex = items?.length ?? 1;
      events
        .operation(opIndex, reading.migration.line)
        .unparsed(`dependency cycle: ${entry.cycle.join(' → ')}`);
    }
    const reversible = events.reversible;
    return {
      events: events.drafts,
      transactional,
      ...(reversible === undefined ? {} : { reversible }),
    };
  }

  private parsed(migration: ReadMigration, run: MigrationRun): ParsedMigration {
    const timestamp = timestampFromName(migration.name);
    const { events, reversible, transactional } = run;
    return {
      source: migration.source,
      framework: this.framework,
      app: migration.app,
      name: migration.name,
      events,
      ...(timestamp ? { timestampFromName: timestamp } : {}),
      ...(reversible === undefined ? {} : { reversible }),
      ...(transactional === undefined ? {} : { transactional }),
    };
  }
}

/** `atomic = False` on the class opts out of the per-migration transaction. */
function transactionOf(migration: MigrationClass): Transaction {
  return truthy(migration.attributes.get('atomic')) === false
    ? { inTransaction: false, transactionSource: 'opt-out' }
    : { inTransaction: true, transactionSource: 'framework-default' };
}

/** `('app', 'name')` tuples and `migrations.swappable_dependency(settings.AUTH_USER_MODEL)`. */
function references(value: PyValue | undefined, settings: DjangoSettings): MigrationRef[] {
  const refs: MigrationRef[] = [];
  for (const item of asItems(value) ?? []) {
    if (isCall(item) && lastSegment(item.callee) === 'swappable_dependency') {
      // Django turns the setting's model label into a dependency on that app's first migration.
      const app = settings.authUserModel.split('.')[0] ?? 'auth';
      refs.push({ app, name: '__first__' });
      continue;
    }
    const [app, name] = (asItems(item) ?? []).map(asString);
    if (app !== undefined && name !== undefined) refs.push({ app, name });
  }
  return refs;
}

/**
 * A migration whose dependencies could not be read (a syntax error before them) is assumed to
 * follow the previous migration of its app by name, the order `makemigrations` numbers them in.
 */
function implicitPredecessors(migrations: ReadMigration[]): ReadMigration[] {
  const namesByApp = new Map<string, string[]>();
  for (const migration of migrations) {
    const names = namesByApp.get(migration.app) ?? [];
    names.push(migration.name);
    namesByApp.set(migration.app, names);
  }
  for (const names of namesByApp.values()) names.sort();
  return migrations.map((migration) => {
    const unreadable =
      migration.reading.kind === 'failed' ||
      migration.reading.kind === 'no-migration-class' ||
      (migration.reading.kind === 'syntax-error' &&
        !migration.reading.partial?.attributes.has('dependencies'));
    if (!unreadable) return migration;
    const siblings = namesByApp.get(migration.app) ?? [];
    const previous = siblings[siblings.indexOf(migration.name) - 1];
    if (previous === undefined) return migration;
    return {
      ...migration,
      graph: { ...migration.graph, dependencies: [{ app: migration.app, name: previous }] },
    };
  });
}

function unparsed(reason: string, line?: number): EventDraft {
  return {
    kind: 'migration.unparsed',
    payload: { reason, ...(line ? { line } : {}) },
    opIndex: 0,
    subIndex: 0,
  };
}

/** `makemigrations` names unnamed migrations `NNNN_auto_YYYYMMDD_HHMM`, in UTC when USE_TZ. */
function timestampFromName(name: string): string | undefined {
  const match = /_auto_(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})$/.exec(name);
  if (!match) return undefined;
  const [, year, month, day, hour, minute] = match;
  const iso = `${year}-${month}-${day}T${hour}:${minute}:00Z`;
  return Number.isNaN(Date.parse(iso)) ? undefined : iso;
}
