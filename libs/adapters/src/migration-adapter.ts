import type { EventDraft, Framework, GitFacts } from '@schematrace/contracts';

/** A migration file handed to an adapter: adapters do no I/O of their own. */
export interface MigrationSource {
  /** Relative to the scanned root, forward slashes. */
  readonly path: string;
  readonly content: string;
  readonly checksum: string;
  readonly git?: GitFacts;
}

/** One migration understood by an adapter, with its events in operation order. */
export interface ParsedMigration {
  readonly source: MigrationSource;
  readonly framework: Framework;
  /** Django app label, Alembic branch label, migration folder, ... */
  readonly app: string;
  readonly name: string;
  readonly events: readonly EventDraft[];
  /** When the file name carries a timestamp (Rails, Prisma, Flyway, ...), ISO 8601. */
  readonly timestampFromName?: string;
  /** Whether the migration can be rolled back (a down / downgrade, or only reversible steps). */
  readonly reversible?: boolean;
  /** Whether the framework runs this migration inside one transaction (Django atomic, ...). */
  readonly transactional?: boolean;
}

/** The migrations of one format in the framework's own apply order. */
export interface ParsedProject {
  readonly framework: Framework;
  readonly migrations: readonly ParsedMigration[];
}

export interface MigrationAdapter {
  readonly framework: Framework;
  /** Adapter name and version travel on every event, so events of an old parser can be found. */
  readonly name: string;
  readonly version: string;
  /** Does this file belong to this format? Cheap: path and a glance at the content. */
  detect(source: Pick<MigrationSource, 'path' | 'content'>): boolean;
  /**
   * Parses every migration of this format and orders them as the framework applies them.
   * Never throws for bad input: a file it cannot read yields a `migration.unparsed` event.
   */
  parseProject(sources: readonly MigrationSource[]): ParsedProject;
}
