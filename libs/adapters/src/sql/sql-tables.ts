import type { ColumnDefault, TableRef } from '@schematrace/contracts';
import type {
  AlterTableCmd,
  AlterTableStmt,
  AlterTableType,
  ColumnDef,
  Constraint,
  CreateStmt,
  CreateTableAsStmt,
  IndexElem,
  Node,
} from 'libpg-query';
import {
  sqlEvent,
  tableRef,
  type DraftPayload,
  type ColumnInput,
  type ConstraintInput,
  type SqlEvent,
} from './sql-events';
import { columnDefault, indexExpressionName, referencedColumns } from './sql-expressions';
import { distinctColumnNames, serialSequenceName } from './sql-names';
import type { StatementScope } from './sql-scope';
import { queryAfterAs } from './sql-spans';
import { isSerial, nameParts, quoteIdentifier } from './sql-types';

/** pg_constraint.confdeltype codes as the parse tree carries them. */
const ON_DELETE = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
} as const;

/** What an ALTER TABLE subcommand without an event kind is called in reasons. */
const SUBCOMMANDS: Partial<Record<AlterTableType, string>> = {
  AT_ChangeOwner: 'OWNER TO',
  AT_SetLogged: 'SET LOGGED',
  AT_SetUnLogged: 'SET UNLOGGED',
  AT_AddIdentity: 'ADD GENERATED AS IDENTITY',
  AT_SetIdentity: 'SET identity options',
  AT_DropIdentity: 'DROP IDENTITY',
  AT_SetExpression: 'SET EXPRESSION',
  AT_DropExpression: 'DROP EXPRESSION',
  AT_SetStatistics: 'SET STATISTICS',
  AT_SetStorage: 'SET STORAGE',
  AT_SetCompression: 'SET COMPRESSION',
  AT_SetOptions: 'SET (attribute options)',
  AT_ResetOptions: 'RESET (attribute options)',
  AT_ClusterOn: 'CLUSTER ON',
  AT_DropCluster: 'SET WITHOUT CLUSTER',
  AT_SetAccessMethod: 'SET ACCESS METHOD',
  AT_SetTableSpace: 'SET TABLESPACE',
  AT_SetRelOptions: 'SET (storage parameters)',
  AT_ResetRelOptions: 'RESET (storage parameters)',
  AT_ReplicaIdentity: 'REPLICA IDENTITY',
  AT_EnableTrig: 'ENABLE TRIGGER',
  AT_EnableAlwaysTrig: 'ENABLE ALWAYS TRIGGER',
  AT_EnableReplicaTrig: 'ENABLE REPLICA TRIGGER',
  AT_DisableTrig: 'DISABLE TRIGGER',
  AT_EnableTrigAll: 'ENABLE TRIGGER ALL',
  AT_DisableTrigAll: 'DISABLE TRIGGER ALL',
  AT_EnableTrigUser: 'ENABLE TRIGGER USER',
  AT_DisableTrigUser: 'DISABLE TRIGGER USER',
  AT_EnableRowSecurity: 'ENABLE ROW LEVEL SECURITY',
  AT_DisableRowSecurity: 'DISABLE ROW LEVEL SECURITY',
  AT_ForceRowSecurity: 'FORCE ROW LEVEL SECURITY',
  AT_NoForceRowSecurity: 'NO FORCE ROW LEVEL SECURITY',
  AT_AddInherit: 'INHERIT',
  AT_DropInherit: 'NO INHERIT',
  AT_AddOf: 'OF type',
  AT_DropOf: 'NOT OF',
  AT_AttachPartition: 'ATTACH PARTITION',
  AT_DetachPartition: 'DETACH PARTITION',
  AT_DetachPartitionFinalize: 'DETACH PARTITION FINALIZE',
  AT_AlterConstraint: 'ALTER CONSTRAINT',
};

function constraintsOf(nodes: readonly Node[] | undefined): Constraint[] {
  return (nodes ?? []).flatMap((node) => ('Constraint' in node ? [node.Constraint] : []));
}

