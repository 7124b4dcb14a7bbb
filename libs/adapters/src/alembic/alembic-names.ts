import { createHash } from 'node:crypto';

/**
 * The names the database ends up with for objects a migration leaves unnamed, so that events
 * carry the names that a later `drop_constraint` / `drop_index` will use. Lengths are counted in
 * characters (PostgreSQL counts bytes: the same for ASCII identifiers).
 */

/** PostgreSQL's NAMEDATALEN - 1, also SQLAlchemy's `max_identifier_length` for PostgreSQL. */
export const MAX_IDENTIFIER_LENGTH = 63;

/**
 * PostgreSQL's `makeObjectName`: `<name1>_<name2>_<label>`, the longer of the two names cut first
 * until the whole fits.
 */
export function makeObjectName(name1: string, name2: string | undefined, label: string): string {
  const overhead = label.length + 1 + (name2 === undefined ? 0 : 1);
  const available = MAX_IDENTIFIER_LENGTH - overhead;
  let first = name1.length;
  let second = name2?.length ?? 0;
  while (first + second > available) {
    if (first > second) first--;
    else second--;
  }
  const middle = name2 === undefined ? '' : `_${name2.slice(0, second)}`;
  return `${name1.slice(0, first)}${middle}_${label}`;
}

/**
 * PostgreSQL's `ChooseConstraintName`: on a clash with a name already taken, the label gets a
 * counter (`_key1`, `_key2`, ...). Only the names of the same operation are known here.
 */
export function chooseConstraintName(
  name1: string,
  name2: string | undefined,
  label: string,
  taken: ReadonlySet<string> = new Set(),
): string {
  let name = makeObjectName(name1, name2, label);
  for (let pass = 1; taken.has(name); pass++)
    name = makeObjectName(name1, name2, `${label}${pass}`);
  return name;
}

/** `ChooseIndexNameAddition` / `ChooseForeignKeyConstraintNameAddition`: columns joined by `_`. */
export function columnsAddition(columns: readonly string[]): string {
  return columns.join('_').slice(0, MAX_IDENTIFIER_LENGTH);
}

export type UnnamedConstraint = 'primary-key' | 'unique' | 'foreign-key' | 'check' | 'exclusion';

const LABELS: Readonly<Record<UnnamedConstraint, string>> = {
  'primary-key': 'pkey',
  unique: 'key',
  'foreign-key': 'fkey',
  check: 'check',
  exclusion: 'excl',
};

/**
 * The name PostgreSQL gives a constraint created without one: `<table>_pkey`,
 * `<table>_<columns>_key|fkey|excl`, `<table>_<column>_check` when the CHECK expression refers to
 * exactly one column and `<table>_check` otherwise.
 */
export function postgresConstraintName(
  type: UnnamedConstraint,
  table: string,
  columns: readonly string[],
  taken?: ReadonlySet<string>,
): string {
  const label = LABELS[type];
  if (type === 'primary-key') return chooseConstraintName(table, undefined, label, taken);
  if (type === 'check') {
    return chooseConstraintName(table, columns.length === 1 ? columns[0] : undefined, label, taken);
  }
  return chooseConstraintName(
    table,
    columns.length > 0 ? columnsAddition(columns) : undefined,
    label,
    taken,
  );
}

/**
 * SQLAlchemy's default naming convention for an index it creates for `Column(index=True)`:
 * `ix_%(column_0_label)s`, i.e. `ix_<table>_<column>`; a name longer than the dialect allows is
 * cut to 55 characters plus `_` and the last 4 hex digits of its md5.
 */
export function conventionIndexName(table: string, column: string): string {
  const name = `ix_${table}_${column}`;
  if (name.length <= MAX_IDENTIFIER_LENGTH) return name;
  const digest = createHash('md5').update(name, 'utf8').digest('hex');
  return `${name.slice(0, MAX_IDENTIFIER_LENGTH - 8)}_${digest.slice(-4)}`;
}
