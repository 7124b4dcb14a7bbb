import { Injectable, Logger } from '@nestjs/common';
import { DEFAULT_RISK_POLICY, type RiskRecomputeJob } from '@schematrace/contracts';
import { assessRisks, RULE_SET_VERSION } from '@schematrace/domain';
import { RiskFindingRepository, type RecordedEvent } from '@schematrace/persistence';
import { policyHash, storedFindings } from './risk-plan';

export interface RecomputeResult {
  readonly project: string;
  readonly lastSequence: number;
  readonly findings: number;
}

/**
 * Re-evaluates every risk rule over a project's whole history with its current policy and
 * replaces its findings, in one transaction under the project's risk lock.
 */
@Injectable()
export class RecomputeRisksService {
  private readonly log = new Logger(RecomputeRisksService.name);

  constructor(private readonly findings: RiskFindingRepository) {}

  async recompute(job: RiskRecomputeJob): Promise<RecomputeResult> {
    const result = await this.findings.assess(job.project, async (unit) => {
      const events: RecordedEvent[] = [];
      for await (const page of unit.events()) events.push(...page);
      const policy = unit.policy ?? DEFAULT_RISK_POLICY;
      const assessment = assessRisks(
        events.map((recorded) => recorded.event),
        { policy },
      );
      const rows = storedFindings(assessment.findings, events);
      await unit.replace(rows, {
        ruleSetVersion: RULE_SET_VERSION,
        policyHash: policyHash(policy),
        lastSequence: unit.headSequence,
      });
      return { project: job.project, lastSequence: unit.headSequence, findings: rows.length };
    });
    this.log.log(
      `assessed ${result.project} up to event ${result.lastSequence} (${job.reason}): ${result.findings} finding(s)`,
    );
    return result;
  }
}
