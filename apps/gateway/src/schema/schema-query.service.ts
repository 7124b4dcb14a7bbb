import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { SchemaResponse } from '@schematrace/contracts';
import { EMPTY_SCHEMA, fold, restoreSchemaState, type SchemaState } from '@schematrace/domain';
import {
  ProjectEntity,
  ProjectHeadEntity,
  SchemaEventRecordEntity,
  SchemaSnapshotEntity,
} from '@schematrace/persistence';
import { ApiError } from '../http/api-error';

/**
 * Time travel: the schema after a given sequence number. The current schema is the projector's
 * head; an earlier point folds the event log from the nearest snapshot at or before it, with the
 * same `evolve` the projector uses, so both answers come from one piece of code.
 */
@Injectable()
export class SchemaQueryService {
  constructor(private readonly em: EntityManager) {}

  async schemaAt(project: string, at?: number): Promise<SchemaResponse> {
    const em = this.em.fork();
    const head = await em.findOne(ProjectHeadEntity, { project });
    if (!head) {
      if (!(await em.count(ProjectEntity, { key: project })))
        throw ApiError.notFound(`project ${project} does not exist`);
      return toResponse(project, EMPTY_SCHEMA, 0);
    }
    const last = Number(head.lastSequence);
    if (at === undefined || at >= last)
      return toResponse(project, restoreSchemaState(head.state), last);

    const snapshot = await em.findOne(
      SchemaSnapshotEntity,
      { project, sequence: { $lte: at } },
      { orderBy: { sequence: 'desc' } },
    );
    const from = snapshot ? restoreSchemaState(snapshot.state) : EMPTY_SCHEMA;
    const records = await em.find(
      SchemaEventRecordEntity,
      { project, sequence: { $gt: snapshot ? Number(snapshot.sequence) : 0, $lte: at } },
      { orderBy: { sequence: 'asc' }, fields: ['sequence', 'event'] },
    );
    const state = fold(
      records.map((record) => ({ event: record.event, sequence: Number(record.sequence) })),
      from,
    );
    return toResponse(project, state, at);
  }
}

function toResponse(project: string, state: SchemaState, sequence: number): SchemaResponse {
  return {
    project,
    sequence,
    // The state is already the response's shape; only its readonly arrays differ in type.
    tables: Object.values(state.tables).sort((a, b) =>
      a.name.localeCompare(b.name),
    ) as unknown as SchemaResponse['tables'],
    anomalies: [...state.anomalies],
  };
}
