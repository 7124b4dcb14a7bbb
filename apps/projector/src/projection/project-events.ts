import type { SchemaEvent } from '@schematrace/contracts';
import { evolve, type SchemaState, type TableState } from '@schematrace/domain';

export interface ProjectedEvent {
  readonly event: SchemaEvent;
  readonly sequence: number;
}

export interface TableChange {
  readonly key: string;
  readonly before?: TableState;
  readonly after?: TableState;
}

export interface ProjectFold {
  readonly state: SchemaState;
  readonly lastSequence: number;
  readonly projected: readonly ProjectedEvent[];
  /** Tables whose state differs after the batch (evolve shares untouched tables by reference). */
  readonly changedTables: readonly TableChange[];
}

/**
 * The pure heart of the projector: numbers one project's new events after its head and folds
 * them into its schema. Events already recorded (by id) are skipped.
 */
export function foldProjectBatch(
  head: { state: SchemaState; lastSequence: number },
  events: readonly SchemaEvent[],
  alreadyRecorded: ReadonlySet<string>,
): ProjectFold {
  const seen = new Set(alreadyRecorded);
  let state = head.state;
  let sequence = head.lastSequence;
  const projected: ProjectedEvent[] = [];
  for (const event of events) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    sequence += 1;
    state = evolve(state, event, sequence);
    projected.push({ event, sequence });
  }
  const keys = new Set([...Object.keys(head.state.tables), ...Object.keys(state.tables)]);
  const changedTables: TableChange[] = [];
  for (const key of keys) {
    const before = head.state.tables[key];
    const after = state.tables[key];
    if (before !== after)
      changedTables.push({ key, ...(before ? { before } : {}), ...(after ? { after } : {}) });
  }
  return { state, lastSequence: sequence, projected, changedTables };
}
