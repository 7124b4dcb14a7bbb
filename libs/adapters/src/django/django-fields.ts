import type { ColumnDefault, ColumnDefinition, ColumnType, OrmModel } from '@schematrace/contracts';
import {
  asBoolean,
  asNumber,
  asString,
  bindArguments,
  isCall,
  kwarg,
  lastSegment,
  toPythonSource,
  truthy,
  type PyCall,
  type PyValue,
  literalSqlText,
} from '../python/python-value';

/** A column another field points at: what a foreign key references and copies its type from. */
export interface RelatedColumn {
  readonly table: string;
  readonly column: string;
  /** The type a referencing column gets (`rel_db_type`): identity and checks dropped. */
  readonly type: string;
  readonly model?: OrmModel;
}

/** What a field needs to know about the world: its model's table and where relations point. */
export interface FieldContext {
  readonly table: string;
  /** Resolves `to=` (+ `to_field=`) of a relation; undefined when the target cannot be known. */
  relatedColumn(to: PyValue | undefined, toField: string | undefined): RelatedColumn | undefined;
}

export type FieldStorage =
  /** One column in the model's table. */
  | 'column'
  /** An auto-created join table (ManyToManyField without `through=`). */
  | 'join-table'
  /** Nothing in the database (ManyToManyField with its own `through` model). */
  | 'none';

/** A model field as the PostgreSQL backend materialises it. */
export interface ColumnSpec {
  readonly definition: ColumnDefinition & { readonly default: ColumnDefault };
  /** Django's internal type, e.g. `CharField`; the class name for fields it does not know. */
  readonly internalType: string;
  /** `db_index` (explicit, or implied by ForeignKey/SlugField) without `unique`/`primary_key`. */
  readonly indexed: boolean;
  /** PostgreSQL gets a second `_like` index (varchar/text pattern ops) for indexed or unique text. */
  readonly likeIndexed: boolean;
  /** The CHECK Django adds for Positive*Field columns. */
  readonly check?: string;
  readonly foreignKey?: {
    readonly target: RelatedColumn;
    readonly constraint: boolean;
    readonly onDelete: 'cascade' | 'set null' | 'set default' | 'no action';
  };
  /** `null` value for rows already present when a NOT NULL column with a default is backfilled. */
  readonly backfill?: string;
}

const RELATION_CLASSES = new Set([
  'ForeignKey',
  'OneToOneField',
  'TreeForeignKey',
  'TreeOneToOneField',
  'ParentalKey',
]);
const MANY_TO_MANY_CLASSES = new Set([
  'ManyToManyField',
  'TreeManyToManyField',
  'ParentalManyToManyField',
]);
const AUTO_FIELDS: Readonly<Record<string, string>> = {
  AutoField: 'integer',
  BigAutoField: 'bigint',
  SmallAutoField: 'smallint',
};

/** `max_length` defaults of the varchar-backed fields (Django's own class defaults). */
const VARCHAR_DEFAULT_LENGTH: Readonly<Record<string, number | undefined>> = {
  CharField: undefined,
  EmailField: 254,
  SlugField: 50,
  URLField: 200,
  FileField: 100,
  ImageField: 100,
  FilePathField: 100,
  CommaSeparatedIntegerField: undefined,
};

/** Internal type → PostgreSQL type, following django/db/backends/postgresql `data_types`. */
const FIXED_TYPES: Readonly<Record<string, string>> = {
  BinaryField: 'bytea',
  BooleanField: 'boolean',
  NullBooleanField: 'boolean',
  DateField: 'date',
  DateTimeField: 'timestamptz',
  DurationField: 'interval',
  FloatField: 'double precision',
  IntegerField: 'integer',
  BigIntegerField: 'bigint',
  SmallIntegerField: 'smallint',
  PositiveIntegerField: 'integer',
  PositiveSmallIntegerField: 'smallint',
  PositiveBigIntegerField: 'bigint',
  IPAddressField: 'inet',
  GenericIPAddressField: 'inet',
  JSONField: 'jsonb',
  TextField: 'text',
  TimeField: 'time',
  UUIDField: 'uuid',
  // The `_order` column Django adds for `order_with_respect_to`.
  OrderWrt: 'integer',
  // django.contrib.postgres
  HStoreField: 'hstore',
  CICharField: 'citext',
  CIEmailField: 'citext',
  CITextField: 'citext',
  IntegerRangeField: 'int4range',
  BigIntegerRangeField: 'int8range',
  DecimalRangeField: 'numrange',
  FloatRangeField: 'numrange',
  DateTimeRangeField: 'tstzrange',
  DateRangeField: 'daterange',
  SearchVectorField: 'tsvector',
};

