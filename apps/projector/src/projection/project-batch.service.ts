import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { Knex } from '@mikro-orm/postgresql';
import type { SchemaEvent } from '@schematrace/contracts';
import { EMPTY_SCHEMA, type SchemaState } from '@schematrace/domain';
import type { ConsumedMessage } from '@schematrace/messaging';
import { storedSchemaState } from '@schematrace/persistence';
import { HeadStateCache } from './head-state.cache';
import {
  foldNumberedEvents,
  numberNewEvents,
  type ProjectedEvent,
  type ProjectFold,
} from './project-events';
import { RiskRecomputeTrigger } from './risk-recompute.trigger';

export interface BatchSource {
  readonly consumerGroup: string;
  readonly topic: string;
  readonly partition: number;
}

/** The schema a project's head stands at once the batch commits. */
interface HeadAfterBatch {
  readonly project: string;
  readonly revision: string;
  readonly state: SchemaState;
}

/** Read models projected into the live tables (no `into`): the head-state cache's scope. */
const LIVE = 'public';

/**
 * Writes a batch of events and the Kafka checkpoint that covers it in one transaction. On a
 * re-delivered batch the checkpoint filters what was already applied and the event ids catch
 * the rest, so every event lands exactly once. The schema each project's head stands at is
 * folded in memory (HeadStateCache), not stored per batch; once the transaction has committed,
 * the cache takes the new states and each project that got new events is handed to the risk
 * recompute trigger.
 */
@Injectable()
export class ProjectBatchService {
  constructor(
    private readonly em: EntityManager,
    private readonly riskRecompute: RiskRecomputeTrigger,
    private readonly heads: HeadStateCache,
  ) {}

  /**
   * `into`: the schema of a read-model copy being rebuilt (see ReadModelRebuildService); its
   * tables shadow the live ones for this transaction, and no jobs are queued for it.
   */
  async project(
    messages: readonly ConsumedMessage<'schema-events'>[],
    source: BatchSource,
    into?: { readonly schema: string },
  ): Promise<number> {
    const last = messages.at(-1);
    if (!last) return 0;
    const scope = into?.schema ?? LIVE;
    const headsAfter: HeadAfterBatch[] = [];
    const projected = await this.em.fork().transactional(async (em) => {
      const trx = em.getTransactionContext<Knex.Transaction>()!;
      if (into) await trx.raw('set local search_path to ??, public', [into.schema]);
      const checkpoint = await this.lockCheckpoint(trx, source);
      const fresh = messages.filter(
        (message) => checkpoint === undefined || BigInt(message.offset) > checkpoint,
      );
      let projected = 0;
      if (fresh.length > 0) {
        const recorded = await this.recordedIds(
          trx,
          fresh.map((message) => message.value.id),
        );
        for (const [project, events] of groupByProject(fresh.map((message) => message.value))) {
          const { count, head } = await this.projectOne(trx, scope, project, events, recorded);
          if (head) headsAfter.push(head);
          projected += count;
        }
      }
      await trx('consumer_checkpoints')
        .insert({ ...checkpointKey(source), offset: last.offset, updated_at: trx.fn.now() })
        .onConflict(['consumer_group', 'topic', 'partition'])
        .merge(['offset', 'updated_at']);
      return projected;
    });
    for (const head of headsAfter) this.heads.set(scope, head.project, head.revision, head.state);
    // After the commit, so a recompute never runs before the events it is for are visible.
    if (!into) await this.riskRecompute.eventsRecorded(headsAfter.map((head) => head.project));
    return projected;
  }

  private async lockCheckpoint(
    trx: Knex.Transaction,
    source: BatchSource,
  ): Promise<bigint | undefined> {
    const row: { offset: string } | undefined = await trx('consumer_checkpoints')
      .where(checkpointKey(source))
      .forUpdate()
      .first('offset');
    return row ? BigInt(row.offset) : undefined;
  }

  private async recordedIds(trx: Knex.Transaction, ids: string[]): Promise<Set<string>> {
    // One array parameter, not one per id: a thousand bindings cost more to build than to run.
    const rows: { id: string }[] = await trx('schema_events')
      .whereRaw('id = any(?::uuid[])', [ids])
      .select('id');
    return new Set(rows.map((row) => row.id));
  }

