import {
  asString,
  isCall,
  kwarg,
  lastSegment,
  truthy,
  type PyCall,
  type PyValue,
} from '../python/python-value';
import {
  columnDefinition,
  readCheck,
  readColumn,
  serialColumn,
  type CheckSpec,
  type ColumnSpec,
  type ForeignKeySpec,
  type Report,
} from './alembic-columns';
import {
  columnIndex,
  readForeignKeyConstraint,
  readIndexElement,
  TableConstraints,
} from './alembic-constraints';
import type { IndexInput, OperationEvents, TableInput } from './alembic-events';
import { postgresConstraintName } from './alembic-names';
import type { EnumType } from './alembic-types';
import { excerpt, identifierOf, identifiersOf, tableRefOf } from './alembic-values';

/** A constraint given to `create_table` (or to one of its columns, for a CHECK). */
type DeclaredConstraint =
  | { readonly kind: 'unique'; readonly name?: string; readonly columns: string[] }
  | { readonly kind: 'check'; readonly check: CheckSpec }
  | { readonly kind: 'foreign-key'; readonly foreignKey: ForeignKeySpec };

/** The items of `op.create_table(name, *items)`, read. */
interface TableDefinition {
  readonly columns: ColumnSpec[];
  /** In source order: SQLAlchemy renders constraints in the order their objects were created. */
  readonly constraints: DeclaredConstraint[];
  readonly indexes: IndexInput[];
  primaryKey?: { readonly name?: string; readonly columns: string[] };
}

/**
 * `op.create_table(name, *columns_and_constraints, schema=..., comment=...)`: CREATE TYPE for
 * its enums, CREATE TABLE (columns, then the primary key, the declared constraints in source order
 * and those its columns bring along), the indexes one by one, then the comment.
 */
export function createTable(call: PyCall, events: OperationEvents): void {
  const table = tableRefOf(call.args[0] ?? kwarg(call, 'table_name'), kwarg(call, 'schema'));
  if (!table) {
    events.unparsed('op.create_table: without a literal table name', call.line);
    return;
  }
  const report: Report = (what, line) => events.unparsed(what, line);
  const definition = readTableItems(call.args.slice(1), table.name, report);
  const { columns } = definition;
  // An explicit PrimaryKeyConstraint decides the key; otherwise the columns flagged primary_key.
  const keyColumns =
    definition.primaryKey && definition.primaryKey.columns.length > 0
      ? definition.primaryKey.columns
      : columns.filter((column) => column.primaryKey).map((column) => column.name);
  const keys = new Set(keyColumns);
  const serial = serialColumn(columns, keys);
  const declaredForeignKeys = new Map<string, ForeignKeySpec>();
  for (const constraint of definition.constraints) {
    if (constraint.kind === 'foreign-key' && constraint.foreignKey.columns.length === 1) {
      declaredForeignKeys.set(constraint.foreignKey.columns[0]!, constraint.foreignKey);
    }
  }

  emitEnums(events, columns, table);
  events.emit('table.created', {
    table,
    ...(truthy(kwarg(call, 'if_not_exists')) === true ? { ifNotExists: true } : {}),
  });
  for (const column of columns) {
    const foreignKey = column.foreignKeys.find((fk) => fk.columns.length === 1);
    events.emit('column.added', {
      table,
      column: columnDefinition(column, {
        primaryKey: keys.has(column.name),
        serial: serial === column.name,
        foreignKey: foreignKey ?? declaredForeignKeys.get(column.name),
      }),
    });
  }
  const constraints = new TableConstraints(events, table);
  if (keyColumns.length > 0) {
    constraints.add({
      name:
        definition.primaryKey?.name ??
        postgresConstraintName('primary-key', table.name, [], constraints.names),
      type: 'primary-key',
      columns: keyColumns,
    });
  }
  const names = columns.map((column) => column.name);
  for (const constraint of definition.constraints) {
    switch (constraint.kind) {
      case 'unique':
        constraints.add({
          name:
            constraint.name ??
            postgresConstraintName('unique', table.name, constraint.columns, constraints.names),
          type: 'unique',
          columns: constraint.columns,
        });
        break;
      case 'check':
        constraints.add(constraints.check(constraint.check, names));
        break;
      case 'foreign-key':
        constraints.add(constraints.foreignKey(constraint.foreignKey));
        break;
    }
  }
  // A column's CHECKs were declared above (they are objects of the migration's source).
  for (const column of columns) constraints.addColumnConstraints(column, { checks: false });
  const indexes = [
    ...definition.indexes,
    ...columns.filter((column) => column.index).map((column) => columnIndex(table.name, column)),
  ];
  // Alembic creates the indexes of a new table one by one after CREATE TABLE; by name here.
  indexes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const index of indexes) events.emit('index.created', { table, index });
  const comment = asString(kwarg(call, 'comment'));
  if (comment !== undefined) events.emit('table.comment_changed', { table, comment });
}

