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
  sameMigration,
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

  /**
   * One migration, read alone: its events (the first run of them in apply order, as the list
   * groups them) and its findings, not the project's whole history.
   */
  async get(project: string, migration: string): Promise<MigrationDetail> {
    await this.projects.existing(project);
    const group = firstRun(await this.history.eventsOfMigration(project, migration));
    if (!group) throw ApiError.notFound(`migration ${migration} is not in project ${project}`);
    const own = await this.findingsOf(project, migrationKey(group[0]!.event.migration));
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
    for (const finding of await this.findingsOf(project))
      findings.set(finding.migration, [...(findings.get(finding.migration) ?? []), finding]);
    return { groups: groupByMigration(events), findings };
  }

  /** The project's findings (or one migration's), every page. */
  private async findingsOf(project: string, migration?: string): Promise<RiskFinding[]> {
    const findings: RiskFinding[] = [];
    let after: { sequence: number; ruleId: string; hit: number } | undefined;
    for (;;) {
      const page = await this.findings.list({
        project,
        limit: 1000,
        ...(migration ? { migration } : {}),
        ...(after ? { after } : {}),
      });
      for (const { hit: _hit, sequence: _sequence, ...finding } of page.findings)
        findings.push(finding);
      if (!page.next) return findings;
      after = page.next;
    }
  }
}

/**
 * The first migration in `events` (one migration's events, in sequence order) with the events
 * of its first run: sequence numbers are dense, so a gap means other migrations came between.
 */
function firstRun(events: readonly StoredEvent[]): StoredEvent[] | undefined {
  const first = events[0];
  if (!first) return undefined;
  const run = [first];
  for (const item of events.slice(1)) {
    const previous = run.at(-1)!;
    if (item.sequence !== previous.sequence + 1) break;
    if (!sameMigration(previous.event.migration, item.event.migration)) break;
    run.push(item);
  }
  return run;
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