  private async projectOne(
    trx: Knex.Transaction,
    scope: string,
    project: string,
    events: SchemaEvent[],
    recorded: ReadonlySet<string>,
  ): Promise<{ count: number; head?: HeadAfterBatch }> {
    const head: { last_sequence: string; revision: string } | undefined = await trx('project_heads')
      .where({ project })
      .forUpdate()
      .first('last_sequence', 'revision');
    const lastSequence = head ? Number(head.last_sequence) : 0;
    const state = head
      ? (this.heads.get(scope, project, head.revision) ??
        (await storedSchemaState(trx, project, lastSequence, { fromSnapshots: scope === LIVE })))
      : EMPTY_SCHEMA;
    const projected = numberNewEvents(lastSequence, events, recorded);
    if (projected.length === 0) return { count: 0 };
    // The events' rows need only their numbers: PostgreSQL writes them while this process
    // folds, so the two cores work at once. Handled at once, so a failure surfacing before the
    // fold ends is not "unhandled"; awaited below, where it fails the transaction.
    const eventsWritten = this.insertEvents(trx, project, projected);
    eventsWritten.catch(() => undefined);
    await dispatched();
    const fold = foldNumberedEvents({ state, lastSequence }, projected);
    await eventsWritten;
    const revision = randomUUID();
    await trx('project_heads')
      .insert({ project, last_sequence: fold.lastSequence, revision, updated_at: trx.fn.now() })
      .onConflict('project')
      .merge(['last_sequence', 'revision', 'updated_at']);
    await this.writeIntervals(trx, project, fold);
    await this.recordScanProgress(trx, project, fold);
    return { count: fold.projected.length, head: { project, revision, state: fold.state } };
  }

  private insertEvents(
    trx: Knex.Transaction,
    project: string,
    projected: readonly ProjectedEvent[],
  ): Promise<void> {
    return insertRows(
      trx,
      'schema_events',
      EVENT_COLUMNS,
      projected.map(({ event, sequence }) => ({
        id: event.id,
        project,
        sequence,
        kind: event.kind,
        scan_id: event.scanId,
        migration_path: event.migration.path,
        migration_name: event.migration.name,
        occurred_at: event.occurredAt,
        event,
      })),
    );
  }

  /**
   * Set-based: one statement per kind of change, whatever the batch holds. A batch has at most
   * one update per table or column, for the interval still open from an earlier batch, and it
   * comes before any interval the batch opens for the same key; so the updates run first (they
   * must not see the intervals opened here), then the inserts.
   */
  private async writeIntervals(
    trx: Knex.Transaction,
    project: string,
    fold: ProjectFold,
  ): Promise<void> {
    const tableUpdates = fold.tables.filter((change) => change.kind === 'update');
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
    const columnUpdates = fold.columns.filter((change) => change.kind === 'update');
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
    const tableInserts = fold.tables.flatMap((change) =>
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
      await insertRows(trx, 'schema_tables', TABLE_COLUMNS, tableInserts);
    const columnInserts = fold.columns.flatMap((change) =>
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
      await insertRows(trx, 'schema_columns', COLUMN_COLUMNS, columnInserts);
  }

  private async recordScanProgress(
    trx: Knex.Transaction,
    project: string,
    fold: ProjectFold,
  ): Promise<void> {
    const perScan = new Map<string, { expected: number; projected: number }>();
    for (const { event } of fold.projected) {
      const entry = perScan.get(event.scanId) ?? { expected: event.scanEventCount, projected: 0 };
      entry.projected += 1;
      perScan.set(event.scanId, entry);
    }
    for (const [scanId, { expected, projected }] of perScan) {
      await trx('scan_progress')
        .insert({
          scan_id: scanId,
          project,
          expected,
          projected,
          last_sequence: fold.lastSequence,
          updated_at: trx.fn.now(),
        })
        .onConflict('scan_id')
        .merge({
          projected: trx.raw('scan_progress.projected + excluded.projected'),
          last_sequence: trx.raw('excluded.last_sequence'),
          updated_at: trx.raw('excluded.updated_at'),
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

const EVENT_COLUMNS = {
  id: 'uuid',
  project: 'text',
  sequence: 'bigint',
  kind: 'text',
  scan_id: 'text',
  migration_path: 'text',
  migration_name: 'text',
  occurred_at: 'timestamptz',
  event: 'jsonb',
} as const;
const TABLE_COLUMNS = {
  project: 'text',
  table_key: 'text',
  added_sequence: 'bigint',
  name: 'text',
  model: 'jsonb',
  comment: 'text',
  removed_sequence: 'bigint',
} as const;
const COLUMN_COLUMNS = {
  project: 'text',
  table_key: 'text',
  name: 'text',
  added_sequence: 'bigint',
  definition: 'jsonb',
  changed_sequence: 'bigint',
  removed_sequence: 'bigint',
} as const;

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
  const names = Object.keys(columns);
  const definition = Object.entries(columns)
    .map(([name, type]) => `${name} ${type}`)
    .join(', ');
  await trx.raw(
    `insert into ?? (${names.join(', ')})
     select ${names.join(', ')} from jsonb_to_recordset(?::jsonb) as r(${definition})`,
    [table, JSON.stringify(rows)],
  );
}

/** Resolves once the statements started before it have been handed to the connection. */
function dispatched(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function checkpointKey(source: BatchSource) {
  return { consumer_group: source.consumerGroup, topic: source.topic, partition: source.partition };
}

function groupByProject(events: readonly SchemaEvent[]): Map<string, SchemaEvent[]> {
  const groups = new Map<string, SchemaEvent[]>();
  for (const event of events) {
    const group = groups.get(event.project);
    if (group) group.push(event);
    else groups.set(event.project, [event]);
  }
  return groups;
}
