import type { SchemaEvent, SchemaEventOf, TableRef } from '@schematrace/contracts';
import { describeEvent } from '../../explain/describe-event';
import { objectKey } from '../../schema/schema-state';
import { lockOf, sameTransaction, statementOf, tablesOf } from '../event-facts';
import type { MigrationContext, RuleContext } from '../rule-context';
import { ruleFor, type RiskRule, type RuleHit } from '../risk-rule';

/** §1f of the rule catalogue: transactions, timeouts and data migrations. */

type FinishContext = Omit<RuleContext, 'before'>;
type SettingChanged = SchemaEventOf<'session.setting_changed'>;

/**
 * Does the event block writes (or reads) on a table that existed before the migration? Decided
 * from the migration alone, for rules that look back over it once it is complete.
 */
function blocksTableOf(event: SchemaEvent, migration: MigrationContext): boolean {
  const lock = lockOf(event);
  if (!lock || lock === 'SHARE UPDATE EXCLUSIVE') return false;
  const tables = tablesOf(event);
  return tables.length === 0 || tables.some((table) => !migration.newTables.has(objectKey(table)));
}

/** The framework wraps the whole migration in a transaction of its own. */
function frameworkWrapped(event: SchemaEvent, migration: MigrationContext): boolean {
  if (migration.added?.transactional === true) return true;
  const wraps = (candidate: SchemaEvent): boolean => {
    const statement = statementOf(candidate);
    return statement?.inTransaction === true && statement.transactionSource === 'framework-default';
  };
  return wraps(event) || migration.events.some(wraps);
}

/**
 * Per engine, the session settings that bound how long a statement waits for a lock, or runs.
 * A value of 0 turns the timeout off.
 */
const TIMEOUT_SETTINGS = {
  lock: {
    postgresql: ['lock_timeout'],
    mysql: ['lock_wait_timeout'],
    mariadb: ['lock_wait_timeout'],
  },
  statement: {
    postgresql: ['statement_timeout'],
    mysql: ['max_execution_time'],
    mariadb: ['max_statement_time'],
  },
} as const;

/**
 * Walks the migration in order and reports its first write-blocking statement on an existing table
 * that runs with no timeout set. A `SET LOCAL` counts only within its own transaction.
 */
function firstWithoutTimeout(
  migration: MigrationContext,
  context: FinishContext,
  timeout: keyof typeof TIMEOUT_SETTINGS,
): SchemaEvent | undefined {
  const names: readonly string[] = TIMEOUT_SETTINGS[timeout][context.target.engine];
  const settings = new Map<string, SettingChanged>();
  for (const event of migration.events) {
    if (event.kind === 'session.setting_changed') {
      const name = event.payload.name.toLowerCase();
      if (name === 'all' && event.payload.value === null) settings.clear(); // RESET ALL
      if (names.includes(name)) settings.set(name, event);
      continue;
    }
    if (!blocksTableOf(event, migration)) continue;
    const covered = [...settings.values()].some((set) => {
      const value = set.payload.value?.trim().replace(/^'|'$/g, '');
      if (value === undefined || /^0+(ms|s|min)?$/i.test(value)) return false;
      return !set.payload.local || sameTransaction(set, event);
    });
    if (!covered) return event;
  }
  return undefined;
}

const missingLockTimeout: RiskRule = {
  id: 'missing-lock-timeout',
  level: 'medium',
  title: 'No lock timeout before lock-taking DDL',
  rationale:
    'A DDL statement that waits for its lock behind a long transaction makes every later query on the table queue behind it, so a short wait becomes an outage.',
  safeAlternative:
    'SET lock_timeout to a few seconds at the top of the migration (or on the migration role) and retry the migration when it times out.',
  anchors: ['SQ require-lock-timeout', 'SQ require-timeout-settings', 'SM lock_timeout'],
  kinds: [],
  finish(migration, context) {
    if (context.policy.settings.lockTimeoutConfigured) return [];
    const event = firstWithoutTimeout(migration, context, 'lock');
    if (!event) return [];
    return [
      { event, message: `${describeEvent(event)} can wait for its lock without a time limit` },
    ];
  },
};

