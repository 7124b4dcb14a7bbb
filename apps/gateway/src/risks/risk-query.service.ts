import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import {
  QueueName,
  riskRecomputeRequest,
  RiskPolicy,
  DEFAULT_RISK_POLICY,
  type PolicyResponse,
  type RisksQuery,
  type RisksResponse,
} from '@schematrace/contracts';
import { ProjectPolicyRepository, RiskFindingRepository } from '@schematrace/persistence';
import type { z } from 'zod';
import { ProjectsService } from '../projects/projects.service';

/** Findings, as the worker last computed them, and the project's risk policy. */
@Injectable()
export class RiskQueryService {
  constructor(
    private readonly findings: RiskFindingRepository,
    private readonly policies: ProjectPolicyRepository,
    private readonly projects: ProjectsService,
    @InjectQueue(QueueName.risk) private readonly riskQueue: Queue,
  ) {}

  async list(project: string, query: z.output<typeof RisksQuery>): Promise<RisksResponse> {
    await this.projects.existing(project);
    const [page, assessment] = await Promise.all([
      this.findings.list({
        project,
        limit: query.limit,
        ...(query.min_level ? { minLevel: query.min_level } : {}),
        ...(query.rule ? { ruleId: query.rule } : {}),
        ...(query.cursor ? { after: parseCursor(query.cursor) } : {}),
      }),
      this.findings.getAssessment(project),
    ]);
    return {
      project,
      ...(assessment
        ? {
            assessment: {
              ruleSetVersion: assessment.ruleSetVersion,
              lastSequence: assessment.lastSequence,
              assessedAt: assessment.assessedAt.toISOString(),
            },
          }
        : {}),
      findings: page.findings.map(({ hit: _hit, ...finding }) => finding),
      next: page.next ? `${page.next.sequence}:${page.next.ruleId}:${page.next.hit}` : null,
    };
  }

  async policy(project: string): Promise<PolicyResponse> {
    await this.projects.existing(project);
    const stored = await this.policies.get(project);
    return {
      project,
      policy: stored?.policy ?? DEFAULT_RISK_POLICY,
      stored: stored !== undefined,
      updatedAt: stored ? stored.updatedAt.toISOString() : null,
    };
  }

  /** Replaces the policy and has the worker recompute the project's findings with it. */
  async replacePolicy(project: string, policy: RiskPolicy): Promise<PolicyResponse> {
    await this.projects.existing(project);
    const stored = await this.policies.replace(project, policy);
    const request = riskRecomputeRequest(project, 'policy');
    await this.riskQueue.add(request.name, request.data, request.opts);
    return {
      project,
      policy: stored.policy,
      stored: true,
      updatedAt: stored.updatedAt.toISOString(),
    };
  }
}

function parseCursor(cursor: string): { sequence: number; ruleId: string; hit: number } {
  const [sequence, ruleId, hit] = cursor.split(':') as [string, string, string];
  return { sequence: Number(sequence), ruleId, hit: Number(hit) };
}
