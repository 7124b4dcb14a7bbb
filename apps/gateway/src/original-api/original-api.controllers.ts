import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  NumericId,
  OriginalEventCreate,
  OriginalEventsBulk,
  OriginalFullQuery,
  OriginalModelCreate,
  OriginalModelsQuery,
  OriginalProjectCreate,
  type OriginalEvent,
  type OriginalModel,
  type OriginalModelFull,
  type OriginalProject,
} from '@schematrace/contracts';
import type { z } from 'zod';
import { validate } from '../http/zod-validation.pipe';
import { OriginalApiService } from './original-api.service';

/**
 * The original SchemaTrace API (paths without /v1, the prototype's field names), for clients
 * written against it. Writes go through the event pipeline and return once queryable.
 */
@Controller('projects')
export class OriginalProjectsController {
  constructor(private readonly api: OriginalApiService) {}

  @Post()
  @HttpCode(201)
  create(
    @Body(validate(OriginalProjectCreate)) body: z.output<typeof OriginalProjectCreate>,
  ): Promise<OriginalProject> {
    return this.api.createProject(body.name, body.description ?? null);
  }

  @Get()
  list(): Promise<OriginalProject[]> {
    return this.api.projects();
  }

  @Get('by-name/:name')
  byName(@Param('name') name: string): Promise<OriginalProject> {
    return this.api.projectByName(name);
  }

  @Get(':id')
  get(@Param('id', validate(NumericId)) id: number): Promise<OriginalProject> {
    return this.api.project(id);
  }
}

@Controller('models')
export class OriginalModelsController {
  constructor(private readonly api: OriginalApiService) {}

  @Get()
  list(
    @Query(validate(OriginalModelsQuery)) query: z.output<typeof OriginalModelsQuery>,
  ): Promise<OriginalModel[]> {
    return this.api.models(query.project_id);
  }

  @Post()
  @HttpCode(201)
  create(
    @Body(validate(OriginalModelCreate)) body: z.output<typeof OriginalModelCreate>,
  ): Promise<OriginalModel> {
    return this.api.createModel(body.project_id, body.name, body.description ?? null);
  }

  @Get(':id')
  get(@Param('id', validate(NumericId)) id: number): Promise<OriginalModel> {
    return this.api.model(id);
  }

  @Get(':id/full')
  full(
    @Param('id', validate(NumericId)) id: number,
    @Query(validate(OriginalFullQuery)) query: z.output<typeof OriginalFullQuery>,
  ): Promise<OriginalModelFull> {
    return this.api.modelFull(id, query.include_removed);
  }
}

@Controller('events')
export class OriginalEventsController {
  constructor(private readonly api: OriginalApiService) {}

  @Post()
  @HttpCode(201)
  async create(
    @Body(validate(OriginalEventCreate)) body: z.output<typeof OriginalEventCreate>,
  ): Promise<OriginalEvent> {
    const [created] = await this.api.createEvents([body]);
    return created!;
  }

  @Post('bulk')
  @HttpCode(201)
  bulk(
    @Body(validate(OriginalEventsBulk)) body: z.output<typeof OriginalEventsBulk>,
  ): Promise<OriginalEvent[]> {
    return this.api.createEvents(body.events);
  }

  @Get('model/:id')
  ofModel(@Param('id', validate(NumericId)) id: number): Promise<OriginalEvent[]> {
    return this.api.eventsOfModel(id);
  }

  @Get(':id')
  get(@Param('id', validate(NumericId)) id: number): Promise<OriginalEvent> {
    return this.api.event(id);
  }
}
