import {
  asBoolean,
  asName,
  asNames,
  asNumber,
  asString,
  hashGet,
  hashHas,
  toRubySource,
  truthy,
  type RbHash,
  type RbValue,
} from '../ruby/ruby-value';
import type { RailsBehaviour } from './rails-compatibility';
import type { ColumnInput, ConstraintInput, DefaultInput, IndexInput } from './rails-events';
import { pluralize, singularize } from './rails-inflector';
import { foreignKeyName, indexName, splitQualified, type IndexTarget } from './rails-names';
import { columnTypeOf, type TypeOptions } from './rails-types';

/** Something a migration asks for that Rails would refuse or this adapter cannot follow. */
export class MigrationProblem extends Error {}

/** `{ name }` or `{ schema, name }` for a table name as written. */
export function tableRef(name: string): { schema?: string; name: string } {
  return splitQualified(name);
}

const FOREIGN_KEY_ACTIONS: Readonly<Record<string, 'cascade' | 'set null' | 'restrict'>> = {
  cascade: 'cascade',
  nullify: 'set null',
  restrict: 'restrict',
};

export function onDeleteOf(value: RbValue | undefined): ConstraintReferencesInput['onDelete'] {
  const action = asName(value);
  if (action === undefined) return 'no action';
  const known = Object.hasOwn(FOREIGN_KEY_ACTIONS, action)
    ? FOREIGN_KEY_ACTIONS[action]
    : undefined;
  if (!known) throw new MigrationProblem(`unknown on_delete action ${toRubySource(value!)}`);
  return known;
}

type ConstraintReferencesInput = NonNullable<ConstraintInput['references']>;

/** The options of a column definition that shape its type. */
export function typeOptions(options: RbHash | undefined): TypeOptions {
  const limit = asNumber(hashGet(options, 'limit'));
  const scale = asNumber(hashGet(options, 'scale'));
  const enumType = asName(hashGet(options, 'enum_type'));
  const precision = hashHas(options, 'precision')
    ? (asNumber(hashGet(options, 'precision')) ?? null)
    : undefined;
  return {
    ...(limit === undefined ? {} : { limit }),
    ...(precision === undefined ? {} : { precision }),
    ...(scale === undefined ? {} : { scale }),
    ...(truthy(hashGet(options, 'array')) === true ? { array: true } : {}),
    ...(enumType === undefined ? {} : { enumType }),
  };
}

/** A column as Rails' `TableDefinition#column` builds it, plus the `index:` it asks for. */
export interface ColumnBuild {
  readonly column: ColumnInput;
  readonly index?: RbValue;
}

/**
 * `t.string :name, null: false, default: "x"` and friends. `virtual` columns take their type from
 * `type:` and are generated from `as:`.
 */
export function columnDefinition(
  name: string,
  railsType: string,
  options: RbHash | undefined,
  behaviour: RailsBehaviour,
): ColumnBuild {
  const virtual = railsType === 'virtual';
  const storedType = virtual ? asName(hashGet(options, 'type')) : railsType;
  if (storedType === undefined) throw new MigrationProblem(`virtual column ${name} without type:`);
  const type = columnTypeOf(storedType, typeOptions(options), behaviour);
  const primaryKey =
    railsType === 'primary_key' || truthy(hashGet(options, 'primary_key')) === true;
  const hasDefault = hashHas(options, 'default');
  // An integer primary key without a default is serial, as Rails' PostgreSQL adapter makes it.
  const serial =
    type.serial || (primaryKey && ['integer', 'bigint'].includes(storedType) && !hasDefault);
  const comment = asString(hashGet(options, 'comment'));
  const generatedAs = virtual ? asString(hashGet(options, 'as')) : undefined;
  if (virtual && generatedAs === undefined) {
    throw new MigrationProblem(`virtual column ${name} without a literal as:`);
  }
  const column: ColumnInput = {
    name,
    type: { sql: type.sql, framework: railsType },
    nullable: !primaryKey && truthy(hashGet(options, 'null')) !== false,
    unique: false,
    primaryKey,
    default: defaultOf(hashGet(options, 'default'), type.sql),
    ...(serial ? { identity: 'serial' as const } : {}),
    ...(generatedAs === undefined
      ? {}
      : {
          generated: {
            expression: generatedAs,
            stored: truthy(hashGet(options, 'stored')) === true,
          },
        }),
    ...(comment === undefined ? {} : { comment }),
  };
  const index = hashGet(options, 'index');
  return { column, ...(index !== undefined && truthy(index) !== false ? { index } : {}) };
}

