import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { rowOf, rowsOf } from './rows';
import type { OrmModel, SchemaEvent } from '@schematrace/contracts';

/** A table's existence interval, which the original API calls a model. */
export interface ModelRow {
  readonly modelId: number;
  readonly project: string;
  readonly projectId: number;
  readonly tableKey: string;
  readonly name: string;
  readonly addedSequence: number;
  readonly removedSequence: number | null;
  readonly createdAt: Date;
  /** The table's comment (the original's model description). */
  readonly description: string | null;
  /** The ORM model the table belongs to, when the migration framework names one. */
  readonly model: OrmModel | null;
}

export interface ColumnRow {
  readonly name: string;
  readonly definition: {
    type: { sql: string };
    nullable: boolean;
    unique?: boolean;
    default?: { kind: string; value?: string; expression?: string };
  };
  readonly addedAt: Date;
  readonly removedAt: Date | null;
}

export interface EventRow {
  readonly number: number;
  readonly project: string;
  readonly sequence: number;
  readonly event: SchemaEvent;
}

const toNumber = (value: unknown): number => Number(value);

/**
 * Read-model queries the original SchemaTrace API and the v1 table views share: tables as
 * existence intervals (numbered: the original API's models), their columns with when each was
 * added and removed, and events by global number.
 */
@Injectable()
export class ReadModelRepository {
  constructor(private readonly em: EntityManager) {}

  private get knex() {
    return this.em.getKnex();
  }

  /** The project's tables as they are now (or every interval, removed ones too). */
  async models(projectKey: string, includeRemoved = false): Promise<ModelRow[]> {
    const query = this.modelQuery().where('t.project', projectKey).orderBy('t.model_id');
    if (!includeRemoved) void query.whereNull('t.removed_sequence');
    const rows = await rowsOf<RawModel>(query);
    return rows.map(model);
  }

  async modelById(modelId: number): Promise<ModelRow | undefined> {
    const row = await rowOf<RawModel>(this.modelQuery().where('t.model_id', modelId).first());
    return row ? model(row) : undefined;
  }

  /** The model of a table as it is now, by name. */
  async currentModel(projectKey: string, tableKey: string): Promise<ModelRow | undefined> {
    const row = await rowOf<RawModel>(
      this.modelQuery()
        .where({ 't.project': projectKey, 't.table_key': tableKey })
        .whereNull('t.removed_sequence')
        .first(),
    );
    return row ? model(row) : undefined;
  }

  /** The columns of one model's interval, with when each was added (and removed). */
  async fields(row: ModelRow, includeRemoved: boolean): Promise<ColumnRow[]> {
    const query = this.knex('schema_columns as c')
      .join('schema_events as added', function joinAdded() {
        this.on('added.project', 'c.project').andOn('added.sequence', 'c.added_sequence');
      })
      .leftJoin('schema_events as removed', function joinRemoved() {
        this.on('removed.project', 'c.project').andOn('removed.sequence', 'c.removed_sequence');
      })
      .where({ 'c.project': row.project, 'c.table_key': row.tableKey })
      .andWhere('c.added_sequence', '>=', row.addedSequence)
      .select(
        'c.name',
        'c.definition',
        'added.occurred_at as added_at',
        'removed.occurred_at as removed_at',
      )
      .orderBy('c.added_sequence');
    if (row.removedSequence !== null)
      void query.andWhere('c.added_sequence', '<', row.removedSequence);
    if (!includeRemoved) void query.whereNull('c.removed_sequence');
    const rows = await rowsOf<RawColumn>(query);
    return rows.map((column) => ({
      name: column.name,
      definition: column.definition,
      addedAt: column.added_at,
      removedAt: column.removed_at,
    }));
  }

  /** The events that name a table, in order (the original API's per-model history). */
  async eventsOfTable(
    projectKey: string,
    tableName: string,
    kinds: readonly string[],
  ): Promise<EventRow[]> {
    const rows = await rowsOf<RawEvent>(
      this.knex('schema_events')
        .where({ project: projectKey })
        .whereIn('kind', kinds)
        .whereRaw(`event->'payload'->'table'->>'name' = ?`, [tableName])
        .orderBy('sequence')
        .select('number', 'project', 'sequence', 'event'),
    );
    return rows.map(event);
  }

  async eventByNumber(number: number): Promise<EventRow | undefined> {
    const row = await rowOf<RawEvent>(
      this.knex('schema_events').where({ number }).first('number', 'project', 'sequence', 'event'),
    );
    return row ? event(row) : undefined;
  }

  /** The events a scan added, in order. */
  async eventsOfScan(project: string, scanId: string): Promise<EventRow[]> {
    const rows = await rowsOf<RawEvent>(
      this.knex('schema_events')
        .where({ project, scan_id: scanId })
        .orderBy('sequence')
        .select('number', 'project', 'sequence', 'event'),
    );
    return rows.map(event);
  }

  /** The levels of the findings on these events (not acknowledged ones), by event id. */
  async findingLevels(eventIds: readonly string[]): Promise<Map<string, string[]>> {
    if (eventIds.length === 0) return new Map();
    const rows = await rowsOf<{ event_id: string; level: string }>(
      this.knex('risk_findings')
        .whereIn('event_id', eventIds)
        .andWhere('acknowledged', false)
        .select('event_id', 'level'),
    );
    const levels = new Map<string, string[]>();
    for (const row of rows)
      levels.set(row.event_id, [...(levels.get(row.event_id) ?? []), row.level]);
    return levels;
  }

  private modelQuery() {
    return this.knex('schema_tables as t')
      .join('projects as p', 'p.key', 't.project')
      .join('schema_events as e', function joinCreation() {
        this.on('e.project', 't.project').andOn('e.sequence', 't.added_sequence');
      })
      .select(
        't.model_id',
        't.project',
        'p.id as project_id',
        't.table_key',
        't.name',
        't.added_sequence',
        't.removed_sequence',
        'e.occurred_at as created_at',
        't.comment as description',
        't.model',
      );
  }
}

interface RawModel {
  model_id: string | number;
  project: string;
  project_id: number;
  table_key: string;
  name: string;
  added_sequence: string | number;
  removed_sequence: string | number | null;
  created_at: Date;
  description: string | null;
  model: OrmModel | null;
}
interface RawColumn {
  name: string;
  definition: ColumnRow['definition'];
  added_at: Date;
  removed_at: Date | null;
}
interface RawEvent {
  number: string | number;
  project: string;
  sequence: string | number;
  event: SchemaEvent;
}

const model = (row: RawModel): ModelRow => ({
  modelId: toNumber(row.model_id),
  project: row.project,
  projectId: row.project_id,
  tableKey: row.table_key,
  name: row.name,
  addedSequence: toNumber(row.added_sequence),
  removedSequence: row.removed_sequence === null ? null : toNumber(row.removed_sequence),
  // The driver may hand timestamps back as strings.
  createdAt: new Date(row.created_at),
  description: row.description,
  model: row.model,
});

const event = (row: RawEvent): EventRow => ({
  number: toNumber(row.number),
  project: row.project,
  sequence: toNumber(row.sequence),
  event: row.event,
});
