import { Controller, Get, Param, Query } from '@nestjs/common';
import { ProjectKey, TablesQuery, TablesResponse } from '@schematrace/contracts';
import type { z } from 'zod';
import { validate } from '../http/zod-validation.pipe';
import { ApiRoute } from '../openapi/api-route.decorator';
import { TablesService } from './tables.service';

@Controller('v1/projects/:project/tables')
export class TablesController {
  constructor(private readonly tables: TablesService) {}

  /** The tables now, or every life of every table with `include_removed=true`. */
  @ApiRoute({
    summary: 'The tables now, or every life of every table (`include_removed=true`)',
    response: TablesResponse,
  })
  @Get()
  list(
    @Param('project', validate(ProjectKey)) project: string,
    @Query(validate(TablesQuery)) query: z.output<typeof TablesQuery>,
  ): Promise<TablesResponse> {
    return this.tables.list(project, query.include_removed);
  }

  /** One table with its columns (and its earlier lives and removed columns, when asked). */
  @ApiRoute({
    summary: 'One table with its columns (and its earlier lives, when asked)',
    response: TablesResponse,
  })
  @Get(':table')
  get(
    @Param('project', validate(ProjectKey)) project: string,
    @Param('table') table: string,
    @Query(validate(TablesQuery)) query: z.output<typeof TablesQuery>,
  ): Promise<TablesResponse> {
    return this.tables.get(project, table, query.include_removed);
  }
}
