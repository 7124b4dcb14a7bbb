import { Controller, Get, Param } from '@nestjs/common';
import { ProjectKey, type MigrationDetail, type MigrationsResponse } from '@schematrace/contracts';
import { validate } from '../http/zod-validation.pipe';
import { MigrationsService } from './migrations.service';

@Controller('v1/projects/:project/migrations')
export class MigrationsController {
  constructor(private readonly migrations: MigrationsService) {}

  /** Every migration in apply order, with a one-paragraph explanation and its highest risk. */
  @Get()
  list(@Param('project', validate(ProjectKey)) project: string): Promise<MigrationsResponse> {
    return this.migrations.list(project);
  }

  /** One migration (`app/name`, URL-encoded, or its path): its changes, risks and explanation. */
  @Get(':migration')
  get(
    @Param('project', validate(ProjectKey)) project: string,
    @Param('migration') migration: string,
  ): Promise<MigrationDetail> {
    return this.migrations.get(project, decodeURIComponent(migration));
  }
}
