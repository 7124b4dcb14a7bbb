import type { EventDraft, StatementContext } from '@schematrace/contracts';
import type { Node, RawStmt } from 'libpg-query';
import { sqlEvent, tableRef, type SqlEvent, type Transaction } from './sql-events';
import {
  alterEnum,
  alterExtension,
  comment,
  createEnum,
  createExtension,
  createIndex,
  createView,
  drop,
  rename,
} from './sql-objects';
import { acknowledgedRules } from './sql-directives';
import type { SqlParse, SqlParser } from './sql-parser';
import {
  alterDomain,
  alterObjectSchema,
  alterSequence,
  cluster,
  createDomain,
  createFunction,
  createPolicy,
  createSchema,
  createTrigger,
  lock,
  refreshMaterializedView,
  reindex,
  truncate,
  vacuum,
  variableSet,
} from './sql-routines';
import { StatementScope } from './sql-scope';
import type { SqlSource, TokenRange } from './sql-source';
import { alterTable, createTable, createTableAs, viewDefinition } from './sql-tables';
import { TransactionTracker, type TransactionAction } from './sql-transactions';

export type { Transaction } from './sql-events';

/** Where a SQL text runs: what its runner does when the text itself says nothing. */
export interface SqlContext {
  /** The runner's transaction (BEGIN ... COMMIT in the text overrides it for those statements). */
  readonly transaction: Transaction;
  /** Line of the text's first line in its file, for SQL embedded in another file (default 1). */
  readonly firstLine?: number;
  /**
   * The migration's transactions so far, for SQL embedded in a host migration (Alembic) whose
   * transactions span several texts; a text on its own starts with a fresh one.
   */
  readonly transactions?: TransactionTracker;
}

/** Why statements without an event kind are kept as `sql.executed`. */
const OPAQUE_REASONS: Readonly<Record<string, string>> = {
  AlterFunctionStmt: 'changing the options of a function or procedure has no event kind',
  CreateEventTrigStmt: 'event triggers are not tracked',
  AlterEventTrigStmt: 'event triggers are not tracked',
  AlterPolicyStmt: 'changing a row-level security policy has no event kind',
  GrantStmt: 'privileges are not tracked',
  GrantRoleStmt: 'privileges are not tracked',
  AlterDefaultPrivilegesStmt: 'privileges are not tracked',
  DoStmt: 'procedural code in a DO block is not analysed',
  CallStmt: 'what a called procedure does is not analysed',
  CreateRoleStmt: 'roles are not tracked',
  AlterRoleStmt: 'roles are not tracked',
  DropRoleStmt: 'roles are not tracked',
  CompositeTypeStmt: 'composite types have no event kind',
  CreateRangeStmt: 'range types have no event kind',
  AlterOwnerStmt: 'ownership is not tracked',
  RuleStmt: 'rules are not tracked',
  CreateForeignTableStmt: 'foreign tables are not tracked',
  CreatedbStmt: 'creating a database has no event kind',
  AlterExtensionContentsStmt: 'extension membership is not tracked',
  CreateStatsStmt: 'extended statistics are not tracked',
  CreatePublicationStmt: 'logical replication is not tracked',
  AlterPublicationStmt: 'logical replication is not tracked',
  CreateSubscriptionStmt: 'logical replication is not tracked',
  AlterSubscriptionStmt: 'logical replication is not tracked',
  SecLabelStmt: 'security labels are not tracked',
  AlterSystemStmt: 'server settings are not tracked',
  AlterDatabaseSetStmt: 'database settings are not tracked',
  AlterRoleSetStmt: 'role settings are not tracked',
};

/** The node's type: the single key of its wrapper (`{ CreateStmt: {...} }` → `CreateStmt`). */
function typeOf(node: Node): string {
  return Object.keys(node)[0] ?? 'Unknown';
}

