import type { ColumnDefault } from '@schematrace/contracts';

/**
 * Small, pure facts about column types and defaults that the risk rules need: how a type
 * string breaks down, which type changes PostgreSQL (or MySQL) does without rewriting the
 * table, and which default expressions are volatile.
 */

export interface ParsedType {
  /** The type's canonical name: `varchar`, `numeric`, `timestamptz`, `enum`, ... */
  readonly base: string;
  /** Numeric modifiers: the length of a varchar, the precision and scale of a numeric. */
  readonly modifiers: readonly number[];
  /** The labels of a MySQL `enum(...)` / `set(...)` column type. */
  readonly values: readonly string[];
  readonly array: boolean;
  /** `COLLATE x` written with the type, when the format carries it. */
  readonly collation?: string;
}

const ALIASES: Readonly<Record<string, string>> = {
  'character varying': 'varchar',
  character: 'char',
  bpchar: 'char',
  decimal: 'numeric',
  int: 'integer',
  int4: 'integer',
  int2: 'smallint',
  int8: 'bigint',
  float8: 'double precision',
  float4: 'real',
  bool: 'boolean',
  'timestamp without time zone': 'timestamp',
  'timestamp with time zone': 'timestamptz',
  'time without time zone': 'time',
  'time with time zone': 'timetz',
  serial4: 'serial',
  serial8: 'bigserial',
  serial2: 'smallserial',
};