function onDelete(constraint: Constraint) {
  const code = (constraint.fk_del_action ?? 'a') as keyof typeof ON_DELETE;
  return ON_DELETE[code] ?? 'no action';
}

/**
 * A PRIMARY KEY, UNIQUE, CHECK, FOREIGN KEY or EXCLUDE constraint, named as PostgreSQL would name
 * it when the statement does not. `columns` is the column of a constraint written inline.
 */
export function readConstraint(
  scope: StatementScope,
  table: TableRef,
  constraint: Constraint,
  columns?: readonly string[],
): ConstraintInput | undefined {
  const names = scope.names;
  const notValid = constraint.skip_validation ? { notValid: true } : {};
  // `ADD PRIMARY KEY USING INDEX i`: the index becomes the constraint and lends its name.
  const given = constraint.conname ?? constraint.indexname;
  const usingIndex = constraint.indexname ? { usingIndex: constraint.indexname } : {};
  switch (constraint.contype) {
    case 'CONSTR_PRIMARY': {
      const keys = columns ?? nameParts(constraint.keys);
      return {
        name: given ?? names.primaryKey(table.name),
        type: 'primary-key',
        columns: [...keys],
        ...usingIndex,
      };
    }
    case 'CONSTR_UNIQUE': {
      const keys = columns ?? nameParts(constraint.keys);
      return {
        name: given ?? names.unique(table.name, keys),
        type: 'unique',
        columns: [...keys],
        ...usingIndex,
      };
    }
    case 'CONSTR_CHECK': {
      const expression = constraint.raw_expr;
      const referenced = expression ? referencedColumns(expression) : [];
      const text = expression ? scope.expression(expression) : undefined;
      return {
        name: given ?? names.check(table.name, referenced),
        type: 'check',
        columns: referenced,
        ...(text ? { expression: text } : {}),
        ...notValid,
      };
    }
    case 'CONSTR_FOREIGN': {
      const keys = columns ?? nameParts(constraint.fk_attrs);
      return {
        name: given ?? names.foreignKey(table.name, keys),
        type: 'foreign-key',
        columns: [...keys],
        references: {
          table: tableRef(constraint.pktable),
          columns: nameParts(constraint.pk_attrs),
          onDelete: onDelete(constraint),
        },
        ...notValid,
      };
    }
    case 'CONSTR_EXCLUSION': {
      const elements = exclusionElements(scope, constraint);
      const named = distinctColumnNames(elements.map((element) => element.indexName));
      return {
        name: given ?? names.exclusion(table.name, named),
        type: 'exclusion',
        columns: elements.flatMap((element) => (element.column ? [element.column] : [])),
        expression: elements
          .map((element) => `${element.text} WITH ${element.operator}`)
          .join(', '),
      };
    }
    default:
      return undefined;
  }
}

/** `EXCLUDE USING gist (room WITH =, during WITH &&)`: each element with its operator. */
function exclusionElements(scope: StatementScope, constraint: Constraint) {
  return (constraint.exclusions ?? []).flatMap((node) => {
    if (!('List' in node)) return [];
    const [element, operator] = node.List.items ?? [];
    if (!element || !('IndexElem' in element)) return [];
    const operatorName =
      operator && 'List' in operator ? nameParts(operator.List.items).join('.') : '';
    return [{ ...indexElement(scope, element.IndexElem), operator: operatorName }];
  });
}

/** A column or expression of an index: its text and the name PostgreSQL derives from it. */
export function indexElement(scope: StatementScope, element: IndexElem) {
  if (element.name !== undefined) {
    return { column: element.name, text: element.name, indexName: element.name };
  }
  const expression = element.expr;
  return {
    text: (expression && scope.expression(expression)) ?? 'expr',
    indexName: expression ? indexExpressionName(expression) : 'expr',
  };
}

interface ColumnReading {
  readonly column: ColumnInput;
  /** Constraints written inline, in the order written (constraint.added after the columns). */
  readonly constraints: readonly ConstraintInput[];
}