/** BEGIN / COMMIT / ... as `transaction.controlled` names them (PREPARE TRANSACTION ... have none). */
export function transactionAction(kind: string | undefined): TransactionAction | undefined {
  switch (kind) {
    case 'TRANS_STMT_BEGIN':
    case 'TRANS_STMT_START':
      return 'begin';
    case 'TRANS_STMT_COMMIT':
      return 'commit';
    case 'TRANS_STMT_ROLLBACK':
      return 'rollback';
    case 'TRANS_STMT_SAVEPOINT':
      return 'savepoint';
    case 'TRANS_STMT_RELEASE':
      return 'release';
    case 'TRANS_STMT_ROLLBACK_TO':
      return 'rollback-to';
    default:
      return undefined; // PREPARE TRANSACTION, COMMIT / ROLLBACK PREPARED
  }
}

/** The events of one parsed statement (transaction control is read by `eventsOfParsedSql`). */
export function statementEvents(scope: StatementScope, node: Node): SqlEvent[] {
  if ('CreateStmt' in node) return createTable(scope, node.CreateStmt);
  if ('AlterTableStmt' in node) return alterTable(scope, node.AlterTableStmt);
  if ('IndexStmt' in node) return createIndex(scope, node.IndexStmt);
  if ('DropStmt' in node) return drop(scope, node.DropStmt);
  if ('RenameStmt' in node) return rename(scope, node.RenameStmt);
  if ('CommentStmt' in node) return comment(scope, node.CommentStmt);
  if ('CreateEnumStmt' in node) return createEnum(node.CreateEnumStmt);
  if ('AlterEnumStmt' in node) return alterEnum(node.AlterEnumStmt);
  if ('ViewStmt' in node) return createView(scope, node.ViewStmt);
  if ('CreateTableAsStmt' in node) {
    const statement = node.CreateTableAsStmt;
    if (statement.objtype !== 'OBJECT_MATVIEW') return createTableAs(scope, statement);
    return [
      sqlEvent('view.created', {
        ...tableRef(statement.into?.rel),
        definition: viewDefinition(scope, statement.into?.rel?.location),
        materialized: true,
      }),
    ];
  }
  if ('CreateSeqStmt' in node) {
    return [sqlEvent('sequence.created', tableRef(node.CreateSeqStmt.sequence))];
  }
  if ('AlterSeqStmt' in node) return alterSequence(scope, node.AlterSeqStmt);
  if ('CreateExtensionStmt' in node) return createExtension(node.CreateExtensionStmt);
  if ('AlterExtensionStmt' in node) return alterExtension(node.AlterExtensionStmt);
  if ('VariableSetStmt' in node) return variableSet(scope, node.VariableSetStmt);
  if ('LockStmt' in node) return lock(node.LockStmt);
  if ('ReindexStmt' in node) return reindex(node.ReindexStmt);
  if ('VacuumStmt' in node) return vacuum(node.VacuumStmt);
  if ('ClusterStmt' in node) return cluster(node.ClusterStmt);
  if ('TruncateStmt' in node) return truncate(node.TruncateStmt);
  if ('RefreshMatViewStmt' in node) return refreshMaterializedView(scope, node.RefreshMatViewStmt);
  if ('CreateSchemaStmt' in node) return createSchema(scope, node.CreateSchemaStmt);
  if ('AlterObjectSchemaStmt' in node) return alterObjectSchema(scope, node.AlterObjectSchemaStmt);
  if ('DropdbStmt' in node) {
    const { dbname, missing_ok: missingOk } = node.DropdbStmt;
    return [
      sqlEvent('database.dropped', {
        name: dbname ?? '',
        ...(missingOk ? { ifExists: true } : {}),
      }),
    ];
  }
  if ('CreateDomainStmt' in node) return createDomain(scope, node.CreateDomainStmt);
  if ('AlterDomainStmt' in node) return alterDomain(scope, node.AlterDomainStmt);
  if ('CreateFunctionStmt' in node) return createFunction(node.CreateFunctionStmt);
  if ('CreateTrigStmt' in node) return createTrigger(node.CreateTrigStmt);
  if ('CreatePolicyStmt' in node) return createPolicy(node.CreatePolicyStmt);
  return dataOrOpaque(scope, node);
}

