import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import {
  decode,
  DEFAULT_JOB_RETRY,
  describeIssues,
  JobName,
  QueueName,
  SnapshotSweepJob,
  SnapshotTakeJob,
} from '@schematrace/contracts';
import { TakeSnapshotsService } from './take-snapshots.service';

const SWEEP_EVERY_MS = 10_000;

export const SNAPSHOT_JOB_NAMES = [JobName.snapshotSweep, JobName.snapshotTake] as const;

@Processor(QueueName.snapshots)
export class SnapshotsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly log = new Logger(SnapshotsProcessor.name);

  constructor(
    private readonly takeSnapshots: TakeSnapshotsService,
    @InjectQueue(QueueName.snapshots) private readonly queue: Queue,
  ) {
    super();
  }

  /** A periodic sweep; one scheduler across all worker replicas (BullMQ keys it by id). */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'snapshot-sweep',
      { every: SWEEP_EVERY_MS },
      {
        name: JobName.snapshotSweep,
        data: {},
        opts: {
          attempts: 3,
          backoff: { type: 'exponential', delay: DEFAULT_JOB_RETRY.backoffMs },
          removeOnComplete: { count: 100 },
          removeOnFail: { count: 1_000 },
        },
      },
    );
  }

  async process(job: Job<unknown>): Promise<number | null> {
    switch (job.name) {
      case JobName.snapshotSweep:
        return this.takeSnapshots.sweep(payloadOf(SnapshotSweepJob, job).project);
      case JobName.snapshotTake:
        return (
          (await this.takeSnapshots.takeAtHead(payloadOf(SnapshotTakeJob, job).project)) ?? null
        );
      default:
        throw new UnrecoverableError(
          `no handler for job ${job.name} on queue ${QueueName.snapshots}`,
        );
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.log.error(
      `snapshot job ${job?.id ?? '?'} (${job?.name ?? '?'}) failed, attempt ${job?.attemptsMade ?? '?'}: ${error.message}`,
    );
  }
}

function payloadOf<S extends typeof SnapshotSweepJob | typeof SnapshotTakeJob>(
  schema: S,
  job: Job<unknown>,
): ReturnType<S['parse']> {
  const payload = decode(schema, job.data);
  // A malformed payload fails the same way on every attempt: straight to the failed set.
  if (!payload.ok) throw new UnrecoverableError(describeIssues(payload.issues));
  return payload.value as ReturnType<S['parse']>;
}