/** A referencing column drops the positive CHECK and the identity: Django's `rel_db_type`. */
const RELATED_TYPE_OVERRIDES: Readonly<Record<string, string>> = {
  ...AUTO_FIELDS,
  PositiveIntegerField: 'integer',
  PositiveSmallIntegerField: 'smallint',
  PositiveBigIntegerField: 'bigint',
};

const POSITIVE_FIELDS = new Set([
  'PositiveIntegerField',
  'PositiveSmallIntegerField',
  'PositiveBigIntegerField',
]);

export function fieldClass(call: PyCall): string {
  return lastSegment(call.callee);
}

export function fieldStorage(call: PyCall): FieldStorage {
  if (!MANY_TO_MANY_CLASSES.has(fieldClass(call))) return 'column';
  return kwarg(call, 'through') === undefined ? 'join-table' : 'none';
}

export function isRelation(call: PyCall): boolean {
  return RELATION_CLASSES.has(fieldClass(call));
}

export function isManyToMany(call: PyCall): boolean {
  return MANY_TO_MANY_CLASSES.has(fieldClass(call));
}

export function isPrimaryKey(call: PyCall): boolean {
  return truthy(kwarg(call, 'primary_key')) === true;
}

export function isAutoField(call: PyCall): boolean {
  return Object.hasOwn(AUTO_FIELDS, fieldClass(call));
}

/** The relation's target (`to`): first positional argument or keyword. */
export function relationTarget(call: PyCall): PyValue | undefined {
  return bindArguments(call, ['to']).to;
}

/** The column a field gets: `db_column`, else the field name (+ `_id` for a relation). */
export function columnName(fieldName: string, call: PyCall): string {
  const dbColumn = asString(kwarg(call, 'db_column'));
  if (dbColumn) return dbColumn;
  return isRelation(call) ? `${fieldName}_id` : fieldName;
}

/**
 * The PostgreSQL type of a non-relational field, or undefined for a field class Django's backend
 * does not define (a third-party field: its type cannot be known without running its code).
 */
export function databaseType(call: PyCall): string | undefined {
  const cls = fieldClass(call);
  if (Object.hasOwn(AUTO_FIELDS, cls)) return AUTO_FIELDS[cls];
  if (Object.hasOwn(FIXED_TYPES, cls)) return FIXED_TYPES[cls];
  if (Object.hasOwn(VARCHAR_DEFAULT_LENGTH, cls)) {
    const length = asNumber(kwarg(call, 'max_length')) ?? VARCHAR_DEFAULT_LENGTH[cls];
    return length === undefined ? 'varchar' : `varchar(${length})`;
  }
  if (cls === 'DecimalField') {
    const digits = asNumber(kwarg(call, 'max_digits'));
    const places = asNumber(kwarg(call, 'decimal_places'));
    return digits === undefined || places === undefined
      ? 'numeric'
      : `numeric(${digits},${places})`; // PostgreSQL's own spelling (format_type)
  }
  if (cls === 'ArrayField') {
    const base = bindArguments(call, ['base_field', 'size']);
    const baseType = isCall(base.base_field) ? databaseType(base.base_field) : undefined;
    if (baseType === undefined) return undefined;
    const size = asNumber(base.size);
    return `${baseType}[${size ?? ''}]`;
  }
  if (cls === 'GeneratedField') {
    const output = kwarg(call, 'output_field');
    return isCall(output) ? databaseType(output) : undefined;
  }
  return undefined;
}

