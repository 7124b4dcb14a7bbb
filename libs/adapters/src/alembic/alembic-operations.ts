import {
  asItems,
  asString,
  bindArguments,
  isCall,
  kwarg,
  lastSegment,
  toPythonSource,
  truthy,
  type PyCall,
  type PyValue,
} from '../python/python-value';
import {
  columnDefinition,
  conditionText,
  onDeleteOf,
  readColumn,
  serialColumn,
  serverDefaultOf,
  type CheckSpec,
} from './alembic-columns';
import {
  columnIndex,
  indexDefinition,
  indexElements,
  TableConstraints,
} from './alembic-constraints';
import { createTable } from './alembic-create-table';
import { bulkInsert, executeStatement } from './alembic-data';
import type { OperationEvents, TableInput } from './alembic-events';
import { conventionIndexName, postgresConstraintName } from './alembic-names';
import { sqlTypeOf } from './alembic-types';
import {
  excerpt,
  identifierOf,
  identifiersOf,
  isAbsent,
  sqlTextOf,
  tableRefOf,
} from './alembic-values';

/** One call of an Alembic operation: `op.add_column(...)`, or `batch_op.add_column(...)`. */
export interface OperationCall {
  /** The operation's name, e.g. `add_column`. */
  readonly name: string;
  readonly call: PyCall;
  /** Set inside `with op.batch_alter_table(...) as batch_op:`: the table every call applies to. */
  readonly batch?: TableInput;
}

type Handler = (operation: OperationCall, events: OperationEvents) => void;

/**
 * The parameters of each operation in Alembic's order, for positional arguments; `batch` is the
 * order of the `batch_op` variant, which has no table parameter.
 */
interface Signature {
  readonly parameters: readonly string[];
  readonly batch?: readonly string[];
  readonly handler: Handler;
}

/**
 * Runs one operation: emits its events, or reports why it cannot. Never throws for bad input.
 */
export function runOperation(operation: OperationCall, events: OperationEvents): void {
  const signature = Object.hasOwn(OPERATIONS, operation.name)
    ? OPERATIONS[operation.name]
    : undefined;
  const prefix = operation.batch ? 'batch_op' : 'op';
  if (!signature || (operation.batch && !signature.batch)) {
    events.unparsed(`unsupported operation ${prefix}.${operation.name}`, operation.call.line);
    return;
  }
  if (operation.call.unpacked) {
    events.unparsed(
      `${prefix}.${operation.name} with *args/**kwargs: the unpacked arguments are not known statically`,
      operation.call.line,
    );
  }
  signature.handler(operation, events);
}

/** Binds an operation's arguments to its parameters (batch or not). */
function argumentsOf(operation: OperationCall): Partial<Record<string, PyValue>> {
  const signature = OPERATIONS[operation.name]!;
  return bindArguments(
    operation.call,
    operation.batch ? (signature.batch ?? []) : signature.parameters,
  );
}

/** The table an operation works on: the batch table, or its `table_name` (+ `schema`). */
function tableOf(
  operation: OperationCall,
  args: Partial<Record<string, PyValue>>,
  parameter = 'table_name',
  schemaParameter = 'schema',
): TableInput | undefined {
  if (operation.batch) return operation.batch;
  return tableRefOf(args[parameter], args[schemaParameter]);
}

function problem(events: OperationEvents, operation: OperationCall, what: string): void {
  const prefix = operation.batch ? 'batch_op' : 'op';
  events.unparsed(`${prefix}.${operation.name}: ${what}`, operation.call.line);
}

/** Tables: `create_table` (see alembic-create-table), `drop_table`, `rename_table`, comments. */

function dropTable(operation: OperationCall, events: OperationEvents): void {
  const args = argumentsOf(operation);
  const table = tableOf(operation, args);
  if (!table) return problem(events, operation, 'without a literal table name');
  events.emit('table.dropped', {
    table,
    ...(truthy(args.if_exists) === true ? { ifExists: true } : {}),
  });
}

function renameTable(operation: OperationCall, events: OperationEvents): void {
  const args = argumentsOf(operation);
  const table = tableOf(operation, args, 'old_table_name');
  const newName = identifierOf(args.new_table_name);
  if (!table || !newName) return problem(events, operation, 'without literal table names');
  events.emit('table.renamed', { table, newName });
}

function tableComment(operation: OperationCall, events: OperationEvents, drop: boolean): void {
  const args = argumentsOf(operation);
  const table = tableOf(operation, args);
  if (!table) return problem(events, operation, 'without a literal table name');
  const comment = drop ? null : (asString(args.comment) ?? null);
  events.emit('table.comment_changed', { table, comment });
}

/** Columns: `add_column`, `drop_column`, `alter_column`. */

