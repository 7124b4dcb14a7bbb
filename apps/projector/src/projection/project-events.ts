import type { ColumnDefinition, SchemaEvent } from '@schematrace/contracts';
import type { IntervalChange, TableValue } from '@schematrace/persistence';
import {
  applyEvent,
  SchemaDraft,
  type ColumnState,
  type SchemaState,
  type TableState,
} from '@schematrace/domain';

export interface ProjectedEvent {
  readonly event: SchemaEvent;
  readonly sequence: number;
}

export interface ProjectFold {
  readonly state: SchemaState;
  readonly lastSequence: number;
  readonly projected: readonly ProjectedEvent[];
  readonly tables: readonly IntervalChange<TableValue>[];
  readonly columns: readonly IntervalChange<ColumnDefinition>[];
}

/**
 * The pure heart of the projector: numbers one project's new events after its head, folds them
 * into its schema, and derives, event by event, the existence intervals of tables and columns
 * (so a column added and dropped inside one batch still has its row). Events already recorded
 * (by id) are skipped.
 */
export function foldProjectBatch(
  head: { state: SchemaState; lastSequence: number },
  events: readonly SchemaEvent[],
  alreadyRecorded: ReadonlySet<string>,
): ProjectFold {
  return foldNumberedEvents(head, numberNewEvents(head.lastSequence, events, alreadyRecorded));
}

/** The events not recorded yet (nor repeated within the batch), numbered after the head. */
export function numberNewEvents(
  lastSequence: number,
  events: readonly SchemaEvent[],
  alreadyRecorded: ReadonlySet<string>,
): ProjectedEvent[] {
  const seen = new Set(alreadyRecorded);
  const projected: ProjectedEvent[] = [];
  let sequence = lastSequence;
  for (const event of events) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    projected.push({ event, sequence: ++sequence });
  }
  return projected;
}

/** Folds events numbered by `numberNewEvents` onto the head's schema, with their intervals. */
export function foldNumberedEvents(
  head: { state: SchemaState; lastSequence: number },
  projected: readonly ProjectedEvent[],
): ProjectFold {
  const tables = new IntervalLog<TableValue>();
  const columns = new IntervalLog<ColumnDefinition>();
  // One draft for the batch (as `fold`), which says which tables each event touched: the cost
  // per event stays with what it changes, not with the size of the schema.
  const draft = new TouchedTablesDraft(head.state);
  for (const { event, sequence } of projected) {
    applyEvent(draft, event, sequence, true);
    for (const [key, old] of draft.takeTouched())
      recordIntervals(key, old, draft.table(key), sequence, tables, columns);
  }
  const lastSequence = projected.at(-1)?.sequence ?? head.lastSequence;
  return {
    state: projected.length > 0 ? draft.toState(lastSequence) : head.state,
    lastSequence,
    projected,
    tables: tables.changes,
    columns: columns.changes,
  };
}

/** A draft that remembers, for the tables set or deleted since last asked, what they were. */
class TouchedTablesDraft extends SchemaDraft {
  private touched = new Map<string, TableState | undefined>();

  override setTable(key: string, table: TableState): void {
    if (!this.touched.has(key)) this.touched.set(key, this.table(key));
    super.setTable(key, table);
  }

  override deleteTable(key: string): void {
    if (!this.touched.has(key)) this.touched.set(key, this.table(key));
    super.deleteTable(key);
  }

  takeTouched(): Map<string, TableState | undefined> {
    const touched = this.touched;
    this.touched = new Map();
    return touched;
  }
}

function recordIntervals(
  key: string,
  old: TableState | undefined,
  now: TableState | undefined,
  sequence: number,
  tables: IntervalLog<TableValue>,
  columns: IntervalLog<ColumnDefinition>,
): void {
  // Tables are replaced, never changed, so an untouched one is the same object.
  if (old === now) return;
  if (now) tables.upsert(key, undefined, tableValue(now), sequence, !old);
  else tables.close(key, undefined, sequence);
  const oldColumns = new Map((old?.columns ?? []).map((column) => [column.name, column]));
  for (const column of now?.columns ?? []) {
    const previous = oldColumns.get(column.name);
    if (previous !== column)
      columns.upsert(key, column.name, definitionOf(column), sequence, !previous);
    oldColumns.delete(column.name);
  }
  for (const name of oldColumns.keys()) columns.close(key, name, sequence);
}

/** The interval changes of one batch, opened, changed and closed in event order. */
class IntervalLog<T> {
  readonly changes: IntervalChange<T>[] = [];
  private readonly open = new Map<string, IntervalChange<T>>();

  upsert(
    tableKey: string,
    column: string | undefined,
    value: T,
    sequence: number,
    opens: boolean,
  ): void {
    const id = `${tableKey}\u0000${column ?? ''}`;
    const current = this.open.get(id);
    if (current && !opens) {
      current.value = value;
      current.changedSequence = sequence;
      return;
    }
    const change: IntervalChange<T> = opens
      ? {
          kind: 'insert',
          tableKey,
          ...(column ? { column } : {}),
          addedSequence: sequence,
          changedSequence: sequence,
          removedSequence: null,
          value,
        }
      : {
          kind: 'update',
          tableKey,
          ...(column ? { column } : {}),
          changedSequence: sequence,
          removedSequence: null,
          value,
        };
    this.changes.push(change);
    this.open.set(id, change);
  }

  close(tableKey: string, column: string | undefined, sequence: number): void {
    const id = `${tableKey}\u0000${column ?? ''}`;
    const current = this.open.get(id);
    if (current) {
      current.changedSequence = sequence;
      current.removedSequence = sequence;
      this.open.delete(id);
      return;
    }
    this.changes.push({
      kind: 'update',
      tableKey,
      ...(column ? { column } : {}),
      changedSequence: sequence,
      removedSequence: sequence,
    });
  }
}

function tableValue(table: TableState): TableValue {
  return {
    name: table.name,
    ...(table.model ? { model: table.model } : {}),
    ...(table.comment !== undefined ? { comment: table.comment } : {}),
  };
}

function definitionOf(column: ColumnState): ColumnDefinition {
  const { createdBy: _createdBy, changedBy: _changedBy, ...definition } = column;
  return definition;
}
