import {
  asBoolean,
  asName,
  asNames,
  asString,
  excerpt,
  hashGet,
  hashHas,
  hasOption,
  nestedCalls,
  option,
  toRubySource,
  truthy,
  type RbCall,
  type RbHash,
  type RbHashEntry,
  type RbStringPart,
  type RbValue,
} from '../ruby/ruby-value';
import { embeddedSqlEvents, type EmbeddedSqlEvent } from '../sql/sql-embedded';
import type { SqlParser } from '../sql/sql-parser';
import {
  columnDefinition,
  concurrently,
  foreignKeyDefinition,
  indexDefinition,
  MigrationProblem,
  referenceDefinition,
  timestampColumns,
  typeOptions,
} from './rails-columns';
import type { StatementEvents, Transaction } from './rails-events';
import { pluralize, singularize } from './rails-inflector';
import {
  checkConstraintName,
  exclusionConstraintName,
  joinTableName,
  splitQualified,
  uniqueConstraintName,
} from './rails-names';
import type { SchemaOperations } from './rails-operations';
import {
  checkConstraint,
  COLUMN_TYPES,
  columnMethodType,
  exclusionConstraint,
  TableDefinition,
  uniqueConstraint,
} from './rails-table-definition';
import { columnTypeOf } from './rails-types';

/** What a schema statement needs: the operations (with the schema state) and its event sink. */
export interface StatementScope {
  readonly operations: SchemaOperations;
  readonly events: StatementEvents;
  /** Reads the SQL of `execute`, as the SQL adapter does. */
  readonly sqlParser: SqlParser;
}

type Statement = (call: RbCall, scope: StatementScope) => void;

/** Whether `method` (called on the migration itself) is a schema statement this adapter reads. */
export function isSchemaStatement(method: string): boolean {
  return Object.hasOwn(STATEMENTS, method);
}

/**
 * Runs one schema statement (`add_column :users, :name, :string`). A statement Rails would
 * refuse, or whose arguments are not literal, yields `migration.unparsed` naming the line.
 */
export function runSchemaStatement(call: RbCall, scope: StatementScope): void {
  const statement = STATEMENTS[call.method]!;
  try {
    if (call.dynamicArguments) throw new MigrationProblem('arguments are not known statically');
    statement(call, scope);
  } catch (error: unknown) {
    if (!(error instanceof MigrationProblem)) throw error;
    scope.events.unparsed(`line ${call.line}: ${call.method}: ${error.message}`, call.line);
  }
}

// ---------------------------------------------------------------------------------------------
// Arguments

function name(value: RbValue | undefined, what: string): string {
  const text = asName(value);
  if (text === undefined) {
    throw new MigrationProblem(
      `${what} is not a literal name: ${value ? excerpt(toRubySource(value)) : 'missing'}`,
    );
  }
  return text;
}

function table(call: RbCall): string {
  return name(call.args[0], 'table');
}

/**
 * A positional parameter that may be written as keywords: Ruby hands `from: a, to: b` to a
 * method without keyword parameters as one hash in that position.
 */
function positional(call: RbCall, index: number): RbValue | undefined {
  return call.args[index] ?? (call.args.length === index ? call.options : undefined);
}

/** `{ from: a, to: b }` → b: the reversible form of defaults and comments. */
function newValue(value: RbValue | undefined): RbValue | undefined {
  if (value?.type === 'hash' && hashHas(value, 'from') && hashHas(value, 'to')) {
    return hashGet(value, 'to');
  }
  return value;
}

function commentOf(value: RbValue | undefined): string | null {
  const comment = newValue(value);
  if (comment === undefined || comment.type === 'nil') return null;
  const text = asString(comment);
  if (text === undefined) throw new MigrationProblem('comment is not a literal string');
  return text;
}

function flag(call: RbCall, key: string): boolean {
  return truthy(option(call, key)) === true;
}

function hashOf(entries: readonly RbHashEntry[], line: number): RbHash {
  return { type: 'hash', entries, line };
}

function entry(key: string, value: RbValue): RbHashEntry {
  return { key: { type: 'symbol', value: key, line: value.line }, value };
}

