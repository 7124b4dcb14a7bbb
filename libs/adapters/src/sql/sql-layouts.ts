import path from 'node:path';

/**
 * The file layouts of SQL migration runners. Each fixes which files are migrations, their apply
 * order and whether the runner wraps them in a transaction:
 *
 * - `flyway`: `V<version>__<description>.sql` (version segments split on `.` or `_`, compared as
 *   numbers) then `R__<description>.sql` repeatables, by description.
 * - `golang-migrate`: `<version>_<name>.up.sql` (`.down.sql` is the rollback, not a migration).
 * - `dbmate`: `<version>_<name>.sql` holding a `-- migrate:up` section (and `-- migrate:down`).
 * - `prisma`: `migrations/<timestamp>_<name>/migration.sql`, ordered by folder name.
 * - `numbered`: any other `<number>_<name>.sql` or `<number>-<name>.sql`, by number.
 *
 * A `.sql` file with no version in its name (`schema.sql`, `structure.sql`, `seed.sql`) is a
 * snapshot or a script, not a step: it has no place in an apply order and is not claimed.
 */
export type SqlLayout = 'flyway' | 'golang-migrate' | 'dbmate' | 'prisma' | 'numbered';

export interface SqlMigrationFile {
  readonly layout: SqlLayout;
  /** The folder holding the files (Prisma: the folder holding `migrations/`); `.` for the root. */
  readonly app: string;
  /** The file name without `.sql` / `.up.sql`; Prisma: the migration's folder. */
  readonly name: string;
  /** Version segments as digit strings, compared as numbers; empty for Flyway repeatables. */
  readonly version: readonly string[];
  /** Flyway `R__` migrations run after every versioned one, by description. */
  readonly repeatable?: { readonly description: string };
  /** ISO 8601, when the version is a 14-digit UTC timestamp (yyyymmddHHMMSS). */
  readonly timestampFromName?: string;
}

const FLYWAY_VERSIONED = /^V(\d+(?:[._]\d+)*)__(.+)\.sql$/;
const FLYWAY_REPEATABLE = /^R__(.+)\.sql$/;
const GOLANG_MIGRATE_UP = /^(\d+)_(.+)\.up\.sql$/;
const DOWN_FILE = /\.down\.sql$/;
const DBMATE_FILE = /^(\d+)_(.+)\.sql$/;
const NUMBERED_FILE = /^(\d+)[_-](.+)\.sql$/;
const FLYWAY_UNDO = /^U(\d+(?:[._]\d+)*)__(.+)\.sql$/;
const GOLANG_MIGRATE_DOWN = /^(\d+)_(.+)\.down\.sql$/;
const PRISMA_MIGRATION = /^(?:(.*)\/)?migrations\/((\d+)_[^/]+)\/migration\.sql$/;

/** dbmate's section markers: a whole line `-- migrate:up [options]` / `-- migrate:down`. */
const DBMATE_MARKER = /^--\s*migrate:(up|down)\b(.*)$/gm;

function folderOf(filePath: string): string {
  return path.posix.dirname(filePath);
}

function migrationFile(
  layout: SqlLayout,
  filePath: string,
  name: string,
  version: readonly string[],
  extra: Partial<SqlMigrationFile> = {},
): SqlMigrationFile {
  const timestamp = version.length === 1 ? timestampOf(version[0]!) : undefined;
  return {
    layout,
    app: folderOf(filePath),
    name,
    version,
    ...(timestamp ? { timestampFromName: timestamp } : {}),
    ...extra,
  };
}

/** Is this text a dbmate migration (it has a `-- migrate:up` line)? */
export function hasDbmateSections(content: string): boolean {
  return [...content.matchAll(DBMATE_MARKER)].some((match) => match[1] === 'up');
}

/**
 * A `.sql` file in one of the SQL runners' layouts, or undefined when the path is not a
 * migration of theirs. Prisma's layout is its own adapter's, so it is not claimed here.
 */
export function sqlMigrationFile(filePath: string, content: string): SqlMigrationFile | undefined {
  if (PRISMA_MIGRATION.test(filePath)) return undefined;
  const base = path.posix.basename(filePath);
  const name = base.replace(/\.sql$/, '');
  const flyway = FLYWAY_VERSIONED.exec(base);
  if (flyway) return migrationFile('flyway', filePath, name, flyway[1]!.split(/[._]/));
  const repeatable = FLYWAY_REPEATABLE.exec(base);
  if (repeatable) {
    return migrationFile('flyway', filePath, name, [], {
      repeatable: { description: repeatable[1]! },
    });
  }
  if (DOWN_FILE.test(base)) return undefined;
  const up = GOLANG_MIGRATE_UP.exec(base);
  if (up)
    return migrationFile('golang-migrate', filePath, base.replace(/\.up\.sql$/, ''), [up[1]!]);
  const dbmate = DBMATE_FILE.exec(base);
  if (dbmate && hasDbmateSections(content)) {
    return migrationFile('dbmate', filePath, name, [dbmate[1]!]);
  }
  const numbered = NUMBERED_FILE.exec(base);
  if (numbered) return migrationFile('numbered', filePath, name, [numbered[1]!]);
  return undefined;
}

