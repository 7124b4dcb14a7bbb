import { Controller, Get, Param, Query } from '@nestjs/common';
import { ProjectKey, SchemaQuery, type SchemaResponse } from '@schematrace/contracts';
import { z } from 'zod';
import { validate } from '../http/zod-validation.pipe';
import { SchemaQueryService } from './schema-query.service';

@Controller('v1/projects/:project/schema')
export class SchemaController {
  constructor(private readonly schemaQuery: SchemaQueryService) {}

  /** The current schema, or with `?at=<sequence>` the schema right after that event. */
  @Get()
  schema(
    @Param('project', validate(ProjectKey)) project: string,
    @Query(validate(SchemaQuery)) query: z.output<typeof SchemaQuery>,
  ): Promise<SchemaResponse> {
    return this.schemaQuery.schemaAt(project, query.at);
  }
}
