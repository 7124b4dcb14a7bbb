import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

export interface ProjectPosition {
  readonly project: string;
  readonly lastSequence: number;
  /** The sequence of the project's latest snapshot, if any. */
  readonly latestSnapshot: number | undefined;
}

/** Stored schema states at sequence numbers, taken from the projector's head state. */
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
   * Stores the project's head state as a snapshot at the head's sequence. The head row is read
   * by the insert itself, so state and sequence agree. Returns that sequence, or undefined when
   * the project has no events or that snapshot exists already.
   */
  async snapshotHead(project: string): Promise<number | undefined> {
    const rows: { sequence: string }[] = await this.em.getConnection().execute(
      `insert into schema_snapshots (project, sequence, state)
         select project, last_sequence, state from project_heads where project = ?
         on conflict do nothing
         returning sequence`,
      [project],
    );
    const first = rows[0];
    return first ? Number(first.sequence) : undefined;
  }
}
