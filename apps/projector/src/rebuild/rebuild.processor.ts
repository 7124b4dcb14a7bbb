import { Processor, WorkerHost } from '@nestjs/bullmq';
import { UnrecoverableError, type Job } from 'bullmq';
import { decode, describeIssues, REBUILD_QUEUE, RebuildJob } from '@schematrace/contracts';
import { ReadModelRebuildService, type RebuildReport } from './read-model-rebuild.service';

/** Rebuilds requested through the API (`POST /v1/admin/rebuilds`), one at a time. */
@Processor(REBUILD_QUEUE, { concurrency: 1 })
export class RebuildProcessor extends WorkerHost {
  constructor(private readonly rebuilds: ReadModelRebuildService) {
    super();
  }

  async process(job: Job<unknown>): Promise<RebuildReport> {
    const request = decode(RebuildJob, job.data);
    if (!request.ok)
      throw new UnrecoverableError(`invalid rebuild request: ${describeIssues(request.issues)}`);
    return this.rebuilds.rebuild({
      ...(request.value.project ? { project: request.value.project } : {}),
      dryRun: request.value.dryRun,
    });
  }
}
