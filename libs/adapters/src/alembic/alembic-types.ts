import {
  asBoolean,
  asNumber,
  asString,
  asStrings,
  isCall,
  kwarg,
  lastSegment,
  truthy,
  type PyCall,
  type PyValue,
} from '../python/python-value';
import { isMethodCall, type PyMethodCall } from './alembic-values';

/** A PostgreSQL enum type a column uses, as SQLAlchemy's `Enum` / `postgresql.ENUM` declares it. */
export interface EnumType {
  readonly name: string;
  readonly schema?: string;
  /** Undefined when the values come from a Python enum class (not known without running it). */
  readonly values?: readonly string[];
  /** `create_type=False` (postgresql.ENUM): the type exists already, nothing creates it. */
  readonly createType: boolean;
}

/** A column type as PostgreSQL spells it, with the SQLAlchemy spelling it came from. */
export interface SqlType {
  readonly sql: string;
  readonly framework: string;
  /** Integer family: what SERIAL and identity columns need. */
  readonly integer?: 'smallint' | 'integer' | 'bigint';
  /** Native enum types used by the column (an ARRAY of an enum uses one too). */
  readonly enums?: readonly EnumType[];
}

/** Types whose PostgreSQL spelling takes no argument. Keys are SQLAlchemy class names. */
const FIXED_TYPES: Readonly<Record<string, string>> = {
  Text: 'text',
  TEXT: 'text',
  UnicodeText: 'text',
  Boolean: 'boolean',
  BOOLEAN: 'boolean',
  Date: 'date',
  DATE: 'date',
  JSON: 'json',
  JSONB: 'jsonb',
  JSONPATH: 'jsonpath',
  LargeBinary: 'bytea',
  BYTEA: 'bytea',
  BLOB: 'bytea',
  BINARY: 'bytea',
  VARBINARY: 'bytea',
  PickleType: 'bytea',
  REAL: 'real',
  Double: 'double precision',
  DOUBLE: 'double precision',
  DOUBLE_PRECISION: 'double precision',
  Interval: 'interval',
  UUID: 'uuid',
  INET: 'inet',
  CIDR: 'cidr',
  MACADDR: 'macaddr',
  MACADDR8: 'macaddr8',
  MONEY: 'money',
  OID: 'oid',
  REGCLASS: 'regclass',
  REGCONFIG: 'regconfig',
  TSVECTOR: 'tsvector',
  TSQUERY: 'tsquery',
  HSTORE: 'hstore',
  CITEXT: 'citext',
  XML: 'xml',
  INT4RANGE: 'int4range',
  INT8RANGE: 'int8range',
  NUMRANGE: 'numrange',
  DATERANGE: 'daterange',
  TSRANGE: 'tsrange',
  TSTZRANGE: 'tstzrange',
  INT4MULTIRANGE: 'int4multirange',
  INT8MULTIRANGE: 'int8multirange',
  NUMMULTIRANGE: 'nummultirange',
  DATEMULTIRANGE: 'datemultirange',
  TSMULTIRANGE: 'tsmultirange',
  TSTZMULTIRANGE: 'tstzmultirange',
};

const INTEGER_TYPES: Readonly<Record<string, 'smallint' | 'integer' | 'bigint'>> = {
  Integer: 'integer',
  INTEGER: 'integer',
  INT: 'integer',
  BigInteger: 'bigint',
  BIGINT: 'bigint',
  SmallInteger: 'smallint',
  SMALLINT: 'smallint',
};

const VARCHAR_TYPES = new Set(['String', 'VARCHAR', 'Unicode', 'NVARCHAR']);
const CHAR_TYPES = new Set(['CHAR', 'NCHAR']);
const NUMERIC_TYPES = new Set(['Numeric', 'NUMERIC', 'DECIMAL']);
const FLOAT_TYPES = new Set(['Float', 'FLOAT']);

/**
 * Maps a SQLAlchemy type (`sa.String(120)`, `sa.Integer` or `sa.Integer()`, `postgresql.JSONB`,
 * `sa.Enum('a', 'b', name='mood')`, ...) to what SQLAlchemy's PostgreSQL dialect emits, in
 * PostgreSQL's short spelling. A type it does not know (a TypeDecorator of the project, a
 * third-party type) maps to `unknown`, keeping the framework spelling.
 */
export function sqlTypeOf(value: PyValue | undefined): SqlType | undefined {
  if (value === undefined) return undefined;
  if (value.type === 'name') {
    return sqlTypeOf({ type: 'call', callee: value.name, args: [], kwargs: {}, line: value.line });
  }
  if (!isCall(value)) return undefined;
  if (isMethodCall(value)) return methodType(value);
  const framework = value.callee;
  const cls = lastSegment(value.callee);
  const integer = INTEGER_TYPES[cls];
  if (integer) return { sql: integer, framework, integer };
  const fixed = FIXED_TYPES[cls];
  if (fixed) return { sql: fixed, framework };
  const sql = parametrisedType(cls, value);
  if (sql !== undefined) return { sql, framework };
  if (cls === 'ARRAY') return arrayType(value);
  if (cls === 'Enum' || cls === 'ENUM') return enumType(value);
  return { sql: 'unknown', framework };
}