/** The primary key `create_table` adds: `id` (or `primary_key:`), typed by `id:`. */
export function primaryKeyColumn(
  name: string,
  idType: string,
  options: RbHash | undefined,
  behaviour: RailsBehaviour,
): ColumnInput {
  const entries = [...(options?.entries ?? [])];
  // PostgreSQL's `primary_key` method gives a uuid key a generated default.
  if (idType === 'uuid' && !hashHas(options, 'default')) {
    const line = options?.line ?? 1;
    entries.push({
      key: { type: 'symbol', value: 'default', line },
      value: {
        type: 'lambda',
        body: [{ type: 'string', value: behaviour.uuidDefault, line }],
        source: behaviour.uuidDefault,
        line,
      },
    });
  }
  entries.push({
    key: { type: 'symbol', value: 'primary_key', line: 1 },
    value: { type: 'boolean', value: true, line: 1 },
  });
  const pkType = idType === 'primary_key' ? 'primary_key' : idType;
  const { column } = columnDefinition(
    name,
    pkType,
    { type: 'hash', entries, line: options?.line ?? 1 },
    behaviour,
  );
  return column;
}

/** `created_at` and `updated_at` as `t.timestamps` / `add_timestamps` define them. */
export function timestampColumns(
  options: RbHash | undefined,
  behaviour: RailsBehaviour,
): ColumnInput[] {
  const entries = [...(options?.entries ?? [])];
  const line = options?.line ?? 1;
  if (!hashHas(options, 'null')) {
    entries.push({
      key: { type: 'symbol', value: 'null', line },
      value: { type: 'boolean', value: behaviour.timestampsNullable, line },
    });
  }
  if (!hashHas(options, 'precision')) {
    const precision = behaviour.timestampsPrecision;
    entries.push({
      key: { type: 'symbol', value: 'precision', line },
      value:
        precision === undefined
          ? { type: 'nil', line }
          : { type: 'integer', value: precision, line },
    });
  }
  const merged: RbHash = { type: 'hash', entries, line };
  return ['created_at', 'updated_at'].map(
    (name) => columnDefinition(name, 'datetime', merged, behaviour).column,
  );
}

// ---------------------------------------------------------------------------------------------
// Defaults

const VOLATILE_FUNCTIONS = new Set([
  'gen_random_uuid',
  'uuid_generate_v1',
  'uuid_generate_v1mc',
  'uuid_generate_v4',
  'random',
  'clock_timestamp',
  'timeofday',
  'nextval',
]);
const STABLE_FUNCTIONS = new Set([
  'now',
  'current_timestamp',
  'current_date',
  'current_time',
  'localtimestamp',
  'localtime',
  'transaction_timestamp',
  'statement_timestamp',
  'current_user',
  'current_setting',
]);

/** How often a SQL default expression changes value: PostgreSQL's volatility of its functions. */
export function sqlVolatility(expression: string): 'volatile' | 'stable' | 'unknown' {
  const words = expression
    .toLowerCase()
    .replace(/'(?:[^']|'')*'/g, ' ')
    .match(/[a-z_][a-z0-9_]*/g);
  if (words?.some((word) => VOLATILE_FUNCTIONS.has(word))) return 'volatile';
  if (words?.some((word) => STABLE_FUNCTIONS.has(word))) return 'stable';
  return 'unknown';
}

/**
 * A Rails `default:` as the database holds it. Rails writes literal defaults into the column
 * (`level: 'db'`); a lambda's string is SQL run for each row; anything else (a Ruby call such as
 * `Time.current`) is evaluated once, when the migration runs.
 */
