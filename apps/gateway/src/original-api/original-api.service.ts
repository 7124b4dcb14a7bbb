import { HttpStatus, Injectable } from '@nestjs/common';
import type { ApiDocument } from '@schematrace/adapters';
import { compareRiskLevels, type RiskLevel } from '@schematrace/contracts';
import type {
  OriginalEvent,
  OriginalEventCreate,
  OriginalModel,
  OriginalModelFull,
  OriginalProject,
} from '@schematrace/contracts';
import {
  ProjectRepository,
  ReadModelRepository,
  type ModelRow,
  type ProjectRecord,
} from '@schematrace/persistence';
import { reaches, type Principal } from '../auth/principal';
import { ApiError } from '../http/api-error';
import { ApiWritesService } from './api-writes.service';
import { originalEvent, originalTimestamp } from './original-views';

const ORIGINAL_KINDS = [
  'column.added',
  'column.dropped',
  'column.type_changed',
  'column.nullability_changed',
  'column.renamed',
  'index.created',
  'index.dropped',
];

/** The original SchemaTrace API's use cases, answered from the read models. */
@Injectable()
export class OriginalApiService {
  constructor(
    private readonly repository: ReadModelRepository,
    private readonly projectRepository: ProjectRepository,
    private readonly writes: ApiWritesService,
  ) {}

  async createProject(name: string, description: string | null): Promise<OriginalProject> {
    const created = await this.projectRepository.create(name, description);
    if (!created)
      throw new ApiError(HttpStatus.CONFLICT, 'conflict', `project ${name} already exists`);
    return projectView(created);
  }

  async projects(principal: Principal): Promise<OriginalProject[]> {
    // The original API lists projects by id.
    return (await this.projectRepository.list())
      .sort((a, b) => a.id - b.id)
      .filter((project) => reaches(principal, project.key))
      .map(projectView);
  }

  async project(principal: Principal, id: number): Promise<OriginalProject> {
    return projectView(await this.existingProject(principal, id));
  }

  async projectByName(principal: Principal, name: string): Promise<OriginalProject> {
    const found = await this.projectRepository.get(name);
    if (!found) throw ApiError.notFound(`project ${name} does not exist`);
    return projectView(allowed(principal, found));
  }

  async models(principal: Principal, projectId: number): Promise<OriginalModel[]> {
    const project = await this.existingProject(principal, projectId);
    return (await this.repository.models(project.key)).map(modelView);
  }

  async model(principal: Principal, id: number): Promise<OriginalModel> {
    return modelView(await this.existingModel(principal, id));
  }

  async modelFull(
    principal: Principal,
    id: number,
    includeRemoved: boolean,
  ): Promise<OriginalModelFull> {
    const model = await this.existingModel(principal, id);
    const fields = await this.repository.fields(model, includeRemoved);
    return {
      ...modelView(model),
      fields: fields.map((field) => {
        const value = field.definition.default;
        return {
          name: field.name,
          field_type: field.definition.type.sql,
          nullable: field.definition.nullable,
          unique: field.definition.unique ?? false,
          default_value:
            !value || value.kind === 'none' ? null : (value.value ?? value.expression ?? null),
          added_at: originalTimestamp(field.addedAt),
          ...(includeRemoved
            ? { removed_at: field.removedAt ? originalTimestamp(field.removedAt) : null }
            : {}),
        };
      }),
    };
  }

  async createModel(
    principal: Principal,
    projectId: number,
    name: string,
    description: string | null,
  ): Promise<OriginalModel> {
    const project = await this.existingProject(principal, projectId);
    if (await this.repository.currentModel(project.key, name))
      throw new ApiError(
        HttpStatus.CONFLICT,
        'conflict',
        `model ${name} already exists in project ${project.key}`,
      );
    await this.writes.write(project.key, [
      {
        schematraceApi: 1,
        createdAt: new Date().toISOString(),
        operations: [{ op: 'create_model', table: name, ...(description ? { description } : {}) }],
      },
    ]);
    const created = await this.repository.currentModel(project.key, name);
    if (!created)
      throw new ApiError(HttpStatus.CONFLICT, 'conflict', `model ${name} could not be created`);
    return modelView(created);
  }