/** A column definition with its inline NOT NULL, DEFAULT, identity and constraints. */
export function readColumn(scope: StatementScope, table: TableRef, def: ColumnDef): ColumnReading {
  const name = def.colname ?? '';
  const type = def.typeName ? scope.type(def.typeName) : { sql: 'unknown' };
  let nullable = true;
  let unique = false;
  let primaryKey = false;
  let defaultValue: ColumnDefault = { kind: 'none' };
  let identity: ColumnInput['identity'];
  let generated: ColumnInput['generated'];
  let references: ColumnInput['references'];
  if (def.typeName && isSerial(def.typeName)) {
    // serial is an integer column owning a sequence that feeds its default.
    identity = 'serial';
    nullable = false;
    const sequence = quoteIdentifier(serialSequenceName(table.name, name));
    const qualified = table.schema ? `${quoteIdentifier(table.schema)}.${sequence}` : sequence;
    defaultValue = {
      kind: 'expression',
      expression: `nextval('${qualified}'::regclass)`,
      volatility: 'volatile',
      level: 'db',
    };
  }
  const constraints: ConstraintInput[] = [];
  for (const constraint of constraintsOf(def.constraints)) {
    switch (constraint.contype) {
      case 'CONSTR_NOTNULL':
        nullable = false;
        break;
      case 'CONSTR_NULL':
        nullable = !primaryKey;
        break;
      case 'CONSTR_DEFAULT':
        if (constraint.raw_expr) {
          defaultValue = columnDefault(constraint.raw_expr, scope.expression(constraint.raw_expr));
        }
        break;
      case 'CONSTR_IDENTITY':
        identity = constraint.generated_when === 'a' ? 'always' : 'by-default';
        nullable = false;
        break;
      case 'CONSTR_GENERATED': {
        const expression = constraint.raw_expr && scope.expression(constraint.raw_expr);
        generated = { expression: expression ?? '', stored: constraint.generated_kind !== 'v' };
        break;
      }
      default: {
        const read = readConstraint(scope, table, constraint, [name]);
        if (!read) break; // DEFERRABLE, INITIALLY ..., ENFORCED: attributes of the previous one
        constraints.push(read);
        if (read.type === 'primary-key') {
          primaryKey = true;
          nullable = false;
        } else if (read.type === 'unique') {
          unique = true;
        } else if (read.type === 'foreign-key' && read.references?.columns.length === 1) {
          references = {
            table: read.references.table,
            column: read.references.columns[0]!,
            onDelete: read.references.onDelete ?? 'no action',
          };
        }
      }
    }
  }
  const column: ColumnInput = {
    name,
    type,
    nullable,
    unique,
    primaryKey,
    default: defaultValue,
    ...(identity ? { identity } : {}),
    ...(generated ? { generated } : {}),
    ...(references ? { references } : {}),
  };
  return { column, constraints };
}

/** Reserves every constraint name the statement writes, so generated names avoid them. */
function reserveWrittenNames(scope: StatementScope, elements: readonly Node[]): void {
  for (const element of elements) {
    const constraints =
      'ColumnDef' in element
        ? constraintsOf(element.ColumnDef.constraints)
        : 'Constraint' in element
          ? [element.Constraint]
          : [];
    for (const constraint of constraints) {
      if (constraint.conname) scope.names.reserve(constraint.conname);
    }
  }
}

