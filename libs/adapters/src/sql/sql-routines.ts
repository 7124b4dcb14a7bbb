import type { ColumnDefault } from '@schematrace/contracts';
import type {
  AlterDomainStmt,
  AlterObjectSchemaStmt,
  AlterSeqStmt,
  ClusterStmt,
  CreateDomainStmt,
  CreateFunctionStmt,
  CreatePolicyStmt,
  CreateSchemaStmt,
  CreateTrigStmt,
  LockStmt,
  Node,
  RefreshMatViewStmt,
  ReindexStmt,
  TruncateStmt,
  VacuumStmt,
  VariableSetStmt,
} from 'libpg-query';
import { namedObject, sqlEvent, tableRef, type SqlEvent } from './sql-events';
import { columnDefault, literalValue } from './sql-expressions';
import type { StatementScope } from './sql-scope';
import { nameParts } from './sql-types';

/*
 * Statements around the tables: session settings, explicit locks and maintenance, schemas,
 * domains, routines, triggers and policies.
 */

/** PostgreSQL's lock modes by their number in the parse tree (LOCKMODE). */
const LOCK_MODES: readonly string[] = [
  '',
  'ACCESS SHARE',
  'ROW SHARE',
  'ROW EXCLUSIVE',
  'SHARE UPDATE EXCLUSIVE',
  'SHARE',
  'SHARE ROW EXCLUSIVE',
  'EXCLUSIVE',
  'ACCESS EXCLUSIVE',
];

function defElemValue(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  if ('String' in node) return node.String.sval;
  if ('Integer' in node) return String(node.Integer.ival ?? 0);
  if ('Float' in node) return node.Float.fval;
  if ('Boolean' in node) return node.Boolean.boolval ? 'true' : 'false';
  if ('TypeName' in node) return nameParts(node.TypeName.names).join('.');
  if ('List' in node) return nameParts(node.List.items).join('.');
  return literalValue(node) ?? undefined;
}

/**
 * `SET [LOCAL | SESSION] name { TO | = } value`, `SET TIME ZONE`, `RESET name`, `RESET ALL`:
 * `session.setting_changed` (value null for RESET; a list as written, joined by `, `).
 * SET TRANSACTION / SET SESSION CHARACTERISTICS change the transaction, not a setting.
 */
export function variableSet(scope: StatementScope, statement: VariableSetStmt): SqlEvent[] {
  const local = statement.is_local ? { local: true } : {};
  switch (statement.kind) {
    case 'VAR_SET_VALUE': {
      const values = (statement.args ?? []).map(
        (arg) => literalValue(arg) ?? scope.expression(arg) ?? '',
      );
      return [
        sqlEvent('session.setting_changed', {
          name: statement.name ?? '',
          value: values.join(', '),
          ...local,
        }),
      ];
    }
    case 'VAR_SET_DEFAULT':
    case 'VAR_RESET':
      return [
        sqlEvent('session.setting_changed', { name: statement.name ?? '', value: null, ...local }),
      ];
    case 'VAR_RESET_ALL':
      return [sqlEvent('session.setting_changed', { name: 'all', value: null })];
    case 'VAR_SET_CURRENT':
      return [scope.opaque('SET ... FROM CURRENT keeps the current value: nothing changes')];
    default:
      return [
        scope.opaque('transaction characteristics (SET TRANSACTION) are not a session setting'),
      ];
  }
}

/** `TRUNCATE a, b [CASCADE]`: one event for every table named. */
export function truncate(statement: TruncateStmt): SqlEvent[] {
  const tables = (statement.relations ?? []).flatMap((node) =>
    'RangeVar' in node ? [tableRef(node.RangeVar)] : [],
  );
  if (tables.length === 0) return [];
  return [
    sqlEvent('table.truncated', {
      tables,
      ...(statement.behavior === 'DROP_CASCADE' ? { cascade: true } : {}),
    }),
  ];
}

/** `LOCK [TABLE] a, b [IN mode MODE]` (ACCESS EXCLUSIVE unless a mode is written). */
export function lock(statement: LockStmt): SqlEvent[] {
  const tables = (statement.relations ?? []).flatMap((node) =>
    'RangeVar' in node ? [tableRef(node.RangeVar)] : [],
  );
  if (tables.length === 0) return [];
  const mode = LOCK_MODES[statement.mode ?? 8] || 'ACCESS EXCLUSIVE';
  return [sqlEvent('table.locked', { tables, mode })];
}