const missingStatementTimeout: RiskRule = {
  id: 'missing-statement-timeout',
  level: 'low',
  title: 'No statement timeout before lock-taking DDL',
  rationale:
    'Without a statement timeout, a statement that runs far longer than expected keeps its locks and resources until someone notices and cancels it.',
  safeAlternative:
    'SET statement_timeout for the migration (generous enough for the slowest expected step, such as a concurrent index build), or on the migration role.',
  anchors: ['SQ require-statement-timeout', 'SM statement_timeout'],
  kinds: [],
  finish(migration, context) {
    if (context.policy.settings.statementTimeoutConfigured) return [];
    const event = firstWithoutTimeout(migration, context, 'statement');
    if (!event) return [];
    return [{ event, message: `${describeEvent(event)} runs with no time limit` }];
  },
};

const manualTransactionInWrappedMigration = ruleFor({
  id: 'manual-transaction-in-wrapped-migration',
  level: 'medium',
  title: 'BEGIN, COMMIT or ROLLBACK inside a migration the runner wraps',
  rationale:
    'The runner already holds a transaction: a nested BEGIN is ignored with a warning, and a COMMIT or ROLLBACK ends the runner’s transaction early, so the rest of the migration is no longer atomic and the runner’s own COMMIT may fail.',
  safeAlternative:
    'Let the runner own the transaction and remove the statement, or turn the runner’s wrapping off for this migration and manage the transaction yourself.',
  anchors: ['SQ transaction-nesting', 'AT TX201', 'BB statement.disallow-commit'],
  kinds: ['transaction.controlled'],
  check(event, context) {
    const { action } = event.payload;
    // Savepoints are how nesting is meant to be done inside someone else's transaction.
    if (action !== 'begin' && action !== 'commit' && action !== 'rollback') return undefined;
    if (!frameworkWrapped(event, context.migration)) return undefined;
    return {
      message: `${action.toUpperCase()} inside the transaction the framework opens for the migration`,
    };
  },
});

const uncommittedTransaction: RiskRule = {
  id: 'uncommitted-transaction',
  level: 'high',
  title: 'Transaction left open at the end of the migration',
  rationale:
    'A BEGIN with no COMMIT by the end of the file leaves the work uncommitted: when the session closes it is rolled back, so the migration looks applied while its changes are not.',
  safeAlternative: 'End the transaction with COMMIT in the same migration.',
  anchors: ['SQ ban-uncommitted-transaction'],
  kinds: [],
  finish(migration) {
    if (!migration.openTransaction) return [];
    const begin = migration.events.findLast(
      (event) => event.kind === 'transaction.controlled' && event.payload.action === 'begin',
    );
    // Inside a runner's transaction, the runner's COMMIT closes it (the nested BEGIN is its own finding).
    if (!begin || frameworkWrapped(begin, migration)) return [];
    return [{ event: begin, message: 'BEGIN is never followed by COMMIT or ROLLBACK' }];
  },
};

/** Creates and drops whose payload tells whether they are guarded by IF [NOT] EXISTS. */
function guarded(event: SchemaEvent): boolean | undefined {
  switch (event.kind) {
    case 'table.created':
    case 'column.added':
    case 'index.created':
    case 'schema.created':
      return event.payload.ifNotExists;
    case 'view.created':
    case 'function.created':
    case 'trigger.created':
      return event.payload.replaceExisting;
    case 'table.dropped':
    case 'column.dropped':
    case 'index.dropped':
    case 'constraint.dropped':
    case 'schema.dropped':
    case 'database.dropped':
    case 'enum.dropped':
    case 'domain.dropped':
    case 'view.dropped':
    case 'sequence.dropped':
    case 'extension.dropped':
    case 'function.dropped':
    case 'trigger.dropped':
    case 'policy.dropped':
      return event.payload.ifExists;
    default:
      return undefined;
  }
}

const RETRYABLE_KINDS = [
  'table.created',
  'column.added',
  'index.created',
  'schema.created',
  'view.created',
  'function.created',
  'trigger.created',
  'table.dropped',
  'column.dropped',
  'index.dropped',
  'constraint.dropped',
  'schema.dropped',
  'database.dropped',
  'enum.dropped',
  'domain.dropped',
  'view.dropped',
  'sequence.dropped',
  'extension.dropped',
  'function.dropped',
  'trigger.dropped',
  'policy.dropped',
] as const;