  /** One document per event, so each keeps its own timestamp; one scan per project. */
  async createEvents(
    principal: Principal,
    events: readonly OriginalEventCreate[],
  ): Promise<OriginalEvent[]> {
    const models = new Map<number, ModelRow>();
    for (const event of events)
      if (!models.has(event.model_id))
        models.set(event.model_id, await this.existingModel(principal, event.model_id));
    const byProject = new Map<string, ApiDocument[]>();
    for (const event of events) {
      const model = models.get(event.model_id)!;
      if (model.removedSequence !== null)
        throw ApiError.notFound(`model ${event.model_id} was removed`);
      const documents = byProject.get(model.project) ?? [];
      documents.push({
        schematraceApi: 1,
        createdAt: event.timestamp ?? new Date().toISOString(),
        operations: [
          {
            op: 'event',
            table: model.name,
            eventType: event.event_type,
            field: event.field_name,
            metadata: event.metadata,
          },
        ],
      });
      byProject.set(model.project, documents);
    }
    const records = [];
    for (const [project, documents] of byProject) {
      const written = await this.writes.write(project, documents);
      records.push(...(await this.repository.eventsOfScan(written.project, written.scanId)));
    }
    return records.flatMap((record) => {
      const model = [...models.values()].find((candidate) => candidate.project === record.project);
      const view = model
        ? originalEvent({ ...record, modelId: model.modelId }, undefined)
        : undefined;
      return view ? [view] : [];
    });
  }

  async eventsOfModel(principal: Principal, id: number): Promise<OriginalEvent[]> {
    const model = await this.existingModel(principal, id);
    const records = (
      await this.repository.eventsOfTable(model.project, model.name, ORIGINAL_KINDS)
    ).filter(
      (record) =>
        record.sequence >= model.addedSequence &&
        (model.removedSequence === null || record.sequence <= model.removedSequence),
    );
    const risks = await this.riskLevels(records.map((record) => record.event.id));
    return records.flatMap(
      (record) =>
        originalEvent({ ...record, modelId: model.modelId }, risks.get(record.event.id)) ?? [],
    );
  }

  async event(principal: Principal, number: number): Promise<OriginalEvent> {
    const record = await this.repository.eventByNumber(number);
    if (record) allowed(principal, { key: record.project });
    const table = record && (record.event.payload as { table?: { name: string } }).table?.name;
    const model =
      record && table ? await this.repository.currentModel(record.project, table) : undefined;
    const risks = record ? await this.riskLevels([record.event.id]) : new Map<string, RiskLevel>();
    const view = record
      ? originalEvent({ ...record, modelId: model?.modelId ?? 0 }, risks.get(record.event.id))
      : undefined;
    if (!view) throw ApiError.notFound(`event ${number} does not exist`);
    return view;
  }

  private async existingProject(principal: Principal, id: number): Promise<ProjectRecord> {
    const project = await this.projectRepository.getById(id);
    if (!project) throw ApiError.notFound(`project ${id} does not exist`);
    return allowed(principal, project);
  }

  private async existingModel(principal: Principal, id: number): Promise<ModelRow> {
    const model = await this.repository.modelById(id);
    if (!model) throw ApiError.notFound(`model ${id} does not exist`);
    allowed(principal, { key: model.project });
    return model;
  }

  /** The highest finding on each event, as the original API's risk_level. */
  private async riskLevels(eventIds: readonly string[]): Promise<Map<string, RiskLevel>> {
    const levels = await this.repository.findingLevels(eventIds);
    const highest = new Map<string, RiskLevel>();
    for (const [id, found] of levels)
      highest.set(id, (found as RiskLevel[]).sort((a, b) => compareRiskLevels(b, a))[0]!);
    return highest;
  }
}

/** A key limited to one project reaches only that project's data. */
function allowed<T extends { key: string }>(principal: Principal, project: T): T {
  if (!reaches(principal, project.key))
    throw new ApiError(
      HttpStatus.FORBIDDEN,
      'forbidden',
      `this key is limited to project ${principal.project}`,
    );
  return project;
}

function projectView(project: ProjectRecord): OriginalProject {
  return {
    id: project.id,
    name: project.key,
    description: project.description,
    created_at: originalTimestamp(project.createdAt),
  };
}

function modelView(model: ModelRow): OriginalModel {
  return {
    id: model.modelId,
    name: model.name,
    description: model.description,
    project_id: model.projectId,
    created_at: originalTimestamp(model.createdAt),
  };
}
