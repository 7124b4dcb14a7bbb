import { HttpStatus, Injectable } from '@nestjs/common';
import type { ProjectView } from '@schematrace/contracts';
import { ProjectRepository, type ProjectRecord } from '@schematrace/persistence';
import { ApiError } from '../http/api-error';

@Injectable()
export class ProjectsService {
  constructor(private readonly projects: ProjectRepository) {}

  async create(key: string, description: string | null): Promise<ProjectView> {
    const created = await this.projects.create(key, description);
    if (!created)
      throw new ApiError(HttpStatus.CONFLICT, 'conflict', `project ${key} already exists`);
    return view(created);
  }

  async list(visible?: (key: string) => boolean): Promise<ProjectView[]> {
    return (await this.projects.list())
      .filter((project) => !visible || visible(project.key))
      .map(view);
  }

  async get(key: string): Promise<ProjectView> {
    return view(await this.existing(key));
  }

  async update(key: string, description: string | null): Promise<ProjectView> {
    if (!(await this.projects.update(key, description)))
      throw ApiError.notFound(`project ${key} does not exist`);
    return this.get(key);
  }

  async delete(key: string): Promise<void> {
    if (!(await this.projects.delete(key)))
      throw ApiError.notFound(`project ${key} does not exist`);
  }

  /** The project, or a 404 naming it. */
  async existing(key: string): Promise<ProjectRecord> {
    const project = await this.projects.get(key);
    if (!project) throw ApiError.notFound(`project ${key} does not exist`);
    return project;
  }
}

function view(project: ProjectRecord): ProjectView {
  return {
    id: project.id,
    key: project.key,
    description: project.description,
    createdAt: project.createdAt.toISOString(),
    events: project.lastSequence,
  };
}