/** CREATE TABLE: the table, one column.added per column, then its constraints as written. */
export function createTable(scope: StatementScope, statement: CreateStmt): SqlEvent[] {
  if (statement.relation?.relpersistence === 't') {
    return [scope.opaque('a temporary table is not part of the schema')];
  }
  const table = tableRef(statement.relation);
  const elements = statement.tableElts ?? [];
  reserveWrittenNames(scope, elements);
  const columns: ColumnInput[] = [];
  const constraints: ConstraintInput[] = [];
  const extra: SqlEvent[] = [];
  for (const element of elements) {
    if ('ColumnDef' in element) {
      const read = readColumn(scope, table, element.ColumnDef);
      columns.push(read.column);
      constraints.push(...read.constraints);
    } else if ('Constraint' in element) {
      const constraint = readConstraint(scope, table, element.Constraint);
      if (constraint) constraints.push(constraint);
      else if (element.Constraint.contype === 'CONSTR_NOTNULL') {
        markNotNull(columns, nameParts(element.Constraint.keys));
      }
    } else if ('TableLikeClause' in element) {
      const source = tableRef(element.TableLikeClause.relation);
      const from = source.schema ? `${source.schema}.${source.name}` : source.name;
      extra.push(scope.opaque(`the columns copied by LIKE ${from} are not listed`));
    }
  }
  for (const constraint of constraints) applyTableConstraint(columns, constraint);
  return [
    sqlEvent('table.created', { table, ...(statement.if_not_exists ? { ifNotExists: true } : {}) }),
    ...columns.map((column) => sqlEvent('column.added', { table, column })),
    ...constraints.map((constraint) => sqlEvent('constraint.added', { table, constraint })),
    ...extra,
  ];
}

function markNotNull(columns: ColumnInput[], names: readonly string[]): void {
  columns.forEach((column, i) => {
    if (names.includes(column.name)) columns[i] = { ...column, nullable: false };
  });
}

/** A table-level constraint on one column describes that column too (PK members are NOT NULL). */
function applyTableConstraint(columns: ColumnInput[], constraint: ConstraintInput): void {
  const keys = constraint.columns ?? [];
  columns.forEach((column, i) => {
    if (!keys.includes(column.name)) return;
    if (constraint.type === 'primary-key') {
      columns[i] = { ...column, primaryKey: true, nullable: false };
    } else if (constraint.type === 'unique' && keys.length === 1) {
      columns[i] = { ...column, unique: true };
    } else if (
      constraint.type === 'foreign-key' &&
      keys.length === 1 &&
      constraint.references?.columns.length === 1 &&
      !column.references
    ) {
      columns[i] = {
        ...column,
        references: {
          table: constraint.references.table,
          column: constraint.references.columns[0]!,
          onDelete: constraint.references.onDelete ?? 'no action',
        },
      };
    }
  });
}

/** CREATE TABLE ... AS / SELECT INTO: the table, and the rows the query copies into it. */
export function createTableAs(scope: StatementScope, statement: CreateTableAsStmt): SqlEvent[] {
  const relation = statement.into?.rel;
  if (relation?.relpersistence === 't') {
    return [scope.opaque('a temporary table is not part of the schema')];
  }
  const table = tableRef(relation);
  const events: SqlEvent[] = [
    sqlEvent('table.created', { table, ...(statement.if_not_exists ? { ifNotExists: true } : {}) }),
  ];
  if (!statement.into?.skipData) {
    events.push(
      sqlEvent('data.migrated', { operation: 'insert', description: scope.description, table }),
    );
  }
  return events;
}

/** The query text of a view or materialized view, after its name. */
export function viewDefinition(scope: StatementScope, location: number | undefined): string {
  const from = location === undefined ? scope.range.first : scope.source.firstTokenFrom(location);
  const query = queryAfterAs(scope.source, from, scope.range);
  return query ? scope.source.spelled(query) : '';
}

/**
 * ALTER TABLE: the events of each subcommand in order; the subcommands without an event kind are
 * kept together as one `sql.executed` after them (ALTER INDEX / VIEW / SEQUENCE ... go there whole).
 */
