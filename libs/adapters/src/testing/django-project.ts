import type { EventDraft } from '@schematrace/contracts';
import { createDjangoAdapter, type DjangoAdapterOptions } from '../django/django.adapter';
import type { MigrationSource, ParsedMigration, ParsedProject } from '../migration-adapter';
import { sourceOf } from './migration-fixtures';

/** A draft as specs compare it: the statement context is asserted on its own. */
export type Draft = {
  kind: EventDraft['kind'];
  payload: Record<string, unknown>;
  opIndex: number;
  subIndex: number;
};

/** Given these migration files (of a Django project), when the adapter parses them, then ... */
export function givenDjangoProject(
  sources: readonly MigrationSource[],
  options: DjangoAdapterOptions = {},
) {
  return {
    async whenParsed(): Promise<ParsedDjangoProject> {
      const adapter = await createDjangoAdapter(options);
      return new ParsedDjangoProject(adapter.parseProject(sources));
    },
  };
}

export class ParsedDjangoProject {
  constructor(readonly project: ParsedProject) {}

  /** `app.name` of every migration, in apply order. */
  get order(): string[] {
    return this.project.migrations.map((migration) => `${migration.app}.${migration.name}`);
  }

  migration(app: string, name: string): ParsedMigration {
    const found = this.project.migrations.find(
      (migration) => migration.app === app && migration.name === name,
    );
    if (!found) throw new Error(`no migration ${app}.${name} in ${this.order.join(', ')}`);
    return found;
  }

  /** The drafts of one migration without their statement context. */
  events(app: string, name: string): Draft[] {
    return this.migration(app, name).events.map(withoutContext);
  }

  /** The drafts of one operation of a migration, without their statement context. */
  operation(app: string, name: string, opIndex: number): Draft[] {
    return this.events(app, name).filter((draft) => draft.opIndex === opIndex);
  }

  /** `kind` of each draft, for specs about the shape of a migration. */
  kinds(app: string, name: string, opIndex?: number): string[] {
    const drafts =
      opIndex === undefined ? this.events(app, name) : this.operation(app, name, opIndex);
    return drafts.map((draft) => draft.kind);
  }
}

function withoutContext(draft: EventDraft): Draft {
  const { context: _context, ...payload } = draft.payload as Record<string, unknown>;
  return { kind: draft.kind, payload, opIndex: draft.opIndex, subIndex: draft.subIndex };
}

/**
 * A migration file spelt inline: `operations` and `dependencies` are Python source placed inside
 * the list brackets; `attributes` adds class attributes (e.g. `atomic = False`).
 */
export function djangoMigration(
  path: string,
  parts: { dependencies?: string; operations: string; attributes?: string; header?: string },
): MigrationSource {
  const content = [
    parts.header ?? 'from django.db import migrations, models',
    '',
    '',
    'class Migration(migrations.Migration):',
    ...(parts.attributes ? [`    ${parts.attributes}`] : []),
    `    dependencies = [${parts.dependencies ?? ''}]`,
    '',
    '    operations = [',
    parts.operations,
    '    ]',
    '',
  ].join('\n');
  return sourceOf(path, content);
}
