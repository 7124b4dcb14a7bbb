import { EntityManager } from '@mikro-orm/postgresql';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { EventsQuery, ProjectKey, type EventsResponse } from '@schematrace/contracts';
import { ProjectEntity, SchemaEventRecordEntity } from '@schematrace/persistence';
import { z } from 'zod';
import { ApiError } from '../http/api-error';
import { validate } from '../http/zod-validation.pipe';

@Controller('v1/projects/:project/events')
export class EventsController {
  constructor(private readonly em: EntityManager) {}

  /** The project's event log in sequence order, a page at a time (`after` is the cursor). */
  @Get()
  async list(
    @Param('project', validate(ProjectKey)) project: string,
    @Query(validate(EventsQuery)) query: z.output<typeof EventsQuery>,
  ): Promise<EventsResponse> {
    const em = this.em.fork();
    if (!(await em.count(ProjectEntity, { key: project })))
      throw ApiError.notFound(`project ${project} does not exist`);
    const records = await em.find(
      SchemaEventRecordEntity,
      { project, sequence: { $gt: query.after } },
      { orderBy: { sequence: 'asc' }, limit: query.limit + 1 },
    );
    const page = records.slice(0, query.limit);
    return {
      project,
      events: page.map((record) => ({ sequence: Number(record.sequence), event: record.event })),
      next: records.length > query.limit ? Number(page.at(-1)!.sequence) : null,
    };
  }
}