export function alterTable(scope: StatementScope, statement: AlterTableStmt): SqlEvent[] {
  const table = tableRef(statement.relation);
  const events: SqlEvent[] = [];
  const unmapped: string[] = [];
  for (const node of statement.cmds ?? []) {
    if (!('AlterTableCmd' in node)) continue;
    const command = node.AlterTableCmd;
    const mapped =
      statement.objtype === 'OBJECT_TABLE' ? alterTableCommand(scope, table, command) : undefined;
    if (mapped) events.push(...mapped);
    else {
      unmapped.push(
        (command.subtype && SUBCOMMANDS[command.subtype]) ??
          (command.subtype ?? 'subcommand').replace(/^AT_/, ''),
      );
    }
  }
  if (unmapped.length > 0) {
    const verb = unmapped.length === 1 ? 'has' : 'have';
    events.push(scope.opaque(`${unmapped.join(', ')} ${verb} no event kind`));
  }
  return events;
}

function alterTableCommand(
  scope: StatementScope,
  table: TableRef,
  command: AlterTableCmd,
): SqlEvent[] | undefined {
  const column = command.name ?? '';
  const def = command.def;
  switch (command.subtype) {
    case 'AT_AddColumn': {
      if (!def || !('ColumnDef' in def)) return undefined;
      const read = readColumn(scope, table, def.ColumnDef);
      return [
        sqlEvent('column.added', {
          table,
          column: read.column,
          ...(command.missing_ok ? { ifNotExists: true } : {}),
        }),
        ...read.constraints.map((constraint) =>
          sqlEvent('constraint.added', { table, constraint }),
        ),
      ];
    }
    case 'AT_DropColumn':
      return [
        sqlEvent('column.dropped', {
          table,
          column,
          ...(command.missing_ok ? { ifExists: true } : {}),
          ...(command.behavior === 'DROP_CASCADE' ? { cascade: true } : {}),
        }),
      ];
    case 'AT_AlterColumnType': {
      if (!def || !('ColumnDef' in def) || !def.ColumnDef.typeName) return undefined;
      const using = def.ColumnDef.raw_default && scope.expression(def.ColumnDef.raw_default);
      return [
        sqlEvent('column.type_changed', {
          table,
          column,
          type: scope.type(def.ColumnDef.typeName),
          ...(using ? { using } : {}),
        }),
      ];
    }
    case 'AT_SetNotNull':
    case 'AT_DropNotNull':
      return [
        sqlEvent('column.nullability_changed', {
          table,
          column,
          nullable: command.subtype === 'AT_DropNotNull',
        }),
      ];
    case 'AT_ColumnDefault':
      return [
        sqlEvent('column.default_changed', {
          table,
          column,
          default: def ? columnDefault(def, scope.expression(def)) : { kind: 'none' },
        }),
      ];
    case 'AT_AddConstraint': {
      if (!def || !('Constraint' in def)) return undefined;
      if (def.Constraint.contype === 'CONSTR_NOTNULL') {
        return nameParts(def.Constraint.keys).map((name) =>
          sqlEvent('column.nullability_changed', { table, column: name, nullable: false }),
        );
      }
      const constraint = readConstraint(scope, table, def.Constraint);
      return constraint ? [sqlEvent('constraint.added', { table, constraint })] : undefined;
    }
    case 'AT_DropConstraint':
      return [
        sqlEvent('constraint.dropped', {
          table,
          name: column,
          ...(command.missing_ok ? { ifExists: true } : {}),
          ...(command.behavior === 'DROP_CASCADE' ? { cascade: true } : {}),
        }),
      ];
    case 'AT_ValidateConstraint':
      return [sqlEvent('constraint.validated', { table, name: column })];
    default:
      return tableOption(table, command) ?? partitionCommand(table, command);
  }
}

/** The storage and behaviour options of `table.option_changed`, by subcommand. */
const TABLE_OPTIONS: Partial<
  Record<AlterTableType, DraftPayload<'table.option_changed'>['option']>