/** Only the given keys of a call's options. */
function pick(call: RbCall, keys: readonly string[]): RbHash {
  return hashOf(
    (call.options?.entries ?? []).filter((e) => keys.includes(asName(e.key) ?? '')),
    call.line,
  );
}

// ---------------------------------------------------------------------------------------------
// Tables

function createTable(call: RbCall, { operations, events }: StatementScope): void {
  const tableName = table(call);
  if (option(call, 'as') !== undefined) {
    throw new MigrationProblem('a table created from a query (as:) is not followed');
  }
  // A temporary table is gone at the end of the session: no schema change.
  if (flag(call, 'temporary')) return;
  const definition = new TableDefinition(tableName, operations.behaviour);
  definition.primaryKey(
    option(call, 'id'),
    option(call, 'primary_key'),
    pick(call, ['limit', 'default', 'precision']),
    call.line,
  );
  definition.read(call.block?.body ?? [], call.block?.params[0]);
  emitTable(call, operations, events, definition);
}

function emitTable(
  call: RbCall,
  operations: SchemaOperations,
  events: StatementEvents,
  definition: TableDefinition,
): void {
  const comment = asString(option(call, 'comment'));
  operations.createTable(events, definition, {
    ifNotExists: flag(call, 'if_not_exists'),
    // `force: true` / `force: :cascade` drops a table of that name first.
    replaceExisting: flag(call, 'force'),
    ...(comment === undefined ? {} : { comment }),
  });
}

/**
 * `create_join_table :artists, :records`: a table named after both (sorted), without a primary
 * key, with a NOT NULL reference to each and no index unless `column_options:` asks for one.
 */
function createJoinTable(call: RbCall, { operations, events }: StatementScope): void {
  const [first, second] = [name(call.args[0], 'table'), name(call.args[1], 'table')];
  const tableName = asName(option(call, 'table_name')) ?? joinTableName(first, second);
  const columnOptions = option(call, 'column_options');
  const defaults = [
    entry('null', { type: 'boolean', value: false, line: call.line }),
    entry('index', { type: 'boolean', value: false, line: call.line }),
    ...(operations.behaviour.integerKeys
      ? [entry('type', { type: 'symbol', value: 'integer', line: call.line })]
      : []),
  ];
  const referenceOptions = hashOf(
    [...defaults, ...(columnOptions?.type === 'hash' ? columnOptions.entries : [])],
    call.line,
  );
  const definition = new TableDefinition(tableName, operations.behaviour);
  const id = hasOption(call, 'id')
    ? option(call, 'id')
    : option(call, 'primary_key') !== undefined
      ? undefined
      : ({ type: 'boolean', value: false, line: call.line } as const);
  definition.primaryKey(
    id,
    option(call, 'primary_key'),
    pick(call, ['limit', 'default']),
    call.line,
  );
  for (const joined of [first, second]) {
    definition.references(singularize(splitQualified(joined).name), referenceOptions, call.line);
  }
  definition.read(call.block?.body ?? [], call.block?.params[0]);
  emitTable(call, operations, events, definition);
}

function dropTable(call: RbCall, { operations, events }: StatementScope): void {
  if (call.args.length === 0) throw new MigrationProblem('no table');
  const cascade = asName(option(call, 'force')) === 'cascade';
  for (const value of call.args) {
    operations.dropTable(events, name(value, 'table'), {
      ifExists: flag(call, 'if_exists'),
      cascade,
    });
  }
}

function dropJoinTable(call: RbCall, { operations, events }: StatementScope): void {
  const [first, second] = [name(call.args[0], 'table'), name(call.args[1], 'table')];
  const tableName = asName(option(call, 'table_name')) ?? joinTableName(first, second);
  operations.dropTable(events, tableName, {
    ifExists: flag(call, 'if_exists'),
    cascade: asName(option(call, 'force')) === 'cascade',
  });
}

function renameTable(call: RbCall, { operations, events }: StatementScope): void {
  operations.renameTable(events, table(call), name(call.args[1], 'new table name'));
}

/**
 * `change_table :users do |t| ... end`: each `t.…` is the schema statement of the same name on
 * that table (`t.string` → add_column, `t.remove` → remove_columns, `t.rename` → rename_column).
 */