export function defaultOf(value: RbValue | undefined, sqlType?: string): DefaultInput {
  if (value === undefined || value.type === 'nil') return { kind: 'none' };
  if (value.type === 'lambda') {
    const [only] = value.body;
    const expression = value.body.length === 1 ? asString(only) : undefined;
    if (expression !== undefined) {
      return { kind: 'expression', expression, volatility: sqlVolatility(expression), level: 'db' };
    }
    return { kind: 'expression', expression: value.source, volatility: 'unknown', level: 'db' };
  }
  const constant = constantText(value, sqlType);
  if (constant !== undefined) return { kind: 'constant', value: constant, level: 'db' };
  return {
    kind: 'expression',
    expression: toRubySource(value),
    volatility: 'unknown',
    level: 'db',
  };
}

/** A literal default as text: arrays as PostgreSQL array literals, unless the column is JSON. */
export function constantText(value: RbValue, sqlType?: string): string | undefined {
  switch (value.type) {
    case 'string':
    case 'symbol':
      return value.value;
    case 'integer':
      return String(value.value);
    case 'float':
      return value.text;
    case 'boolean':
      return value.value ? 'true' : 'false';
    case 'array': {
      const json = sqlType === 'json' || sqlType === 'jsonb';
      if (json) return jsonText(value);
      return arrayLiteral(value);
    }
    case 'hash':
      return jsonText(value);
    default:
      return undefined;
  }
}

function jsonText(value: RbValue): string | undefined {
  const json = toJson(value);
  return json === undefined ? undefined : JSON.stringify(json);
}

function toJson(value: RbValue): unknown {
  switch (value.type) {
    case 'string':
    case 'symbol':
    case 'integer':
    case 'float':
    case 'boolean':
      return value.value;
    case 'nil':
      return null;
    case 'array': {
      const items = value.items.map(toJson);
      return items.includes(undefined) ? undefined : items;
    }
    case 'hash': {
      const object: Record<string, unknown> = {};
      for (const entry of value.entries) {
        const key = asName(entry.key) ?? constantText(entry.key);
        const item = toJson(entry.value);
        if (key === undefined || item === undefined) return undefined;
        object[key] = item;
      }
      return object;
    }
    default:
      return undefined;
  }
}

/** `[1, 2]` → `{1,2}`, `["a b"]` → `{"a b"}`: PostgreSQL's array input syntax. */
function arrayLiteral(value: RbValue): string | undefined {
  if (value.type === 'nil') return 'NULL';
  if (value.type === 'array') {
    const items = value.items.map(arrayLiteral);
    return items.includes(undefined) ? undefined : `{${items.join(',')}}`;
  }
  const text = constantText(value);
  if (text === undefined) return undefined;
  if (value.type !== 'string' && value.type !== 'symbol') return text;
  const plain = text !== '' && text.toUpperCase() !== 'NULL' && !/[{}",\\\s]/.test(text);
  return plain ? text : `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** A default as SQL, for the `UPDATE` Rails runs to backfill NULLs (`change_column_null`). */
export function sqlLiteral(value: RbValue): string {
  switch (value.type) {
    case 'string':
    case 'symbol':
      return `'${value.value.replaceAll("'", "''")}'`;
    case 'integer':
      return String(value.value);
    case 'float':
      return value.text;
    case 'boolean':
      return value.value ? 'TRUE' : 'FALSE';
    case 'nil':
      return 'NULL';
    case 'lambda': {
      const [only] = value.body;
      return (value.body.length === 1 ? asString(only) : undefined) ?? value.source;
    }
    default:
      return constantText(value) !== undefined
        ? `'${constantText(value)!.replaceAll("'", "''")}'`
        : toRubySource(value);
  }
}

// ---------------------------------------------------------------------------------------------
// Indexes

