import type { EventDraft } from '@schematrace/contracts';
import type { MigrationSource, ParsedMigration, ParsedProject } from '../../migration-adapter';
import { fixtureSources, sourceOf } from '../../testing/migration-fixtures';
import type { PythonParser } from '../../python/python-parser';
import type { PyValue } from '../../python/python-value';
import { createAlembicAdapter } from '../alembic.adapter';
import { readExpression } from '../alembic-values';

/** A draft as specs compare it: the statement context is asserted on its own. */
export type Draft = {
  kind: EventDraft['kind'];
  payload: Record<string, unknown>;
  opIndex: number;
  subIndex: number;
};

/** The Python files of `test-fixtures/alembic/<fixture>` (golden files left out). */
export function alembicFixture(fixture: string): MigrationSource[] {
  return fixtureSources('alembic', fixture).filter((source) => source.path.endsWith('.py'));
}

/** Given these files (of a project using Alembic), when the adapter parses them, then ... */
export function givenAlembicProject(sources: readonly MigrationSource[]) {
  return {
    async whenParsed(): Promise<ParsedAlembicProject> {
      const adapter = await createAlembicAdapter();
      return new ParsedAlembicProject(adapter.parseProject(sources));
    },
  };
}

export class ParsedAlembicProject {
  constructor(readonly project: ParsedProject) {}

  /** `name` (the revision id) of every migration, in apply order. */
  get order(): string[] {
    return this.project.migrations.map((migration) => migration.name);
  }

  migration(name: string): ParsedMigration {
    const found = this.project.migrations.find((migration) => migration.name === name);
    if (!found) throw new Error(`no migration ${name} in ${this.order.join(', ')}`);
    return found;
  }

  /** The drafts of one migration without their statement context. */
  events(name: string): Draft[] {
    return this.migration(name).events.map(withoutContext);
  }

  /** `kind` of each draft, for specs about the shape of a migration. */
  kinds(name: string): string[] {
    return this.events(name).map((draft) => draft.kind);
  }

  /** The statement context of each draft (undefined for `migration.unparsed`). */
  contexts(name: string): unknown[] {
    return this.migration(name).events.map(
      (draft) => (draft.payload as { context?: unknown }).context,
    );
  }
}

export function withoutContext(draft: EventDraft): Draft {
  const { context: _context, ...payload } = draft.payload as Record<string, unknown>;
  return { kind: draft.kind, payload, opIndex: draft.opIndex, subIndex: draft.subIndex };
}

/**
 * A revision file spelt inline, as `alembic revision` writes it: `upgrade` is the Python body of
 * `upgrade()` (indented by the helper), `down` the `down_revision` value as Python source.
 */
export function alembicRevision(
  revision: string,
  parts: {
    upgrade: string;
    down?: string;
    branchLabels?: string;
    dependsOn?: string;
    header?: string;
    folder?: string;
  },
): MigrationSource {
  const body = parts.upgrade
    .split('\n')
    .map((line) => (line.length > 0 ? `    ${line}` : line))
    .join('\n');
  const content = [
    `"""${revision}`,
    '',
    `Revision ID: ${revision}`,
    'Create Date: 2024-03-01 10:00:00.000000',
    '',
    '"""',
    'from alembic import op',
    'import sqlalchemy as sa',
    'from sqlalchemy.dialects import postgresql',
    ...(parts.header ? [parts.header] : []),
    '',
    `revision = '${revision}'`,
    `down_revision = ${parts.down ?? 'None'}`,
    `branch_labels = ${parts.branchLabels ?? 'None'}`,
    `depends_on = ${parts.dependsOn ?? 'None'}`,
    '',
    '',
    'def upgrade():',
    body,
    '',
    '',
    'def downgrade():',
    '    pass',
    '',
  ].join('\n');
  return sourceOf(`${parts.folder ?? 'alembic'}/versions/${revision}.py`, content);
}

/** The line of `upgrade()`'s first statement in a file built by `alembicRevision` (no header). */
export const FIRST_UPGRADE_LINE = 18;

/** Given this Python expression (the right side of an assignment), when it is read. */
export function pythonValue(parser: PythonParser, expression: string): PyValue {
  return parser.parse(`value = ${expression}\n`, (root) => {
    const assignment = root.namedChildren[0]!.namedChildren[0]!;
    return readExpression(assignment.childForFieldName('right')!, new Map());
  });
}