/** `sa.JSON().with_variant(postgresql.JSONB(), 'postgresql')`: the PostgreSQL variant wins. */
function methodType(call: PyMethodCall): SqlType | undefined {
  if (call.method !== 'with_variant') return sqlTypeOf(call.receiver);
  const dialects = call.args[1] ?? kwarg(call, 'dialect_names');
  const names = dialects?.type === 'str' ? [dialects.value] : (asStrings(dialects) ?? []);
  const variant = call.args[0] ?? kwarg(call, 'type_');
  return names.includes('postgresql') ? sqlTypeOf(variant) : sqlTypeOf(call.receiver);
}

function parametrisedType(cls: string, call: PyCall): string | undefined {
  const first = call.args[0];
  if (VARCHAR_TYPES.has(cls)) {
    const length = asNumber(first ?? kwarg(call, 'length'));
    return length === undefined ? 'varchar' : `varchar(${length})`;
  }
  if (CHAR_TYPES.has(cls)) {
    // A bare CHAR is character(1) in PostgreSQL.
    return `char(${asNumber(first ?? kwarg(call, 'length')) ?? 1})`;
  }
  if (NUMERIC_TYPES.has(cls)) {
    const precision = asNumber(first ?? kwarg(call, 'precision'));
    const scale = asNumber(call.args[1] ?? kwarg(call, 'scale'));
    if (precision === undefined) return 'numeric';
    return scale === undefined ? `numeric(${precision})` : `numeric(${precision},${scale})`;
  }
  if (FLOAT_TYPES.has(cls)) {
    // FLOAT(p) is real for p <= 24 and double precision above; a bare FLOAT is double precision.
    const precision = asNumber(first ?? kwarg(call, 'precision'));
    return precision !== undefined && precision <= 24 ? 'real' : 'double precision';
  }
  if (cls === 'DateTime' || cls === 'DATETIME' || cls === 'TIMESTAMP') {
    return timeType('timestamp', call);
  }
  if (cls === 'Time' || cls === 'TIME') return timeType('time', call);
  if (cls === 'Uuid') {
    // Uuid(native_uuid=False) stores the 32 hex digits in CHAR(32).
    return asBoolean(kwarg(call, 'native_uuid')) === false ? 'char(32)' : 'uuid';
  }
  if (cls === 'INTERVAL') {
    const fields = asString(kwarg(call, 'fields'));
    const precision = asNumber(kwarg(call, 'precision'));
    return `interval${fields ? ` ${fields.toLowerCase()}` : ''}${precision === undefined ? '' : `(${precision})`}`;
  }
  if (cls === 'BIT') {
    const length = asNumber(first ?? kwarg(call, 'length'));
    if (truthy(kwarg(call, 'varying')) === true) {
      return length === undefined ? 'varbit' : `varbit(${length})`;
    }
    return `bit(${length ?? 1})`;
  }
  return undefined;
}

/** `timestamp`/`time`, `timestamptz`/`timetz` with `timezone=True`, and PostgreSQL's precision. */
function timeType(base: 'timestamp' | 'time', call: PyCall): string {
  const timezone = truthy(call.args[0] ?? kwarg(call, 'timezone')) === true;
  const precision = asNumber(kwarg(call, 'precision'));
  return `${base}${timezone ? 'tz' : ''}${precision === undefined ? '' : `(${precision})`}`;
}

function arrayType(call: PyCall): SqlType {
  const item = sqlTypeOf(call.args[0] ?? kwarg(call, 'item_type'));
  const dimensions = asNumber(kwarg(call, 'dimensions')) ?? 1;
  const sql = item && item.sql !== 'unknown' ? `${item.sql}${'[]'.repeat(dimensions)}` : 'unknown';
  return { sql, framework: call.callee, ...(item?.enums ? { enums: item.enums } : {}) };
}

/**
 * `Enum('a', 'b', name='mood')` is a native PostgreSQL enum named `mood`; `Enum(MoodEnum)` takes
 * the lowercased class name; `native_enum=False` stores the values in a VARCHAR as long as the
 * longest value (or `length=`).
 */
function enumType(call: PyCall): SqlType {
  const framework = call.callee;
  const values =
    call.args.length > 0
      ? asStrings({ type: 'list', items: call.args, line: call.line })
      : undefined;
  if (asBoolean(kwarg(call, 'native_enum')) === false) {
    const length =
      asNumber(kwarg(call, 'length')) ??
      (values ? Math.max(0, ...values.map((value) => value.length)) : undefined);
    return { sql: length === undefined ? 'varchar' : `varchar(${length})`, framework };
  }
  const enumClass = call.args[0]?.type === 'name' ? lastSegment(call.args[0].name) : undefined;
  const name = asString(kwarg(call, 'name')) ?? enumClass?.toLowerCase();
  if (!name) return { sql: 'unknown', framework };
  const schema = asString(kwarg(call, 'schema'));
  const enumDefinition: EnumType = {
    name,
    ...(schema ? { schema } : {}),
    ...(values ? { values } : {}),
    createType: asBoolean(kwarg(call, 'create_type')) !== false,
  };
  return { sql: name, framework, enums: [enumDefinition] };
}