/** `REINDEX [(CONCURRENTLY)] INDEX | TABLE | SCHEMA | DATABASE | SYSTEM [CONCURRENTLY] name`. */
export function reindex(statement: ReindexStmt): SqlEvent[] {
  const concurrently = (statement.params ?? []).some(
    (param) =>
      'DefElem' in param &&
      param.DefElem.defname === 'concurrently' &&
      defElemValue(param.DefElem.arg) !== 'false',
  );
  const target = (
    {
      REINDEX_OBJECT_INDEX: 'index',
      REINDEX_OBJECT_TABLE: 'table',
      REINDEX_OBJECT_SCHEMA: 'schema',
      REINDEX_OBJECT_DATABASE: 'database',
      REINDEX_OBJECT_SYSTEM: 'system',
    } as const
  )[statement.kind ?? 'REINDEX_OBJECT_INDEX'];
  const relation = statement.relation ? tableRef(statement.relation) : undefined;
  // REINDEX DATABASE / SYSTEM may leave the name out: the current database.
  const name = relation?.name ?? statement.name ?? 'current database';
  return [
    sqlEvent('index.rebuilt', {
      target,
      ...(relation?.schema ? { schema: relation.schema } : {}),
      name,
      ...(concurrently ? { concurrently: true } : {}),
    }),
  ];
}

/** `VACUUM [FULL] [ANALYZE] [tables]`, `ANALYZE [tables]`: one event per table (or one for all). */
export function vacuum(statement: VacuumStmt): SqlEvent[] {
  const option = (name: string) =>
    (statement.options ?? []).some(
      (node) =>
        'DefElem' in node &&
        node.DefElem.defname === name &&
        defElemValue(node.DefElem.arg) !== 'false',
    );
  const operation = !statement.is_vacuumcmd ? 'analyze' : option('full') ? 'vacuum-full' : 'vacuum';
  const tables = (statement.rels ?? []).flatMap((node) =>
    'VacuumRelation' in node && node.VacuumRelation.relation
      ? [tableRef(node.VacuumRelation.relation)]
      : [],
  );
  if (tables.length === 0) return [sqlEvent('table.maintained', { operation })];
  return tables.map((table) => sqlEvent('table.maintained', { table, operation }));
}

/** `CLUSTER [table [USING index]]`. */
export function cluster(statement: ClusterStmt): SqlEvent[] {
  return [
    sqlEvent('table.maintained', {
      ...(statement.relation ? { table: tableRef(statement.relation) } : {}),
      operation: 'cluster',
    }),
  ];
}

/**
 * `REFRESH MATERIALIZED VIEW [CONCURRENTLY] v [WITH NO DATA]`: the view's rows are computed
 * again, which is data work (`data.migrated` update of the view); WITH NO DATA empties it.
 */
export function refreshMaterializedView(
  scope: StatementScope,
  statement: RefreshMatViewStmt,
): SqlEvent[] {
  return [
    sqlEvent('data.migrated', {
      operation: statement.skipData ? 'delete' : 'update',
      description: scope.description,
      table: tableRef(statement.relation),
    }),
  ];
}

/** `CREATE SCHEMA [IF NOT EXISTS] name [AUTHORIZATION role]` (the name is the role's without one). */
export function createSchema(scope: StatementScope, statement: CreateSchemaStmt): SqlEvent[] {
  const name = statement.schemaname ?? statement.authrole?.rolename;
  if (!name) return [scope.opaque('a schema named after the current user is not known by name')];
  const events: SqlEvent[] = [
    sqlEvent('schema.created', {
      name,
      ...(statement.if_not_exists ? { ifNotExists: true } : {}),
    }),
  ];
  if ((statement.schemaElts ?? []).length > 0) {
    events.push(scope.opaque('the objects created inside CREATE SCHEMA are not listed'));
  }
  return events;
}

/** `ALTER TABLE | TYPE | VIEW | SEQUENCE ... SET SCHEMA s`. */
export function alterObjectSchema(
  scope: StatementScope,
  statement: AlterObjectSchemaStmt,
): SqlEvent[] {
  const newSchema = statement.newschema ?? '';
  const object = statement.object;
  const parts = object && 'List' in object ? nameParts(object.List.items) : [];
  switch (statement.objectType) {
    case 'OBJECT_TABLE':
      return [sqlEvent('table.schema_changed', { table: tableRef(statement.relation), newSchema })];
    case 'OBJECT_TYPE':
      return [sqlEvent('enum.altered', { ...namedObject(parts), newSchema })];
    case 'OBJECT_VIEW':
    case 'OBJECT_MATVIEW':
      return [
        sqlEvent('view.altered', {
          ...tableRef(statement.relation),
          ...(statement.objectType === 'OBJECT_MATVIEW' ? { materialized: true } : {}),
          newSchema,
        }),
      ];
    case 'OBJECT_SEQUENCE':
      return [sqlEvent('sequence.altered', { ...tableRef(statement.relation), newSchema })];
    default:
      return [scope.opaque('moving this kind of object to another schema has no event kind')];
  }
}

/** `ALTER SEQUENCE s AS type` carries the type; other options only name the sequence. */
export function alterSequence(scope: StatementScope, statement: AlterSeqStmt): SqlEvent[] {
  const as = (statement.options ?? []).find(
    (node) => 'DefElem' in node && node.DefElem.defname === 'as',
  );
  const typeName = as && 'DefElem' in as ? as.DefElem.arg : undefined;
  const type = typeName && 'TypeName' in typeName ? scope.type(typeName.TypeName).sql : undefined;
  return [
    sqlEvent('sequence.altered', { ...tableRef(statement.sequence), ...(type ? { type } : {}) }),
  ];
}

