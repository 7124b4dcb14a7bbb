import type { Knex } from '@mikro-orm/postgresql';
import type { SchemaEvent } from '@schematrace/contracts';
import { EMPTY_SCHEMA, fold, restoreSchemaState, type SchemaState } from '@schematrace/domain';
import { rowOf, rowsOf } from '../repositories/rows';

export interface StoredStateOptions {
  /**
   * Start from the nearest snapshot (the default). A read-model copy being rebuilt has none of
   * its own, and must not start from the live copy's: it folds its own events from the start.
   */
  readonly fromSnapshots?: boolean;
}

/**
 * A project's schema after its event `sequence`, as stored: the nearest snapshot at or before
 * it, folded forward over the events after the snapshot with the domain's fold. The one way the
 * projector (on a cold start), the worker (taking snapshots) and the gateway (time travel)
 * rebuild a state, so they cannot disagree. `db` may be a transaction.
 */
export async function storedSchemaState(
  db: Knex,
  project: string,
  sequence: number,
  options: StoredStateOptions = {},
): Promise<SchemaState> {
  if (sequence <= 0) return EMPTY_SCHEMA;
  const snapshot =
    options.fromSnapshots === false
      ? undefined
      : await rowOf<{ sequence: string; state: unknown }>(
          db('schema_snapshots')
            .where({ project })
            .andWhere('sequence', '<=', sequence)
            .orderBy('sequence', 'desc')
            .first('sequence', 'state'),
        );
  // The row's sequence, not the state's own position, says where the snapshot stands.
  const from = snapshot
    ? { ...restoreSchemaState(snapshot.state), position: Number(snapshot.sequence) }
    : EMPTY_SCHEMA;
  if (from.position >= sequence) return from;
  const events = await rowsOf<{ sequence: string; event: SchemaEvent }>(
    db('schema_events')
      .where({ project })
      .andWhere('sequence', '>', from.position)
      .andWhere('sequence', '<=', sequence)
      .orderBy('sequence')
      .select('sequence', 'event'),
  );
  return fold(
    events.map((row) => ({ sequence: Number(row.sequence), event: row.event })),
    from,
  );
}
