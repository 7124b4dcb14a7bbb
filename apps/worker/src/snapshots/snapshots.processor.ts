import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { TakeSnapshotsService } from './take-snapshots.service';

export const SNAPSHOTS_QUEUE = 'snapshots';
const SWEEP_EVERY_MS = 10_000;

export interface SnapshotJob {
  /** One project, or every project when absent. */
  readonly project?: string;
}

@Processor(SNAPSHOTS_QUEUE)
export class SnapshotsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly log = new Logger(SnapshotsProcessor.name);

  constructor(
    private readonly takeSnapshots: TakeSnapshotsService,
    @InjectQueue(SNAPSHOTS_QUEUE) private readonly queue: Queue<SnapshotJob>,
  ) {
    super();
  }

  /** A periodic sweep; one scheduler across all worker replicas (BullMQ keys it by id). */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'snapshot-sweep',
      { every: SWEEP_EVERY_MS },
      {
        name: 'sweep',
        data: {},
        opts: { attempts: 3, backoff: { type: 'exponential', delay: 1_000 } },
      },
    );
  }

  async process(job: Job<SnapshotJob>): Promise<number> {
    return this.takeSnapshots.sweep(job.data.project);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job<SnapshotJob> | undefined, error: Error): void {
    this.log.error(
      `snapshot job ${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? '?'}): ${error.message}`,
    );
  }
}
