import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  NumericId,
  OriginalEventCreate,
  OriginalEventsBulk,
  OriginalFullQuery,
  OriginalModelCreate,
  OriginalModelsQuery,
  OriginalProjectCreate,
  OriginalEvent,
  OriginalModel,
  OriginalModelFull,
  OriginalProject,
} from '@schematrace/contracts';
import { z } from 'zod';
import { CurrentPrincipal, RequiresScope, type Principal } from '../auth/principal';
import { validate } from '../http/zod-validation.pipe';
import { OriginalApiService } from './original-api.service';
import { ApiRoute } from '../openapi/api-route.decorator';

/**
 * The original SchemaTrace API (paths without /v1, the prototype's field names), for clients
 * written against it. Writes go through the event pipeline and return once queryable.
 */
@Controller('projects')
export class OriginalProjectsController {
  constructor(private readonly api: OriginalApiService) {}

  @ApiRoute({ summary: 'Create a project', response: OriginalProject, errors: [409, 504] })
  @Post()
  @HttpCode(201)
  @RequiresScope('admin')
  create(
    @Body(validate(OriginalProjectCreate)) body: z.output<typeof OriginalProjectCreate>,
  ): Promise<OriginalProject> {
    return this.api.createProject(body.name, body.description ?? null);
  }

  @ApiRoute({ summary: 'Every project the key reaches', response: z.array(OriginalProject) })
  @Get()
  list(@CurrentPrincipal() principal: Principal): Promise<OriginalProject[]> {
    return this.api.projects(principal);
  }

  @ApiRoute({ summary: 'A project by its name', response: OriginalProject })
  @Get('by-name/:name')
  byName(
    @CurrentPrincipal() principal: Principal,
    @Param('name') name: string,
  ): Promise<OriginalProject> {
    return this.api.projectByName(principal, name);
  }

  @ApiRoute({ summary: 'A project by its id', response: OriginalProject })
  @Get(':id')
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', validate(NumericId)) id: number,
  ): Promise<OriginalProject> {
    return this.api.project(principal, id);
  }
}

@Controller('models')
export class OriginalModelsController {
  constructor(private readonly api: OriginalApiService) {}

  @ApiRoute({
    summary: "A project's models (tables)",
    response: z.array(OriginalModel),
    errors: [404],
  })
  @Get()
  list(
    @CurrentPrincipal() principal: Principal,
    @Query(validate(OriginalModelsQuery)) query: z.output<typeof OriginalModelsQuery>,
  ): Promise<OriginalModel[]> {
    return this.api.models(principal, query.project_id);
  }

  @ApiRoute({
    summary: 'Create a model (a table)',
    response: OriginalModel,
    errors: [404, 409, 504],
  })
  @Post()
  @HttpCode(201)
  create(
    @CurrentPrincipal() principal: Principal,
    @Body(validate(OriginalModelCreate)) body: z.output<typeof OriginalModelCreate>,
  ): Promise<OriginalModel> {
    return this.api.createModel(principal, body.project_id, body.name, body.description ?? null);
  }

  @ApiRoute({ summary: 'A model by its id', response: OriginalModel })
  @Get(':id')
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', validate(NumericId)) id: number,
  ): Promise<OriginalModel> {
    return this.api.model(principal, id);
  }

  @ApiRoute({ summary: 'A model with its fields (columns)', response: OriginalModelFull })
  @Get(':id/full')
  full(
    @CurrentPrincipal() principal: Principal,
    @Param('id', validate(NumericId)) id: number,
    @Query(validate(OriginalFullQuery)) query: z.output<typeof OriginalFullQuery>,
  ): Promise<OriginalModelFull> {
    return this.api.modelFull(principal, id, query.include_removed);
  }
}

@Controller('events')
export class OriginalEventsController {
  constructor(private readonly api: OriginalApiService) {}

  @ApiRoute({ summary: 'Record a schema event', response: OriginalEvent, errors: [404, 504] })
  @Post()
  @HttpCode(201)
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body(validate(OriginalEventCreate)) body: z.output<typeof OriginalEventCreate>,
  ): Promise<OriginalEvent> {
    const [created] = await this.api.createEvents(principal, [body]);
    return created!;
  }

  @ApiRoute({
    summary: 'Record several schema events at once',
    response: z.array(OriginalEvent),
    errors: [404, 504],
  })
  @Post('bulk')
  @HttpCode(201)
  bulk(
    @CurrentPrincipal() principal: Principal,
    @Body(validate(OriginalEventsBulk)) body: z.output<typeof OriginalEventsBulk>,
  ): Promise<OriginalEvent[]> {
    return this.api.createEvents(principal, body.events);
  }

  @ApiRoute({ summary: "A model's events", response: z.array(OriginalEvent) })
  @Get('model/:id')
  ofModel(
    @CurrentPrincipal() principal: Principal,
    @Param('id', validate(NumericId)) id: number,
  ): Promise<OriginalEvent[]> {
    return this.api.eventsOfModel(principal, id);
  }

  @ApiRoute({ summary: 'An event by its id', response: OriginalEvent })
  @Get(':id')
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', validate(NumericId)) id: number,
  ): Promise<OriginalEvent> {
    return this.api.event(principal, id);
  }
}