function changeTable(call: RbCall, scope: StatementScope): void {
  const tableName = table(call);
  const variable = call.block?.params[0];
  for (const statement of call.block?.body ?? []) {
    const events = scope.events.at(statement.line);
    if (
      statement.type === 'call' &&
      statement.receiver?.type === 'variable' &&
      statement.receiver.name === variable
    ) {
      const translated = tableStatements(tableName, statement);
      if (!translated) {
        events.unparsed(
          `line ${statement.line}: unsupported table method t.${statement.method}`,
          statement.line,
        );
      }
      for (const inner of translated ?? []) runSchemaStatement(inner, { ...scope, events });
      continue;
    }
    // `remove_column :users, :a` written inside the block: the migration's own statement.
    if (statement.type === 'call' && !statement.receiver && isSchemaStatement(statement.method)) {
      runSchemaStatement(statement, { ...scope, events });
      continue;
    }
    const declares =
      statement.type === 'control' &&
      nestedCalls(statement).some(
        (inner) => inner.receiver?.type === 'variable' && inner.receiver.name === variable,
      );
    if (statement.type === 'nil' || statement.type === 'string') continue;
    events.unparsed(
      declares
        ? `line ${statement.line}: ${statement.type === 'control' ? statement.kind : 'code'} around table changes cannot be read statically`
        : `line ${statement.line}: unsupported statement in change_table: ${excerpt(toRubySource(statement))}`,
      statement.line,
    );
  }
}

/** `t.<method>` of `change_table` (Active Record's `Table`) as the statements it runs. */
const TABLE_METHODS: Readonly<Record<string, string>> = {
  column: 'add_column',
  index: 'add_index',
  rename_index: 'rename_index',
  timestamps: 'add_timestamps',
  change: 'change_column',
  change_default: 'change_column_default',
  change_null: 'change_column_null',
  remove: 'remove_columns',
  remove_index: 'remove_index',
  remove_timestamps: 'remove_timestamps',
  rename: 'rename_column',
  references: 'add_reference',
  belongs_to: 'add_reference',
  remove_references: 'remove_reference',
  remove_belongs_to: 'remove_reference',
  foreign_key: 'add_foreign_key',
  remove_foreign_key: 'remove_foreign_key',
  check_constraint: 'add_check_constraint',
  remove_check_constraint: 'remove_check_constraint',
  exclusion_constraint: 'add_exclusion_constraint',
  remove_exclusion_constraint: 'remove_exclusion_constraint',
  unique_constraint: 'add_unique_constraint',
  remove_unique_constraint: 'remove_unique_constraint',
  validate_constraint: 'validate_constraint',
  validate_check_constraint: 'validate_check_constraint',
};

function tableStatements(tableName: string, call: RbCall): RbCall[] | undefined {
  const tableArg: RbValue = { type: 'string', value: tableName, line: call.line };
  const { receiver: _receiver, ...own } = call;
  const as = (method: string, args: readonly RbValue[]): RbCall => ({
    ...own,
    method,
    args: [tableArg, ...args],
  });
  if (COLUMN_TYPES.has(call.method)) {
    if (call.args.length === 0) return [as('add_column', [])]; // reported as a missing name
    const type: RbValue = { type: 'symbol', value: columnMethodType(call.method), line: call.line };
    return call.args.flatMap((column) => withIndex(as('add_column', [column, type]), column));
  }
  if (call.method === 'column') return withIndex(as('add_column', call.args), call.args[0]);
  if (call.method === 'primary_key') {
    // Active Record's `Table#primary_key`: `column(name, type = :primary_key, primary_key: true)`.
    if (call.args.length === 0) return [as('add_column', [])]; // reported as a missing name
    const type: RbValue = call.args[1] ?? { type: 'symbol', value: 'primary_key', line: call.line };
    const key = entry('primary_key', { type: 'boolean', value: true, line: call.line });
    return [
      {
        ...as('add_column', [call.args[0]!, type]),
        options: hashOf([...(call.options?.entries ?? []), key], call.line),
      },
    ];
  }
  if (
    ['references', 'belongs_to', 'remove_references', 'remove_belongs_to'].includes(call.method)
  ) {
    return call.args.map((reference) => as(TABLE_METHODS[call.method]!, [reference]));
  }
  const method = Object.hasOwn(TABLE_METHODS, call.method)
    ? TABLE_METHODS[call.method]!
    : undefined;
  return method === undefined ? undefined : [as(method, call.args)];
}

