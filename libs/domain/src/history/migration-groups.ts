import type { MigrationIdentity, SchemaEvent } from '@schematrace/contracts';

/** `app/name`: how findings, timelines and the API name a migration. */
export function migrationKey(migration: Pick<MigrationIdentity, 'app' | 'name'>): string {
  return `${migration.app}/${migration.name}`;
}

/** Whether two events' migrations are the same file (path and name identify it). */
export function sameMigration(
  a: Pick<MigrationIdentity, 'path' | 'name'>,
  b: Pick<MigrationIdentity, 'path' | 'name'>,
): boolean {
  return a.path === b.path && a.name === b.name;
}

/**
 * A history cut into its migrations: the events of one migration are contiguous in apply
 * order, so a new migration identity (path and name) starts a new group.
 */
export function groupByMigration<T extends { readonly event: SchemaEvent }>(
  events: readonly T[],
): T[][] {
  const groups: T[][] = [];
  for (const item of events) {
    const current = groups.at(-1);
    if (current && sameMigration(current[0]!.event.migration, item.event.migration))
      current.push(item);
    else groups.push([item]);
  }
  return groups;
}

/** What a report says about a migration, from its first event. */
export interface MigrationFacts {
  readonly migration: string;
  readonly framework: string;
  readonly path: string;
  readonly occurredAt: string;
  readonly occurredAtSource: SchemaEvent['occurredAtSource'];
  readonly git?: { commit: string; author: string; committedAt: string; message: string };
}

export function migrationFacts(first: SchemaEvent): MigrationFacts {
  const git = first.migration.git;
  return {
    migration: migrationKey(first.migration),
    framework: first.migration.framework,
    path: first.migration.path,
    occurredAt: first.occurredAt,
    occurredAtSource: first.occurredAtSource,
    ...(git
      ? {
          git: {
            commit: git.commit,
            author: git.authorName,
            committedAt: git.committedAt,
            message: git.message,
          },
        }
      : {}),
  };
}
