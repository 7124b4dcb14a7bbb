import {
  asItems,
  asString,
  isCall,
  kwarg,
  lastSegment,
  type PyValue,
} from '../python/python-value';
import { emitEnum } from './alembic-create-table';
import type { OperationEvents, TableInput } from './alembic-events';
import { sqlTypeOf } from './alembic-types';
import {
  excerpt,
  isMethodCall,
  sourceOf,
  tableRefOf,
  unchain,
  type PyMethodCall,
} from './alembic-values';

/**
 * What `op.execute(x)` (or `connection.execute(x)`) runs: SQL text (a string, `sa.text(...)`,
 * `sa.DDL(...)`) read by the SQL adapter into its events, a SQLAlchemy Core UPDATE / INSERT /
 * DELETE as `data.migrated`, CreateSequence / DropSequence as sequence events, and SQL built at
 * run time as `sql.executed` with its Python source and a reason.
 */
export function executeStatement(statement: PyValue, events: OperationEvents): void {
  const sql = literalSqlOf(statement);
  if (sql !== undefined) {
    events.sql(sql.text, sql.line);
    return;
  }
  const change = dataChange(statement);
  if (change) {
    events.emit('data.migrated', change);
    return;
  }
  if (sequenceStatement(statement, events)) return;
  const reason =
    statement.type === 'unknown' && statement.kind === 'string'
      ? 'the SQL is built at run time (an f-string); the statement is its Python source'
      : 'not literal SQL; the statement is its Python source';
  events.emit('sql.executed', { statement: sourceOf(statement), reason });
}

/**
 * The SQL text of an executed construct and the line where its string starts, as PostgreSQL
 * receives it: Alembic wraps a plain string in `sa.text()`, whose `:name` bind parameters reach
 * the server as parameters (read here as `$1`, `$2`, ...) and whose `\:` is a plain colon.
 * `sa.DDL(...)` has no bind parameters; its text is %-formatted, so `%%` is a `%`.
 */
function literalSqlOf(value: PyValue): { text: string; line: number } | undefined {
  if (value.type === 'str') return { text: textClauseSql(value.value), line: value.line };
  if (!isCall(value)) return undefined;
  if (isMethodCall(value)) {
    // `sa.text('...').bindparams(...)` / `.columns(...)` / `.execution_options(...)` keep the SQL.
    return ['bindparams', 'columns', 'execution_options'].includes(value.method)
      ? literalSqlOf(value.receiver)
      : undefined;
  }
  const construct = lastSegment(value.callee);
  const text = value.args[0];
  if (!['text', 'literal_column', 'DDL'].includes(construct) || text?.type !== 'str') {
    return undefined;
  }
  return {
    text: construct === 'DDL' ? text.value.replaceAll('%%', '%') : textClauseSql(text.value),
    line: text.line,
  };
}

/** SQLAlchemy's `text()` bind parameter syntax (its compiler's BIND_PARAMS and escape rules). */
const BIND_PARAMETER = /(?<![:\w$\\]):([\w$]+)(?![:\w$])/g;
const ESCAPED_COLON = /\\(:[\w$]*)(?![:\w$])/g;

function textClauseSql(sql: string): string {
  const numbers = new Map<string, number>();
  return sql
    .replace(BIND_PARAMETER, (_match: string, name: string) => {
      if (!numbers.has(name)) numbers.set(name, numbers.size + 1);
      return `$${numbers.get(name)}`;
    })
    .replace(ESCAPED_COLON, '$1');
}

interface DataChange {
  operation: 'insert' | 'update' | 'delete';
  description: string;
  table?: TableInput;
  hasWhere?: boolean;
}

const DML = new Set<string>(['insert', 'update', 'delete']);