/** `t.string :name, index: true` in change_table also adds an index on the column. */
function withIndex(add: RbCall, column: RbValue | undefined): RbCall[] {
  const index = option(add, 'index');
  if (index === undefined || truthy(index) === false || column === undefined) return [add];
  const indexOptions = index.type === 'hash' ? index : undefined;
  const withoutIndex = hashOf(
    (add.options?.entries ?? []).filter((e) => asName(e.key) !== 'index'),
    add.line,
  );
  return [
    { ...add, options: withoutIndex },
    {
      ...add,
      method: 'add_index',
      args: [add.args[0]!, column],
      ...(indexOptions ? { options: indexOptions } : { options: hashOf([], add.line) }),
    },
  ];
}

function changeTableComment(call: RbCall, { operations, events }: StatementScope): void {
  operations.changeTableComment(events, table(call), commentOf(positional(call, 1)));
}

// ---------------------------------------------------------------------------------------------
// Columns

function addColumn(call: RbCall, { operations, events }: StatementScope): void {
  const tableName = table(call);
  const column = name(call.args[1], 'column');
  const type = name(call.args[2], 'type');
  const built = columnDefinition(column, type, call.options, operations.behaviour);
  operations.addColumn(events, tableName, built.column);
}

function removeColumn(call: RbCall, { operations, events }: StatementScope): void {
  operations.removeColumns(
    events,
    table(call),
    [name(call.args[1], 'column')],
    flag(call, 'if_exists'),
  );
}

function removeColumns(call: RbCall, { operations, events }: StatementScope): void {
  const columns = call.args.slice(1).map((value) => name(value, 'column'));
  if (columns.length === 0) throw new MigrationProblem('no column');
  operations.removeColumns(events, table(call), columns, flag(call, 'if_exists'));
}

function renameColumn(call: RbCall, { operations, events }: StatementScope): void {
  operations.renameColumn(
    events,
    table(call),
    name(call.args[1], 'column'),
    name(call.args[2], 'new column name'),
  );
}

function changeColumn(call: RbCall, { operations, events }: StatementScope): void {
  const tableName = table(call);
  const column = name(call.args[1], 'column');
  const railsType = name(call.args[2], 'type');
  const type = columnTypeOf(railsType, typeOptions(call.options), operations.behaviour);
  const using = asString(option(call, 'using'));
  const nullable = hasOption(call, 'null') ? asBoolean(option(call, 'null')) : undefined;
  if (hasOption(call, 'null') && nullable === undefined)
    throw new MigrationProblem('null: is not true or false');
  operations.changeColumn(
    events,
    tableName,
    column,
    { sql: type.sql, framework: railsType },
    {
      ...(using === undefined ? {} : { using }),
      ...(hasOption(call, 'default') ? { default: option(call, 'default')! } : {}),
      ...(nullable === undefined ? {} : { null: nullable }),
      ...(hasOption(call, 'comment') ? { comment: commentOf(option(call, 'comment')) } : {}),
    },
  );
}

function changeColumnDefault(call: RbCall, { operations, events }: StatementScope): void {
  const value = newValue(positional(call, 2));
  if (value === undefined) throw new MigrationProblem('no default given');
  operations.changeColumnDefault(events, table(call), name(call.args[1], 'column'), value);
}

function changeColumnNull(call: RbCall, { operations, events }: StatementScope): void {
  const nullable = asBoolean(call.args[2]);
  if (nullable === undefined) throw new MigrationProblem('null is not true or false');
  operations.changeColumnNull(
    events,
    table(call),
    name(call.args[1], 'column'),
    nullable,
    call.args[3],
  );
}

function changeColumnComment(call: RbCall, { operations, events }: StatementScope): void {
  operations.changeColumnComment(
    events,
    table(call),
    name(call.args[1], 'column'),
    commentOf(positional(call, 2)),
  );
}

function addTimestamps(call: RbCall, { operations, events }: StatementScope): void {
  const tableName = table(call);
  for (const column of timestampColumns(call.options, operations.behaviour)) {
    operations.addColumn(events, tableName, column);
  }
}