/** DML becomes `data.migrated`; everything else without a kind is kept as `sql.executed`. */
function dataOrOpaque(scope: StatementScope, node: Node): SqlEvent[] {
  const description = scope.description;
  if ('InsertStmt' in node) {
    const table = tableRef(node.InsertStmt.relation);
    return [sqlEvent('data.migrated', { operation: 'insert', description, table })];
  }
  if ('UpdateStmt' in node) {
    const { relation, whereClause } = node.UpdateStmt;
    return [
      sqlEvent('data.migrated', {
        operation: 'update',
        description,
        table: tableRef(relation),
        hasWhere: whereClause !== undefined,
      }),
    ];
  }
  if ('DeleteStmt' in node) {
    const { relation, whereClause } = node.DeleteStmt;
    return [
      sqlEvent('data.migrated', {
        operation: 'delete',
        description,
        table: tableRef(relation),
        hasWhere: whereClause !== undefined,
      }),
    ];
  }
  if ('MergeStmt' in node) {
    // MERGE inserts, updates or deletes the rows its join condition matches: `update` is the
    // nearest operation, and a WHERE does not apply.
    const table = tableRef(node.MergeStmt.relation);
    return [sqlEvent('data.migrated', { operation: 'update', description, table })];
  }
  if ('CopyStmt' in node) {
    const { relation, is_from: isFrom } = node.CopyStmt;
    if (isFrom && relation) {
      return [
        sqlEvent('data.migrated', { operation: 'insert', description, table: tableRef(relation) }),
      ];
    }
    return [scope.opaque('COPY ... TO reads data; it changes nothing')];
  }
  if ('SelectStmt' in node) {
    const into = node.SelectStmt.intoClause;
    if (into) return createTableAs(scope, { into, objtype: 'OBJECT_TABLE' });
    return [
      scope.opaque('a query has no event kind; what the functions it calls do is not analysed'),
    ];
  }
  const type = typeOf(node);
  return [scope.opaque(OPAQUE_REASONS[type] ?? `no event kind for this statement (${type})`)];
}

/**
 * Statements PostgreSQL refuses inside a transaction block (PreventInTransactionBlock): runners
 * that detect them (Flyway) run the whole file outside a transaction.
 */
export function mustRunOutsideTransaction(node: Node): boolean {
  if ('IndexStmt' in node) return node.IndexStmt.concurrent === true;
  if ('DropStmt' in node) return node.DropStmt.concurrent === true;
  if ('ReindexStmt' in node) {
    const { kind, params } = node.ReindexStmt;
    const concurrently = (params ?? []).some(
      (param) => 'DefElem' in param && param.DefElem.defname === 'concurrently',
    );
    return concurrently || kind === 'REINDEX_OBJECT_SYSTEM' || kind === 'REINDEX_OBJECT_DATABASE';
  }
  if ('VacuumStmt' in node) return node.VacuumStmt.is_vacuumcmd === true;
  if ('AlterTableStmt' in node) {
    return (node.AlterTableStmt.cmds ?? []).some(
      (command) =>
        'AlterTableCmd' in command &&
        command.AlterTableCmd.def !== undefined &&
        'PartitionCmd' in command.AlterTableCmd.def &&
        command.AlterTableCmd.def.PartitionCmd.concurrent === true,
    );
  }
  return [
    'CreatedbStmt',
    'DropdbStmt',
    'CreateTableSpaceStmt',
    'DropTableSpaceStmt',
    'AlterSystemStmt',
    'CreateSubscriptionStmt',
    'DropSubscriptionStmt',
  ].includes(typeOf(node));
}