const TYPE_PATTERN = /^([a-z_][a-z0-9_ ."]*?)\s*(?:\((.*)\))?(\s+with(?:out)?\s+time\s+zone)?$/s;

/** Breaks a normalised type string (`varchar(120)`, `numeric(10,2)`, `text[]`) into parts. */
export function parseType(sql: string): ParsedType {
  let rest = sql.trim();
  let collation: string | undefined;
  const collate = /\s+collate\s+("[^"]+"|\S+)\s*$/i.exec(rest);
  if (collate) {
    collation = collate[1]!.replace(/"/g, '');
    rest = rest.slice(0, collate.index);
  }
  let array = false;
  const arraySuffix = /(\s*\[\d*\])+$|\s+array$/i.exec(rest);
  if (arraySuffix) {
    array = true;
    rest = rest.slice(0, arraySuffix.index);
  }
  const match = TYPE_PATTERN.exec(rest.toLowerCase());
  if (!match) return { base: rest.toLowerCase(), modifiers: [], values: [], array, collation };
  const name = match[1]!.replace(/\s+/g, ' ').trim();
  const zone = match[3]?.replace(/\s+/g, ' ').trim();
  const full = zone ? `${name} ${zone}` : name;
  const base = ALIASES[full] ?? ALIASES[name] ?? full;
  const args = match[2] ?? '';
  // Labels keep their case: read them from the original string.
  const values =
    base === 'enum' || base === 'set' ? quotedLabels(rest.slice(rest.indexOf('('))) : [];
  const modifiers =
    values.length > 0
      ? []
      : args
          .split(',')
          .map((part) => part.trim())
          .filter((part) => /^\d+$/.test(part))
          .map(Number);
  return { base, modifiers, values, array, ...(collation ? { collation } : {}) };
}

function quotedLabels(list: string): string[] {
  return [...list.matchAll(/'((?:[^']|'')*)'/g)].map((label) => label[1]!.replace(/''/g, "'"));
}

export interface CoercionOptions {
  readonly engine: 'postgresql' | 'mysql' | 'mariadb';
  /** PostgreSQL 12 or later (timestamp ↔ timestamptz needs it). */
  readonly pg12: boolean;
  /** The migration session runs in UTC. */
  readonly sessionTimeZoneUtc: boolean;
  /** The column is part of an index (citext ↔ text changes the index's semantics). */
  readonly indexed: boolean;
}

const TEMPORAL = new Set(['time', 'timetz', 'timestamp', 'timestamptz', 'interval']);
/** The precision PostgreSQL uses when a temporal type names none. */
const DEFAULT_TEMPORAL_PRECISION = 6;
/** utf8mb4: up to 63 characters fit a one-byte length prefix (255 bytes). */
const MYSQL_SHORT_VARCHAR = 63;

/**
 * Does changing a column from `before` to `after` leave the stored data as it is, so the
 * database changes only the catalog (no table rewrite, no index rebuild)?
 */
export function isBinaryCoercible(
  before: string,
  after: string,
  options: CoercionOptions,
): boolean {
  const from = parseType(before);
  const to = parseType(after);
  if (from.array !== to.array) return false;
  if (
    from.base === to.base &&
    sameList(from.modifiers, to.modifiers) &&
    sameList(from.values, to.values)
  )
    return true;
  if (options.engine !== 'postgresql') return mysqlInPlace(from, to);

  const [fromLength] = from.modifiers;
  const [toLength] = to.modifiers;
  switch (from.base) {
    case 'varchar':
      if (to.base === 'text') return true;
      if (to.base === 'varchar')
        return toLength === undefined || (fromLength !== undefined && toLength >= fromLength);
      return to.base === 'citext' && fromLength === undefined && !options.indexed;
    case 'text':
      if (to.base === 'varchar') return toLength === undefined;
      return to.base === 'citext' && !options.indexed;
    case 'citext':
      return (
        !options.indexed &&
        (to.base === 'text' || (to.base === 'varchar' && toLength === undefined))
      );
    case 'cidr':
      return to.base === 'inet';
    case 'numeric': {
      if (to.base !== 'numeric') return false;
      if (to.modifiers.length === 0) return true;
      if (from.modifiers.length === 0) return false;
      const [fromPrecision = 0, fromScale = 0] = from.modifiers;
      const [toPrecision = 0, toScale = 0] = to.modifiers;
      return toScale === fromScale && toPrecision >= fromPrecision;
    }
    default:
      break;
  }
  if (TEMPORAL.has(from.base) && TEMPORAL.has(to.base)) {
    const zoneShift =
      (from.base === 'timestamp' && to.base === 'timestamptz') ||
      (from.base === 'timestamptz' && to.base === 'timestamp');
    if (from.base !== to.base && !(zoneShift && options.pg12 && options.sessionTimeZoneUtc))
      return false;
    if (toLength === undefined) return true;
    return toLength >= (fromLength ?? DEFAULT_TEMPORAL_PRECISION);
  }
  return false;
}

/** MySQL changes a VARCHAR in place only while its length prefix keeps its size. */
function mysqlInPlace(from: ParsedType, to: ParsedType): boolean {
  if (from.base !== 'varchar' || to.base !== 'varchar') return false;
  const [fromLength] = from.modifiers;
  const [toLength] = to.modifiers;
  if (fromLength === undefined || toLength === undefined || toLength < fromLength) return false;
  return toLength <= MYSQL_SHORT_VARCHAR || fromLength > MYSQL_SHORT_VARCHAR;
}

function sameList<T>(left: readonly T[], right: readonly T[]): boolean {
  return left.length === right.length && left.every((item, index) => item === right[index]);
}

/**
 * Well-known built-ins (and extension functions) whose result differs per row: a default
 * calling one must be evaluated for every existing row when the column is added.
 */
export const VOLATILE_FUNCTIONS: readonly string[] = [
  'random',
  'gen_random_uuid',
  'gen_random_bytes',
  'uuid_generate_v1',
  'uuid_generate_v1mc',
  'uuid_generate_v4',
  'uuidv4',
  'uuidv7',
  'clock_timestamp',
  'timeofday',
  'nextval',
];

const VOLATILE_CALL = new RegExp(`\\b(?:${VOLATILE_FUNCTIONS.join('|')})\\s*\\(`, 'i');

/** Does the expression call one of the well-known volatile functions? */
export function callsVolatileFunction(expression: string): boolean {
  return VOLATILE_CALL.test(expression);
}

/**
 * Is the default volatile, i.e. computed per row? The adapter's verdict wins; when it could
 * not tell, the expression is matched against the list of well-known volatile functions.
 */
export function isVolatileDefault(value: ColumnDefault): boolean {
  if (value.kind !== 'expression') return false;
  if (value.volatility === 'volatile') return true;
  return value.volatility === 'unknown' && callsVolatileFunction(value.expression);
}

/** A database-level default (not one only the ORM fills in). */
export function hasDatabaseDefault(value: ColumnDefault): boolean {
  if (value.kind === 'none') return false;
  if (value.level === 'app') return false;
  return !(value.kind === 'constant' && /^null$/i.test(value.value.trim()));
}

const SERIAL_TYPES = new Set(['serial', 'bigserial', 'smallserial']);

export function isSerialType(sql: string): boolean {
  return SERIAL_TYPES.has(parseType(sql).base);
}

/** Bytes MySQL stores per value of an ENUM / SET with this many labels. */
export function mysqlLabelStorage(kind: 'enum' | 'set', labels: number): number {
  if (kind === 'enum') return labels <= 255 ? 1 : 2;
  if (labels <= 8) return 1;
  if (labels <= 16) return 2;
  if (labels <= 24) return 3;
  if (labels <= 32) return 4;
  return 8;
}

/**
 * What is wrong with changing a MySQL ENUM/SET from `before` to `after` labels: anything but
 * appending labels at the end within the same storage size makes MySQL copy the table.
 */
export function labelChangeProblems(
  kind: 'enum' | 'set',
  before: readonly string[],
  after: readonly string[],
): string[] {
  const problems: string[] = [];
  const removed = before.filter((label) => !after.includes(label));
  if (removed.length > 0) problems.push(`removes ${removed.join(', ')}`);
  const kept = after.filter((label) => before.includes(label));
  const stillThere = before.filter((label) => after.includes(label));
  if (!sameList(kept, stillThere)) problems.push('reorders labels');
  else if (removed.length === 0 && !sameList(after.slice(0, before.length), before))
    problems.push('inserts labels before the end');
  if (mysqlLabelStorage(kind, before.length) !== mysqlLabelStorage(kind, after.length))
    problems.push('changes the storage size');
  return problems;
}
