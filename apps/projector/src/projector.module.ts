import { BullModule } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '@schematrace/config';
import { QueueName, REBUILD_QUEUE } from '@schematrace/contracts';
import { MessagingModule } from '@schematrace/messaging';
import {
  PersistenceModule,
  ProjectionRepository,
  ReadModelRebuildRepository,
} from '@schematrace/persistence';
import { PlatformModule } from '@schematrace/platform';
import { HeadStateCache } from './projection/head-state.cache';
import { ProjectBatchService } from './projection/project-batch.service';
import {
  BullRiskRecomputeTrigger,
  RiskRecomputeTrigger,
} from './projection/risk-recompute.trigger';
import { SchemaEventsConsumer } from './projection/schema-events.consumer';
import { ReadModelRebuildService } from './rebuild/read-model-rebuild.service';
import { RebuildProcessor } from './rebuild/rebuild.processor';

@Module({})
export class ProjectorModule {
  /** `rebuildJobs`: take rebuild requests from the queue (the operator command does not). */
  static forService(config: ServiceConfig, options = { rebuildJobs: true }): DynamicModule {
    return {
      module: ProjectorModule,
      imports: [
        PlatformModule.forService(config),
        MessagingModule.forRoot(),
        PersistenceModule.forRoot(),
        BullModule.forRoot({
          connection: { url: config.redis.url, maxRetriesPerRequest: null },
          prefix: config.redis.prefix,
        }),
        BullModule.registerQueue({ name: QueueName.risk }, { name: REBUILD_QUEUE }),
      ],
      controllers: [SchemaEventsConsumer],
      providers: [
        HeadStateCache,
        ProjectBatchService,
        { provide: RiskRecomputeTrigger, useClass: BullRiskRecomputeTrigger },
        ProjectionRepository,
        ReadModelRebuildRepository,
        ReadModelRebuildService,
        ...(options.rebuildJobs ? [RebuildProcessor] : []),
      ],
    };
  }
}