/** The statement runs outside any transaction (stated, or the migration runs without one). */
function outsideTransaction(event: SchemaEvent, migration: MigrationContext): boolean {
  const statement = statementOf(event);
  if (statement) return !statement.inTransaction;
  return migration.added?.transactional === false;
}

/** A column written inside the CREATE TABLE statement that created its table. */
function partOfCreateTable(event: SchemaEvent, migration: MigrationContext): boolean {
  if (event.kind !== 'column.added') return false;
  const table = objectKey(event.payload.table);
  return migration.events.some(
    (other) =>
      other.kind === 'table.created' &&
      other.opIndex === event.opIndex &&
      objectKey(other.payload.table) === table,
  );
}

const nonIdempotentNonTransactional: RiskRule = {
  id: 'non-idempotent-non-transactional',
  level: 'low',
  title: 'Unguarded create or drop outside a transaction',
  rationale:
    'Without a transaction, a migration that fails half-way leaves its first statements applied; running it again then fails on the object it already created or dropped.',
  safeAlternative:
    'Write IF NOT EXISTS / IF EXISTS (OR REPLACE for views and functions) so a retry succeeds, and drop an INVALID index left by a failed concurrent build before retrying.',
  anchors: ['SQ prefer-robust-stmts'],
  kinds: [],
  finish(migration) {
    const kinds: readonly string[] = RETRYABLE_KINDS;
    // One statement either applies or not, so a retry is safe; except a failed concurrent index
    // build, which leaves an INVALID index behind.
    const statements = new Set(
      migration.events.filter((e) => e.kind !== 'migration.added').map((e) => e.opIndex),
    );
    return migration.events.flatMap((event) => {
      if (!kinds.includes(event.kind) || guarded(event) !== false) return [];
      if (!outsideTransaction(event, migration) || partOfCreateTable(event, migration)) return [];
      const concurrent = event.kind === 'index.created' && event.payload.index.concurrently;
      if (!concurrent && statements.size <= 1) return [];
      return [
        {
          event,
          message: `${describeEvent(event)} has no IF [NOT] EXISTS guard and no transaction`,
        },
      ];
    });
  },
};

const mixedDdlAndDml: RiskRule = {
  id: 'mixed-ddl-and-dml',
  level: 'medium',
  title: 'Data changes in the same transaction as locking DDL',
  rationale:
    'Locks taken by DDL are held until the transaction ends, so data changes in the same transaction keep the table blocked for as long as they run, and row locks pile up alongside.',
  safeAlternative:
    'Put schema changes and data changes in separate migrations (or separate transactions), with the data change batched outside a transaction.',
  anchors: ['BB statement.disallow-mix-in-ddl', 'BB statement.disallow-mix-in-dml'],
  kinds: [],
  finish(migration) {
    // Either order holds the DDL lock until the data change is committed.
    const hits: RuleHit[] = [];
    for (const event of migration.events) {
      if (event.kind !== 'data.migrated') continue;
      const ddl = migration.events.find(
        (other) => sameTransaction(other, event) && blocksTableOf(other, migration),
      );
      if (!ddl) continue;
      const target = event.payload.table ? ` on ${objectKey(event.payload.table)}` : '';
      hits.push({
        event,
        message: `${event.payload.operation}${target} shares a transaction with ${describeEvent(ddl)}, whose lock is held until both are done`,
      });
    }
    return hits;
  },
};

function isNewTableOf(migration: MigrationContext, table: TableRef | undefined): boolean {
  return table !== undefined && migration.newTables.has(objectKey(table));
}

