import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  DiffQuery,
  ProjectKey,
  SchemaQuery,
  type DiffResponse,
  type LineageResponse,
  type SchemaResponse,
} from '@schematrace/contracts';
import type { z } from 'zod';
import { validate } from '../http/zod-validation.pipe';
import { ProjectHistoryService } from './project-history.service';

@Controller('v1/projects/:project')
export class SchemaController {
  constructor(private readonly history: ProjectHistoryService) {}

  /** The current schema, or with `?at=<point>` the schema at a sequence, migration, time or commit. */
  @Get('schema')
  schema(
    @Param('project', validate(ProjectKey)) project: string,
    @Query(validate(SchemaQuery)) query: z.output<typeof SchemaQuery>,
  ): Promise<SchemaResponse> {
    return this.history.schemaAt(project, query.at);
  }

  /** What changed between two points (`to` defaults to now). */
  @Get('diff')
  diff(
    @Param('project', validate(ProjectKey)) project: string,
    @Query(validate(DiffQuery)) query: z.output<typeof DiffQuery>,
  ): Promise<DiffResponse> {
    return this.history.diff(project, query.from, query.to);
  }

  /** The life of a table, through renames, changes, drops and re-adds. */
  @Get('tables/:table/history')
  tableHistory(
    @Param('project', validate(ProjectKey)) project: string,
    @Param('table') table: string,
  ): Promise<LineageResponse> {
    return this.history.lineage(project, table);
  }

  /** The life of a column, through its own and its table's renames. */
  @Get('tables/:table/columns/:column/history')
  columnHistory(
    @Param('project', validate(ProjectKey)) project: string,
    @Param('table') table: string,
    @Param('column') column: string,
  ): Promise<LineageResponse> {
    return this.history.lineage(project, table, column);
  }
}
