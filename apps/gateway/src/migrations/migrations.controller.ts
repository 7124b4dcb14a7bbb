import { Controller, Get, Param } from '@nestjs/common';
import { ProjectKey, MigrationDetail, MigrationsResponse } from '@schematrace/contracts';
import { validate } from '../http/zod-validation.pipe';
import { MigrationsService } from './migrations.service';
import { ApiRoute } from '../openapi/api-route.decorator';

@Controller('v1/projects/:project/migrations')
export class MigrationsController {
  constructor(private readonly migrations: MigrationsService) {}

  /** Every migration in apply order, with a one-paragraph explanation and its highest risk. */
  @ApiRoute({
    summary: 'Migrations in apply order, each explained, with its highest risk',
    response: MigrationsResponse,
  })
  @Get()
  list(@Param('project', validate(ProjectKey)) project: string): Promise<MigrationsResponse> {
    return this.migrations.list(project);
  }

  /** One migration (`app/name`, URL-encoded, or its path): its changes, risks and explanation. */
  @ApiRoute({
    summary: 'One migration: its changes, risks and explanation',
    description: 'The migration is `app/name` (URL-encoded: `app%2Fname`) or its path.',
    response: MigrationDetail,
  })
  @Get(':migration')
  get(
    @Param('project', validate(ProjectKey)) project: string,
    @Param('migration') migration: string,
  ): Promise<MigrationDetail> {
    return this.migrations.get(project, decodeURIComponent(migration));
  }
}
