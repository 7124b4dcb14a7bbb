import { Injectable } from '@nestjs/common';
import type { EventsQuery, EventsResponse } from '@schematrace/contracts';
import { ProjectHistoryRepository } from '@schematrace/persistence';
import type { z } from 'zod';
import { ProjectsService } from '../projects/projects.service';
import { RiskQueryService } from '../risks/risk-query.service';

@Injectable()
export class EventsService {
  constructor(
    private readonly history: ProjectHistoryRepository,
    private readonly projects: ProjectsService,
    private readonly risks: RiskQueryService,
  ) {}

  async page(project: string, query: z.output<typeof EventsQuery>): Promise<EventsResponse> {
    await this.projects.existing(project);
    const eventIds = query.risk
      ? await this.risks.eventIdsAtOrAbove(project, query.risk)
      : undefined;
    const records = await this.history.events(project, {
      after: query.after,
      limit: query.limit + 1,
      ...(query.kind ? { kinds: query.kind } : {}),
      ...(query.table ? { table: query.table } : {}),
      ...(query.from ? { occurredFrom: query.from } : {}),
      ...(query.to ? { occurredTo: query.to } : {}),
      ...(eventIds ? { eventIds } : {}),
    });
    const page = records.slice(0, query.limit);
    return {
      project,
      events: page.map(({ sequence, event }) => ({ sequence, event })),
      next: records.length > query.limit ? page.at(-1)!.sequence : null,
    };
  }
}