function removeTimestamps(call: RbCall, { operations, events }: StatementScope): void {
  operations.removeColumns(events, table(call), ['updated_at', 'created_at'], false);
}

// ---------------------------------------------------------------------------------------------
// Indexes

function addIndex(call: RbCall, { operations, events }: StatementScope): void {
  const tableName = table(call);
  operations.addIndex(
    events,
    tableName,
    indexDefinition(tableName, call.args[1], call.options, operations.behaviour),
  );
}

function removeIndex(call: RbCall, { operations, events }: StatementScope): void {
  const tableName = table(call);
  const target = call.args[1] ?? option(call, 'column');
  const indexName = asName(option(call, 'name'));
  const expression =
    target?.type === 'string' && /\W/.test(target.value) ? target.value : undefined;
  const columns = expression === undefined ? asNames(target) : undefined;
  if (target !== undefined && expression === undefined && columns === undefined) {
    throw new MigrationProblem(
      `index columns are not literal names: ${excerpt(toRubySource(target))}`,
    );
  }
  operations.removeIndex(
    events,
    tableName,
    {
      ...(indexName === undefined ? {} : { name: indexName }),
      ...(columns === undefined ? {} : { columns }),
      ...(expression === undefined ? {} : { expression }),
    },
    { concurrently: concurrently(call.options), ifExists: flag(call, 'if_exists') },
  );
}

function renameIndex(call: RbCall, { operations, events }: StatementScope): void {
  operations.renameIndex(
    events,
    table(call),
    name(call.args[1], 'index'),
    name(call.args[2], 'new index name'),
  );
}

// ---------------------------------------------------------------------------------------------
// References, foreign keys, constraints

function addReference(call: RbCall, { operations, events }: StatementScope): void {
  const tableName = table(call);
  const built = referenceDefinition(
    tableName,
    name(call.args[1], 'reference'),
    call.options,
    operations.behaviour,
  );
  operations.addReference(events, tableName, built);
}

/** `remove_reference`: its foreign key (when `foreign_key:` says so), then its columns. */
function removeReference(call: RbCall, { operations, events }: StatementScope): void {
  const tableName = table(call);
  const reference = name(call.args[1], 'reference');
  const ifExists = flag(call, 'if_exists');
  const foreignKey = option(call, 'foreign_key');
  if (truthy(foreignKey) === true) {
    const fkName = asName(hashGet(foreignKey, 'name'));
    operations.removeForeignKey(
      events,
      tableName,
      {
        ...(fkName === undefined ? {} : { name: fkName }),
        toTable: asName(hashGet(foreignKey, 'to_table')) ?? pluralize(reference),
        columns: asNames(hashGet(foreignKey, 'column')) ?? [`${reference}_id`],
      },
      ifExists,
    );
  }
  const columns = [`${reference}_id`, ...(flag(call, 'polymorphic') ? [`${reference}_type`] : [])];
  operations.removeColumns(events, tableName, columns, ifExists);
}

function addForeignKey(call: RbCall, { operations, events }: StatementScope): void {
  const from = table(call);
  operations.addForeignKey(
    events,
    from,
    foreignKeyDefinition(from, name(call.args[1], 'referenced table'), call.options),
  );
}

function foreignKeyLookup(call: RbCall): { name?: string; toTable?: string; columns?: string[] } {
  const fkName = asName(option(call, 'name'));
  const toTable = asName(call.args[1]) ?? asName(option(call, 'to_table'));
  const columns = asNames(option(call, 'column'));
  return {
    ...(fkName === undefined ? {} : { name: fkName }),
    ...(toTable === undefined ? {} : { toTable }),
    ...(columns === undefined ? {} : { columns }),
  };
}

function removeForeignKey(call: RbCall, { operations, events }: StatementScope): void {
  operations.removeForeignKey(events, table(call), foreignKeyLookup(call), flag(call, 'if_exists'));
}

function validateForeignKey(call: RbCall, { operations, events }: StatementScope): void {
  operations.validateForeignKey(events, table(call), foreignKeyLookup(call));
}