/** The tokens of one raw statement (its stmt_len leaves the semicolon out; 0 means "to the end"). */
export function statementRange(source: SqlSource, raw: RawStmt): TokenRange {
  const start = raw.stmt_location ?? 0;
  const end = raw.stmt_len ? start + raw.stmt_len : source.byteLength;
  return { first: source.firstTokenFrom(start), last: source.firstTokenFrom(end) - 1 };
}

/**
 * The events of a parsed SQL text, in statement order: opIndex is the statement's position,
 * subIndex the event's position within it. Every event says whether it runs in a transaction —
 * inside BEGIN ... COMMIT explicitly, else as the runner does — and on which line.
 */
export function eventsOfParsedSql(
  parsed: Extract<SqlParse, { kind: 'parsed' }>,
  context: SqlContext,
): EventDraft[] {
  const drafts: EventDraft[] = [];
  const lineOffset = (context.firstLine ?? 1) - 1;
  const transactions = context.transactions ?? new TransactionTracker(context.transaction);
  const ranges = parsed.statements.map((raw) => statementRange(parsed.source, raw));
  const acknowledged = acknowledgedRules(
    parsed.source,
    ranges.map((range) => parsed.source.tokens[range.first]?.start ?? parsed.source.byteLength),
  );
  parsed.statements.forEach((raw, opIndex) => {
    const node = raw.stmt;
    if (!node) return;
    const range = ranges[opIndex]!;
    const first = parsed.source.tokens[range.first];
    const line = (first ? parsed.source.lineOf(first.start) : 1) + lineOffset;
    const acknowledgedIds = acknowledged[opIndex];
    const withContext = (events: readonly SqlEvent[], placement: object) => {
      const statementContext = {
        ...placement,
        line,
        ...(acknowledgedIds ? { acknowledged: acknowledgedIds } : {}),
      } as StatementContext;
      events.forEach((event, subIndex) => {
        drafts.push({
          kind: event.kind,
          payload: { ...event.payload, context: statementContext },
          opIndex,
          subIndex,
        } as EventDraft);
      });
    };
    const scope = new StatementScope(parsed.source, range);
    if ('TransactionStmt' in node) {
      const action = transactionAction(node.TransactionStmt.kind);
      if (!action) {
        withContext(
          [scope.opaque('two-phase commit (PREPARE TRANSACTION) is not modelled')],
          transactions.statement(context.transaction),
        );
        return;
      }
      withContext(
        [sqlEvent('transaction.controlled', { action })],
        transactions.control(action, context.transaction),
      );
      return;
    }
    let events: SqlEvent[];
    try {
      events = statementEvents(scope, node);
    } catch (error: unknown) {
      const message = error instanceof Error ? error.message : String(error);
      drafts.push({
        kind: 'migration.unparsed',
        payload: { reason: `line ${line}: could not interpret ${scope.label}: ${message}`, line },
        opIndex,
        subIndex: 0,
      });
      return;
    }
    withContext(events, transactions.statement(context.transaction));
  });
  return drafts;
}

/**
 * One SQL text → its events, for any caller holding SQL (a migration file, Django's RunSQL,
 * Alembic's op.execute). A syntax error anywhere yields one `migration.unparsed` with the
 * parser's message and line, as PostgreSQL would refuse the whole text.
 */
export function sqlToEvents(parser: SqlParser, sql: string, context: SqlContext): EventDraft[] {
  const parsed = parser.parse(sql);
  if (parsed.kind === 'parsed') return eventsOfParsedSql(parsed, context);
  const line =
    parsed.error.line === undefined ? undefined : parsed.error.line + (context.firstLine ?? 1) - 1;
  return [
    {
      kind: 'migration.unparsed',
      payload: {
        reason: line === undefined ? parsed.error.message : `line ${line}: ${parsed.error.message}`,
        ...(line === undefined ? {} : { line }),
      },
      opIndex: 0,
      subIndex: 0,
    },
  ];
}
