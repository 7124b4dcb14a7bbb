import { Controller, Get, Param, Query } from '@nestjs/common';
import { EventsQuery, ProjectKey, EventsResponse } from '@schematrace/contracts';
import type { z } from 'zod';
import { validate } from '../http/zod-validation.pipe';
import { EventsService } from './events.service';
import { ApiRoute } from '../openapi/api-route.decorator';

@Controller('v1/projects/:project/events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  /** The project's event log in sequence order, filtered, a page at a time (`after` is the cursor). */
  @ApiRoute({
    summary: 'The event log in sequence order, filtered, a page at a time',
    response: EventsResponse,
  })
  @Get()
  list(
    @Param('project', validate(ProjectKey)) project: string,
    @Query(validate(EventsQuery)) query: z.output<typeof EventsQuery>,
  ): Promise<EventsResponse> {
    return this.events.page(project, query);
  }
}