> = {
  AT_SetLogged: 'logged',
  AT_SetUnLogged: 'unlogged',
  AT_SetAccessMethod: 'access-method',
  AT_SetTableSpace: 'tablespace',
  AT_ReplicaIdentity: 'replica-identity',
  AT_SetRelOptions: 'storage-parameters',
  AT_ResetRelOptions: 'storage-parameters',
  AT_EnableRowSecurity: 'row-level-security',
  AT_DisableRowSecurity: 'row-level-security',
  AT_ForceRowSecurity: 'row-level-security',
  AT_NoForceRowSecurity: 'row-level-security',
  AT_EnableTrig: 'trigger-enabled',
  AT_EnableAlwaysTrig: 'trigger-enabled',
  AT_EnableReplicaTrig: 'trigger-enabled',
  AT_EnableTrigAll: 'trigger-enabled',
  AT_EnableTrigUser: 'trigger-enabled',
  AT_DisableTrig: 'trigger-disabled',
  AT_DisableTrigAll: 'trigger-disabled',
  AT_DisableTrigUser: 'trigger-disabled',
  AT_ClusterOn: 'cluster-on',
};

/** What `value` says for an option: the name it sets, the parameters, ALL / USER triggers. */
function optionValue(command: AlterTableCmd): string | undefined {
  switch (command.subtype) {
    case 'AT_ReplicaIdentity': {
      const def = command.def;
      if (!def || !('ReplicaIdentityStmt' in def)) return undefined;
      const { identity_type: type, name } = def.ReplicaIdentityStmt;
      const kinds: Record<string, string> = { d: 'default', f: 'full', n: 'nothing' };
      return type === 'i' ? `index ${name ?? ''}` : (kinds[type ?? 'd'] ?? type);
    }
    case 'AT_SetRelOptions':
    case 'AT_ResetRelOptions': {
      const def = command.def;
      const items = def && 'List' in def ? (def.List.items ?? []) : [];
      const reset = command.subtype === 'AT_ResetRelOptions';
      const parameters = items.flatMap((item) => {
        if (!('DefElem' in item)) return [];
        const { defnamespace: space, defname: name, arg } = item.DefElem;
        const key = space ? `${space}.${name ?? ''}` : (name ?? '');
        if (reset || !arg) return [key];
        const value =
          'Integer' in arg
            ? String(arg.Integer.ival ?? 0)
            : 'String' in arg
              ? (arg.String.sval ?? '')
              : 'Float' in arg
                ? (arg.Float.fval ?? '')
                : 'Boolean' in arg
                  ? String(arg.Boolean.boolval ?? false)
                  : '?';
        return [`${key}=${value}`];
      });
      return `${reset ? 'reset' : 'set'} (${parameters.join(', ')})`;
    }
    case 'AT_EnableRowSecurity':
      return 'enabled';
    case 'AT_DisableRowSecurity':
      return 'disabled';
    case 'AT_ForceRowSecurity':
      return 'forced';
    case 'AT_NoForceRowSecurity':
      return 'not forced';
    case 'AT_EnableTrigAll':
    case 'AT_DisableTrigAll':
      return 'ALL';
    case 'AT_EnableTrigUser':
    case 'AT_DisableTrigUser':
      return 'USER';
    default:
      return command.name;
  }
}

function tableOption(table: TableRef, command: AlterTableCmd): SqlEvent[] | undefined {
  const option = command.subtype && TABLE_OPTIONS[command.subtype];
  if (!option) return undefined;
  const value = optionValue(command);
  return [sqlEvent('table.option_changed', { table, option, ...(value ? { value } : {}) })];
}

/** `ATTACH PARTITION c FOR VALUES ...` / `DETACH PARTITION c [CONCURRENTLY | FINALIZE]`. */
function partitionCommand(table: TableRef, command: AlterTableCmd): SqlEvent[] | undefined {
  const def = command.def;
  if (!def || !('PartitionCmd' in def)) return undefined;
  const partition = tableRef(def.PartitionCmd.name);
  switch (command.subtype) {
    case 'AT_AttachPartition':
      return [sqlEvent('table.partition_attached', { table, partition })];
    case 'AT_DetachPartition':
      return [
        sqlEvent('table.partition_detached', {
          table,
          partition,
          ...(def.PartitionCmd.concurrent ? { concurrently: true } : {}),
        }),
      ];
    default:
      return undefined; // DETACH ... FINALIZE completes a concurrent detach already recorded
  }
}