const unbatchedOrUnboundedDml = ruleFor({
  id: 'unbatched-or-unbounded-dml',
  level: 'high',
  title: 'UPDATE or DELETE over a table in one statement',
  rationale:
    'One UPDATE or DELETE over a large table locks every row it touches until it ends, bloats the table and delays replicas; without a WHERE it touches all of them.',
  safeAlternative:
    'Backfill or purge in small batches (by primary-key ranges), committing and pausing between them, outside the schema migration’s transaction.',
  anchors: [
    'SM change_column_null',
    'BB statement.where.require.update-delete',
    'BB statement.affected-row-limit',
  ],
  kinds: ['data.migrated'],
  check(event, context) {
    const { operation, table, hasWhere, batched } = event.payload;
    if (operation !== 'update' && operation !== 'delete') return undefined;
    if (batched === true || isNewTableOf(context.migration, table)) return undefined;
    const target = table ? objectKey(table) : 'a table';
    if (hasWhere === false)
      return { message: `${operation.toUpperCase()} of every row of ${target} in one statement` };
    // With a WHERE the number of rows is unknown: possibly few, possibly most of the table.
    return {
      message: `${operation.toUpperCase()} on ${target} in one statement, not in batches`,
      level: 'medium',
    };
  },
});

const opaqueRawSql = ruleFor({
  id: 'opaque-raw-sql',
  level: 'medium',
  title: 'Raw SQL or code the analysis cannot see into',
  rationale:
    'The statement or migration code was not turned into schema events, so none of the other checks could look at what it does: it needs a human review.',
  safeAlternative:
    'Use the framework’s schema operations (or SQL the parser understands) where possible; otherwise review it and acknowledge the finding explicitly.',
  anchors: ['SM execute', 'DML RunSQL', 'DML RunPython'],
  kinds: ['sql.executed', 'data.migrated'],
  check(event) {
    if (event.kind === 'data.migrated') {
      if (event.payload.operation !== 'code') return undefined;
      return {
        message: `runs migration code that is not analysed: ${excerpt(event.payload.description)}`,
      };
    }
    const { statement, reason } = event.payload;
    const why = reason ? ` (${reason})` : '';
    return { message: `runs SQL that is not analysed${why}: ${excerpt(statement)}` };
  },
});

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 77)}…` : line;
}

const irreversibleMigration = ruleFor({
  id: 'irreversible-migration',
  level: 'low',
  title: 'Migration or data step that cannot be rolled back',
  rationale:
    'Without a way back, a bad deploy cannot be undone by rolling the migration back; the only route is writing a new one under pressure.',
  safeAlternative:
    'Provide the reverse (down, reverse_code, reverse_sql), or an explicit no-op when undoing needs nothing.',
  anchors: ['DML RUNPYTHON_REVERSIBLE', 'DML RUNSQL_REVERSIBLE', 'SM check_down'],
  kinds: ['migration.added', 'data.migrated'],
  check(event, context) {
    if (event.kind === 'migration.added')
      return event.payload.reversible === false
        ? { message: `migration ${context.migration.key} cannot be rolled back` }
        : undefined;
    // The whole migration already has its finding.
    if (event.payload.reversible !== false || context.migration.added?.reversible === false)
      return undefined;
    return {
      message: `${event.payload.operation} step has no reverse: ${excerpt(event.payload.description)}`,
    };
  },
});

const dataMigrationUsesLiveModels = ruleFor({
  id: 'data-migration-uses-live-models',
  level: 'medium',
  title: 'Data migration imports the application’s current models',
  rationale:
    'The migration runs against the schema as it was when written, but the imported models follow the code as it is today; once a model changes, the old migration breaks on fresh databases.',
  safeAlternative:
    'Use the historical models the framework passes in (Django apps.get_model) or plain SQL.',
  anchors: ['DML RUNPYTHON_MODEL_IMPORT'],
  kinds: ['data.migrated'],
  check(event) {
    if (event.payload.usesLiveModels !== true) return undefined;
    return {
      message: `data migration imports current models: ${excerpt(event.payload.description)}`,
    };
  },
});

export const TRANSACTION_RULES: readonly RiskRule[] = [
  missingLockTimeout,
  missingStatementTimeout,
  manualTransactionInWrappedMigration,
  uncommittedTransaction,
  nonIdempotentNonTransactional,
  mixedDdlAndDml,
  unbatchedOrUnboundedDml,
  opaqueRawSql,
  irreversibleMigration,
  dataMigrationUsesLiveModels,
];
