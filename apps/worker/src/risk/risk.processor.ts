import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import {
  decode,
  DEFAULT_RISK_POLICY,
  describeIssues,
  JobName,
  QueueName,
  RiskRecomputeJob,
  riskRecomputeRequest,
} from '@schematrace/contracts';
import { RULE_SET_VERSION } from '@schematrace/domain';
import { RiskFindingRepository } from '@schematrace/persistence';
import { RecomputeRisksService, type RecomputeResult } from './recompute-risks.service';
import { policyHash, recomputeReason } from './risk-plan';

export const RISK_JOB_NAMES = [JobName.riskRecompute] as const;

/** Projects run in parallel; one project's runs are serialised by its lock in PostgreSQL. */
@Processor(QueueName.risk, { concurrency: 4 })
export class RiskProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly log = new Logger(RiskProcessor.name);

  constructor(
    private readonly recomputeRisks: RecomputeRisksService,
    private readonly findings: RiskFindingRepository,
    @InjectQueue(QueueName.risk) private readonly queue: Queue,
  ) {
    super();
  }

  /**
   * Findings of a rule set or policy other than the current one, or short of the project's
   * head, are recomputed: after a deploy with a new RULE_SET_VERSION every project is.
   */
  async onApplicationBootstrap(): Promise<void> {
    const defaultHash = policyHash(DEFAULT_RISK_POLICY);
    let enqueued = 0;
    for (const status of await this.findings.projectStatuses()) {
      const current = status.policy ? policyHash(status.policy) : defaultHash;
      const reason = recomputeReason(status, current, RULE_SET_VERSION);
      if (!reason) continue;
      const request = riskRecomputeRequest(status.project, reason);
      await this.queue.add(request.name, request.data, request.opts);
      enqueued++;
    }
    if (enqueued > 0) this.log.log(`enqueued ${enqueued} risk recompute(s) for stale findings`);
  }

  async process(job: Job<unknown>): Promise<RecomputeResult> {
    if (job.name !== JobName.riskRecompute)
      throw new UnrecoverableError(`no handler for job ${job.name} on queue ${QueueName.risk}`);
    const payload = decode(RiskRecomputeJob, job.data);
    // A malformed payload fails the same way on every attempt: straight to the failed set.
    if (!payload.ok) throw new UnrecoverableError(describeIssues(payload.issues));
    return this.recomputeRisks.recompute(payload.value);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.log.error(
      `risk job ${job?.id ?? '?'} (${job?.name ?? '?'}) failed, attempt ${job?.attemptsMade ?? '?'} of ${job?.opts.attempts ?? 1}: ${error.message}`,
    );
  }
}
