import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import type { Knex } from '@mikro-orm/postgresql';
import type { SchemaEvent } from '@schematrace/contracts';
import { EMPTY_SCHEMA, restoreSchemaState, type SchemaState } from '@schematrace/domain';
import type { ConsumedMessage } from '@schematrace/messaging';
import { foldProjectBatch, type ProjectFold } from './project-events';
import { RiskRecomputeTrigger } from './risk-recompute.trigger';

export interface BatchSource {
  readonly consumerGroup: string;
  readonly topic: string;
  readonly partition: number;
}

/**
 * Writes a batch of events and the Kafka checkpoint that covers it in one transaction. On a
 * re-delivered batch the checkpoint filters what was already applied and the event ids catch
 * the rest, so every event lands exactly once. Once the transaction has committed, each project
 * that got new events is handed to the risk recompute trigger.
 */
@Injectable()
export class ProjectBatchService {
  private readonly log = new Logger(ProjectBatchService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly riskRecompute: RiskRecomputeTrigger,
  ) {}

  async project(
    messages: readonly ConsumedMessage<'schema-events'>[],
    source: BatchSource,
  ): Promise<number> {
    const last = messages.at(-1);
    if (!last) return 0;
    const touched = new Set<string>();
    const projected = await this.em.fork().transactional(async (em) => {
      const trx = em.getTransactionContext<Knex.Transaction>()!;
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
          const count = await this.projectOne(trx, project, events, recorded);
          if (count > 0) touched.add(project);
          projected += count;
        }
      }
      await trx('consumer_checkpoints')
        .insert({ ...checkpointKey(source), offset: last.offset, updated_at: trx.fn.now() })
        .onConflict(['consumer_group', 'topic', 'partition'])
        .merge(['offset', 'updated_at']);
      return projected;
    });
    // After the commit, so a recompute never runs before the events it is for are visible.
    await this.riskRecompute.eventsRecorded([...touched]);
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
    const rows: { id: string }[] = await trx('schema_events').whereIn('id', ids).select('id');
    return new Set(rows.map((row) => row.id));
  }

  private async projectOne(
    trx: Knex.Transaction,
    project: string,
    events: SchemaEvent[],
    recorded: ReadonlySet<string>,
  ): Promise<number> {
    const head: { last_sequence: string; state: SchemaState } | undefined = await trx(
      'project_heads',
    )
      .where({ project })
      .forUpdate()
      .first('last_sequence', 'state');
    const fold = foldProjectBatch(
      head
        ? { state: restoreSchemaState(head.state), lastSequence: Number(head.last_sequence) }
        : { state: EMPTY_SCHEMA, lastSequence: 0 },
      events,
      recorded,
    );
    if (fold.projected.length === 0) return 0;

    await trx.batchInsert(
      'schema_events',
      fold.projected.map(({ event, sequence }) => ({
        id: event.id,
        project,
        sequence,
        kind: event.kind,
        scan_id: event.scanId,
        migration_path: event.migration.path,
        migration_name: event.migration.name,
        occurred_at: event.occurredAt,
        event: JSON.stringify(event),
      })),
      500,
    );
    await trx('project_heads')
      .insert({
        project,
        last_sequence: fold.lastSequence,
        state: JSON.stringify(fold.state),
        updated_at: trx.fn.now(),
      })
      .onConflict('project')
      .merge(['last_sequence', 'state', 'updated_at']);
    await this.writeIntervals(trx, project, fold);
    await this.recordScanProgress(trx, project, fold);
    return fold.projected.length;
  }

  private async writeIntervals(
    trx: Knex.Transaction,
    project: string,
    fold: ProjectFold,
  ): Promise<void> {
    for (const change of fold.tables) {
      const value = change.value && {
        name: change.value.name,
        model: change.value.model ? JSON.stringify(change.value.model) : null,
      };
      if (change.kind === 'insert') {
        await trx('schema_tables').insert({
          project,
          table_key: change.tableKey,
          added_sequence: change.addedSequence,
          ...value,
          removed_sequence: change.removedSequence,
        });
      } else {
        await trx('schema_tables')
          .where({ project, table_key: change.tableKey })
          .whereNull('removed_sequence')
          .update({ ...value, removed_sequence: change.removedSequence });
      }
    }
    for (const change of fold.columns) {
      const definition = change.value && { definition: JSON.stringify(change.value) };
      if (change.kind === 'insert') {
        await trx('schema_columns').insert({
          project,
          table_key: change.tableKey,
          name: change.column,
          added_sequence: change.addedSequence,
          ...definition,
          changed_sequence: change.changedSequence,
          removed_sequence: change.removedSequence,
        });
      } else {
        await trx('schema_columns')
          .where({ project, table_key: change.tableKey, name: change.column })
          .whereNull('removed_sequence')
          .update({
            ...definition,
            changed_sequence: change.changedSequence,
            removed_sequence: change.removedSequence,
          });
      }
    }
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

function checkpointKey(source: BatchSource) {
  return { consumer_group: source.consumerGroup, topic: source.topic, partition: source.partition };
}

function groupByProject(events: readonly SchemaEvent[]): Map<string, SchemaEvent[]> {
  const groups = new Map<string, SchemaEvent[]>();
  for (const event of events)
    groups.set(event.project, [...(groups.get(event.project) ?? []), event]);
  return groups;
}