/** The type a column that references this field gets. */
export function relatedType(call: PyCall, resolveRelation: () => string | undefined): string {
  if (isRelation(call)) return resolveRelation() ?? 'bigint';
  const cls = fieldClass(call);
  if (Object.hasOwn(RELATED_TYPE_OVERRIDES, cls)) return RELATED_TYPE_OVERRIDES[cls]!;
  return databaseType(call) ?? 'unknown';
}

/** Builds the column a field materialises as; undefined for fields without a column (M2M). */
export function columnSpec(
  fieldName: string,
  call: PyCall,
  context: FieldContext,
): ColumnSpec | undefined {
  if (isManyToMany(call)) return undefined;
  const cls = fieldClass(call);
  const name = columnName(fieldName, call);
  const primaryKey = isPrimaryKey(call);
  const relation = isRelation(call);
  const target = relation
    ? context.relatedColumn(relationTarget(call), asString(kwarg(call, 'to_field')))
    : undefined;
  const sql = relation ? (target?.type ?? 'bigint') : (databaseType(call) ?? 'unknown');
  const type: ColumnType = { sql, framework: cls };
  const nullable =
    !primaryKey && (cls === 'NullBooleanField' || truthy(kwarg(call, 'null')) === true);
  const unique =
    !primaryKey &&
    (cls === 'OneToOneField' ||
      cls === 'TreeOneToOneField' ||
      truthy(kwarg(call, 'unique')) === true);
  const defaultIndex = relation || cls === 'SlugField';
  const dbIndex = truthy(kwarg(call, 'db_index')) ?? defaultIndex;
  const columnDefault = defaultOf(call);
  const comment = asString(kwarg(call, 'db_comment'));
  const generated = cls === 'GeneratedField' ? generatedOf(call) : undefined;
  const onDelete = relation
    ? databaseOnDelete(bindArguments(call, ['to', 'on_delete']).on_delete)
    : 'no action';
  const constraint = relation && asBoolean(kwarg(call, 'db_constraint')) !== false;

  const definition: ColumnSpec['definition'] = {
    name,
    type,
    nullable,
    unique,
    primaryKey,
    default: columnDefault,
    ...(isAutoField(call) ? { identity: 'by-default' as const } : {}),
    ...(generated ? { generated } : {}),
    ...(target && constraint
      ? { references: { table: { name: target.table }, column: target.column, onDelete } }
      : {}),
    ...(comment !== undefined ? { comment } : {}),
    ...(name !== fieldName ? { field: fieldName } : {}),
  };
  const textual = !sql.includes('[') && (sql.startsWith('varchar') || sql.startsWith('text'));
  return {
    definition,
    internalType: cls,
    indexed: dbIndex && !unique && !primaryKey,
    likeIndexed: textual && (dbIndex || unique || primaryKey),
    ...(POSITIVE_FIELDS.has(cls) ? { check: `"${name}" >= 0` } : {}),
    ...(target ? { foreignKey: { target, constraint, onDelete } } : {}),
    ...backfillOf(call, columnDefault),
  };
}

/**
 * The default a column carries. `db_default` (Django 5.0+) lives in the database; `default` only in
 * Django (it fills new rows itself, and drops the temporary DEFAULT it uses for AddField).
 */
export function defaultOf(call: PyCall): ColumnDefault {
  const dbDefault = kwarg(call, 'db_default');
  if (dbDefault !== undefined && !isNotProvided(dbDefault)) return databaseDefault(dbDefault);
  if (truthy(kwarg(call, 'auto_now')) || truthy(kwarg(call, 'auto_now_add'))) {
    return {
      kind: 'expression',
      expression: 'django.utils.timezone.now',
      volatility: 'volatile',
      level: 'app',
    };
  }
  const value = kwarg(call, 'default');
  if (value === undefined || isNotProvided(value)) return { kind: 'none' };
  return applicationDefault(value);
}

