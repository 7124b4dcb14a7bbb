import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  DiffQuery,
  ProjectKey,
  SchemaQuery,
  DiffResponse,
  LineageResponse,
  SchemaResponse,
} from '@schematrace/contracts';
import type { z } from 'zod';
import { validate } from '../http/zod-validation.pipe';
import { ProjectHistoryService } from './project-history.service';
import { ApiRoute } from '../openapi/api-route.decorator';

@Controller('v1/projects/:project')
export class SchemaController {
  constructor(private readonly history: ProjectHistoryService) {}

  /** The current schema, or with `?at=<point>` the schema at a sequence, migration, time or commit. */
  @ApiRoute({
    summary: 'The schema now, or at a point',
    description:
      '`at`: a sequence number (`42`), a migration (`app/name`), a time (`2024-05-01`) or a commit (`commit:<sha>`).',
    response: SchemaResponse,
  })
  @Get('schema')
  schema(
    @Param('project', validate(ProjectKey)) project: string,
    @Query(validate(SchemaQuery)) query: z.output<typeof SchemaQuery>,
  ): Promise<SchemaResponse> {
    return this.history.schemaAt(project, query.at);
  }

  /** What changed between two points (`to` defaults to now). */
  @ApiRoute({
    summary: 'What changed between two points, structured and as text',
    response: DiffResponse,
  })
  @Get('diff')
  diff(
    @Param('project', validate(ProjectKey)) project: string,
    @Query(validate(DiffQuery)) query: z.output<typeof DiffQuery>,
  ): Promise<DiffResponse> {
    return this.history.diff(project, query.from, query.to);
  }

  /** The life of a table, through renames, changes, drops and re-adds. */
  @ApiRoute({
    summary: "A table's lineage, through renames, drops and re-adds",
    response: LineageResponse,
  })
  @Get('tables/:table/history')
  tableHistory(
    @Param('project', validate(ProjectKey)) project: string,
    @Param('table') table: string,
  ): Promise<LineageResponse> {
    return this.history.lineage(project, table);
  }

  /** The life of a column, through its own and its table's renames. */
  @ApiRoute({
    summary: "A column's lineage, through its own and its table's renames",
    response: LineageResponse,
  })
  @Get('tables/:table/columns/:column/history')
  columnHistory(
    @Param('project', validate(ProjectKey)) project: string,
    @Param('table') table: string,
    @Param('column') column: string,
  ): Promise<LineageResponse> {
    return this.history.lineage(project, table, column);
  }
}
