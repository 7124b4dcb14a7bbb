import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { SchemaEvent } from '@schematrace/contracts';
import { EMPTY_SCHEMA, type SchemaState } from '@schematrace/domain';
import type { ConsumedMessage } from '@schematrace/messaging';
import {
  ProjectionRepository,
  type BatchSource,
  type ProjectionTransaction,
} from '@schematrace/persistence';
import { HeadStateCache } from './head-state.cache';
import { foldNumberedEvents, numberNewEvents } from './project-events';
import { RiskRecomputeTrigger } from './risk-recompute.trigger';

export type { BatchSource } from '@schematrace/persistence';

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
 * re-delivered or replayed batch the event ids say what was already applied, so every event
 * lands exactly once. The schema each project's head stands at is
 * folded in memory (HeadStateCache), not stored per batch; once the transaction has committed,
 * the cache takes the new states and each project that got new events is handed to the risk
 * recompute trigger.
 */
@Injectable()
export class ProjectBatchService {
  constructor(
    private readonly projection: ProjectionRepository,
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
    const projected = await this.projection.inTransaction(async (batch) => {
      // Locked, so two instances handed the same partition during a rebalance take turns. Its
      // offset is not trusted to skip messages: a topic deleted and created again starts its
      // offsets anew under the same name, and the event ids already tell what is recorded.
      await batch.lockCheckpoint(source);
      const recorded = await batch.recordedIds(messages.map((message) => message.value.id));
      let projected = 0;
      for (const [project, events] of groupByProject(messages.map((message) => message.value))) {
        const head = await this.projectOne(batch, scope, project, events, recorded);
        if (head) {
          headsAfter.push(head.after);
          projected += head.count;
        }
      }
      await batch.saveCheckpoint(source, last.offset);
      return projected;
    }, into?.schema);
    for (const head of headsAfter) this.heads.set(scope, head.project, head.revision, head.state);
    // After the commit, so a recompute never runs before the events it is for are visible.
    if (!into) await this.riskRecompute.eventsRecorded(headsAfter.map((head) => head.project));
    return projected;
  }

  private async projectOne(
    batch: ProjectionTransaction,
    scope: string,
    project: string,
    events: readonly SchemaEvent[],
    recorded: ReadonlySet<string>,
  ): Promise<{ count: number; after: HeadAfterBatch } | undefined> {
    const head = await batch.lockHead(project);
    const lastSequence = head?.lastSequence ?? 0;
    const state = head
      ? (this.heads.get(scope, project, head.revision) ??
        (await batch.storedState(project, lastSequence)))
      : EMPTY_SCHEMA;
    const projected = numberNewEvents(lastSequence, events, recorded);
    if (projected.length === 0) return undefined;
    // The events' rows need only their numbers: PostgreSQL writes them while this process
    // folds, so the two cores work at once. Handled at once, so a failure surfacing before the
    // fold ends is not "unhandled"; awaited below, where it fails the transaction.
    const eventsWritten = batch.insertEvents(project, projected);
    eventsWritten.catch(() => undefined);
    await dispatched();
    const fold = foldNumberedEvents({ state, lastSequence }, projected);
    await eventsWritten;
    const revision = randomUUID();
    await batch.saveHead(project, { lastSequence: fold.lastSequence, revision });
    await batch.writeIntervals(project, fold.tables, fold.columns);
    await batch.recordScanProgress(project, fold.projected, fold.lastSequence);
    return { count: projected.length, after: { project, revision, state: fold.state } };
  }
}

/** Resolves once the statements started before it have been handed to the connection. */
function dispatched(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
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
