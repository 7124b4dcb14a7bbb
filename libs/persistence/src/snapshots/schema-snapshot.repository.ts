import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { rowOf, rowsOf } from '../repositories/rows';
import { storedSchemaState } from './stored-schema-state';

export interface ProjectPosition {
  readonly project: string;
  readonly lastSequence: number;
  /** The sequence of the project's latest snapshot, if any. */
  readonly latestSnapshot: number | undefined;
}

/** Stored schema states at sequence numbers, so time travel folds at most the events since one. */
@Injectable()
export class SchemaSnapshotRepository {
  constructor(private readonly em: EntityManager) {}

  /** Every project's head next to its latest snapshot (or one project's). */
  async positions(project?: string): Promise<ProjectPosition[]> {
    const query = this.em
      .getConnection()
      .getKnex()('project_heads as h')
      .leftJoin('schema_snapshots as s', 's.project', 'h.project')
      .groupBy('h.project', 'h.last_sequence')
      .orderBy('h.project')
      .select('h.project', 'h.last_sequence')
      .max('s.sequence as latest');
    if (project !== undefined) query.where('h.project', project);
    const rows = (await query) as {
      project: string;
      last_sequence: string;
      latest: string | null;
    }[];
    return rows.map((row) => ({
      project: row.project,
      lastSequence: Number(row.last_sequence),
      latestSnapshot: row.latest === null ? undefined : Number(row.latest),
    }));
  }

  /**
   * Stores the project's schema at its head as a snapshot, folded from the snapshot before it
   * (the head keeps no state of its own). Returns the sequence, or undefined when the project
   * has no events or that snapshot exists already. Events up to a head are never rewritten
   * (a rebuild replaces them by equal ones), so reading them after the head is safe.
   */
  async takeSnapshot(project: string): Promise<number | undefined> {
    const knex = this.em.getConnection().getKnex();
    const head = await rowOf<{ last_sequence: string }>(
      knex('project_heads').where({ project }).first('last_sequence'),
    );
    const sequence = head ? Number(head.last_sequence) : 0;
    if (sequence === 0) return undefined;
    const exists = await rowOf(
      knex('schema_snapshots').where({ project, sequence }).first('sequence'),
    );
    if (exists) return undefined;
    const state = await storedSchemaState(knex, project, sequence);
    const inserted = await rowsOf<{ sequence: string }>(
      knex('schema_snapshots')
        .insert({ project, sequence, state: JSON.stringify(state) })
        .onConflict(['project', 'sequence'])
        .ignore()
        .returning('sequence'),
    );
    return inserted.length > 0 ? sequence : undefined;
  }
}