/** Fields whose `blank=True` NOT NULL column Django backfills with `''` (empty_strings_allowed). */
const EMPTY_STRING_FIELDS = new Set([
  'CharField',
  'TextField',
  'SlugField',
  'EmailField',
  'URLField',
  'FilePathField',
  'FileField',
  'ImageField',
  'BinaryField',
  'CommaSeparatedIntegerField',
  'CICharField',
  'CIEmailField',
  'CITextField',
]);

/**
 * The DEFAULT Django's `add_field` puts on the new column so the rows already there get a value,
 * and drops right after (`effective_default`): the field's `default` (a callable is called once,
 * so PostgreSQL receives one constant: `immutable`), `''` for a NOT NULL `blank=True` text field,
 * the current time for `auto_now` / `auto_now_add`. Undefined when there is none, and with
 * `db_default` (Django 5+), which is the column's lasting default instead.
 */
export function addFieldDefault(call: PyCall): ColumnDefault | undefined {
  const dbDefault = kwarg(call, 'db_default');
  if (dbDefault !== undefined && !isNotProvided(dbDefault)) return undefined;
  const value = kwarg(call, 'default');
  if (value !== undefined && !isNotProvided(value)) {
    const fromDefault = applicationDefault(value);
    return fromDefault.kind === 'none' ? undefined : onceInDatabase(fromDefault);
  }
  const nullable = fieldClass(call) === 'NullBooleanField' || truthy(kwarg(call, 'null')) === true;
  if (
    !nullable &&
    truthy(kwarg(call, 'blank')) === true &&
    EMPTY_STRING_FIELDS.has(fieldClass(call))
  )
    return { kind: 'constant', value: '', level: 'db' };
  const timestamp = defaultOf(call);
  return timestamp.kind === 'none' ? undefined : onceInDatabase(timestamp);
}

function onceInDatabase(value: ColumnDefault): ColumnDefault {
  switch (value.kind) {
    case 'none':
      return value;
    case 'constant':
      return { ...value, level: 'db' };
    case 'expression':
      return { ...value, volatility: 'immutable', level: 'db' };
  }
}

function isNotProvided(value: PyValue): boolean {
  return value.type === 'name' && lastSegment(value.name) === 'NOT_PROVIDED';
}

function applicationDefault(value: PyValue): ColumnDefault {
  if (value.type === 'none') return { kind: 'none' };
  const constant = constantText(value);
  if (constant !== undefined) return { kind: 'constant', value: constant, level: 'app' };
  if (value.type === 'name') {
    const builtin = BUILTIN_FACTORIES[value.name];
    if (builtin !== undefined) return { kind: 'constant', value: builtin, level: 'app' };
    return {
      kind: 'expression',
      expression: value.name,
      volatility: callableVolatility(value.name),
      level: 'app',
    };
  }
  return {
    kind: 'expression',
    expression: toPythonSource(value),
    volatility: 'unknown',
    level: 'app',
  };
}

/** Callables Django calls for each new row whose result is always the same empty value. */
const BUILTIN_FACTORIES: Readonly<Record<string, string | undefined>> = {
  dict: '{}',
  list: '[]',
  str: '',
  int: '0',
  float: '0.0',
  bool: 'false',
};

function callableVolatility(name: string): 'volatile' | 'unknown' {
  const last = lastSegment(name);
  return [
    'now',
    'today',
    'uuid1',
    'uuid4',
    'random',
    'utcnow',
    'token_hex',
    'token_urlsafe',
  ].includes(last)
    ? 'volatile'
    : 'unknown';
}

/** Database expressions Django 5 accepts as `db_default`, in PostgreSQL's spelling. */
const DATABASE_FUNCTIONS: Readonly<
  Record<string, { sql: string; volatility: 'stable' | 'volatile' }>
> = {
  Now: { sql: 'now()', volatility: 'stable' },
  RandomUUID: { sql: 'gen_random_uuid()', volatility: 'volatile' },
  Random: { sql: 'random()', volatility: 'volatile' },
};