function addColumn(operation: OperationCall, events: OperationEvents): void {
  const args = argumentsOf(operation);
  const table = tableOf(operation, args);
  if (!table) return problem(events, operation, 'without a literal table name');
  const call = args.column;
  if (!isCall(call) || lastSegment(call.callee) !== 'Column') {
    return problem(
      events,
      operation,
      `${excerpt(call ?? operation.call)} is not a literal sa.Column`,
    );
  }
  const column = readColumn(call, (what, line) => events.unparsed(what, line));
  if (!column) return;
  // Alembic adds the column alone: its PrimaryKeyConstraint is skipped and its type (an enum) not
  // created; SQLAlchemy still makes an integer primary key column SERIAL.
  const serial = serialColumn([column], new Set(column.primaryKey ? [column.name] : []));
  events.emit('column.added', {
    table,
    column: columnDefinition(column, {
      primaryKey: false,
      serial: serial === column.name,
      foreignKey: column.foreignKeys.find((fk) => fk.columns.length === 1),
    }),
  });
  // Then ALTER TABLE ... ADD CONSTRAINT for its unique, CHECK and foreign key, then its index.
  new TableConstraints(events, table).addColumnConstraints(column, { checks: true });
  if (column.index) events.emit('index.created', { table, index: columnIndex(table.name, column) });
}

function dropColumn(operation: OperationCall, events: OperationEvents): void {
  const args = argumentsOf(operation);
  const table = tableOf(operation, args);
  const column = identifierOf(args.column_name);
  if (!table || !column)
    return problem(events, operation, 'without literal table and column names');
  events.emit('column.dropped', {
    table,
    column,
    ...(truthy(args.if_exists) === true ? { ifExists: true } : {}),
  });
}

/**
 * `alter_column`: PostgreSQL's implementation runs ALTER ... TYPE first, then nullability,
 * default, comment, and the rename last.
 */
function alterColumn(operation: OperationCall, events: OperationEvents): void {
  const args = argumentsOf(operation);
  const table = tableOf(operation, args);
  const column = identifierOf(args.column_name);
  if (!table || !column)
    return problem(events, operation, 'without literal table and column names');
  const { call } = operation;
  const typeValue = kwarg(call, 'type_');
  const using = kwarg(call, 'postgresql_using');
  if (!isAbsent(typeValue)) {
    const type = sqlTypeOf(typeValue) ?? { sql: 'unknown', framework: toPythonSource(typeValue!) };
    const usingText = isAbsent(using) ? undefined : conditionText(using);
    events.emit('column.type_changed', {
      table,
      column,
      type: { sql: type.sql, framework: type.framework },
      ...(usingText !== undefined ? { using: usingText } : {}),
    });
  } else if (!isAbsent(using)) {
    problem(events, operation, `${column}: postgresql_using without type_ (Alembic refuses it)`);
  }
  const nullable = truthy(kwarg(call, 'nullable'));
  if (nullable !== undefined && kwarg(call, 'nullable')?.type !== 'none') {
    events.emit('column.nullability_changed', { table, column, nullable });
  }
  const serverDefault = kwarg(call, 'server_default');
  if (serverDefault !== undefined && !(serverDefault.type === 'bool' && !serverDefault.value)) {
    const cls = isCall(serverDefault) ? lastSegment(serverDefault.callee) : undefined;
    if (cls === 'Identity' || cls === 'Computed') {
      problem(
        events,
        operation,
        `${column}: server_default=${cls}(...) (identity or generated column changes) is not modelled`,
      );
    } else {
      events.emit('column.default_changed', {
        table,
        column,
        default: serverDefaultOf(serverDefault),
      });
    }
  }
  const comment = kwarg(call, 'comment');
  if (comment !== undefined && !(comment.type === 'bool' && !comment.value)) {
    events.emit('column.comment_changed', { table, column, comment: asString(comment) ?? null });
  }
  const newName = identifierOf(kwarg(call, 'new_column_name'));
  if (newName !== undefined && newName !== column) {
    events.emit('column.renamed', { table, column, newName });
  }
}

/** Indexes. */

function createIndex(operation: OperationCall, events: OperationEvents): void {
  const args = argumentsOf(operation);
  const table = tableOf(operation, args);
  if (!table) return problem(events, operation, 'without a literal table name');
  const items = asItems(args.columns) ?? (args.columns ? [args.columns] : undefined);
  if (!items) return problem(events, operation, 'without columns');
  const parts = indexElements(items);
  // An index left unnamed gets SQLAlchemy's default convention, ix_<table>_<first column>.
  const name =
    identifierOf(args.index_name) ??
    (isAbsent(args.index_name) && parts.columns[0] !== undefined
      ? conventionIndexName(table.name, parts.columns[0])
      : undefined);
  if (!name) return problem(events, operation, 'without a literal index name');
  events.emit('index.created', {
    table,
    index: indexDefinition(name, parts, operation.call),
    ...(truthy(kwarg(operation.call, 'if_not_exists')) === true ? { ifNotExists: true } : {}),
  });
}