function readTableItems(items: readonly PyValue[], table: string, report: Report): TableDefinition {
  const definition: TableDefinition = { columns: [], constraints: [], indexes: [] };
  const notUnderstood = (line: number, item: string) =>
    report(`create_table ${table}: ${item} is not a column or constraint`, line);
  for (const item of items) {
    if (!isCall(item)) {
      notUnderstood(item.line, excerpt(item));
      continue;
    }
    const names = () => identifiersOf({ type: 'list', items: item.args, line: item.line });
    const name = identifierOf(kwarg(item, 'name'));
    switch (lastSegment(item.callee)) {
      case 'Column': {
        const column = readColumn(item, report);
        if (!column) break;
        definition.columns.push(column);
        for (const check of column.checks) definition.constraints.push({ kind: 'check', check });
        break;
      }
      case 'PrimaryKeyConstraint': {
        const columns = names();
        if (!columns)
          report(`create_table ${table}: primary key columns are not literal`, item.line);
        definition.primaryKey = { ...(name !== undefined ? { name } : {}), columns: columns ?? [] };
        break;
      }
      case 'UniqueConstraint': {
        const columns = names();
        if (!columns) {
          report(`create_table ${table}: unique constraint columns are not literal`, item.line);
          break;
        }
        definition.constraints.push({
          kind: 'unique',
          columns,
          ...(name !== undefined ? { name } : {}),
        });
        break;
      }
      case 'CheckConstraint': {
        const check = readCheck(item, report);
        if (check) definition.constraints.push({ kind: 'check', check });
        break;
      }
      case 'ForeignKeyConstraint': {
        const foreignKey = readForeignKeyConstraint(item, report);
        if (foreignKey) definition.constraints.push({ kind: 'foreign-key', foreignKey });
        break;
      }
      case 'Index': {
        const index = readIndexElement(item, table, report);
        if (index) definition.indexes.push(index);
        break;
      }
      default:
        notUnderstood(item.line, excerpt(item));
    }
  }
  return definition;
}

/**
 * CREATE TYPE for the native enums of a new table's columns: SQLAlchemy creates them just before
 * the table (unless `create_type=False`), each name once.
 */
function emitEnums(
  events: OperationEvents,
  columns: readonly ColumnSpec[],
  table: TableInput,
): void {
  const seen = new Set<string>();
  for (const column of columns) {
    for (const type of column.type.enums ?? []) {
      const key = `${type.schema ?? table.schema ?? ''}.${type.name}`;
      if (!type.createType || seen.has(key)) continue;
      seen.add(key);
      emitEnum(events, type, column.line);
    }
  }
}

export function emitEnum(events: OperationEvents, type: EnumType, line: number): void {
  events.emit('enum.created', {
    ...(type.schema ? { schema: type.schema } : {}),
    name: type.name,
    values: [...(type.values ?? [])],
  });
  if (!type.values) {
    events.unparsed(
      `enum ${type.name}: its values come from a Python enum class and are not known statically`,
      line,
    );
  }
}
