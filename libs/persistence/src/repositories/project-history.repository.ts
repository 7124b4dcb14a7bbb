import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { SchemaState } from '@schematrace/domain';
import { storedSchemaState } from '../snapshots/stored-schema-state';
import { rowOf, rowsOf } from './rows';
import { RISK_LEVELS, type RiskLevel, type SchemaEvent } from '@schematrace/contracts';

export interface StoredEvent {
  readonly sequence: number;
  readonly event: SchemaEvent;
}

export interface EventFilter {
  readonly after?: number;
  readonly upTo?: number;
  readonly kinds?: readonly string[];
  /** Events naming this table (`payload.table.name`). */
  readonly table?: string;
  readonly occurredFrom?: string;
  readonly occurredTo?: string;
  /** Only events with a risk finding at this level or a more severe one. */
  readonly riskAtLeast?: RiskLevel;
  readonly limit?: number;
}

/**
 * A project's event log and its stored states, as time travel, diffs, lineage and the event
 * listing read them. Point resolution follows the domain's definitions (libs/domain
 * history-point.ts); the gateway's integration tests compare both.
 */
@Injectable()
export class ProjectHistoryRepository {
  constructor(private readonly em: EntityManager) {}

  private get knex() {
    return this.em.getKnex();
  }

  /** The project's last projected sequence; undefined before its first event. */
  async lastSequence(project: string): Promise<number | undefined> {
    const row = await rowOf<{ last_sequence: string }>(
      this.knex('project_heads').where({ project }).first('last_sequence'),
    );
    return row ? Number(row.last_sequence) : undefined;
  }

  /** The schema after event `sequence`: the nearest snapshot folded forward. */
  stateAfter(project: string, sequence: number): Promise<SchemaState> {
    return storedSchemaState(this.knex, project, sequence);
  }

  async events(project: string, filter: EventFilter = {}): Promise<StoredEvent[]> {
    const query = this.knex('schema_events')
      .where({ project })
      .orderBy('sequence')
      .select('sequence', 'event');
    if (filter.after !== undefined) void query.andWhere('sequence', '>', filter.after);
    if (filter.upTo !== undefined) void query.andWhere('sequence', '<=', filter.upTo);
    if (filter.kinds?.length) void query.whereIn('kind', filter.kinds);
    if (filter.table) void query.whereRaw(`event->'payload'->'table'->>'name' = ?`, [filter.table]);
    if (filter.occurredFrom) void query.andWhere('occurred_at', '>=', filter.occurredFrom);
    if (filter.occurredTo) void query.andWhere('occurred_at', '<=', filter.occurredTo);
    if (filter.riskAtLeast)
      void query.whereIn(
        'id',
        this.knex('risk_findings')
          .where({ project })
          .whereIn('level', RISK_LEVELS.slice(RISK_LEVELS.indexOf(filter.riskAtLeast)))
          .select('event_id'),
      );
    if (filter.limit !== undefined) void query.limit(filter.limit);
    const rows = await rowsOf<EventRow>(query);
    return rows.map((row) => ({ sequence: Number(row.sequence), event: row.event }));
  }

  /** The events of the migrations the name matches (`app/name` or path), in sequence order. */
  async eventsOfMigration(project: string, name: string): Promise<StoredEvent[]> {
    const rows = await rowsOf<EventRow>(
      this.knex('schema_events')
        .where({ project })
        .andWhere((where) => {
          void where
            .where('migration_path', name)
            .orWhereRaw(`(event->'migration'->>'app') || '/' || migration_name = ?`, [name]);
        })
        .orderBy('sequence')
        .select('sequence', 'event'),
    );
    return rows.map((row) => ({ sequence: Number(row.sequence), event: row.event }));
  }

  /** The last sequence of each migration the name matches (`app/name`, `name` or path). */
  async migrationEnds(project: string, name: string): Promise<Map<string, number>> {
    const rows = await rowsOf<MigrationEndRow>(
      this.knex('schema_events')
        .where({ project })
        .andWhere((where) => {
          void where
            .where('migration_name', name)
            .orWhere('migration_path', name)
            .orWhereRaw(`(event->'migration'->>'app') || '/' || migration_name = ?`, [name]);
        })
        .groupByRaw(`(event->'migration'->>'app') || '/' || migration_name`)
        .select(this.knex.raw(`(event->'migration'->>'app') || '/' || migration_name as migration`))
        .max('sequence as last'),
    );
    return new Map(rows.map((row) => [row.migration, Number(row.last)]));
  }

  /** Commit times of the commits (by prefix) that added migrations. */
  async commitTimes(project: string, prefix: string): Promise<Map<string, string>> {
    const rows = await rowsOf<CommitRow>(
      this.knex('schema_events')
        .where({ project })
        .whereRaw(`lower(event->'migration'->'git'->>'commit') like ?`, [
          `${prefix.toLowerCase()}%`,
        ])
        .distinct(
          this.knex.raw(`event->'migration'->'git'->>'commit' as commit`),
          this.knex.raw(`event->'migration'->'git'->>'committedAt' as committed_at`),
        ),
    );
    return new Map(rows.map((row) => [row.commit, row.committed_at]));
  }

  /** The first event that entered the code base after `time`, if any. */
  async firstSequenceAfter(project: string, time: string): Promise<number | undefined> {
    const row = await rowOf<{ first: string | null }>(
      this.knex('schema_events')
        .where({ project })
        .andWhere('occurred_at', '>', time)
        .min('sequence as first')
        .first(),
    );
    return row?.first == null ? undefined : Number(row.first);
  }

  /** Events after `after` that were in the code base by `time`. */
  eventsInCodeBase(project: string, after: number, time: string): Promise<StoredEvent[]> {
    return this.events(project, { after, occurredTo: time });
  }
}

interface EventRow {
  sequence: string;
  event: SchemaEvent;
}
interface MigrationEndRow {
  migration: string;
  last: string;
}
interface CommitRow {
  commit: string;
  committed_at: string;
}
