import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { ServiceConfig } from '@schematrace/config';
import { PersistenceModule } from '@schematrace/persistence';
import { HealthRegistry, PlatformModule } from '@schematrace/platform';
import { SNAPSHOTS_QUEUE, SnapshotsProcessor } from './snapshots/snapshots.processor';
import { TakeSnapshotsService } from './snapshots/take-snapshots.service';

@Injectable()
class RedisHealth implements OnModuleInit {
  constructor(
    private readonly health: HealthRegistry,
    @Inject(getQueueToken(SNAPSHOTS_QUEUE)) private readonly queue: Queue,
  ) {}

  onModuleInit(): void {
    this.health.register('redis', async () => {
      const counts = await this.queue.getJobCounts('active', 'waiting', 'failed');
      return { ok: true, detail: `snapshots queue: ${JSON.stringify(counts)}` };
    });
  }
}

@Module({})
export class WorkerModule {
  static forService(config: ServiceConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        PlatformModule.forService(config),
        PersistenceModule.forRoot(),
        BullModule.forRoot({
          connection: { url: config.redis.url, maxRetriesPerRequest: null },
          prefix: config.redis.prefix,
        }),
        BullModule.registerQueue({ name: SNAPSHOTS_QUEUE }),
      ],
      providers: [TakeSnapshotsService, SnapshotsProcessor, RedisHealth],
    };
  }
}
