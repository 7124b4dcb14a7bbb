import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  CreateProjectRequest,
  ProjectKey,
  UpdateProjectRequest,
  ProjectView,
} from '@schematrace/contracts';
import { z } from 'zod';
import { CurrentPrincipal, reaches, RequiresScope, type Principal } from '../auth/principal';
import { validate } from '../http/zod-validation.pipe';
import { ProjectsService } from './projects.service';
import { ApiRoute } from '../openapi/api-route.decorator';

@Controller('v1/projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @ApiRoute({ summary: 'Create a project', response: ProjectView, errors: [409] })
  @Post()
  @HttpCode(201)
  @RequiresScope('admin')
  create(
    @Body(validate(CreateProjectRequest)) body: z.output<typeof CreateProjectRequest>,
  ): Promise<ProjectView> {
    return this.projects.create(body.key, body.description ?? null);
  }

  /** The projects the caller's key reaches. */
  @ApiRoute({
    summary: 'The projects the key reaches, with their event counts',
    response: z.array(ProjectView),
  })
  @Get()
  list(@CurrentPrincipal() principal: Principal): Promise<ProjectView[]> {
    return this.projects.list((key) => reaches(principal, key));
  }

  @ApiRoute({ summary: 'One project, with its event count', response: ProjectView })
  @Get(':project')
  get(@Param('project', validate(ProjectKey)) project: string): Promise<ProjectView> {
    return this.projects.get(project);
  }

  @ApiRoute({ summary: "Change a project's description", response: ProjectView })
  @Patch(':project')
  @RequiresScope('admin')
  update(
    @Param('project', validate(ProjectKey)) project: string,
    @Body(validate(UpdateProjectRequest)) body: z.output<typeof UpdateProjectRequest>,
  ): Promise<ProjectView> {
    return this.projects.update(project, body.description);
  }

  /** Removes the project's read models and control data (its events stay on Kafka). */
  @ApiRoute({
    summary: "Remove a project's read models and control data",
    description: 'Its events stay on Kafka.',
  })
  @Delete(':project')
  @HttpCode(204)
  @RequiresScope('admin')
  async delete(@Param('project', validate(ProjectKey)) project: string): Promise<void> {
    await this.projects.delete(project);
  }
}
