import type { ColumnType } from '@schematrace/contracts';
import type { Node, TypeName } from 'libpg-query';

/**
 * PostgreSQL's internal and SQL-standard type names → the spelling events use: format_type's
 * names, shortened where the project's convention is (`varchar`, `char`, `timestamptz`, `timetz`,
 * `varbit`), matching what the other adapters emit.
 */
const CANONICAL_NAMES: Readonly<Record<string, string>> = {
  int2: 'smallint',
  smallint: 'smallint',
  int4: 'integer',
  int: 'integer',
  integer: 'integer',
  int8: 'bigint',
  bigint: 'bigint',
  serial: 'integer',
  serial4: 'integer',
  bigserial: 'bigint',
  serial8: 'bigint',
  smallserial: 'smallint',
  serial2: 'smallint',
  float4: 'real',
  real: 'real',
  float8: 'double precision',
  float: 'double precision',
  bool: 'boolean',
  boolean: 'boolean',
  numeric: 'numeric',
  decimal: 'numeric',
  varchar: 'varchar',
  bpchar: 'char',
  timestamp: 'timestamp',
  timestamptz: 'timestamptz',
  time: 'time',
  timetz: 'timetz',
  interval: 'interval',
  varbit: 'varbit',
  bit: 'bit',
};

/** Serial pseudo-types: an integer column owning a sequence that feeds its default. */
const SERIAL_TYPES = new Set([
  'serial',
  'serial4',
  'bigserial',
  'serial8',
  'smallserial',
  'serial2',
]);

/** Interval field masks (PostgreSQL's INTERVAL_MASK bits) → how format_type writes them. */
const INTERVAL_FIELDS: ReadonlyMap<number, string> = new Map([
  [4, 'year'],
  [2, 'month'],
  [8, 'day'],
  [1024, 'hour'],
  [2048, 'minute'],
  [4096, 'second'],
  [6, 'year to month'],
  [1032, 'day to hour'],
  [3080, 'day to minute'],
  [7176, 'day to second'],
  [3072, 'hour to minute'],
  [7168, 'hour to second'],
  [6144, 'minute to second'],
]);
const INTERVAL_FULL_RANGE = 0x7fff;

function names(typeName: TypeName): string[] {
  return (typeName.names ?? []).flatMap((node) =>
    'String' in node ? [node.String.sval ?? ''] : [],
  );
}

/** The type's own name without the `pg_catalog` the grammar puts before SQL-standard types. */
function baseName(typeName: TypeName): { schema?: string; name: string } {
  const parts = names(typeName);
  const name = parts.at(-1) ?? '';
  const schema = parts.length > 1 ? parts.at(-2) : undefined;
  return schema && schema !== 'pg_catalog' ? { schema, name } : { name };
}

export function isSerial(typeName: TypeName): boolean {
  const { schema, name } = baseName(typeName);
  return schema === undefined && SERIAL_TYPES.has(name);
}

function integerModifiers(typeName: TypeName): number[] | undefined {
  const modifiers: number[] = [];
  for (const node of typeName.typmods ?? []) {
    if (!('A_Const' in node) || !node.A_Const.ival) return undefined;
    modifiers.push(node.A_Const.ival.ival ?? 0);
  }
  return modifiers;
}

/** Quotes an identifier the way PostgreSQL prints it when it is not a plain lower-case name. */
export function quoteIdentifier(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

/**
 * The canonical spelling of a type (`varchar(120)`, `numeric(12,2)`, `timestamptz`, `text[]`),
 * or undefined when its modifiers are not plain numbers (then the written spelling stands).
 */
export function canonicalType(typeName: TypeName): string | undefined {
  if (typeName.pct_type) return undefined;
  const { schema, name } = baseName(typeName);
  const modifiers = integerModifiers(typeName);
  if (modifiers === undefined) return undefined;
  const known = schema === undefined ? CANONICAL_NAMES[name] : undefined;
  let spelled: string;
  if (known === undefined) {
    const qualified = schema ? `${quoteIdentifier(schema)}.` : '';
    const suffix = modifiers.length > 0 ? `(${modifiers.join(',')})` : '';
    spelled = `${qualified}${quoteIdentifier(name)}${suffix}`;
  } else if (known === 'numeric' && modifiers.length === 1) {
    spelled = `numeric(${modifiers[0]},0)`; // PostgreSQL stores numeric(p) as numeric(p,0)
  } else if (known === 'interval') {
    spelled = intervalType(modifiers);
  } else {
    spelled = modifiers.length > 0 ? `${known}(${modifiers.join(',')})` : known;
  }
  // PostgreSQL ignores declared dimensions: int[][] and int[3] are both integer[].
  return (typeName.arrayBounds ?? []).length > 0 ? `${spelled}[]` : spelled;
}

function intervalType(modifiers: readonly number[]): string {
  const [fields, precision] = modifiers;
  const range =
    fields === undefined || fields === INTERVAL_FULL_RANGE ? '' : INTERVAL_FIELDS.get(fields);
  if (range === undefined) return 'interval';
  const withRange = range ? `interval ${range}` : 'interval';
  return precision === undefined ? withRange : `${withRange}(${precision})`;
}

/**
 * A column's type: the canonical spelling, and the spelling the migration used. A type whose
 * modifiers are not numbers (PostGIS `geometry(Point, 4326)`) keeps its written spelling.
 */
export function columnType(typeName: TypeName, written: string): ColumnType {
  const sql = canonicalType(typeName) ?? (written || 'unknown');
  return written ? { sql, framework: written } : { sql };
}

/** The names of a dotted list (`schema.name` as the grammar keeps it). */
export function nameParts(list: readonly Node[] | undefined): string[] {
  return (list ?? []).flatMap((node) => ('String' in node ? [node.String.sval ?? ''] : []));
}