/** Columns or an expression: a string containing a non-word character is SQL (Rails' rule). */
export function indexTarget(value: RbValue | undefined): IndexTarget {
  const items = value?.type === 'array' ? value.items : value ? [value] : [];
  const names = asNames(value);
  if (!names || names.length === 0) {
    throw new MigrationProblem(
      `index columns are not literal names: ${value ? toRubySource(value) : 'none'}`,
    );
  }
  const expression = items.some((item) => item.type === 'string' && /\W/.test(item.value));
  return expression
    ? { kind: 'expression', expression: names.join(', ') }
    : { kind: 'columns', columns: names };
}

export interface IndexBuild {
  readonly index: IndexInput;
  readonly ifNotExists: boolean;
}

/** `add_index` / `t.index` options: `unique:`, `name:`, `where:`, `using:`, `algorithm:`. */
export function indexDefinition(
  table: string,
  columns: RbValue | undefined,
  options: RbHash | undefined,
  behaviour: RailsBehaviour,
): IndexBuild {
  const target = indexTarget(columns);
  const name =
    asName(hashGet(options, 'name')) ?? indexName(table, target, behaviour.legacyIndexNames);
  // Rails refuses a name PostgreSQL would truncate (63 bytes).
  if (Buffer.byteLength(name, 'utf8') > 63) {
    throw new MigrationProblem(`index name ${name} is longer than 63 bytes`);
  }
  const method = asName(hashGet(options, 'using'));
  const where = asString(hashGet(options, 'where'));
  const index: IndexInput = {
    name,
    ...(target.kind === 'columns'
      ? { columns: [...target.columns] }
      : { expressions: [target.expression] }),
    ...(truthy(hashGet(options, 'unique')) === true ? { unique: true } : {}),
    ...(method === undefined ? {} : { method }),
    ...(where === undefined ? {} : { where }),
    ...(concurrently(options) ? { concurrently: true } : {}),
  };
  return { index, ifNotExists: truthy(hashGet(options, 'if_not_exists')) === true };
}

export function concurrently(options: RbHash | undefined): boolean {
  return asName(hashGet(options, 'algorithm')) === 'concurrently';
}

// ---------------------------------------------------------------------------------------------
// References

export interface ForeignKeyBuild {
  readonly toTable: string;
  readonly constraint: ConstraintInput;
}

/** What `t.references` / `add_reference` adds: columns, then an index, then a foreign key. */
export interface ReferenceBuild {
  readonly columns: readonly ColumnInput[];
  readonly index?: IndexBuild;
  readonly foreignKey?: ForeignKeyBuild;
}

/** Options that belong to the reference itself, not to its `_id` column. */
const REFERENCE_OPTIONS = new Set(['polymorphic', 'index', 'foreign_key', 'type']);

