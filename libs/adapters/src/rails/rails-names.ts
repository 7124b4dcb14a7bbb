import { createHash } from 'node:crypto';

/**
 * The names Rails gives what a migration does not name itself (Active Record's schema
 * statements on PostgreSQL). Hashes are the first ten hex digits of a SHA-256, as Rails takes them.
 */

/** Rails keeps index names one byte under PostgreSQL's 63-byte identifier limit. */
const MAX_INDEX_NAME_BYTES = 62;
/** PostgreSQL's NAMEDATALEN - 1. */
const MAX_IDENTIFIER_LENGTH = 63;

function hash10(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 10);
}

/** `schema.table` → its parts; Rails accepts schema-qualified names on PostgreSQL. */
export function splitQualified(name: string): { schema?: string; name: string } {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return { name };
  return { schema: name.slice(0, dot), name: name.slice(dot + 1) };
}

/** Index columns or one expression: Rails treats a string with a non-word character as SQL. */
export type IndexTarget =
  | { readonly kind: 'columns'; readonly columns: readonly string[] }
  | { readonly kind: 'expression'; readonly expression: string };

/**
 * `index_<table>_on_<a>_and_<b>`. From Rails 7.1 a name over 62 bytes becomes
 * `idx_on_<a>_<b>_<hash>`; older migrations keep the long name (Rails raised for those).
 * An expression index is named after the words of its expression.
 */
export function indexName(table: string, target: IndexTarget, legacy: boolean): string {
  const bare = splitQualified(table).name;
  const parts =
    target.kind === 'columns' ? [...target.columns] : [expressionWords(target.expression)];
  const name = `index_${bare}_on_${parts.join('_and_')}`;
  if (legacy || Buffer.byteLength(name, 'utf8') <= MAX_INDEX_NAME_BYTES) return name;
  const suffix = `_${hash10(name)}`;
  const short = truncateBytes(`idx_on_${parts.join('_')}`, MAX_INDEX_NAME_BYTES - suffix.length);
  return `${short}${suffix}`;
}

/** `lower(email)` → `lower_email`: the words of an expression joined by underscores. */
export function expressionWords(expression: string): string {
  return (expression.match(/\w+/g) ?? []).join('_');
}

/** `fk_rails_<hash of "<table>_<columns>_fk">`. */
export function foreignKeyName(table: string, columns: readonly string[]): string {
  return `fk_rails_${hash10(`${table}_${columns.join('_and_')}_fk`)}`;
}

/** `chk_rails_<hash of "<table>_<expression>_chk">`. */
export function checkConstraintName(table: string, expression: string): string {
  return `chk_rails_${hash10(`${table}_${expression}_chk`)}`;
}

/** `excl_rails_<hash of "<table>_<expression>_excl">`. */
export function exclusionConstraintName(table: string, expression: string): string {
  return `excl_rails_${hash10(`${table}_${expression}_excl`)}`;
}

/** `uniq_rails_<hash of "<table>_<columns>_unique">`. */
export function uniqueConstraintName(table: string, columns: readonly string[]): string {
  return `uniq_rails_${hash10(`${table}_${columns.join('_and_')}_unique`)}`;
}

/**
 * `create_join_table :music_artists, :music_records` → `music_artists_records`: the two names
 * sorted, joined by `_`, with a common prefix (up to an underscore) written once.
 */
export function joinTableName(first: string, second: string): string {
  const [a, b] = [first, second].sort();
  const prefixEnd = a!.lastIndexOf('_', a!.length - 2);
  for (let end = prefixEnd; end >= 0; end = a!.lastIndexOf('_', end - 1)) {
    const prefix = a!.slice(0, end + 1);
    if (b!.startsWith(prefix) && b!.length > prefix.length && a!.length > prefix.length) {
      return `${a}_${b!.slice(prefix.length)}`;
    }
    if (end === 0) break;
  }
  return `${a}_${b}`;
}

/** The index PostgreSQL creates for a primary key: `<table>_pkey`, the table name truncated. */
export function primaryKeyIndexName(table: string): string {
  const bare = splitQualified(table).name;
  return `${bare.slice(0, MAX_IDENTIFIER_LENGTH - '_pkey'.length)}_pkey`;
}

/** The sequence PostgreSQL creates for a serial column: `<table>_<column>_seq`. */
export function serialSequenceName(table: string, column: string): string | undefined {
  const bare = splitQualified(table).name;
  const name = `${bare}_${column}_seq`;
  // PostgreSQL shortens longer names in a way Rails does not follow when renaming: leave them.
  return name.length <= MAX_IDENTIFIER_LENGTH ? name : undefined;
}

function truncateBytes(text: string, maxBytes: number): string {
  let out = '';
  for (const char of text) {
    if (Buffer.byteLength(out + char, 'utf8') > maxBytes) break;
    out += char;
  }
  return out;
}
