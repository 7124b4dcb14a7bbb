import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { rowOf, rowsOf } from './rows';

export interface ProjectRecord {
  readonly id: number;
  readonly key: string;
  readonly description: string | null;
  readonly createdAt: Date;
  readonly lastSequence: number;
}

/** Tables holding a project's read models and control data, emptied when it is deleted. */
const PROJECT_TABLES = [
  'schema_events',
  'project_heads',
  'schema_tables',
  'schema_columns',
  'schema_snapshots',
  'scan_progress',
  'scans',
  'migration_ledger',
  'risk_findings',
  'risk_assessments',
  'project_policies',
];

/** Projects: control data the gateway owns. */
@Injectable()
export class ProjectRepository {
  constructor(private readonly em: EntityManager) {}

  private get knex() {
    return this.em.getKnex();
  }

  async create(key: string, description: string | null): Promise<ProjectRecord | undefined> {
    const [row] = await rowsOf<RawProject>(
      this.knex('projects')
        .insert({ key, description })
        .onConflict('key')
        .ignore()
        .returning(['id', 'key', 'description', 'created_at']),
    );
    return row ? record({ ...row, last_sequence: 0 }) : undefined;
  }

  async list(): Promise<ProjectRecord[]> {
    const rows = await rowsOf<RawProject>(this.query().orderBy('p.key'));
    return rows.map(record);
  }

  async get(key: string): Promise<ProjectRecord | undefined> {
    const row = await rowOf<RawProject>(this.query().where('p.key', key).first());
    return row ? record(row) : undefined;
  }

  async getById(id: number): Promise<ProjectRecord | undefined> {
    const row = await rowOf<RawProject>(this.query().where('p.id', id).first());
    return row ? record(row) : undefined;
  }

  async update(key: string, description: string | null): Promise<boolean> {
    return (await this.knex('projects').where({ key }).update({ description })) > 0;
  }

  /** Removes the project and every row of its read models, in one transaction. */
  async delete(key: string): Promise<boolean> {
    return this.knex.transaction(async (trx) => {
      const existing = await rowOf<{ id: number }>(trx('projects').where({ key }).first('id'));
      if (!existing) return false;
      const tables = await rowsOf<string>(
        trx('pg_tables')
          .where({ schemaname: trx.raw('current_schema()') })
          .pluck('tablename'),
      );
      for (const table of PROJECT_TABLES.filter((name) => tables.includes(name)))
        await trx(table).where({ project: key }).delete();
      await trx('projects').where({ key }).delete();
      return true;
    });
  }

  private query() {
    return this.knex('projects as p')
      .leftJoin('project_heads as h', 'h.project', 'p.key')
      .select(
        'p.id',
        'p.key',
        'p.description',
        'p.created_at',
        this.knex.raw('coalesce(h.last_sequence, 0) as last_sequence'),
      );
  }
}

interface RawProject {
  id: number;
  key: string;
  description: string | null;
  created_at: Date;
  last_sequence: string | number;
}

const record = (row: RawProject): ProjectRecord => ({
  id: row.id,
  key: row.key,
  description: row.description,
  // The driver may hand timestamps back as strings.
  createdAt: new Date(row.created_at),
  lastSequence: Number(row.last_sequence),
});