export function referenceDefinition(
  table: string,
  reference: string,
  options: RbHash | undefined,
  behaviour: RailsBehaviour,
): ReferenceBuild {
  const polymorphic = hashGet(options, 'polymorphic');
  const isPolymorphic = truthy(polymorphic) === true;
  const foreignKey = hashGet(options, 'foreign_key');
  const wantsForeignKey = truthy(foreignKey) === true;
  if (isPolymorphic && wantsForeignKey) {
    throw new MigrationProblem('a polymorphic reference cannot have a foreign key');
  }
  const type = asName(hashGet(options, 'type')) ?? (behaviour.integerKeys ? 'integer' : 'bigint');
  const columnOptions: RbHash = {
    type: 'hash',
    entries: (options?.entries ?? []).filter(
      (entry) => !REFERENCE_OPTIONS.has(asName(entry.key) ?? ''),
    ),
    line: options?.line ?? 1,
  };
  const idColumn = `${reference}_id`;
  const fk = wantsForeignKey ? foreignKeyOf(table, reference, idColumn, foreignKey) : undefined;
  const built = columnDefinition(idColumn, type, columnOptions, behaviour).column;
  const id: ColumnInput = { ...built, type: { ...built.type, framework: 'references' } };
  const columns: ColumnInput[] = [fk ? { ...id, references: referencesOf(fk) } : id];
  if (isPolymorphic) {
    // `polymorphic: { ... }` options go to the `_type` column, with `null:` of the reference.
    const typeOptionsHash: RbHash = {
      type: 'hash',
      entries: [
        ...(polymorphic?.type === 'hash' ? polymorphic.entries : []),
        ...columnOptions.entries.filter((entry) => asName(entry.key) === 'null'),
      ],
      line: options?.line ?? 1,
    };
    columns.unshift(
      columnDefinition(`${reference}_type`, 'string', typeOptionsHash, behaviour).column,
    );
  }
  const indexOption = hashHas(options, 'index')
    ? hashGet(options, 'index')
    : { type: 'boolean' as const, value: behaviour.referencesIndexed, line: 1 };
  let index: IndexBuild | undefined;
  if (truthy(indexOption) === true) {
    const indexOptions: RbHash =
      indexOption?.type === 'hash' ? indexOption : { type: 'hash', entries: [], line: 1 };
    const columnNames = columns.map((column) => column.name);
    const named =
      isPolymorphic && !behaviour.legacyPolymorphicIndexNames && !hashHas(indexOptions, 'name')
        ? `index_${splitQualified(table).name}_on_${reference}`
        : undefined;
    const built = indexDefinition(
      table,
      {
        type: 'array',
        items: columnNames.map((value) => ({ type: 'symbol', value, line: 1 })),
        line: 1,
      },
      indexOptions,
      behaviour,
    );
    index = named ? { ...built, index: { ...built.index, name: named } } : built;
  }
  return { columns, ...(index ? { index } : {}), ...(fk ? { foreignKey: fk } : {}) };
}

function referencesOf(fk: ForeignKeyBuild): NonNullable<ColumnInput['references']> {
  const references = fk.constraint.references!;
  return {
    table: references.table,
    column: references.columns[0]!,
    ...(references.onDelete ? { onDelete: references.onDelete } : {}),
  };
}

/** `foreign_key: true` or `foreign_key: { to_table:, on_delete:, ... }` of a reference. */
function foreignKeyOf(
  table: string,
  reference: string,
  column: string,
  option: RbValue | undefined,
): ForeignKeyBuild {
  const options = option?.type === 'hash' ? option : undefined;
  const toTable = asName(hashGet(options, 'to_table')) ?? pluralize(reference);
  return foreignKeyDefinition(table, toTable, {
    type: 'hash',
    entries: [
      ...(options?.entries ?? []),
      {
        key: { type: 'symbol', value: 'column', line: 1 },
        value: { type: 'string', value: column, line: 1 },
      },
    ],
    line: options?.line ?? 1,
  });
}

/**
 * `add_foreign_key :articles, :authors` → `fk_rails_…` on `author_id` referencing `authors(id)`;
 * `validate: false` adds it NOT VALID.
 */
export function foreignKeyDefinition(
  from: string,
  toTable: string,
  options: RbHash | undefined,
): ForeignKeyBuild {
  const primaryKeyOption = hashGet(options, 'primary_key');
  const primaryKey = asNames(primaryKeyOption) ?? ['id'];
  const toBare = splitQualified(toTable).name;
  // Rails names the column after the referenced table and `id`, whatever `primary_key:` says,
  // unless the key is composite.
  const column =
    asNames(hashGet(options, 'column')) ??
    (primaryKeyOption?.type === 'array'
      ? primaryKey.map((key) => `${singularize(toBare)}_${key}`)
      : [`${singularize(toBare)}_id`]);
  if (column.length !== primaryKey.length) {
    throw new MigrationProblem(
      'a composite foreign key needs column: and primary_key: of the same length',
    );
  }
  const name = asName(hashGet(options, 'name')) ?? foreignKeyName(from, column);
  const validate = asBoolean(hashGet(options, 'validate'));
  return {
    toTable,
    constraint: {
      name,
      type: 'foreign-key',
      columns: column,
      references: {
        table: tableRef(toTable),
        columns: primaryKey,
        onDelete: onDeleteOf(hashGet(options, 'on_delete')),
      },
      ...(validate === false ? { notValid: true } : {}),
    },
  };
}
