import { Injectable } from '@nestjs/common';
import type { TableInterval, TablesResponse } from '@schematrace/contracts';
import { ReadModelRepository, type ModelRow } from '@schematrace/persistence';
import { ApiError } from '../http/api-error';
import { ProjectsService } from '../projects/projects.service';

/** Tables and their columns as lives under a name, the removed ones too when asked. */
@Injectable()
export class TablesService {
  constructor(
    private readonly readModels: ReadModelRepository,
    private readonly projects: ProjectsService,
  ) {}

  async list(project: string, includeRemoved: boolean): Promise<TablesResponse> {
    await this.projects.existing(project);
    const models = await this.readModels.models(project, includeRemoved);
    return {
      project,
      tables: await Promise.all(models.map((model) => this.interval(model, includeRemoved))),
    };
  }

  async get(project: string, table: string, includeRemoved: boolean): Promise<TablesResponse> {
    const all = await this.list(project, includeRemoved);
    const tables = all.tables.filter((candidate) => candidate.name === table);
    if (tables.length === 0)
      throw ApiError.notFound(
        `table ${table} ${includeRemoved ? 'never existed' : 'does not exist'} in project ${project}`,
      );
    return { project, tables };
  }

  private async interval(model: ModelRow, includeRemoved: boolean): Promise<TableInterval> {
    const columns = await this.readModels.fields(model, includeRemoved);
    return {
      name: model.tableKey,
      ...(model.model ? { model: model.model } : {}),
      addedSequence: model.addedSequence,
      removedSequence: model.removedSequence,
      createdAt: model.createdAt.toISOString(),
      columns: columns.map((column) => ({
        name: column.name,
        definition: column.definition,
        addedAt: new Date(column.addedAt).toISOString(),
        removedAt: column.removedAt ? new Date(column.removedAt).toISOString() : null,
      })),
    };
  }
}
