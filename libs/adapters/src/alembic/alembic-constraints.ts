import {
  asItems,
  asString,
  bindArguments,
  kwarg,
  toPythonSource,
  truthy,
  type PyCall,
  type PyValue,
} from '../python/python-value';
import {
  conditionText,
  onDeleteOf,
  referenceOf,
  type CheckSpec,
  type ColumnSpec,
  type ForeignKeySpec,
  type Report,
} from './alembic-columns';
import type { ConstraintInput, IndexInput, OperationEvents, TableInput } from './alembic-events';
import { conventionIndexName, postgresConstraintName } from './alembic-names';
import { referencedColumns } from './alembic-sql';
import { excerpt, identifierOf, identifiersOf, sqlTextOf } from './alembic-values';

/**
 * Emits `constraint.added` for one table, remembering the names used so that PostgreSQL's naming
 * of the next unnamed constraint can avoid them (`_check`, `_check1`, ...).
 */
export class TableConstraints {
  private readonly taken = new Set<string>();

  constructor(
    private readonly events: OperationEvents,
    readonly table: TableInput,
  ) {}

  get names(): ReadonlySet<string> {
    return this.taken;
  }

  add(constraint: ConstraintInput): void {
    this.taken.add(constraint.name);
    this.events.emit('constraint.added', { table: this.table, constraint });
  }

  /** What a column brings along: `unique=True` (without `index=True`), its CHECKs, its foreign keys. */
  addColumnConstraints(column: ColumnSpec, options: { checks: boolean }): void {
    if (column.unique && !column.index) {
      this.add({
        name: postgresConstraintName('unique', this.table.name, [column.name], this.taken),
        type: 'unique',
        columns: [column.name],
      });
    }
    if (options.checks) {
      for (const check of column.checks) this.add(this.check(check));
    }
    for (const foreignKey of column.foreignKeys) this.add(this.foreignKey(foreignKey));
  }

  check(check: CheckSpec, tableColumns?: readonly string[]): ConstraintInput {
    const columns = referencedColumns(check.expression, tableColumns);
    return {
      name: check.name ?? postgresConstraintName('check', this.table.name, columns, this.taken),
      type: 'check',
      columns,
      expression: check.expression,
      ...(check.notValid ? { notValid: true } : {}),
    };
  }

  foreignKey(foreignKey: ForeignKeySpec): ConstraintInput {
    return {
      name:
        foreignKey.name ??
        postgresConstraintName('foreign-key', this.table.name, foreignKey.columns, this.taken),
      type: 'foreign-key',
      columns: [...foreignKey.columns],
      references: {
        table: foreignKey.target,
        columns: [...foreignKey.targetColumns],
        onDelete: foreignKey.onDelete,
      },
      ...(foreignKey.notValid ? { notValid: true } : {}),
    };
  }
}

/** `sa.ForeignKeyConstraint(['a_id'], ['authors.id'], name=..., ondelete=...)`. */
export function readForeignKeyConstraint(call: PyCall, report: Report): ForeignKeySpec | undefined {
  const args = bindArguments(call, ['columns', 'refcolumns', 'name']);
  const columns = identifiersOf(args.columns);
  const references = (asItems(args.refcolumns) ?? []).map(referenceOf);
  const first = references[0];
  if (!columns || !first || references.some((reference) => reference === undefined)) {
    report(
      `foreign key ${excerpt(call)} has no literal columns and 'table.column' targets`,
      call.line,
    );
    return undefined;
  }
  const name = identifierOf(args.name);
  return {
    ...(name !== undefined ? { name } : {}),
    columns,
    target: first.table,
    targetColumns: references.map((reference) => reference!.column),
    onDelete: onDeleteOf(kwarg(call, 'ondelete')),
    notValid: truthy(kwarg(call, 'postgresql_not_valid')) === true,
    line: call.line,
  };
}

/** `sa.Index('ix_name', 'col', sa.text('lower(email)'), unique=True, postgresql_where=...)`. */
export function readIndexElement(
  call: PyCall,
  table: string,
  report: Report,
): IndexInput | undefined {
  const [nameValue, ...elements] = call.args;
  const parts = indexElements(elements);
  const name =
    identifierOf(nameValue) ??
    (parts.columns[0] !== undefined ? conventionIndexName(table, parts.columns[0]) : undefined);
  if (!name) {
    report(`index ${excerpt(call)} has no literal name`, call.line);
    return undefined;
  }
  return indexDefinition(name, parts, call);
}

/** Strings are column names; `sa.text(...)` and anything else are expressions. */
export function indexElements(elements: readonly PyValue[]): {
  columns: string[];
  expressions: string[];
} {
  const columns: string[] = [];
  const expressions: string[] = [];
  for (const element of elements) {
    if (element.type === 'str') columns.push(element.value);
    else expressions.push(sqlTextOf(element) ?? toPythonSource(element));
  }
  return { columns, expressions };
}

/** The index an `op.create_index` / `sa.Index` builds; PostgreSQL options come as keywords. */
export function indexDefinition(
  name: string,
  parts: { columns: string[]; expressions: string[] },
  call: PyCall,
): IndexInput {
  const method = asString(kwarg(call, 'postgresql_using'));
  const where = conditionText(kwarg(call, 'postgresql_where'));
  return {
    name,
    columns: parts.columns,
    ...(parts.expressions.length > 0 ? { expressions: parts.expressions } : {}),
    ...(truthy(kwarg(call, 'unique')) === true ? { unique: true } : {}),
    ...(method ? { method: method.toLowerCase() } : {}),
    ...(where !== undefined ? { where } : {}),
    ...(truthy(kwarg(call, 'postgresql_concurrently')) === true ? { concurrently: true } : {}),
  };
}

/** The index SQLAlchemy creates for `Column(index=True)` (unique with `unique=True`). */
export function columnIndex(table: string, column: ColumnSpec): IndexInput {
  return {
    name: conventionIndexName(table, column.name),
    columns: [column.name],
    ...(column.unique ? { unique: true } : {}),
  };
}