/** `table.update().where(...).values(...)`, `sa.delete(t).where(...)`, `t.insert().values(...)`. */
function dataChange(statement: PyValue): DataChange | undefined {
  const { root, methods } = unchain(statement);
  let operation: string;
  let table: TableInput | undefined;
  let clauses: readonly PyMethodCall[];
  if (isCall(root) && DML.has(lastSegment(root.callee)) && root.args.length > 0) {
    operation = lastSegment(root.callee);
    table = tableValueOf(root.args[0]);
    clauses = methods;
  } else if (methods[0] && DML.has(methods[0].method)) {
    operation = methods[0].method;
    table = tableValueOf(root);
    clauses = methods.slice(1);
  } else {
    return undefined;
  }
  const dml = operation as DataChange['operation'];
  const hasWhere = clauses.some((clause) =>
    ['where', 'filter', 'filter_by'].includes(clause.method),
  );
  return {
    operation: dml,
    description: `${dml.toUpperCase()} ${table?.name ?? '?'}: ${excerpt(statement, 120)}`,
    ...(table ? { table } : {}),
    ...(dml === 'insert' ? {} : { hasWhere }),
  };
}

/** `sa.schema.CreateSequence(sa.Sequence('name', schema=...))` and `DropSequence(...)`. */
function sequenceStatement(statement: PyValue, events: OperationEvents): boolean {
  if (!isCall(statement) || isMethodCall(statement)) return false;
  const cls = lastSegment(statement.callee);
  const sequence = statement.args[0];
  const name = isCall(sequence) ? asString(sequence.args[0]) : undefined;
  if ((cls !== 'CreateSequence' && cls !== 'DropSequence') || !isCall(sequence) || !name) {
    return false;
  }
  const schema = asString(kwarg(sequence, 'schema'));
  const payload = { ...(schema ? { schema } : {}), name };
  if (cls === 'CreateSequence') events.emit('sequence.created', payload);
  else events.emit('sequence.dropped', payload);
  return true;
}

/** A table object: `sa.table('t', ...)`, `sa.Table('t', metadata, ...)`, `op.create_table('t', ...)`. */
function tableValueOf(value: PyValue | undefined): TableInput | undefined {
  if (!isCall(value) || isMethodCall(value)) return undefined;
  const cls = lastSegment(value.callee);
  if (cls !== 'table' && cls !== 'Table' && cls !== 'create_table') return undefined;
  return tableRefOf(value.args[0], kwarg(value, 'schema'));
}

/** `op.bulk_insert(table, rows)`: an INSERT of literal rows into a `sa.table(...)`. */
export function bulkInsert(
  table: PyValue | undefined,
  rows: PyValue | undefined,
  events: OperationEvents,
): void {
  const target = tableValueOf(table);
  const items = asItems(rows);
  const count = items ? `${items.length} row${items.length === 1 ? '' : 's'}` : 'rows';
  events.emit('data.migrated', {
    operation: 'insert',
    description: `bulk_insert of ${count} into ${target?.name ?? (table ? excerpt(table) : '?')}`,
    ...(target ? { table: target } : {}),
  });
}

/**
 * `postgresql.ENUM('a', 'b', name='mood').create(op.get_bind())` and `.drop(...)`: the type on
 * its own. False when the statement is not that.
 */
export function enumStatement(statement: PyValue, events: OperationEvents): boolean {
  if (!isMethodCall(statement) || !isEnumStatement(statement)) return false;
  const enumType = sqlTypeOf(statement.receiver)?.enums?.[0];
  if (!enumType) return false;
  if (statement.method === 'create') {
    emitEnum(events, enumType, statement.line);
  } else {
    events.emit('enum.dropped', {
      ...(enumType.schema ? { schema: enumType.schema } : {}),
      name: enumType.name,
    });
  }
  return true;
}

/** `<Enum or ENUM call>.create(...)` / `.drop(...)`. */
export function isEnumStatement(statement: PyValue): boolean {
  if (!isMethodCall(statement) || !['create', 'drop'].includes(statement.method)) return false;
  const receiver = statement.receiver;
  return (
    isCall(receiver) &&
    !isMethodCall(receiver) &&
    ['Enum', 'ENUM'].includes(lastSegment(receiver.callee))
  );
}
