import type { EventDraft, StatementContext } from '@schematrace/contracts';
import type { MigrationSource, ParsedMigration, ParsedProject } from '../../migration-adapter';
import { sourceOf } from '../../testing/migration-fixtures';
import { createRailsAdapter } from '../rails.adapter';

/** A draft as specs compare it: the statement context is asserted on its own. */
export type Draft = {
  kind: EventDraft['kind'];
  payload: Record<string, unknown>;
  opIndex: number;
  subIndex: number;
};

/** Given these migration files (of a Rails app), when the adapter parses them, then ... */
export function givenRailsProject(sources: readonly MigrationSource[]) {
  return {
    async whenParsed(): Promise<ParsedRailsProject> {
      const adapter = await createRailsAdapter();
      return new ParsedRailsProject(adapter.parseProject(sources));
    },
  };
}

/** Given one migration whose `change` body is `body`, when parsed, then its drafts ... */
export async function whenChangeIsParsed(
  body: string,
  options: { version?: string; classBody?: string; method?: string } = {},
): Promise<ParsedRailsProject> {
  return givenRailsProject([
    railsMigration('db/migrate/20240101000000_example.rb', body, options),
  ]).whenParsed();
}

export class ParsedRailsProject {
  constructor(readonly project: ParsedProject) {}

  /** Names of the migrations, in apply order. */
  get order(): string[] {
    return this.project.migrations.map((migration) => migration.name);
  }

  /** A migration by its file name without `.rb`, or by its version alone. */
  migration(name = this.order[0] ?? ''): ParsedMigration {
    const found = this.project.migrations.find(
      (migration) => migration.name === name || migration.name.startsWith(`${name}_`),
    );
    if (!found) throw new Error(`no migration ${name} in ${this.order.join(', ')}`);
    return found;
  }

  /** The drafts of a migration without their statement context. */
  events(name?: string): Draft[] {
    return this.migration(name).events.map(withoutContext);
  }

  /** The payloads of a migration's drafts, context left out, for specs about content only. */
  payloads(name?: string): Record<string, unknown>[] {
    return this.events(name).map((draft) => ({ kind: draft.kind, ...draft.payload }));
  }

  kinds(name?: string): string[] {
    return this.events(name).map((draft) => draft.kind);
  }

  /** The statement context of each draft (undefined for lifecycle drafts). */
  contexts(name?: string): (StatementContext | undefined)[] {
    return this.migration(name).events.map(
      (draft) => (draft.payload as { context?: StatementContext }).context,
    );
  }

  /** The reasons of the `migration.unparsed` drafts of a migration. */
  problems(name?: string): string[] {
    return this.events(name)
      .filter((draft) => draft.kind === 'migration.unparsed')
      .map((draft) => String(draft.payload.reason));
  }
}

function withoutContext(draft: EventDraft): Draft {
  const { context: _context, ...payload } = draft.payload as Record<string, unknown>;
  return { kind: draft.kind, payload, opIndex: draft.opIndex, subIndex: draft.subIndex };
}

/**
 * A migration file spelt inline: `body` is Ruby placed in `def change` (or `method`), indented
 * by the caller or not; `classBody` adds lines to the class (`disable_ddl_transaction!`).
 */
export function railsMigration(
  path: string,
  body: string,
  options: { version?: string; classBody?: string; method?: string } = {},
): MigrationSource {
  const superclass =
    options.version === ''
      ? 'ActiveRecord::Migration'
      : `ActiveRecord::Migration[${options.version ?? '7.1'}]`;
  const content = [
    `class Example < ${superclass}`,
    ...(options.classBody ? [options.classBody] : []),
    `  def ${options.method ?? 'change'}`,
    body,
    '  end',
    'end',
    '',
  ].join('\n');
  return sourceOf(path, content);
}