/** `CREATE DOMAIN name AS type [NOT NULL] [DEFAULT x] [CHECK (...)]...`. */
export function createDomain(scope: StatementScope, statement: CreateDomainStmt): SqlEvent[] {
  let nullable = true;
  let defaultValue: ColumnDefault | undefined;
  const checks: string[] = [];
  for (const node of statement.constraints ?? []) {
    if (!('Constraint' in node)) continue;
    const constraint = node.Constraint;
    if (constraint.contype === 'CONSTR_NOTNULL') nullable = false;
    else if (constraint.contype === 'CONSTR_NULL') nullable = true;
    else if (constraint.contype === 'CONSTR_DEFAULT' && constraint.raw_expr) {
      defaultValue = columnDefault(constraint.raw_expr, scope.expression(constraint.raw_expr));
    } else if (constraint.contype === 'CONSTR_CHECK' && constraint.raw_expr) {
      checks.push(scope.expression(constraint.raw_expr) ?? '');
    }
  }
  return [
    sqlEvent('domain.created', {
      ...namedObject(nameParts(statement.domainname)),
      type: statement.typeName ? scope.type(statement.typeName) : { sql: 'unknown' },
      ...(nullable ? {} : { nullable: false }),
      ...(defaultValue ? { default: defaultValue } : {}),
      checks,
    }),
  ];
}

/** `ALTER DOMAIN`: ADD / DROP / VALIDATE CONSTRAINT, SET / DROP NOT NULL, SET / DROP DEFAULT. */
export function alterDomain(scope: StatementScope, statement: AlterDomainStmt): SqlEvent[] {
  const domain = namedObject(nameParts(statement.typeName));
  switch (statement.subtype) {
    case 'C': {
      const def = statement.def;
      if (!def || !('Constraint' in def) || def.Constraint.contype !== 'CONSTR_CHECK') break;
      const constraint = def.Constraint;
      const expression = (constraint.raw_expr && scope.expression(constraint.raw_expr)) ?? '';
      return [
        sqlEvent('domain.altered', {
          ...domain,
          addedCheck: { ...(constraint.conname ? { name: constraint.conname } : {}), expression },
          ...(constraint.skip_validation ? { notValid: true } : {}),
        }),
      ];
    }
    case 'X':
      return [sqlEvent('domain.altered', { ...domain, droppedConstraint: statement.name ?? '' })];
    case 'O':
    case 'N':
      return [sqlEvent('domain.altered', { ...domain, nullable: statement.subtype === 'N' })];
    case 'T': {
      const def = statement.def;
      return [
        sqlEvent('domain.altered', {
          ...domain,
          default: def ? columnDefault(def, scope.expression(def)) : { kind: 'none' },
        }),
      ];
    }
    default:
      break;
  }
  return [scope.opaque('this ALTER DOMAIN has no event field (VALIDATE CONSTRAINT, OWNER, ...)')];
}

function option(statement: CreateFunctionStmt, name: string): Node | undefined {
  const found = (statement.options ?? []).find(
    (node) => 'DefElem' in node && node.DefElem.defname === name,
  );
  return found && 'DefElem' in found ? found.DefElem.arg : undefined;
}

/** `CREATE [OR REPLACE] FUNCTION | PROCEDURE name(...) ... LANGUAGE l`: tracked by name. */
export function createFunction(statement: CreateFunctionStmt): SqlEvent[] {
  // A SQL-standard body (`BEGIN ATOMIC ... END`, `RETURN ...`) is SQL without saying so.
  const language =
    defElemValue(option(statement, 'language'))?.toLowerCase() ??
    (statement.sql_body ? 'sql' : undefined);
  return [
    sqlEvent('function.created', {
      ...namedObject(nameParts(statement.funcname)),
      ...(statement.is_procedure ? { routine: 'procedure' as const } : {}),
      ...(language ? { language } : {}),
      ...(statement.replace ? { replaceExisting: true } : {}),
    }),
  ];
}

/** `CREATE [OR REPLACE] [CONSTRAINT] TRIGGER name ... ON table ... EXECUTE FUNCTION f()`. */
export function createTrigger(statement: CreateTrigStmt): SqlEvent[] {
  const fn = nameParts(statement.funcname).join('.');
  return [
    sqlEvent('trigger.created', {
      table: tableRef(statement.relation),
      name: statement.trigname ?? '',
      ...(fn ? { function: fn } : {}),
      ...(statement.replace ? { replaceExisting: true } : {}),
    }),
  ];
}

/** `CREATE POLICY name ON table ...`. */
export function createPolicy(statement: CreatePolicyStmt): SqlEvent[] {
  return [
    sqlEvent('policy.created', {
      table: tableRef(statement.table),
      name: statement.policy_name ?? '',
    }),
  ];
}
