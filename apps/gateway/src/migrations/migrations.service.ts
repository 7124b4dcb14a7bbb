import { Injectable } from '@nestjs/common';
import {
  type MigrationDetail,
  type MigrationSummary,
  type MigrationsResponse,
  type RiskFinding,
} from '@schematrace/contracts';
import {
  describeEvent,
  explainMigration,
  groupByMigration,
  highestLevel,
  migrationFacts,
  migrationKey,
} from '@schematrace/domain';
import {
  ProjectHistoryRepository,
  RiskFindingRepository,
  type StoredEvent,
} from '@schematrace/persistence';
import { ApiError } from '../http/api-error';
import { ProjectsService } from '../projects/projects.service';

/** The project's migrations in apply order, each explained, with its risks. */
@Injectable()
export class MigrationsService {
  constructor(
    private readonly history: ProjectHistoryRepository,
    private readonly findings: RiskFindingRepository,
    private readonly projects: ProjectsService,
  ) {}

  async list(project: string): Promise<MigrationsResponse> {
    const { groups, findings } = await this.load(project);
    return {
      project,
      migrations: groups.map((group) =>
        summary(group, findings.get(migrationKey(group[0]!.event.migration)) ?? []),
      ),
    };
  }

  async get(project: string, migration: string): Promise<MigrationDetail> {
    const { groups, findings } = await this.load(project);
    const group = groups.find((candidate) => {
      const { app, name, path } = candidate[0]!.event.migration;
      return migration === `${app}/${name}` || migration === path;
    });
    if (!group) throw ApiError.notFound(`migration ${migration} is not in project ${project}`);
    const own = findings.get(migrationKey(group[0]!.event.migration)) ?? [];
    const explanation = explainMigration(
      group.map((item) => item.event),
      own,
    );
    return {
      ...summary(group, own),
      changeDescriptions: group
        .filter((item) => item.event.kind !== 'migration.added')
        .map((item) => ({
          sequence: item.sequence,
          kind: item.event.kind,
          description: describeEvent(item.event),
        })),
      risks: [...explanation.risks],
      findings: own,
    };
  }

  private async load(project: string) {
    await this.projects.existing(project);
    const events = await this.history.events(project);
    const findings = new Map<string, RiskFinding[]>();
    let after: { sequence: number; ruleId: string; hit: number } | undefined;
    for (;;) {
      const page = await this.findings.list({ project, limit: 1000, ...(after ? { after } : {}) });
      for (const { hit: _hit, sequence: _sequence, ...finding } of page.findings)
        findings.set(finding.migration, [...(findings.get(finding.migration) ?? []), finding]);
      if (!page.next) break;
      after = page.next;
    }
    return { groups: groupByMigration(events), findings };
  }
}

function summary(
  group: readonly StoredEvent[],
  findings: readonly RiskFinding[],
): MigrationSummary {
  return {
    ...migrationFacts(group[0]!.event),
    firstSequence: group[0]!.sequence,
    lastSequence: group.at(-1)!.sequence,
    summary: explainMigration(
      group.map((item) => item.event),
      findings,
    ).summary,
    changes: group.filter((item) => item.event.kind !== 'migration.added').length,
    highestRisk: highestLevel(findings) ?? null,
  };
}