function databaseDefault(value: PyValue): ColumnDefault {
  if (value.type === 'call') {
    const fn = lastSegment(value.callee);
    const known = DATABASE_FUNCTIONS[fn];
    if (known && value.args.length === 0) {
      return {
        kind: 'expression',
        expression: known.sql,
        volatility: known.volatility,
        level: 'db',
      };
    }
    if (fn === 'Value' && value.args[0]) {
      const inner = constantText(value.args[0]);
      if (inner !== undefined) return { kind: 'constant', value: inner, level: 'db' };
    }
  }
  if (value.type === 'none') return { kind: 'none' };
  const constant = constantText(value);
  if (constant !== undefined) return { kind: 'constant', value: constant, level: 'db' };
  return {
    kind: 'expression',
    expression: toPythonSource(value),
    volatility: 'unknown',
    level: 'db',
  };
}

/**
 * The text of a constant default: strings as they are, numbers and booleans as SQL spells them,
 * collections as JSON, and the values Django's serializer writes (`Decimal('1.5')`,
 * `datetime.date(2024, 1, 31)`, `uuid.UUID('…')`) as their value.
 */
export function constantText(value: PyValue): string | undefined {
  switch (value.type) {
    case 'bytes':
      return value.value;
    case 'call':
      return serializedConstant(value);
    default:
      return literalSqlText(value);
  }
}

function serializedConstant(call: PyCall): string | undefined {
  const fn = lastSegment(call.callee);
  const numbers = call.args.map(asNumber);
  const pad = (n: number | undefined, width = 2) => String(n ?? 0).padStart(width, '0');
  if ((fn === 'Decimal' || fn === 'UUID') && call.args.length === 1) return asString(call.args[0]);
  if (fn === 'date' && numbers.length === 3 && numbers.every((n) => n !== undefined)) {
    return `${pad(numbers[0], 4)}-${pad(numbers[1])}-${pad(numbers[2])}`;
  }
  if (fn === 'datetime' && numbers.length >= 3 && numbers.every((n) => n !== undefined)) {
    const [y, mo, d, h, mi, s] = numbers;
    const tz = kwarg(call, 'tzinfo') ? '+00:00' : '';
    return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${tz}`;
  }
  return undefined;
}

function generatedOf(call: PyCall): { expression: string; stored: boolean } | undefined {
  const expression = kwarg(call, 'expression');
  if (!expression) return undefined;
  return {
    expression: toPythonSource(expression),
    stored: truthy(kwarg(call, 'db_persist')) !== false,
  };
}

/**
 * What the database does on delete. Django's CASCADE, PROTECT, SET_NULL, ... run in Python: the
 * constraint itself is created without an action. Only the DB_* options (Django 6.0) are
 * database-level.
 */
function databaseOnDelete(
  value: PyValue | undefined,
): 'cascade' | 'set null' | 'set default' | 'no action' {
  const name = value?.type === 'name' ? lastSegment(value.name) : undefined;
  switch (name) {
    case 'DB_CASCADE':
      return 'cascade';
    case 'DB_SET_NULL':
      return 'set null';
    case 'DB_SET_DEFAULT':
      return 'set default';
    default:
      return 'no action';
  }
}

/** The value Django writes into existing NULL rows when a column becomes NOT NULL, as SQL. */
function backfillOf(call: PyCall, columnDefault: ColumnDefault): { backfill?: string } {
  switch (columnDefault.kind) {
    case 'none':
      return {};
    case 'constant': {
      const raw = columnDefault.level === 'db' ? kwarg(call, 'db_default') : kwarg(call, 'default');
      const bare = raw?.type === 'int' || raw?.type === 'float' || raw?.type === 'bool';
      return {
        backfill: bare ? columnDefault.value : `'${columnDefault.value.replaceAll("'", "''")}'`,
      };
    }
    case 'expression':
      // Django calls an application-level callable once and writes its result into every row.
      return {
        backfill:
          columnDefault.level === 'app'
            ? `${columnDefault.expression}()`
            : columnDefault.expression,
      };
  }
}
