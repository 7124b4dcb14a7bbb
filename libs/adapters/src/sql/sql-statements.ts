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
import type { SqlParse, SqlParser } from './sql-parser';
import { StatementScope } from './sql-scope';
import type { SqlSource, TokenRange } from './sql-source';
import { alterTable, createTable, createTableAs, viewDefinition } from './sql-tables';

export type { Transaction } from './sql-events';

/** Where a SQL text runs: what its runner does when the text itself says nothing. */
export interface SqlContext {
  /** The runner's transaction (BEGIN ... COMMIT in the text overrides it for those statements). */
  readonly transaction: Transaction;
  /** Line of the text's first line in its file, for SQL embedded in another file (default 1). */
  readonly firstLine?: number;
}

/** Why statements without an event kind are kept as `sql.executed`. */
const OPAQUE_REASONS: Readonly<Record<string, string>> = {
  CreateFunctionStmt: 'functions and procedures are not tracked',
  AlterFunctionStmt: 'functions and procedures are not tracked',
  CreateTrigStmt: 'triggers are not tracked',
  CreateEventTrigStmt: 'event triggers are not tracked',
  AlterEventTrigStmt: 'event triggers are not tracked',
  CreatePolicyStmt: 'row-level security policies are not tracked',
  AlterPolicyStmt: 'row-level security policies are not tracked',
  GrantStmt: 'privileges are not tracked',
  GrantRoleStmt: 'privileges are not tracked',
  AlterDefaultPrivilegesStmt: 'privileges are not tracked',
  DoStmt: 'procedural code in a DO block is not analysed',
  CallStmt: 'what a called procedure does is not analysed',
  CreateRoleStmt: 'roles are not tracked',
  AlterRoleStmt: 'roles are not tracked',
  DropRoleStmt: 'roles are not tracked',
  CreateDomainStmt: 'domains have no event kind',
  AlterDomainStmt: 'domains have no event kind',
  CompositeTypeStmt: 'composite types have no event kind',
  CreateRangeStmt: 'range types have no event kind',
  CreateSchemaStmt: 'schemas have no event kind',
  AlterObjectSchemaStmt: 'moving an object to another schema has no event kind',
  AlterOwnerStmt: 'ownership is not tracked',
  RuleStmt: 'rules are not tracked',
  ReindexStmt: 'rebuilding indexes has no event kind',
  VacuumStmt: 'maintenance has no event kind',
  ClusterStmt: 'maintenance has no event kind',
  LockStmt: 'explicit locks have no event kind',
  RefreshMatViewStmt: 'refreshing a materialized view recomputes its rows; no event kind',
  CreateForeignTableStmt: 'foreign tables are not tracked',
  CreatedbStmt: 'databases have no event kind',
  DropdbStmt: 'databases have no event kind',
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

/** The events of one parsed statement (transaction control yields none: it only sets context). */
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
      }),
    ];
  }
  if ('CreateSeqStmt' in node) {
    return [sqlEvent('sequence.created', tableRef(node.CreateSeqStmt.sequence))];
  }
  if ('AlterSeqStmt' in node) {
    return [sqlEvent('sequence.altered', tableRef(node.AlterSeqStmt.sequence))];
  }
  if ('CreateExtensionStmt' in node) return createExtension(node.CreateExtensionStmt);
  if ('AlterExtensionStmt' in node) return alterExtension(node.AlterExtensionStmt);
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
  if ('TruncateStmt' in node) {
    return (node.TruncateStmt.relations ?? []).flatMap((relation) =>
      'RangeVar' in relation
        ? [
            sqlEvent('data.migrated', {
              operation: 'delete',
              description,
              table: tableRef(relation.RangeVar),
              hasWhere: false,
            }),
          ]
        : [],
    );
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
  if ('VariableSetStmt' in node) {
    const name = node.VariableSetStmt.name ?? 'all';
    return [scope.opaque(`session setting ${name} has no event kind`)];
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
  let explicit = false;
  parsed.statements.forEach((raw, opIndex) => {
    const node = raw.stmt;
    if (!node) return;
    const range = statementRange(parsed.source, raw);
    const first = parsed.source.tokens[range.first];
    const line = (first ? parsed.source.lineOf(first.start) : 1) + lineOffset;
    if ('TransactionStmt' in node) {
      explicit = opensTransaction(node.TransactionStmt.kind, explicit);
      return;
    }
    const transaction: Transaction = explicit
      ? { inTransaction: true, transactionSource: 'explicit' }
      : context.transaction;
    const statementContext: StatementContext = { ...transaction, line };
    const scope = new StatementScope(parsed.source, range);
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
    events.forEach((event, subIndex) => {
      drafts.push({
        kind: event.kind,
        payload: { ...event.payload, context: statementContext },
        opIndex,
        subIndex,
      } as EventDraft);
    });
  });
  return drafts;
}

/** After a transaction statement: is an explicit transaction open? */
function opensTransaction(kind: string | undefined, open: boolean): boolean {
  switch (kind) {
    case 'TRANS_STMT_BEGIN':
    case 'TRANS_STMT_START':
      return true;
    case 'TRANS_STMT_COMMIT':
    case 'TRANS_STMT_ROLLBACK':
    case 'TRANS_STMT_PREPARE':
      return false;
    default:
      return open; // SAVEPOINT, RELEASE, ROLLBACK TO stay inside
  }
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
