import type { EventDraft } from '@schematrace/contracts';
import type {
  MigrationAdapter,
  MigrationSource,
  ParsedMigration,
  ParsedProject,
} from '../migration-adapter';
import { loadPythonParser, type PythonParser } from '../python/python-parser';
import { loadSqlParser, type SqlParser } from '../sql/sql-parser';
import { planRevisions, type PlannedRevision } from './alembic-graph';
import {
  looksLikeRevision,
  readRevisionFile,
  revisionPathParts,
  type RevisionHeader,
  type RevisionReading,
} from './alembic-revision-file';

export const ALEMBIC_ADAPTER_NAME = 'alembic';
export const ALEMBIC_ADAPTER_VERSION = '1.1.0';

export interface AlembicAdapterOptions {
  /** PostgreSQL's parser for `op.execute(...)` SQL (loaded when absent; `createAdapters` shares one). */
  readonly sqlParser?: SqlParser;
}

/**
 * The Alembic adapter. Loading the Python grammar and PostgreSQL's parser (for `op.execute`) is
 * asynchronous, so the factory is; `detect` and `parseProject` are synchronous afterwards.
 */
export async function createAlembicAdapter(
  options: AlembicAdapterOptions = {},
): Promise<MigrationAdapter> {
  const [python, sql] = await Promise.all([
    loadPythonParser(),
    options.sqlParser ?? loadSqlParser(),
  ]);
  return new AlembicAdapter(python, sql);
}

/** One scanned revision file, read. */
interface ReadRevision {
  readonly source: MigrationSource;
  /** The versions folder's parent path, e.g. `alembic` or `services/api/migrations`. */
  readonly folder: string;
  readonly stem: string;
  readonly reading: RevisionReading | { readonly kind: 'failed'; readonly message: string };
  readonly header: RevisionHeader;
}

export class AlembicAdapter implements MigrationAdapter {
  readonly framework = 'alembic' as const;
  readonly name = ALEMBIC_ADAPTER_NAME;
  readonly version = ALEMBIC_ADAPTER_VERSION;

  constructor(
    private readonly parser: PythonParser,
    private readonly sqlParser: SqlParser,
  ) {}

  detect(source: Pick<MigrationSource, 'path' | 'content'>): boolean {
    if (!revisionPathParts(source.path)) return false;
    try {
      return looksLikeRevision(this.parser, source.content);
    } catch {
      return false;
    }
  }

  parseProject(sources: readonly MigrationSource[]): ParsedProject {
    const byRevision = new Map<string, ReadRevision>();
    const duplicates: ReadRevision[] = [];
    const unidentified: ReadRevision[] = [];
    for (const source of [...sources].sort((a, b) =>
      a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
    )) {
      const parts = revisionPathParts(source.path);
      if (!parts) continue; // not in a versions folder: not a revision
      const revision = this.read(source, parts.folder, parts.stem);
      const id = revision.header.revision;
      if (id === undefined) unidentified.push(revision);
      else if (byRevision.has(id)) duplicates.push(revision);
      else byRevision.set(id, revision);
    }
    const plan = planRevisions(
      [...byRevision.entries()].map(([revision, read]) => ({
        revision,
        downRevisions: read.header.downRevisions,
        dependsOn: read.header.dependsOn,
        branchLabels: read.header.branchLabels,
      })),
    );
    const branchOf = branchLabels(plan, byRevision);
    const migrations: ParsedMigration[] = [];
    for (const entry of plan) {
      const revision = byRevision.get(entry.revision)!;
      const app = branchOf.get(entry.revision) ?? revision.folder;
      migrations.push(
        this.parsed(revision, app, entry.revision, eventsOf(revision, entry), factsOf(revision)),
      );
      for (const duplicate of duplicates.filter((d) => d.header.revision === entry.revision)) {
        const reason = `${duplicate.source.path}: duplicate revision ${entry.revision} (also ${revision.source.path})`;
        migrations.push(
          this.parsed(duplicate, duplicate.folder, duplicate.stem, [unparsed(reason)]),
        );
      }
    }
    // Files without a readable revision id have no place in the graph: they come last.
    for (const revision of unidentified) {
      migrations.push(
        this.parsed(
          revision,
          revision.folder,
          revision.stem,
          eventsOf(revision, undefined),
          factsOf(revision),
        ),
      );
    }
    return { framework: this.framework, migrations };
  }

