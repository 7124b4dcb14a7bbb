import {
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
import type { ColumnDefaultInput, ColumnInput, OnDelete, TableInput } from './alembic-events';
import { sqlConstant, volatilityOf } from './alembic-sql';
import { sqlTypeOf, type SqlType } from './alembic-types';
import { excerpt, identifierOf, isAbsent, sqlTextOf } from './alembic-values';

/** A foreign key declared on a column (`sa.ForeignKey`) or on the table (`ForeignKeyConstraint`). */
export interface ForeignKeySpec {
  readonly name?: string;
  readonly columns: readonly string[];
  readonly target: TableInput;
  readonly targetColumns: readonly string[];
  readonly onDelete: OnDelete;
  readonly notValid: boolean;
  readonly line: number;
}

export interface CheckSpec {
  readonly name?: string;
  readonly expression: string;
  readonly notValid: boolean;
  readonly line: number;
}

/** An `sa.Column(...)` as written; the table it lands in decides primary key and SERIAL. */
export interface ColumnSpec {
  readonly name: string;
  readonly line: number;
  readonly type: SqlType;
  readonly primaryKey: boolean;
  /** `nullable=` when given. */
  readonly nullable?: boolean;
  readonly unique: boolean;
  readonly index: boolean;
  readonly default: ColumnDefaultInput;
  /** A Python-side `default=` or `Sequence`: SQLAlchemy fills the value, so no SERIAL. */
  readonly clientDefault: boolean;
  readonly serverDefault: boolean;
  readonly autoincrement: 'auto' | 'ignore_fk' | boolean;
  readonly identity?: 'always' | 'by-default';
  readonly generated?: { expression: string; stored: boolean };
  readonly comment?: string;
  readonly foreignKeys: readonly ForeignKeySpec[];
  readonly checks: readonly CheckSpec[];
}

/** Reports what could not be read, with the line it is on. */
export type Report = (what: string, line: number) => void;

/**
 * Reads `sa.Column(name, type, *items, **options)`. Undefined when the column has no literal
 * name (the problem is reported).
 */
export function readColumn(call: PyCall, report: Report): ColumnSpec | undefined {
  const name = identifierOf(call.args[0] ?? kwarg(call, 'name'));
  if (name === undefined) {
    report(`column without a literal name: ${excerpt(call)}`, call.line);
    return undefined;
  }
  const items = call.args.slice(1);
  let type: SqlType | undefined = sqlTypeOf(kwarg(call, 'type_'));
  const foreignKeys: ForeignKeySpec[] = [];
  const checks: CheckSpec[] = [];
  let identity: ColumnSpec['identity'];
  let generated: ColumnSpec['generated'];
  let sequence: string | undefined;
  let serverDefaultValue = kwarg(call, 'server_default');
  items.forEach((item, position) => {
    const cls = isCall(item) ? lastSegment(item.callee) : undefined;
    if (isCall(item) && cls === 'ForeignKey') {
      const foreignKey = readColumnForeignKey(item, name, report);
      if (foreignKey) foreignKeys.push(foreignKey);
    } else if (isCall(item) && cls === 'CheckConstraint') {
      const check = readCheck(item, report);
      if (check) checks.push(check);
    } else if (isCall(item) && cls === 'Identity') {
      identity = truthy(kwarg(item, 'always')) === true ? 'always' : 'by-default';
    } else if (isCall(item) && cls === 'Computed') {
      const args = bindArguments(item, ['sqltext', 'persisted']);
      const expression = sqlTextOf(args.sqltext) ?? (args.sqltext && toPythonSource(args.sqltext));
      // PostgreSQL before 18 only has stored generated columns; SQLAlchemy emits STORED.
      if (expression) generated = { expression, stored: truthy(args.persisted) !== false };
    } else if (isCall(item) && cls === 'Sequence') {
      sequence = asString(item.args[0]) ?? 'sequence';
    } else if (isCall(item) && (cls === 'DefaultClause' || cls === 'FetchedValue')) {
      serverDefaultValue = item;
    } else if (position === 0 && type === undefined) {
      type = sqlTypeOf(item);
      if (type === undefined)
        report(`column ${name}: type ${excerpt(item)} is not understood`, item.line);
    } else {
      report(`column ${name}: argument ${excerpt(item)} is not understood`, item.line);
    }
  });
  const pythonDefault = kwarg(call, 'default') ?? kwarg(call, 'insert_default');
  const serverDefault = isAbsent(serverDefaultValue) ? undefined : serverDefaultValue;
  const columnDefault: ColumnDefaultInput = serverDefault
    ? serverDefaultOf(serverDefault)
    : !isAbsent(pythonDefault)
      ? applicationDefaultOf(pythonDefault!)
      : sequence
        ? {
            kind: 'expression',
            expression: `nextval('${sequence}')`,
            volatility: 'volatile',
            level: 'app',
          }
        : { kind: 'none' };
  const nullable = kwarg(call, 'nullable');
  const comment = asString(kwarg(call, 'comment'));
  return {
    name,
    line: call.line,
    // A column typed only by its ForeignKey gets the referenced column's type in SQLAlchemy.
    type: type ?? { sql: 'unknown', framework: 'NullType' },
    primaryKey: truthy(kwarg(call, 'primary_key')) === true,
    ...(nullable !== undefined && truthy(nullable) !== undefined
      ? { nullable: truthy(nullable) === true }
      : {}),
    unique: truthy(kwarg(call, 'unique')) === true,
    index: truthy(kwarg(call, 'index')) === true,
    default: columnDefault,
    clientDefault: !isAbsent(pythonDefault) || sequence !== undefined,
    serverDefault: serverDefault !== undefined,
    autoincrement: autoincrementOf(kwarg(call, 'autoincrement')),
    ...(identity ? { identity } : {}),
    ...(generated ? { generated } : {}),
    ...(comment !== undefined ? { comment } : {}),
    foreignKeys,
    checks,
  };
}

function autoincrementOf(value: PyValue | undefined): ColumnSpec['autoincrement'] {
  if (value?.type === 'bool') return value.value;
  if (value?.type === 'str' && value.value === 'ignore_fk') return 'ignore_fk';
  return 'auto';
}

/**
 * The column definition the database ends up with. `primaryKey` comes from the table (a
 * `PrimaryKeyConstraint` marks its columns); primary key and identity columns are NOT NULL;
 * `foreignKey` is the single-column foreign key on it, declared on the column or the table.
 */
export function columnDefinition(
  column: ColumnSpec,
  options: { primaryKey: boolean; serial: boolean; foreignKey?: ForeignKeySpec | undefined },
): ColumnInput {
  const foreignKey = options.foreignKey;
  const notNull = options.primaryKey || column.identity !== undefined || options.serial;
  const nullable = notNull ? false : (column.nullable ?? !column.primaryKey);
  const identity = column.identity ?? (options.serial ? 'serial' : undefined);
  return {
    name: column.name,
    type: { sql: column.type.sql, framework: column.type.framework },
    nullable,
    unique: column.unique,
    primaryKey: options.primaryKey,
    default: column.default,
    ...(identity ? { identity } : {}),
    ...(column.generated ? { generated: column.generated } : {}),
    ...(foreignKey
      ? {
          references: {
            table: foreignKey.target,
            column: foreignKey.targetColumns[0]!,
            onDelete: foreignKey.onDelete,
          },
        }
      : {}),
    ...(column.comment !== undefined ? { comment: column.comment } : {}),
  };
}

/**
 * SQLAlchemy's autoincrement column (`Table._autoincrement_column`), which the PostgreSQL dialect
 * renders as SERIAL / BIGSERIAL / SMALLSERIAL: the only primary key column, of an integer type,
 * with no Python default, server default, identity or (unless `autoincrement=True`/`'ignore_fk'`)
 * foreign key, and `autoincrement` not False. With several primary key columns, only one marked
 * `autoincrement=True`.
 */
export function serialColumn(
  columns: readonly ColumnSpec[],
  primaryKey: ReadonlySet<string>,
): string | undefined {
  const keys = columns.filter((column) => primaryKey.has(column.name));
  const candidate =
    keys.length === 1 ? keys[0]! : keys.find((column) => column.autoincrement === true);
  if (!candidate || candidate.autoincrement === false) return undefined;
  if (!candidate.type.integer || candidate.identity || candidate.generated) return undefined;
  if (candidate.clientDefault || candidate.serverDefault) return undefined;
  if (candidate.foreignKeys.length > 0 && candidate.autoincrement === 'auto') return undefined;
  return candidate.name;
}

/** `sa.ForeignKey('table.column', ondelete=..., name=...)` on a column. */
function readColumnForeignKey(
  call: PyCall,
  column: string,
  report: Report,
): ForeignKeySpec | undefined {
  const args = bindArguments(call, ['column']);
  const target = referenceOf(args.column);
  if (!target) {
    report(
      `column ${column}: foreign key target ${excerpt(args.column ?? call)} is not a literal 'table.column'`,
      call.line,
    );
    return undefined;
  }
  const name = identifierOf(kwarg(call, 'name'));
  return {
    ...(name !== undefined ? { name } : {}),
    columns: [column],
    target: target.table,
    targetColumns: [target.column],
    onDelete: onDeleteOf(kwarg(call, 'ondelete')),
    notValid: truthy(kwarg(call, 'postgresql_not_valid')) === true,
    line: call.line,
  };
}

/** `'table.column'` or `'schema.table.column'`. */
export function referenceOf(
  value: PyValue | undefined,
): { table: TableInput; column: string } | undefined {
  const text = asString(value);
  if (!text) return undefined;
  const parts = text.split('.');
  if (parts.length < 2 || parts.some((part) => part.length === 0)) return undefined;
  const column = parts.at(-1)!;
  const name = parts.at(-2)!;
  const schema = parts.slice(0, -2).join('.');
  return { table: { ...(schema ? { schema } : {}), name }, column };
}

/** `sa.CheckConstraint(sqltext, name=...)`. */
export function readCheck(call: PyCall, report: Report): CheckSpec | undefined {
  const args = bindArguments(call, ['sqltext', 'name']);
  const expression = conditionText(args.sqltext);
  if (expression === undefined) {
    report(`CHECK without a condition: ${excerpt(call)}`, call.line);
    return undefined;
  }
  const name = identifierOf(args.name);
  return {
    ...(name !== undefined ? { name } : {}),
    expression,
    notValid: truthy(kwarg(call, 'postgresql_not_valid')) === true,
    line: call.line,
  };
}

/** A condition: SQL text, or a SQLAlchemy expression kept as its Python source. */
export function conditionText(value: PyValue | undefined): string | undefined {
  if (value === undefined || value.type === 'none') return undefined;
  return sqlTextOf(value) ?? toPythonSource(value);
}

const ON_DELETE: Readonly<Record<string, OnDelete>> = {
  cascade: 'cascade',
  restrict: 'restrict',
  'set null': 'set null',
  'set default': 'set default',
  'no action': 'no action',
};

/** `ondelete='CASCADE'`; PostgreSQL's own default is NO ACTION. */
export function onDeleteOf(value: PyValue | undefined): OnDelete {
  const text = asString(value)?.trim().toLowerCase().replace(/\s+/g, ' ');
  return (text !== undefined ? ON_DELETE[text] : undefined) ?? 'no action';
}

/**
 * `server_default=`: a string is a quoted constant; `sa.text(...)` / `sa.func.x()` are SQL
 * expressions (constants when they are just a literal).
 */
export function serverDefaultOf(value: PyValue): ColumnDefaultInput {
  if (value.type === 'none') return { kind: 'none' };
  if (value.type === 'str') return { kind: 'constant', value: value.value, level: 'db' };
  if (value.type === 'int' || value.type === 'float' || value.type === 'bool') {
    return { kind: 'constant', value: literalSqlText(value)!, level: 'db' };
  }
  if (isCall(value)) {
    const cls = lastSegment(value.callee);
    if (cls === 'DefaultClause') {
      const inner = value.args[0] ?? kwarg(value, 'arg');
      return inner ? serverDefaultOf(inner) : { kind: 'none' };
    }
    if (cls === 'FetchedValue') return { kind: 'none' };
    if (cls === 'true' || cls === 'false') {
      return { kind: 'constant', value: cls, level: 'db' };
    }
    if (cls === 'null') return { kind: 'none' };
    const text = sqlTextOf(value) ?? functionSql(value);
    if (text !== undefined) return sqlDefault(text, 'db');
  }
  return {
    kind: 'expression',
    expression: toPythonSource(value),
    volatility: 'unknown',
    level: 'db',
  };
}

/** A SQL snippet as a default: a constant when it is a literal, else an expression. */
export function sqlDefault(text: string, level: 'db' | 'app'): ColumnDefaultInput {
  const constant = sqlConstant(text);
  if (constant === null) return { kind: 'none' };
  if (constant !== undefined) return { kind: 'constant', value: constant, level };
  return { kind: 'expression', expression: text.trim(), volatility: volatilityOf(text), level };
}

/** SQL functions SQLAlchemy renders without parentheses (ANSI functions). */
const ANSI_FUNCTIONS = new Set([
  'current_timestamp',
  'current_date',
  'current_time',
  'localtime',
  'localtimestamp',
  'current_user',
  'session_user',
  'user',
]);

/** `sa.func.now()` → `now()`; `func.gen_random_uuid()`; `sa.func.current_timestamp()` → keyword. */
export function functionSql(call: PyCall): string | undefined {
  const segments = call.callee.split('.');
  const at = segments.indexOf('func');
  if (at < 0 || at === segments.length - 1) return undefined;
  const name = segments.slice(at + 1).join('.');
  if (ANSI_FUNCTIONS.has(name.toLowerCase()) && call.args.length === 0) return name.toUpperCase();
  const args = call.args.map((arg) =>
    arg.type === 'str'
      ? `'${arg.value.replaceAll("'", "''")}'`
      : (literalSqlText(arg) ?? sqlTextOf(arg)),
  );
  if (args.some((arg) => arg === undefined)) return undefined;
  return `${name}(${args.join(', ')})`;
}

/** Callables whose result differs per row when SQLAlchemy calls them for an INSERT. */
const VOLATILE_CALLABLES = new Set([
  'now',
  'utcnow',
  'today',
  'uuid1',
  'uuid4',
  'uuid7',
  'random',
  'token_hex',
  'token_urlsafe',
  'gen_random_uuid',
]);

/**
 * `default=` (or `insert_default=`): SQLAlchemy fills the value in its INSERTs, the column has no
 * DEFAULT (level `app`).
 */
export function applicationDefaultOf(value: PyValue): ColumnDefaultInput {
  const constant = literalSqlText(value);
  if (constant !== undefined) return { kind: 'constant', value: constant, level: 'app' };
  if (value.type === 'none') return { kind: 'none' };
  if (value.type === 'name') {
    return {
      kind: 'expression',
      expression: value.name,
      volatility: VOLATILE_CALLABLES.has(lastSegment(value.name)) ? 'volatile' : 'unknown',
      level: 'app',
    };
  }
  if (isCall(value)) {
    const text = sqlTextOf(value) ?? functionSql(value);
    if (text !== undefined) return sqlDefault(text, 'app');
  }
  return {
    kind: 'expression',
    expression: toPythonSource(value),
    volatility: 'unknown',
    level: 'app',
  };
}
