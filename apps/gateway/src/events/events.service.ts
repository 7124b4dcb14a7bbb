import { Injectable } from '@nestjs/common';
import type { EventsQuery, EventsResponse } from '@schematrace/contracts';
import { ProjectHistoryRepository } from '@schematrace/persistence';
import type { z } from 'zod';
import { ProjectsService } from '../projects/projects.service';

@Injectable()
export class EventsService {
  constructor(
    private readonly history: ProjectHistoryRepository,
    private readonly projects: ProjectsService,
  ) {}

  async page(project: string, query: z.output<typeof EventsQuery>): Promise<EventsResponse> {
    await this.projects.existing(project);
    const records = await this.history.events(project, {
      after: query.after,
      limit: query.limit + 1,
      ...(query.kind ? { kinds: query.kind } : {}),
      ...(query.table ? { table: query.table } : {}),
      ...(query.from ? { occurredFrom: query.from } : {}),
      ...(query.to ? { occurredTo: query.to } : {}),
      ...(query.risk ? { riskAtLeast: query.risk } : {}),
    });
    const page = records.slice(0, query.limit);
    return {
      project,
      events: page.map(({ sequence, event }) => ({ sequence, event })),
      next: records.length > query.limit ? page.at(-1)!.sequence : null,
    };
  }
}
