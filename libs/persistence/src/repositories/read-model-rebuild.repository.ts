import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  COLUMN_INTERVAL_COLUMNS,
  SCHEMA_EVENT_COLUMNS,
  TABLE_INTERVAL_COLUMNS,
} from '../projection/projected-columns';
import { rowOf, rowsOf } from './rows';

/**
 * The read models the projector derives from `schema-events`, with the columns that must match
 * between a live copy and a rebuilt one (serial ids and bookkeeping times are left out).
 */
const DERIVED_TABLES: Record<string, readonly string[]> = {
  schema_events: Object.keys(SCHEMA_EVENT_COLUMNS),
  // The revision differs by construction: each copy's projector writes its own.
  project_heads: ['project', 'last_sequence'],
  schema_tables: Object.keys(TABLE_INTERVAL_COLUMNS),
  schema_columns: Object.keys(COLUMN_INTERVAL_COLUMNS),
  scan_progress: ['scan_id', 'project', 'expected', 'projected', 'last_sequence'],
};
/** Only the copy needs its own checkpoints: its replay runs under its own consumer group. */
const COPY_ONLY_TABLES = ['consumer_checkpoints'];

export interface ProjectComparison {
  readonly project: string;
  /** Rows in one copy and not the other, by table (0 everywhere: the copies are equal). */
  readonly differences: Readonly<Record<string, number>>;
  readonly equal: boolean;
}

export type SwitchOutcome = 'switched' | 'behind';

/**
 * A fresh copy of the derived read models in a schema of its own, filled by replaying
 * `schema-events` while the live copy keeps serving, compared with it, and switched in per
 * project inside one transaction.
 */
@Injectable()
export class ReadModelRebuildRepository {
  constructor(private readonly em: EntityManager) {}

  private get knex() {
    return this.em.getKnex();
  }

  async createCopy(schema: string): Promise<void> {
    await this.knex.raw('create schema ??', [schema]);
    for (const table of [...Object.keys(DERIVED_TABLES), ...COPY_ONLY_TABLES])
      await this.knex.raw('create table ??.?? (like public.?? including all)', [
        schema,
        table,
        table,
      ]);
  }

  async dropCopy(schema: string): Promise<void> {
    await this.knex.raw('drop schema if exists ?? cascade', [schema]);
  }

  /** The projects the copy holds. */
  async projectsIn(schema: string): Promise<string[]> {
    const rows = await rowsOf<{ project: string }>(
      this.knex.withSchema(schema).from('project_heads').select('project').orderBy('project'),
    );
    return rows.map((row) => row.project);
  }

  async compare(schema: string, project: string): Promise<ProjectComparison> {
    const differences: Record<string, number> = {};
    for (const [table, columns] of Object.entries(DERIVED_TABLES)) {
      const list = columns.map((column) => this.knex.raw('??', [column]).toQuery()).join(', ');
      const row = await rowOf<{ count: string }>(
        this.knex
          .raw(
            `select count(*) as count from (
               (select ${list} from public.?? where project = ? except all select ${list} from ??.?? where project = ?)
               union all
               (select ${list} from ??.?? where project = ? except all select ${list} from public.?? where project = ?)
             ) difference`,
            [table, project, schema, table, project, schema, table, project, table, project],
          )
          .then((result: { rows: unknown[] }) => result.rows[0]),
      );
      differences[table] = Number(row?.count ?? 0);
    }
    return {
      project,
      differences,
      equal: Object.values(differences).every((count) => count === 0),
    };
  }

  /**
   * Replaces the project's live read models with the copy's, in one transaction: readers see the
   * old rows until it commits. The live head row is locked first, so the live projector waits;
   * when it has projected events the copy has not, nothing changes (`behind`: replay again).
   * Original-API ids (model ids, event numbers) of rows both copies have are kept.
   */
  async switchProject(schema: string, project: string): Promise<SwitchOutcome> {
    return this.knex.transaction(async (trx) => {
      const live = await rowOf<{ last_sequence: string }>(
        trx('project_heads')
          .withSchema('public')
          .where({ project })
          .forUpdate()
          .first('last_sequence'),
      );
      const copy = await rowOf<{ last_sequence: string }>(
        trx(`${schema}.project_heads`).where({ project }).first('last_sequence'),
      );
      if (live && (!copy || BigInt(live.last_sequence) > BigInt(copy.last_sequence)))
        return 'behind';
      await trx.raw(
        `update ??.schema_tables copy set model_id = live.model_id from public.schema_tables live
          where copy.project = ? and live.project = copy.project and live.table_key = copy.table_key
            and live.added_sequence = copy.added_sequence`,
        [schema, project],
      );
      await trx.raw(
        `update ??.schema_events copy set number = live.number from public.schema_events live
          where copy.project = ? and live.id = copy.id`,
        [schema, project],
      );
      for (const table of Object.keys(DERIVED_TABLES)) {
        await trx(table).withSchema('public').where({ project }).delete();
        await trx.raw('insert into public.?? select * from ??.?? where project = ?', [
          table,
          schema,
          table,
          project,
        ]);
      }
      // Snapshots were taken from the old heads; the worker takes new ones from the new head.
      await trx('schema_snapshots').withSchema('public').where({ project }).delete();
      return 'switched';
    });
  }
}
