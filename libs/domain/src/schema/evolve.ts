import type { SchemaEvent, SchemaEventOf } from '@schematrace/contracts';
import { evolveObject, OBJECT_EVENT_KINDS } from './evolve-objects';
import { evolveTable, TABLE_EVENT_KINDS } from './evolve-tables';
import { SchemaDraft } from './schema-draft';
import type { EventRef, SchemaState } from './schema-state';

/** An event with its position in a project's history (the projector's sequence number). */
export interface NumberedEvent {
  readonly event: SchemaEvent;
  readonly sequence: number;
}

/**
 * Folds one event into the schema. Pure: returns a new state that shares every untouched
 * element with the old one. An event that does not fit (a missing table or column, a
 * duplicate) leaves the schema as it was and is recorded as an anomaly.
 */
export function evolve(state: SchemaState, event: SchemaEvent, sequence?: number): SchemaState {
  const draft = new SchemaDraft(state);
  const position = sequence ?? state.position + 1;
  applyEvent(draft, event, position, sequence !== undefined);
  return draft.toState(position);
}

/**
 * Folds many events in order. Numbered events keep their sequence; plain events are numbered
 * on from the state's position. Folding a history in one go or in any split gives the same
 * state, so a stored state can be resumed from.
 */
export function fold(
  events: Iterable<SchemaEvent | NumberedEvent>,
  from: SchemaState,
): SchemaState {
  const draft = new SchemaDraft(from);
  let position = from.position;
  for (const item of events) {
    const numbered = 'sequence' in item && 'event' in item;
    position = numbered ? item.sequence : position + 1;
    applyEvent(draft, numbered ? item.event : item, position, numbered);
  }
  return draft.toState(position);
}

/**
 * Folds events while handing out a state every `every` events (and at the end): the snapshots
 * a time-travel query starts from.
 */
export function* foldWithSnapshots(
  events: Iterable<SchemaEvent | NumberedEvent>,
  from: SchemaState,
  every: number,
): Generator<SchemaState> {
  const draft = new SchemaDraft(from);
  let position = from.position;
  let sinceSnapshot = 0;
  for (const item of events) {
    const numbered = 'sequence' in item && 'event' in item;
    position = numbered ? item.sequence : position + 1;
    applyEvent(draft, numbered ? item.event : item, position, numbered);
    if (++sinceSnapshot === every) {
      sinceSnapshot = 0;
      yield draft.toState(position);
    }
  }
  if (sinceSnapshot > 0) yield draft.toState(position);
}

/** Folds one event into a draft; used by `fold` and by the risk engine's walk. */
export function applyEvent(
  draft: SchemaDraft,
  event: SchemaEvent,
  position: number,
  numbered: boolean,
): void {
  const ref: EventRef = {
    eventId: event.id,
    kind: event.kind,
    ...(numbered ? { sequence: position } : {}),
  };
  let outcome: string | undefined;
  if (TABLE_EVENT_KINDS.has(event.kind))
    outcome = evolveTable(
      draft,
      event as SchemaEventOf<Parameters<typeof evolveTable>[1]['kind']>,
      ref,
    );
  else if (OBJECT_EVENT_KINDS.has(event.kind))
    outcome = evolveObject(
      draft,
      event as SchemaEventOf<Parameters<typeof evolveObject>[1]['kind']>,
      ref,
    );
  // Everything else (data work, opaque SQL, session settings, locks, lifecycle) changes no
  // schema element; the rule engine and the timeline still see it.
  if (outcome !== undefined)
    draft.flag({ eventId: event.id, reason: outcome, ...(numbered ? { sequence: position } : {}) });
}
