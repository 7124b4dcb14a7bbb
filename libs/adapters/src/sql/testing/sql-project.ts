import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { EventDraft, StatementContext } from '@schematrace/contracts';
import type { MigrationSource, ParsedMigration, ParsedProject } from '../../migration-adapter';
import { fixtureSources } from '../../testing/migration-fixtures';
import { createPrismaAdapter, createSqlAdapter } from '../sql.adapter';
import { loadSqlParser } from '../sql-parser';
import { sqlToEvents, type Transaction } from '../sql-statements';

/** A draft as specs compare it: the statement context is asserted on its own. */
export type Draft = {
  kind: EventDraft['kind'];
  payload: Record<string, unknown>;
  opIndex: number;
  subIndex: number;
};

/** Each fixture's expected events, next to its migration files. */
export const GOLDEN_FILE = 'expected-events.json';

export const FRAMEWORK_DEFAULT: Transaction = {
  inTransaction: true,
  transactionSource: 'framework-default',
};

function withoutContext(draft: EventDraft): Draft {
  const { context: _context, ...payload } = draft.payload as Record<string, unknown>;
  return { kind: draft.kind, payload, opIndex: draft.opIndex, subIndex: draft.subIndex };
}

function contextOf(draft: EventDraft): StatementContext | undefined {
  return (draft.payload as { context?: StatementContext }).context;
}

/** Given this SQL text (run as the runner's `transaction` says), when turned into events, then ... */
export function givenSql(sql: string, transaction: Transaction = FRAMEWORK_DEFAULT) {
  return {
    async whenConverted(): Promise<ConvertedSql> {
      const parser = await loadSqlParser();
      return new ConvertedSql(sqlToEvents(parser, sql, { transaction }));
    },
  };
}

export class ConvertedSql {
  constructor(readonly drafts: readonly EventDraft[]) {}

  /** The drafts without their statement context. */
  get events(): Draft[] {
    return this.drafts.map(withoutContext);
  }

  /** `kind` and payload (without context) of each draft, for specs about one statement. */
  get facts(): { kind: string; payload: Record<string, unknown> }[] {
    return this.events.map(({ kind, payload }) => ({ kind, payload }));
  }

  get kinds(): string[] {
    return this.drafts.map((draft) => draft.kind);
  }

  get contexts(): (StatementContext | undefined)[] {
    return this.drafts.map(contextOf);
  }

  /** The payload of the only draft, without its context. */
  get only(): Record<string, unknown> {
    if (this.drafts.length !== 1) {
      throw new Error(`expected one event, got ${this.kinds.join(', ') || 'none'}`);
    }
    return this.events[0]!.payload;
  }
}

/** Given these files of a project, when the `sql` (or `prisma`) adapter parses them, then ... */
export function givenSqlProject(
  sources: readonly MigrationSource[],
  framework: 'sql' | 'prisma' = 'sql',
) {
  return {
    async whenParsed(): Promise<ParsedSqlProject> {
      const adapter = framework === 'sql' ? await createSqlAdapter() : await createPrismaAdapter();
      return new ParsedSqlProject(adapter.parseProject(sources));
    },
  };
}

export class ParsedSqlProject {
  constructor(readonly project: ParsedProject) {}

  /** `app/name` of every migration, in apply order. */
  get order(): string[] {
    return this.project.migrations.map((migration) => `${migration.app}/${migration.name}`);
  }

  migration(name: string): ParsedMigration {
    const found = this.project.migrations.filter((migration) => migration.name === name);
    if (found.length !== 1) throw new Error(`${found.length} migrations named ${name}`);
    return found[0]!;
  }

  events(name: string): Draft[] {
    return this.migration(name).events.map(withoutContext);
  }

  kinds(name: string): string[] {
    return this.migration(name).events.map((draft) => draft.kind);
  }

  contexts(name: string): (StatementContext | undefined)[] {
    return this.migration(name).events.map(contextOf);
  }

  /** The project as its golden file records it: every migration with its events. */
  get golden(): unknown {
    return this.project.migrations.map((migration) => ({
      path: migration.source.path,
      app: migration.app,
      name: migration.name,
      ...(migration.timestampFromName ? { timestampFromName: migration.timestampFromName } : {}),
      ...(migration.reversible === undefined ? {} : { reversible: migration.reversible }),
      ...(migration.transactional === undefined ? {} : { transactional: migration.transactional }),
      events: migration.events,
    }));
  }
}

/** The files of a fixture under test-fixtures/sql, without its golden file. */
export function sqlFixture(name: string): MigrationSource[] {
  return fixtureSources('sql', name).filter((source) => source.path !== GOLDEN_FILE);
}

/** The golden events of a fixture. */
export function goldenOf(name: string): unknown {
  const file = path.resolve(__dirname, '../../../test-fixtures/sql', name, GOLDEN_FILE);
  return JSON.parse(readFileSync(file, 'utf8')) as unknown;
}