function dropIndex(operation: OperationCall, events: OperationEvents): void {
  const args = argumentsOf(operation);
  const name = identifierOf(args.index_name);
  if (!name) return problem(events, operation, 'without a literal index name');
  const table = tableOf(operation, args);
  events.emit('index.dropped', {
    ...(table ? { table } : {}),
    name,
    ...(truthy(kwarg(operation.call, 'postgresql_concurrently')) === true
      ? { concurrently: true }
      : {}),
    ...(truthy(args.if_exists) === true ? { ifExists: true } : {}),
  });
}

/** Constraints. */

function createUniqueConstraint(operation: OperationCall, events: OperationEvents): void {
  const args = argumentsOf(operation);
  const table = tableOf(operation, args);
  const columns = identifiersOf(args.columns);
  if (!table || !columns) return problem(events, operation, 'without a literal table and columns');
  events.emit('constraint.added', {
    table,
    constraint: {
      name:
        identifierOf(args.constraint_name) ?? postgresConstraintName('unique', table.name, columns),
      type: 'unique',
      columns,
    },
  });
}

function createPrimaryKey(operation: OperationCall, events: OperationEvents): void {
  const args = argumentsOf(operation);
  const table = tableOf(operation, args);
  const columns = identifiersOf(args.columns);
  if (!table || !columns) return problem(events, operation, 'without a literal table and columns');
  events.emit('constraint.added', {
    table,
    constraint: {
      name:
        identifierOf(args.constraint_name) ?? postgresConstraintName('primary-key', table.name, []),
      type: 'primary-key',
      columns,
    },
  });
}

function createForeignKey(operation: OperationCall, events: OperationEvents): void {
  const args = argumentsOf(operation);
  const table = tableOf(operation, args, 'source_table', 'source_schema');
  const target = tableRefOf(args.referent_table, kwarg(operation.call, 'referent_schema'));
  const columns = identifiersOf(args.local_cols);
  const targetColumns = identifiersOf(args.remote_cols);
  if (!table || !target || !columns || !targetColumns) {
    return problem(events, operation, 'without literal tables and columns');
  }
  const name = identifierOf(args.constraint_name);
  const constraints = new TableConstraints(events, table);
  constraints.add(
    constraints.foreignKey({
      ...(name !== undefined ? { name } : {}),
      columns,
      target,
      targetColumns,
      onDelete: onDeleteOf(kwarg(operation.call, 'ondelete')),
      notValid: truthy(kwarg(operation.call, 'postgresql_not_valid')) === true,
      line: operation.call.line,
    }),
  );
}

function createCheckConstraint(operation: OperationCall, events: OperationEvents): void {
  const args = argumentsOf(operation);
  const table = tableOf(operation, args);
  const expression = conditionText(args.condition);
  if (!table || expression === undefined) {
    return problem(events, operation, 'without a literal table and condition');
  }
  const name = identifierOf(args.constraint_name);
  const check: CheckSpec = {
    ...(name !== undefined ? { name } : {}),
    expression,
    notValid: truthy(kwarg(operation.call, 'postgresql_not_valid')) === true,
    line: operation.call.line,
  };
  const constraints = new TableConstraints(events, table);
  constraints.add(constraints.check(check));
}

/** `op.create_exclude_constraint('name', 'table', ('room', '='), ('during', '&&'), using='gist')`. */
function createExcludeConstraint(operation: OperationCall, events: OperationEvents): void {
  const { call } = operation;
  const [nameValue, ...rest] = call.args;
  const table = operation.batch ?? tableRefOf(rest[0], kwarg(call, 'schema'));
  const elements = operation.batch ? rest : rest.slice(1);
  if (!table) return problem(events, operation, 'without a literal table name');
  const columns: string[] = [];
  const parts: string[] = [];
  for (const element of elements) {
    const [expression, operator] = asItems(element) ?? [];
    const column = asString(expression);
    const text =
      column ?? (expression ? (sqlTextOf(expression) ?? toPythonSource(expression)) : undefined);
    const op = asString(operator);
    if (text === undefined || op === undefined) {
      return problem(
        events,
        operation,
        `element ${excerpt(element)} is not a literal (column, operator) pair`,
      );
    }
    if (column !== undefined) columns.push(column);
    parts.push(`${text} WITH ${op}`);
  }
  const using = asString(kwarg(call, 'using')) ?? 'gist';
  const where = conditionText(kwarg(call, 'where'));
  events.emit('constraint.added', {
    table,
    constraint: {
      name: identifierOf(nameValue) ?? postgresConstraintName('exclusion', table.name, columns),
      type: 'exclusion',
      columns,
      expression: `USING ${using} (${parts.join(', ')})${where !== undefined ? ` WHERE (${where})` : ''}`,
    },
  });
}

