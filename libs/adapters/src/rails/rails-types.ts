import type { RailsBehaviour } from './rails-compatibility';

/** The options of a column that shape its SQL type. */
export interface TypeOptions {
  readonly limit?: number;
  /** `null` when `precision: nil` was written: no precision, not the default one. */
  readonly precision?: number | null;
  readonly scale?: number;
  readonly array?: boolean;
  /** `enum_type:` of an `enum` column. */
  readonly enumType?: string;
}

/** A column type: PostgreSQL's spelling plus what Rails calls it, and whether it is serial. */
export interface ColumnTypeOf {
  readonly sql: string;
  readonly framework: string;
  readonly serial: boolean;
}

/** Rails types whose PostgreSQL type has the same name and takes no argument. */
const SAME_NAME = new Set([
  'boolean',
  'date',
  'json',
  'jsonb',
  'uuid',
  'inet',
  'cidr',
  'macaddr',
  'citext',
  'hstore',
  'xml',
  'tsvector',
  'ltree',
  'money',
  'oid',
  'point',
  'line',
  'lseg',
  'box',
  'path',
  'polygon',
  'circle',
  'daterange',
  'numrange',
  'tsrange',
  'tstzrange',
  'int4range',
  'int8range',
]);

/** Spellings a migration may give as a raw SQL type, in the short form PostgreSQL's catalog uses. */
const SQL_SPELLINGS: Readonly<Record<string, string>> = {
  'character varying': 'varchar',
  'timestamp without time zone': 'timestamp',
  'timestamp with time zone': 'timestamptz',
  'time without time zone': 'time',
  'time with time zone': 'timetz',
  'bit varying': 'varbit',
  int: 'integer',
  int4: 'integer',
  int8: 'bigint',
  int2: 'smallint',
  bool: 'boolean',
  float8: 'double precision',
  float4: 'real',
  decimal: 'numeric',
  character: 'char',
};

/**
 * The PostgreSQL type of a Rails column type (Active Record's PostgreSQL adapter): `string` →
 * `varchar` (no default limit since Rails 4.2), `integer` with `limit:` → smallint/integer/bigint,
 * `float` → `double precision`, `decimal` → `numeric(p,s)`, `datetime`/`timestamp` →
 * `timestamp(6)` from Rails 7.0 (the PostgreSQL adapter's default `datetime_type` is `timestamp`,
 * without time zone), `binary` → `bytea`. A type Rails does not know is passed through as written,
 * as Rails does.
 */
export function columnTypeOf(
  railsType: string,
  options: TypeOptions,
  behaviour: RailsBehaviour,
): ColumnTypeOf {
  const { sql, serial } = baseType(railsType, options, behaviour);
  const array = options.array === true && railsType !== 'primary_key';
  return { sql: array ? `${sql}[]` : sql, framework: railsType, serial };
}

function baseType(
  type: string,
  options: TypeOptions,
  behaviour: RailsBehaviour,
): { sql: string; serial: boolean } {
  const plain = (sql: string) => ({ sql, serial: false });
  const { limit, scale } = options;
  switch (type) {
    case 'primary_key':
      return { sql: behaviour.integerKeys ? 'integer' : 'bigint', serial: true };
    case 'serial':
      return { sql: 'integer', serial: true };
    case 'bigserial':
      return { sql: 'bigint', serial: true };
    case 'smallserial':
      return { sql: 'smallint', serial: true };
    case 'string':
      return plain(limit === undefined ? 'varchar' : `varchar(${limit})`);
    case 'text':
      return plain('text');
    case 'integer':
      return plain(integerType(limit));
    case 'bigint':
      return plain('bigint');
    case 'float':
      // PostgreSQL's float(n): up to 24 bits of precision is real, more is double precision.
      return plain(limit !== undefined && limit <= 24 ? 'real' : 'double precision');
    case 'decimal':
    case 'numeric': {
      const precision = options.precision ?? undefined;
      if (precision === undefined) return plain('numeric');
      return plain(
        scale === undefined ? `numeric(${precision})` : `numeric(${precision},${scale})`,
      );
    }
    case 'datetime':
    case 'timestamp':
      return plain(withPrecision('timestamp', precisionOf(options, behaviour.datetimePrecision)));
    case 'timestamptz':
      return plain(withPrecision('timestamptz', options.precision ?? undefined));
    case 'time':
      return plain(withPrecision('time', options.precision ?? undefined));
    case 'interval':
      return plain(withPrecision('interval', options.precision ?? undefined));
    case 'binary':
    case 'blob':
      return plain('bytea');
    case 'bit':
      return plain(limit === undefined ? 'bit' : `bit(${limit})`);
    case 'bit_varying':
      return plain(limit === undefined ? 'varbit' : `varbit(${limit})`);
    case 'enum':
      return plain(options.enumType ?? 'enum');
    default:
      return plain(SAME_NAME.has(type) ? type : rawSqlType(type));
  }
}

/** `integer` with `limit:` in bytes, as the PostgreSQL adapter maps it. */
function integerType(limit: number | undefined): string {
  if (limit === 1 || limit === 2) return 'smallint';
  if (limit !== undefined && limit >= 5 && limit <= 8) return 'bigint';
  return 'integer';
}

function precisionOf(options: TypeOptions, fallback: number | undefined): number | undefined {
  if (options.precision === null) return undefined;
  return options.precision ?? fallback;
}

function withPrecision(base: string, precision: number | undefined): string {
  return precision === undefined ? base : `${base}(${precision})`;
}

/** A type written as SQL (`"varchar(20)"`, `:smallint`), in PostgreSQL's short spelling. */
function rawSqlType(written: string): string {
  const text = written.trim().replace(/\s+/g, ' ').toLowerCase();
  const open = text.indexOf('(');
  const base = (open < 0 ? text : text.slice(0, open)).trim();
  const rest = open < 0 ? '' : text.slice(open).replace(/\s+/g, '');
  const short = Object.hasOwn(SQL_SPELLINGS, base) ? SQL_SPELLINGS[base]! : base;
  return `${short}${rest}`;
}
