import type { Knex } from '@mikro-orm/postgresql';
import type { ColumnDefinition, SchemaEvent } from '@schematrace/contracts';
import type { SchemaState } from '@schematrace/domain';
import { storedSchemaState } from '../snapshots/stored-schema-state';
import type { IntervalChange, TableValue } from './interval-change';
import {
  COLUMN_INTERVAL_COLUMNS,
  recordDefinition,
  SCHEMA_EVENT_COLUMNS,
  TABLE_INTERVAL_COLUMNS,
} from './projected-columns';

/** Where a batch came from: its checkpoint's key. */
export interface BatchSource {
  readonly consumerGroup: string;
  readonly topic: string;
  readonly partition: number;
}

/** A project's head as the projector left it. */
export interface ProjectHeadRow {
  readonly lastSequence: number;
  /** Changes with every write of the head (see ProjectHead). */
  readonly revision: string;
}

export interface SequencedEvent {
  readonly event: SchemaEvent;
  readonly sequence: number;
}

/**
 * The projector's writes inside one batch's transaction: the Kafka checkpoint, the event log,
 * the heads, the table and column intervals and the scans' progress. Set-based: a statement
 * per kind of row, whatever the batch holds.
 */
export class ProjectionTransaction {
  constructor(
    private readonly trx: Knex.Transaction,
    /** False for a read-model copy being rebuilt: it has no snapshots of its own. */
    private readonly hasSnapshots: boolean,
  ) {}

  /** Locks the source's checkpoint row (when it has one) until the batch commits. */
  async lockCheckpoint(source: BatchSource): Promise<void> {
    await this.trx('consumer_checkpoints').where(checkpointKey(source)).forUpdate().first('offset');
  }

  async saveCheckpoint(source: BatchSource, offset: string): Promise<void> {
    await this.trx('consumer_checkpoints')
      .insert({ ...checkpointKey(source), offset, updated_at: this.trx.fn.now() })
      .onConflict(['consumer_group', 'topic', 'partition'])
      .merge(['offset', 'updated_at']);
  }

  /** Which of these event ids the log holds already (a replayed topic, a re-delivery). */
  async recordedIds(ids: readonly string[]): Promise<Set<string>> {
    // One array parameter, not one per id: a thousand bindings cost more to build than to run.
    const rows: { id: string }[] = await this.trx('schema_events')
      .whereRaw('id = any(?::uuid[])', [ids])
      .select('id');
    return new Set(rows.map((row) => row.id));
  }

  /** The project's head, locked until the batch commits (a rebuild's switch waits on it). */
  async lockHead(project: string): Promise<ProjectHeadRow | undefined> {
    const row: { last_sequence: string; revision: string } | undefined = await this.trx(
      'project_heads',
    )
      .where({ project })
      .forUpdate()
      .first('last_sequence', 'revision');
    return row ? { lastSequence: Number(row.last_sequence), revision: row.revision } : undefined;
  }

  /** The schema after `sequence` as stored (snapshot and events), for a cold start. */
  storedState(project: string, sequence: number): Promise<SchemaState> {
    return storedSchemaState(this.trx, project, sequence, { fromSnapshots: this.hasSnapshots });
  }

  /** Starts writing the events at once; the returned promise settles when they are written. */
  insertEvents(project: string, events: readonly SequencedEvent[]): Promise<void> {
    return insertRows(
      this.trx,
      'schema_events',
      SCHEMA_EVENT_COLUMNS,
      events.map(({ event, sequence }) => schemaEventRow(project, sequence, event)),
    );
  }

  async saveHead(project: string, head: ProjectHeadRow): Promise<void> {
    await this.trx('project_heads')
      .insert({
        project,
        last_sequence: head.lastSequence,
        revision: head.revision,
        updated_at: this.trx.fn.now(),
      })
      .onConflict('project')
      .merge(['last_sequence', 'revision', 'updated_at']);
  }

