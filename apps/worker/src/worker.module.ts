import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { ServiceConfig } from '@schematrace/config';
import { QueueName } from '@schematrace/contracts';
import { PersistenceModule } from '@schematrace/persistence';
import { HealthRegistry, PlatformModule } from '@schematrace/platform';
import { assertJobHandlers } from './jobs/job-handlers';
import { RecomputeRisksService } from './risk/recompute-risks.service';
import { RISK_JOB_NAMES, RiskProcessor } from './risk/risk.processor';
import { SNAPSHOT_JOB_NAMES, SnapshotsProcessor } from './snapshots/snapshots.processor';
import { TakeSnapshotsService } from './snapshots/take-snapshots.service';

@Injectable()
class RedisHealth implements OnModuleInit {
  constructor(
    private readonly health: HealthRegistry,
    @Inject(getQueueToken(QueueName.risk)) private readonly risk: Queue,
    @Inject(getQueueToken(QueueName.snapshots)) private readonly snapshots: Queue,
  ) {}

  onModuleInit(): void {
    this.health.register('redis', async () => {
      const counts = await Promise.all(
        [this.risk, this.snapshots].map(
          async (queue) =>
            `${queue.name}: ${JSON.stringify(await queue.getJobCounts('active', 'waiting', 'delayed', 'failed'))}`,
        ),
      );
      return { ok: true, detail: counts.join(', ') };
    });
  }
}

@Module({})
export class WorkerModule {
  static forService(config: ServiceConfig): DynamicModule {
    // Fail fast: a job of the catalogue with no handler (or two) stops the worker here.
    assertJobHandlers([
      { queue: QueueName.risk, jobs: RISK_JOB_NAMES },
      { queue: QueueName.snapshots, jobs: SNAPSHOT_JOB_NAMES },
    ]);
    return {
      module: WorkerModule,
      imports: [
        PlatformModule.forService(config),
        PersistenceModule.forRoot(),
        BullModule.forRoot({
          connection: { url: config.redis.url, maxRetriesPerRequest: null },
          prefix: config.redis.prefix,
        }),
        BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name }))),
      ],
      providers: [
        TakeSnapshotsService,
        SnapshotsProcessor,
        RecomputeRisksService,
        RiskProcessor,
        RedisHealth,
      ],
    };
  }
}