function addCheckConstraint(call: RbCall, { operations, events }: StatementScope): void {
  const tableName = table(call);
  const expression = asString(call.args[1]);
  if (expression === undefined) throw new MigrationProblem('expression is not a literal string');
  operations.addConstraint(events, tableName, checkConstraint(tableName, expression, call.options));
}

function checkName(
  call: RbCall,
  operations: SchemaOperations,
  expression: string | undefined,
): string {
  const tableName = table(call);
  const given = asName(option(call, 'name'));
  if (given !== undefined) return given;
  if (expression === undefined) throw new MigrationProblem('no constraint name or expression');
  return operations.knownCheck(tableName, expression) ?? checkConstraintName(tableName, expression);
}

function removeCheckConstraint(call: RbCall, { operations, events }: StatementScope): void {
  const name = checkName(
    call,
    operations,
    asString(call.args[1]) ?? asString(option(call, 'expression')),
  );
  operations.dropConstraint(events, table(call), name, flag(call, 'if_exists'));
}

function validateCheckConstraint(call: RbCall, { operations, events }: StatementScope): void {
  const name = checkName(call, operations, asString(option(call, 'expression')));
  operations.validateConstraint(events, table(call), name);
}

function validateConstraint(call: RbCall, { operations, events }: StatementScope): void {
  operations.validateConstraint(events, table(call), name(call.args[1], 'constraint'));
}

function addExclusionConstraint(call: RbCall, { operations, events }: StatementScope): void {
  const tableName = table(call);
  const expression = asString(call.args[1]);
  if (expression === undefined) throw new MigrationProblem('expression is not a literal string');
  operations.addConstraint(
    events,
    tableName,
    exclusionConstraint(tableName, expression, call.options),
  );
}

function removeExclusionConstraint(call: RbCall, { operations, events }: StatementScope): void {
  const tableName = table(call);
  const expression = asString(call.args[1]);
  const given = asName(option(call, 'name'));
  if (given === undefined && expression === undefined)
    throw new MigrationProblem('no constraint name or expression');
  operations.dropConstraint(
    events,
    tableName,
    given ?? exclusionConstraintName(tableName, expression!),
    flag(call, 'if_exists'),
  );
}

function addUniqueConstraint(call: RbCall, { operations, events }: StatementScope): void {
  const tableName = table(call);
  const columns = call.args[1] === undefined ? [] : asNames(call.args[1]);
  if (!columns) throw new MigrationProblem('columns are not literal names');
  const usingIndex = asName(option(call, 'using_index'));
  const constraint = uniqueConstraint(tableName, columns, call.options);
  const named =
    columns.length === 0 && usingIndex !== undefined && option(call, 'name') === undefined
      ? { ...constraint, name: uniqueConstraintName(tableName, [usingIndex]) }
      : constraint;
  operations.addConstraint(events, tableName, named);
}

function removeUniqueConstraint(call: RbCall, { operations, events }: StatementScope): void {
  const tableName = table(call);
  const given = asName(option(call, 'name'));
  const columns = asNames(call.args[1]);
  if (given === undefined && columns === undefined)
    throw new MigrationProblem('no constraint name or columns');
  operations.dropConstraint(
    events,
    tableName,
    given ?? uniqueConstraintName(tableName, columns!),
    flag(call, 'if_exists'),
  );
}

// ---------------------------------------------------------------------------------------------
// SQL, extensions, enums, schemas

/**
 * `execute "..."`: the SQL, read by the SQL adapter (DDL becomes its events, DML `data.migrated`,
 * the rest `sql.executed`). SQL built at run time (`"... '#{value}'"`, `"..." + value`) is read
 * with a placeholder for each expression; it counts only when it then parses as data changes
 * (the expressions stand for values), whose description shows the expressions.
 */
function execute(call: RbCall, { events, sqlParser }: StatementScope): void {
  const argument = call.args[0];
  const statement = asString(argument);
  if (statement !== undefined) {
    events.sql(embeddedSqlEvents(sqlParser, statement, { transaction: events.transaction }));
    return;
  }
  const parts = argument?.type === 'unknown' ? argument.parts : undefined;
  const read = parts && dataChangesOf(parts, sqlParser, events.transaction);
  if (!read) {
    throw new MigrationProblem(
      `SQL built at run time: ${argument ? excerpt(toRubySource(argument)) : 'missing'}`,
    );
  }
  events.sql(read);
}

