import { createHash } from 'node:crypto';

/**
 * The identifiers Django's schema editor derives on PostgreSQL, reproduced so that events carry
 * the names that really exist in the database (and that a later drop will use).
 */

/** PostgreSQL's NAMEDATALEN - 1, which Django's backend reports as `max_name_length`. */
export const MAX_NAME_LENGTH = 63;

/** Django's `names_digest`: md5 over the concatenated names, first `length` hex digits. */
export function namesDigest(names: readonly string[], length: number): string {
  const hash = createHash('md5');
  for (const name of names) hash.update(name, 'utf8');
  return hash.digest('hex').slice(0, length);
}

/** Django's `truncate_name`: long identifiers keep a prefix plus a 4-digit digest of the whole. */
export function truncateName(name: string, length = MAX_NAME_LENGTH, hashLength = 4): string {
  if (name.length <= length) return name;
  return `${name.slice(0, length - hashLength)}${namesDigest([name], hashLength)}`;
}

/**
 * Django's `_create_index_name`: `<table>_<columns>_<digest><suffix>`, shortened the way Django
 * shortens it when longer than 63 characters.
 */
export function createIndexName(table: string, columns: readonly string[], suffix = ''): string {
  let hashSuffixPart = `${namesDigest([table, ...columns], 8)}${suffix}`;
  const joined = columns.join('_');
  const full = `${table}_${joined}_${hashSuffixPart}`;
  if (full.length <= MAX_NAME_LENGTH) return full;
  if (hashSuffixPart.length > MAX_NAME_LENGTH / 3) {
    hashSuffixPart = hashSuffixPart.slice(0, Math.floor(MAX_NAME_LENGTH / 3));
  }
  const otherLength = Math.floor((MAX_NAME_LENGTH - hashSuffixPart.length) / 2) - 1;
  let name = `${table.slice(0, otherLength)}_${joined.slice(0, otherLength)}_${hashSuffixPart}`;
  // Django prepends D so the name never starts with an underscore or a digit.
  const first = name[0] ?? '';
  if (first === '_' || (first >= '0' && first <= '9')) name = `D${name.slice(0, -1)}`;
  return name;
}

/** The name of a foreign key constraint Django creates for `table.column` → `toTable.toColumn`. */
export function foreignKeyName(
  table: string,
  column: string,
  toTable: string,
  toColumn: string,
): string {
  return createIndexName(table, [column], `_fk_${toTable}_${toColumn}`);
}

/**
 * The name PostgreSQL itself gives an inline constraint (`UNIQUE`, `CHECK` in a column
 * definition): `<table>_<column>_<suffix>`, with table and column cut so the whole fits.
 */
export function postgresConstraintName(table: string, column: string, suffix: string): string {
  let tablePart = table;
  let columnPart = column;
  const room = MAX_NAME_LENGTH - suffix.length - 2;
  // PostgreSQL shortens the longer of the two parts first (ChooseRelationName / makeObjectName).
  while (tablePart.length + columnPart.length > room) {
    if (tablePart.length > columnPart.length) tablePart = tablePart.slice(0, -1);
    else columnPart = columnPart.slice(0, -1);
  }
  return `${tablePart}_${columnPart}_${suffix}`;
}

/** PostgreSQL's name for the primary key constraint of a table created with an inline PRIMARY KEY. */
export function primaryKeyName(table: string): string {
  const suffix = 'pkey';
  return `${table.slice(0, MAX_NAME_LENGTH - suffix.length - 1)}_${suffix}`;
}

/** `<app_label>_<model name lowercased>`, as Django names a model's table without `db_table`. */
export function defaultTableName(app: string, model: string): string {
  const base = app ? `${app}_${model.toLowerCase()}` : model.toLowerCase();
  return truncateName(base);
}

/** The auto-created join table of a many-to-many field: `<table>_<field>`. */
export function manyToManyTableName(table: string, field: string): string {
  return truncateName(`${table}_${field}`);
}
