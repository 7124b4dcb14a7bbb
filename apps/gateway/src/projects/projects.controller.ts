import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  CreateProjectRequest,
  ProjectKey,
  UpdateProjectRequest,
  type ProjectView,
} from '@schematrace/contracts';
import type { z } from 'zod';
import { CurrentPrincipal, reaches, RequiresScope, type Principal } from '../auth/principal';
import { validate } from '../http/zod-validation.pipe';
import { ProjectsService } from './projects.service';

@Controller('v1/projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Post()
  @HttpCode(201)
  @RequiresScope('admin')
  create(
    @Body(validate(CreateProjectRequest)) body: z.output<typeof CreateProjectRequest>,
  ): Promise<ProjectView> {
    return this.projects.create(body.key, body.description ?? null);
  }

  /** The projects the caller's key reaches. */
  @Get()
  list(@CurrentPrincipal() principal: Principal): Promise<ProjectView[]> {
    return this.projects.list((key) => reaches(principal, key));
  }

  @Get(':project')
  get(@Param('project', validate(ProjectKey)) project: string): Promise<ProjectView> {
    return this.projects.get(project);
  }

  @Patch(':project')
  @RequiresScope('admin')
  update(
    @Param('project', validate(ProjectKey)) project: string,
    @Body(validate(UpdateProjectRequest)) body: z.output<typeof UpdateProjectRequest>,
  ): Promise<ProjectView> {
    return this.projects.update(project, body.description);
  }

  /** Removes the project's read models and control data (its events stay on Kafka). */
  @Delete(':project')
  @HttpCode(204)
  @RequiresScope('admin')
  async delete(@Param('project', validate(ProjectKey)) project: string): Promise<void> {
    await this.projects.delete(project);
  }
}