  /**
   * Set-based: one statement per kind of change, whatever the batch holds. A batch has at most
   * one update per table or column, for the interval still open from an earlier batch, and it
   * comes before any interval the batch opens for the same key; so the updates run first (they
   * must not see the intervals opened here), then the inserts.
   */
  async writeIntervals(
    project: string,
    tables: readonly IntervalChange<TableValue>[],
    columns: readonly IntervalChange<ColumnDefinition>[],
  ): Promise<void> {
    const trx = this.trx;
    const tableUpdates = tables.filter((change) => change.kind === 'update');
    if (tableUpdates.length > 0)
      await trx.raw(
        `with u as (
           select * from jsonb_to_recordset(?::jsonb)
             as u(table_key text, has_value boolean, name text, model jsonb, comment text, removed_sequence bigint)
         ), target as (${openIntervals('schema_tables', 't.table_key = u.table_key')})
         update schema_tables t
            set name = case when target.has_value then target.name else t.name end,
                model = case when target.has_value then target.model else t.model end,
                comment = case when target.has_value then target.comment else t.comment end,
                removed_sequence = target.removed_sequence
           from target
          where t.ctid = target.row_id`,
        [
          JSON.stringify(
            tableUpdates.map((change) => ({
              table_key: change.tableKey,
              has_value: change.value !== undefined,
              name: change.value?.name ?? null,
              model: change.value?.model ?? null,
              comment: change.value?.comment ?? null,
              removed_sequence: change.removedSequence,
            })),
          ),
          project,
        ],
      );
    const columnUpdates = columns.filter((change) => change.kind === 'update');
    if (columnUpdates.length > 0)
      await trx.raw(
        `with u as (
           select * from jsonb_to_recordset(?::jsonb)
             as u(table_key text, name text, definition jsonb, changed_sequence bigint, removed_sequence bigint)
         ), target as (${openIntervals('schema_columns', 't.table_key = u.table_key and t.name = u.name')})
         update schema_columns c
            set definition = coalesce(target.definition, c.definition),
                changed_sequence = target.changed_sequence,
                removed_sequence = target.removed_sequence
           from target
          where c.ctid = target.row_id`,
        [
          JSON.stringify(
            columnUpdates.map((change) => ({
              table_key: change.tableKey,
              name: change.column,
              definition: change.value ?? null,
              changed_sequence: change.changedSequence,
              removed_sequence: change.removedSequence,
            })),
          ),
          project,
        ],
      );
    const tableInserts = tables.flatMap((change) =>
      change.kind === 'insert'
        ? [
            {
              project,
              table_key: change.tableKey,
              added_sequence: change.addedSequence,
              name: change.value.name,
              model: change.value.model ?? null,
              comment: change.value.comment ?? null,
              removed_sequence: change.removedSequence,
            },
          ]
        : [],
    );
    if (tableInserts.length > 0)
      await insertRows(trx, 'schema_tables', TABLE_INTERVAL_COLUMNS, tableInserts);
    const columnInserts = columns.flatMap((change) =>
      change.kind === 'insert'
        ? [
            {
              project,
              table_key: change.tableKey,
              name: change.column,
              added_sequence: change.addedSequence,
              definition: change.value,
              changed_sequence: change.changedSequence,
              removed_sequence: change.removedSequence,
            },
          ]
        : [],
    );
    if (columnInserts.length > 0)
      await insertRows(trx, 'schema_columns', COLUMN_INTERVAL_COLUMNS, columnInserts);
  }

  /** Adds the batch's events to each scan's progress (what the scan status endpoint reports). */
  async recordScanProgress(
    project: string,
    events: readonly SequencedEvent[],
    lastSequence: number,
  ): Promise<void> {
    const perScan = new Map<string, { expected: number; projected: number }>();
    for (const { event } of events) {
      const entry = perScan.get(event.scanId) ?? { expected: event.scanEventCount, projected: 0 };
      entry.projected += 1;
      perScan.set(event.scanId, entry);
    }
    for (const [scanId, { expected, projected }] of perScan) {
      await this.trx('scan_progress')
        .insert({
          scan_id: scanId,
          project,
          expected,
          projected,
          last_sequence: lastSequence,
          updated_at: this.trx.fn.now(),
        })
        .onConflict('scan_id')
        .merge({
          projected: this.trx.raw('scan_progress.projected + excluded.projected'),
          last_sequence: this.trx.raw('excluded.last_sequence'),
          updated_at: this.trx.raw('excluded.updated_at'),
        });
    }
  }
}

/**
 * The open interval each row of `u` names, found through the primary key one row at a time:
 * the lateral subquery (kept apart by `offset 0`) makes the plan a nested loop over `u` with an
 * index lookup, whatever the table's statistics say. Left to the planner, a table that has
 * grown since it was last analysed (a first large scan) is estimated at a row or two and
 * scanned once per row of `u`: hundreds of milliseconds per batch.
 */
function openIntervals(table: string, matches: string): string {
  return `select found.row_id, u.* from u cross join lateral (
            select t.ctid as row_id from ${table} t
             where t.project = ? and ${matches} and t.removed_sequence is null
            offset 0
          ) found`;
}

/**
 * Many rows in one statement with one parameter: the rows as a JSON array, which PostgreSQL
 * turns back into records. Nested objects go in as they are (no JSON inside JSON), and no
 * thousands of bindings are built and parsed per batch.
 */
async function insertRows(
  trx: Knex.Transaction,
  table: string,
  columns: Readonly<Record<string, string>>,
  rows: readonly object[],
): Promise<void> {
  const names = Object.keys(columns).join(', ');
  await trx.raw(
    `insert into ?? (${names})
     select ${names} from jsonb_to_recordset(?::jsonb) as r(${recordDefinition(columns)})`,
    [table, JSON.stringify(rows)],
  );
}

/** The `schema_events` row of an event: the log's columns, and the event whole. */
export function schemaEventRow(project: string, sequence: number, event: SchemaEvent) {
  return {
    id: event.id,
    project,
    sequence,
    kind: event.kind,
    scan_id: event.scanId,
    migration_path: event.migration.path,
    migration_name: event.migration.name,
    occurred_at: event.occurredAt,
    event,
  };
}

function checkpointKey(source: BatchSource) {
  return { consumer_group: source.consumerGroup, topic: source.topic, partition: source.partition };
}