/**
 * A rollback file that is no migration of its own but makes one reversible: golang-migrate's
 * `<version>_<name>.down.sql` and Flyway's undo `U<version>__<description>.sql`. `key` matches
 * `rollbackKey` of the migration it undoes.
 */
export function rollbackFile(filePath: string): { readonly key: string } | undefined {
  if (PRISMA_MIGRATION.test(filePath)) return undefined;
  const base = path.posix.basename(filePath);
  const undo = FLYWAY_UNDO.exec(base);
  if (undo) return { key: stepKey('flyway', folderOf(filePath), undo[1]!.split(/[._]/)) };
  const down = GOLANG_MIGRATE_DOWN.exec(base);
  if (down) return { key: stepKey('golang-migrate', folderOf(filePath), [down[1]!]) };
  return undefined;
}

/** The key a migration's rollback file would have (undefined for layouts without such files). */
export function rollbackKey(file: SqlMigrationFile): string | undefined {
  if (file.repeatable) return undefined;
  if (file.layout !== 'flyway' && file.layout !== 'golang-migrate') return undefined;
  return stepKey(file.layout, file.app, file.version);
}

/** Layout, folder and version, with leading zeros and trailing `.0` segments dropped. */
function stepKey(layout: SqlLayout, app: string, version: readonly string[]): string {
  const segments = version.map((segment) => segment.replace(/^0+(?=\d)/, ''));
  while (segments.length > 1 && segments.at(-1) === '0') segments.pop();
  return `${layout}:${app}:${segments.join('.')}`;
}

/** `[app/]migrations/<number>_<name>/migration.sql` as Prisma Migrate lays it out. */
export function prismaMigrationFile(filePath: string): SqlMigrationFile | undefined {
  const match = PRISMA_MIGRATION.exec(filePath);
  if (!match) return undefined;
  const timestamp = timestampOf(match[3]!);
  return {
    layout: 'prisma',
    app: match[1] ?? '.',
    name: match[2]!,
    version: [],
    ...(timestamp ? { timestampFromName: timestamp } : {}),
  };
}

/** Compares digit strings as numbers of any length. */
function compareNumbers(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Version segments compared as Flyway does: numerically, a missing segment counting as 0. */
export function compareVersions(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const order = compareNumbers(a[i] ?? '0', b[i] ?? '0');
    if (order !== 0) return order;
  }
  return 0;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The apply order: by folder, then versioned migrations by version, then repeatables by
 * description; the name breaks ties, so the order never depends on how files arrived.
 */
export function compareMigrationFiles(a: SqlMigrationFile, b: SqlMigrationFile): number {
  return (
    compareText(a.app, b.app) ||
    Number(a.repeatable !== undefined) - Number(b.repeatable !== undefined) ||
    compareText(a.repeatable?.description ?? '', b.repeatable?.description ?? '') ||
    compareVersions(a.version, b.version) ||
    compareText(a.name, b.name)
  );
}

/**
 * Two files the runner cannot tell apart (same folder, same version or repeatable description):
 * Flyway, golang-migrate and dbmate refuse to run them. Plain numbered files have no runner to
 * refuse, and Prisma folder names are unique.
 */
export function sameStep(a: SqlMigrationFile, b: SqlMigrationFile): boolean {
  if (a.layout !== b.layout || a.app !== b.app) return false;
  if (a.layout === 'numbered' || a.layout === 'prisma') return false;
  if (a.repeatable || b.repeatable) {
    return a.repeatable?.description === b.repeatable?.description;
  }
  return compareVersions(a.version, b.version) === 0;
}

/** `20240131093000` → `2024-01-31T09:30:00Z`, when the digits are a real UTC date and time. */
export function timestampOf(version: string): string | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(version);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match;
  const iso = `${year}-${month}-${day}T${hour}:${minute}:${second}Z`;
  const parsed = new Date(iso);
  // Date rolls 2024-02-30 over to March: only a round trip proves the date exists.
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString() === iso.replace('Z', '.000Z')
    ? iso
    : undefined;
}

/** dbmate's up section, and whether it opted out of the transaction (`transaction:false`). */
export interface DbmateUp {
  /** The whole text with everything outside the up section blanked, so lines stay put. */
  readonly text: string;
  readonly transaction: boolean;
  /** The text of the `-- migrate:down` section (empty when there is none). */
  readonly down: string;
}

export function dbmateUpSection(content: string): DbmateUp {
  const markers = [...content.matchAll(DBMATE_MARKER)];
  const up = markers.find((marker) => marker[1] === 'up');
  const downMarker = markers.find((marker) => marker[1] === 'down');
  const down = downMarker
    ? content.slice(
        downMarker.index + downMarker[0].length,
        markers.find((marker) => marker.index > downMarker.index)?.index ?? content.length,
      )
    : '';
  if (!up) return { text: blank(content), transaction: true, down };
  const start = up.index + up[0].length;
  const next = markers.find((marker) => marker.index > up.index);
  const end = next ? next.index : content.length;
  const options = up[2] ?? '';
  return {
    text: blank(content.slice(0, start)) + content.slice(start, end) + blank(content.slice(end)),
    transaction: !/\btransaction:false\b/.test(options),
    down,
  };
}

function blank(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}