/**
 * SQL built at run time, each expression a parameter (`$1`): its events when every statement is
 * DML, the descriptions showing the expressions (`#{value}`) again; else undefined.
 */
function dataChangesOf(
  parts: readonly RbStringPart[],
  sqlParser: SqlParser,
  transaction: Transaction,
): EmbeddedSqlEvent[] | undefined {
  const holes: string[] = [];
  let text = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      if (/\$\d/.test(part)) return undefined; // the text's own parameters
      text += part;
    } else {
      holes.push(`#{${part.source}}`);
      text += `$${holes.length}`;
    }
  }
  const read = embeddedSqlEvents(sqlParser, text, { transaction });
  if (read.length === 0 || read.some((event) => event.kind !== 'data.migrated')) return undefined;
  const restore = (description: string) =>
    description.replace(/\$(\d+)/g, (_match, n: string) => holes[Number(n) - 1] ?? `$${n}`);
  return read.map((event) =>
    event.kind === 'data.migrated'
      ? { ...event, payload: { ...event.payload, description: restore(event.payload.description) } }
      : event,
  );
}

/** The connection's DML helpers: `update "UPDATE ..."`, `exec_delete "DELETE ..."`. */
function dataStatement(operation: 'update' | 'insert' | 'delete'): Statement {
  return (call, { events }) => {
    const statement = asString(call.args[0]);
    if (statement === undefined) throw new MigrationProblem('SQL built at run time');
    events.emit('data.migrated', { operation, description: statement });
  };
}

function enableExtension(call: RbCall, { events }: StatementScope): void {
  events.emit('extension.created', splitQualified(name(call.args[0], 'extension')));
}

function disableExtension(call: RbCall, { events }: StatementScope): void {
  const { name: extension } = splitQualified(name(call.args[0], 'extension'));
  events.emit('extension.dropped', {
    name: extension,
    ...(asName(option(call, 'force')) === 'cascade' ? { cascade: true } : {}),
  });
}

function createEnum(call: RbCall, { events }: StatementScope): void {
  const values = asNames(call.args[1]);
  if (!values) throw new MigrationProblem('values are not literal');
  events.emit('enum.created', { ...splitQualified(name(call.args[0], 'enum')), values });
}

function dropEnum(call: RbCall, { events }: StatementScope): void {
  events.emit('enum.dropped', splitQualified(name(call.args[0], 'enum')));
}

function addEnumValue(call: RbCall, { events }: StatementScope): void {
  events.emit('enum.altered', {
    ...splitQualified(name(call.args[0], 'enum')),
    addedValue: name(call.args[1], 'value'),
  });
}

function renameEnumValue(call: RbCall, { events }: StatementScope): void {
  events.emit('enum.altered', {
    ...splitQualified(name(call.args[0], 'enum')),
    renamedValue: {
      from: name(option(call, 'from'), 'from:'),
      to: name(option(call, 'to'), 'to:'),
    },
  });
}

/** `rename_enum :mood, :feeling` (Rails 7.2; 7.1 wrote `to: :feeling`): ALTER TYPE ... RENAME TO. */
function renameEnum(call: RbCall, { events }: StatementScope): void {
  const newName = name(call.args[1] ?? option(call, 'to'), 'new enum name');
  events.emit('enum.altered', {
    ...splitQualified(name(call.args[0], 'enum')),
    newName: splitQualified(newName).name,
  });
}

function createSchema(call: RbCall, { events }: StatementScope): void {
  events.emit('schema.created', {
    name: name(call.args[0], 'schema'),
    ...(flag(call, 'if_not_exists') ? { ifNotExists: true } : {}),
  });
}

/** `drop_schema`: Rails always drops with CASCADE. */
function dropSchema(call: RbCall, { events }: StatementScope): void {
  events.emit('schema.dropped', {
    name: name(call.args[0], 'schema'),
    ...(flag(call, 'if_exists') ? { ifExists: true } : {}),
    cascade: true,
  });
}

function renameSchema(call: RbCall, { events }: StatementScope): void {
  events.emit('schema.renamed', {
    name: name(call.args[0], 'schema'),
    newName: name(call.args[1], 'new schema name'),
  });
}

