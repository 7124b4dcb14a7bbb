import type { SchemaEvent, StatementContext, TableRef } from '@schematrace/contracts';
import { objectKey, type ColumnState, type TableState } from '../schema/schema-state';
import { columnKey, type MigrationContext, type RuleContext } from './rule-context';

/**
 * The tables an event locks: the ones it acts on and, for a foreign key, the table it
 * references (PostgreSQL takes SHARE ROW EXCLUSIVE on both).
 */
export function tablesOf(event: SchemaEvent): readonly TableRef[] {
  const payload = event.payload as { table?: TableRef; tables?: readonly TableRef[] };
  if (payload.tables) return payload.tables;
  if (!payload.table) return [];
  if (event.kind === 'constraint.added' && event.payload.constraint.references)
    return [payload.table, event.payload.constraint.references.table];
  return [payload.table];
}

export function statementOf(event: SchemaEvent): StatementContext | undefined {
  return (event.payload as { context?: StatementContext }).context;
}

/**
 * Does the statement run inside a transaction? Its own context says so where the adapter knows;
 * otherwise the migration's: a framework that wraps every migration (`transactional`).
 */
export function inTransaction(event: SchemaEvent, migration?: MigrationContext): boolean {
  return statementOf(event)?.inTransaction ?? migration?.added?.transactional ?? false;
}

/** Two statements hold their locks together: both in a transaction, the same one. */
export function sameTransaction(
  a: SchemaEvent,
  b: SchemaEvent,
  migration?: MigrationContext,
): boolean {
  if (!inTransaction(a, migration) || !inTransaction(b, migration)) return false;
  return (statementOf(a)?.transactionGroup ?? 0) === (statementOf(b)?.transactionGroup ?? 0);
}

/** Earlier events of the migration that run in the same transaction as this one. */
export function earlierInTransaction(event: SchemaEvent, context: RuleContext): SchemaEvent[] {
  return context.migration.events.filter((earlier) =>
    sameTransaction(earlier, event, context.migration),
  );
}

/** Created by the migration being assessed: nobody reads or writes it yet. */
export function isNewTable(context: RuleContext, table: TableRef): boolean {
  return context.migration.newTables.has(objectKey(table));
}

export function isNewColumn(context: RuleContext, table: TableRef, column: string): boolean {
  return isNewTable(context, table) || context.migration.newColumns.has(columnKey(table, column));
}

/** The table as it stood before the event, when it existed before this migration. */
export function existingTable(context: RuleContext, table: TableRef): TableState | undefined {
  if (isNewTable(context, table)) return undefined;
  return context.before.tables[objectKey(table)];
}

/**
 * The table is one the application already uses: it existed before this migration, or the
 * history does not show its creation (a repository whose early schema predates its migrations).
 */
export function isExistingTable(context: RuleContext, table: TableRef): boolean {
  return !isNewTable(context, table);
}

export function columnBefore(
  context: RuleContext,
  table: TableRef,
  column: string,
): ColumnState | undefined {
  return context.before.tables[objectKey(table)]?.columns.find(
    (candidate) => candidate.name === column,
  );
}

/** PostgreSQL's heavy table locks, by the statements that take them. */
export type LockMode =
  'ACCESS EXCLUSIVE' | 'EXCLUSIVE' | 'SHARE ROW EXCLUSIVE' | 'SHARE' | 'SHARE UPDATE EXCLUSIVE';

/**
 * The strongest lock PostgreSQL takes on an existing table for this event, if any. Locks that
 * block writes (SHARE and stronger) are what make DDL dangerous on a busy table.
 */
export function lockOf(event: SchemaEvent): LockMode | undefined {
  switch (event.kind) {
    case 'table.dropped':
    case 'table.renamed':
    case 'table.truncated':
    case 'table.schema_changed':
    case 'table.option_changed':
    case 'column.added':
    case 'column.dropped':
    case 'column.renamed':
    case 'column.type_changed':
    case 'column.nullability_changed':
    case 'column.default_changed':
    case 'constraint.dropped':
    case 'constraint.renamed':
    case 'policy.created':
    case 'policy.dropped':
      return 'ACCESS EXCLUSIVE';
    case 'constraint.added':
      return event.payload.constraint.type === 'foreign-key'
        ? 'SHARE ROW EXCLUSIVE'
        : 'ACCESS EXCLUSIVE';
    case 'trigger.created':
    case 'trigger.dropped':
      return 'SHARE ROW EXCLUSIVE';
    case 'index.created':
      return event.payload.index.concurrently ? 'SHARE UPDATE EXCLUSIVE' : 'SHARE';
    case 'index.dropped':
      return event.payload.concurrently ? 'SHARE UPDATE EXCLUSIVE' : 'ACCESS EXCLUSIVE';
    case 'index.rebuilt':
      return event.payload.concurrently ? 'SHARE UPDATE EXCLUSIVE' : 'ACCESS EXCLUSIVE';
    case 'constraint.validated':
      return 'SHARE UPDATE EXCLUSIVE';
    case 'table.partition_attached':
      return 'SHARE UPDATE EXCLUSIVE';
    case 'table.partition_detached':
      return event.payload.concurrently ? 'SHARE UPDATE EXCLUSIVE' : 'ACCESS EXCLUSIVE';
    case 'table.maintained':
      return event.payload.operation === 'vacuum-full' || event.payload.operation === 'cluster'
        ? 'ACCESS EXCLUSIVE'
        : undefined;
    case 'table.locked':
      return event.payload.mode.toUpperCase() as LockMode;
    default:
      return undefined;
  }
}

/** Takes a lock that blocks writes (or reads) on a table used before this migration. */
export function blocksExistingTable(event: SchemaEvent, context: RuleContext): boolean {
  const lock = lockOf(event);
  if (!lock || lock === 'SHARE UPDATE EXCLUSIVE') return false;
  const tables = tablesOf(event);
  return tables.length === 0 || tables.some((table) => isExistingTable(context, table));
}

/** Does the author accept this rule's risk for this statement (safety_assured, squawk-ignore)? */
export function acknowledges(event: SchemaEvent, ruleId: string): boolean {
  const acknowledged = statementOf(event)?.acknowledged;
  return (
    acknowledged !== undefined && (acknowledged.includes('*') || acknowledged.includes(ruleId))
  );
}
