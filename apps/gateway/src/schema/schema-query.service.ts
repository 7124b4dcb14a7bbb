import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { SchemaResponse } from '@schematrace/contracts';
import { EMPTY_SCHEMA, evolve, type SchemaState } from '@schematrace/domain';
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
    if (at === undefined || at >= last) return toResponse(project, head.state as SchemaState, last);

    const snapshot = await em.findOne(
      SchemaSnapshotEntity,
      { project, sequence: { $lte: at } },
      { orderBy: { sequence: 'desc' } },
    );
    let state = snapshot ? (snapshot.state as SchemaState) : EMPTY_SCHEMA;
    const records = await em.find(
      SchemaEventRecordEntity,
      { project, sequence: { $gt: snapshot ? Number(snapshot.sequence) : 0, $lte: at } },
      { orderBy: { sequence: 'asc' }, fields: ['sequence', 'event'] },
    );
    for (const record of records) state = evolve(state, record.event, Number(record.sequence));
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
    ) as SchemaResponse['tables'],
    anomalies: [...state.anomalies],
  };
}