  private read(source: MigrationSource, folder: string, stem: string): ReadRevision {
    let reading: ReadRevision['reading'];
    try {
      reading = readRevisionFile(this.parser, source.content, this.sqlParser);
    } catch (error: unknown) {
      reading = { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
    const header =
      reading.kind === 'failed'
        ? { downRevisions: [], branchLabels: [], dependsOn: [], line: 1 }
        : reading.header;
    return { source, folder, stem, reading, header };
  }

  private parsed(
    revision: ReadRevision,
    app: string,
    name: string,
    events: EventDraft[],
    facts: Pick<ParsedMigration, 'reversible' | 'transactional'> = {},
  ): ParsedMigration {
    const timestamp = revision.header.createDate;
    return {
      source: revision.source,
      framework: this.framework,
      app,
      name,
      events,
      ...(timestamp ? { timestampFromName: timestamp } : {}),
      ...facts,
    };
  }
}

/**
 * Whether `alembic downgrade` can undo the revision, and whether it runs in one transaction:
 * Alembic on PostgreSQL runs migrations in a transaction (one per migration with
 * `transaction_per_migration`, else one for the whole upgrade: either way each migration is inside
 * one) unless an autocommit block or a commit of the connection splits it.
 */
function factsOf(revision: ReadRevision): Pick<ParsedMigration, 'reversible' | 'transactional'> {
  if (revision.reading.kind !== 'revision') return {};
  return {
    reversible: revision.reading.reversible,
    transactional: revision.reading.transactional,
  };
}

function eventsOf(revision: ReadRevision, entry: PlannedRevision | undefined): EventDraft[] {
  const { reading, source } = revision;
  let events: EventDraft[];
  let next: number;
  switch (reading.kind) {
    case 'failed':
      return [unparsed(`${source.path}: could not be read: ${reading.message}`)];
    case 'problem':
      events = [unparsed(`${source.path}: ${reading.problem}`, reading.line)];
      next = 1;
      break;
    case 'revision':
      events = [...reading.events];
      next = reading.operationCount;
      break;
  }
  if (entry?.cycle) {
    // Alembic refuses a cycle; its revisions are still read and placed in revision id order.
    events.push({
      kind: 'migration.unparsed',
      payload: { reason: `revision cycle: ${entry.cycle.join(' → ')}`, line: revision.header.line },
      opIndex: next,
      subIndex: 0,
    });
  }
  return events;
}

/**
 * The branch a revision belongs to: its own first `branch_labels` entry, else the branch of its
 * first parent (in `down_revision` order) that has one, as Alembic carries a label down to the
 * descendants of the revision that declares it.
 */
function branchLabels(
  plan: readonly PlannedRevision[],
  byRevision: ReadonlyMap<string, ReadRevision>,
): Map<string, string> {
  const labels = new Map<string, string>();
  for (const { revision } of plan) {
    const header = byRevision.get(revision)!.header;
    const own = header.branchLabels[0];
    const inherited = header.downRevisions
      .map((parent) => labels.get(parent))
      .find((label) => label !== undefined);
    const label = own ?? inherited;
    if (label !== undefined) labels.set(revision, label);
  }
  return labels;
}

function unparsed(reason: string, line?: number): EventDraft {
  return {
    kind: 'migration.unparsed',
    payload: { reason, ...(line ? { line } : {}) },
    opIndex: 0,
    subIndex: 0,
  };
}