function dropConstraint(operation: OperationCall, events: OperationEvents): void {
  const args = argumentsOf(operation);
  const table = tableOf(operation, args);
  const name = identifierOf(args.constraint_name);
  if (!table || !name)
    return problem(events, operation, 'without a literal constraint and table name');
  events.emit('constraint.dropped', {
    table,
    name,
    ...(truthy(args.if_exists) === true ? { ifExists: true } : {}),
  });
}

/** Opaque work: `execute`, `bulk_insert` (see alembic-data). */

function execute(operation: OperationCall, events: OperationEvents): void {
  const statement = argumentsOf(operation).sqltext;
  if (statement === undefined) return problem(events, operation, 'without a statement');
  executeStatement(statement, events);
}

/**
 * `op.sync_enum_values(enum_schema, enum_name, new_values, ...)` (alembic-postgresql-enum): the
 * enum's values become `new_values` — `enum.altered` with the whole list (`values`); which values
 * were added or removed follows from the list before.
 */
function syncEnumValues(operation: OperationCall, events: OperationEvents): void {
  const args = argumentsOf(operation);
  const schema = asString(args.enum_schema);
  const name = asString(args.enum_name);
  const values = asItems(args.new_values)?.map((value) => asString(value));
  if (!name || !values || values.some((value) => value === undefined)) {
    return problem(events, operation, 'without a literal enum name and list of values');
  }
  events.emit('enum.altered', {
    ...(schema ? { schema } : {}),
    name,
    values: values as string[],
  });
}

const OPERATIONS: Readonly<Record<string, Signature>> = {
  create_table: {
    parameters: ['table_name'],
    handler: (operation, events) => createTable(operation.call, events),
  },
  drop_table: { parameters: ['table_name'], handler: dropTable },
  rename_table: { parameters: ['old_table_name', 'new_table_name'], handler: renameTable },
  create_table_comment: {
    parameters: ['table_name', 'comment'],
    batch: ['comment'],
    handler: (operation, events) => tableComment(operation, events, false),
  },
  drop_table_comment: {
    parameters: ['table_name'],
    batch: [],
    handler: (operation, events) => tableComment(operation, events, true),
  },
  add_column: { parameters: ['table_name', 'column'], batch: ['column'], handler: addColumn },
  drop_column: {
    parameters: ['table_name', 'column_name'],
    batch: ['column_name'],
    handler: dropColumn,
  },
  alter_column: {
    parameters: ['table_name', 'column_name'],
    batch: ['column_name'],
    handler: alterColumn,
  },
  create_index: {
    parameters: ['index_name', 'table_name', 'columns'],
    batch: ['index_name', 'columns'],
    handler: createIndex,
  },
  drop_index: {
    parameters: ['index_name', 'table_name'],
    batch: ['index_name'],
    handler: dropIndex,
  },
  create_unique_constraint: {
    parameters: ['constraint_name', 'table_name', 'columns'],
    batch: ['constraint_name', 'columns'],
    handler: createUniqueConstraint,
  },
  create_primary_key: {
    parameters: ['constraint_name', 'table_name', 'columns'],
    batch: ['constraint_name', 'columns'],
    handler: createPrimaryKey,
  },
  create_foreign_key: {
    parameters: ['constraint_name', 'source_table', 'referent_table', 'local_cols', 'remote_cols'],
    batch: ['constraint_name', 'referent_table', 'local_cols', 'remote_cols'],
    handler: createForeignKey,
  },
  create_check_constraint: {
    parameters: ['constraint_name', 'table_name', 'condition'],
    batch: ['constraint_name', 'condition'],
    handler: createCheckConstraint,
  },
  create_exclude_constraint: {
    parameters: ['constraint_name', 'table_name'],
    batch: ['constraint_name'],
    handler: createExcludeConstraint,
  },
  drop_constraint: {
    parameters: ['constraint_name', 'table_name', 'type_'],
    batch: ['constraint_name', 'type_'],
    handler: dropConstraint,
  },
  execute: { parameters: ['sqltext'], batch: ['sqltext'], handler: execute },
  sync_enum_values: {
    parameters: ['enum_schema', 'enum_name', 'new_values', 'affected_columns'],
    handler: syncEnumValues,
  },
  bulk_insert: {
    parameters: ['table', 'rows', 'multiinsert'],
    handler: (operation, events) => {
      const args = argumentsOf(operation);
      bulkInsert(args.table, args.rows, events);
    },
  },
};