// ---------------------------------------------------------------------------------------------
// Paperclip (kt-paperclip, Paperclip 6): `add_attachment :users, :avatar`

/** Paperclip::Schema::COLUMNS: the columns of one attachment, `<name>_<column>`. */
const ATTACHMENT_COLUMNS: readonly (readonly [string, string])[] = [
  ['file_name', 'string'],
  ['content_type', 'string'],
  ['file_size', 'bigint'],
  ['updated_at', 'datetime'],
];

function attachmentNames(call: RbCall): string[] {
  const names = call.args.slice(1).map((value) => name(value, 'attachment'));
  if (names.length === 0) throw new MigrationProblem('no attachment name');
  return names;
}

/**
 * `add_attachment :users, :avatar, null: false`: four columns per attachment; options apply to
 * each column, an option named after a column (`file_size: { limit: 8 }`) to that column only.
 */
function addAttachment(call: RbCall, { operations, events }: StatementScope): void {
  const tableName = table(call);
  const columnKeys = ATTACHMENT_COLUMNS.map(([column]) => column);
  const general = (call.options?.entries ?? []).filter(
    (e) => !columnKeys.includes(asName(e.key) ?? ''),
  );
  for (const attachment of attachmentNames(call)) {
    for (const [column, type] of ATTACHMENT_COLUMNS) {
      const own = option(call, column);
      const options = hashOf([...general, ...(own?.type === 'hash' ? own.entries : [])], call.line);
      const built = columnDefinition(
        `${attachment}_${column}`,
        type,
        options,
        operations.behaviour,
      );
      operations.addColumn(events, tableName, built.column);
    }
  }
}

function removeAttachment(call: RbCall, { operations, events }: StatementScope): void {
  const tableName = table(call);
  for (const attachment of attachmentNames(call)) {
    const columns = ATTACHMENT_COLUMNS.map(([column]) => `${attachment}_${column}`);
    operations.removeColumns(events, tableName, columns, false);
  }
}

const STATEMENTS: Readonly<Record<string, Statement>> = {
  create_table: createTable,
  create_join_table: createJoinTable,
  change_table: changeTable,
  drop_table: dropTable,
  drop_join_table: dropJoinTable,
  rename_table: renameTable,
  change_table_comment: changeTableComment,
  add_column: addColumn,
  remove_column: removeColumn,
  remove_columns: removeColumns,
  rename_column: renameColumn,
  change_column: changeColumn,
  change_column_default: changeColumnDefault,
  change_column_null: changeColumnNull,
  change_column_comment: changeColumnComment,
  add_timestamps: addTimestamps,
  remove_timestamps: removeTimestamps,
  add_index: addIndex,
  remove_index: removeIndex,
  rename_index: renameIndex,
  add_reference: addReference,
  add_belongs_to: addReference,
  remove_reference: removeReference,
  remove_belongs_to: removeReference,
  add_foreign_key: addForeignKey,
  remove_foreign_key: removeForeignKey,
  validate_foreign_key: validateForeignKey,
  add_check_constraint: addCheckConstraint,
  remove_check_constraint: removeCheckConstraint,
  validate_check_constraint: validateCheckConstraint,
  validate_constraint: validateConstraint,
  add_exclusion_constraint: addExclusionConstraint,
  remove_exclusion_constraint: removeExclusionConstraint,
  add_unique_constraint: addUniqueConstraint,
  remove_unique_constraint: removeUniqueConstraint,
  execute,
  exec_query: execute,
  update: dataStatement('update'),
  exec_update: dataStatement('update'),
  insert: dataStatement('insert'),
  exec_insert: dataStatement('insert'),
  delete: dataStatement('delete'),
  exec_delete: dataStatement('delete'),
  enable_extension: enableExtension,
  disable_extension: disableExtension,
  create_enum: createEnum,
  drop_enum: dropEnum,
  add_enum_value: addEnumValue,
  rename_enum_value: renameEnumValue,
  rename_enum: renameEnum,
  create_schema: createSchema,
  drop_schema: dropSchema,
  rename_schema: renameSchema,
  add_attachment: addAttachment,
  remove_attachment: removeAttachment,
};
