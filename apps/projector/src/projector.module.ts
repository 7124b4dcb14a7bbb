import { BullModule } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '@schematrace/config';
import { QueueName } from '@schematrace/contracts';
import { MessagingModule } from '@schematrace/messaging';
import { PersistenceModule } from '@schematrace/persistence';
import { PlatformModule } from '@schematrace/platform';
import { ProjectBatchService } from './projection/project-batch.service';
import {
  BullRiskRecomputeTrigger,
  RiskRecomputeTrigger,
} from './projection/risk-recompute.trigger';
import { SchemaEventsConsumer } from './projection/schema-events.consumer';

@Module({})
export class ProjectorModule {
  static forService(config: ServiceConfig): DynamicModule {
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
        BullModule.registerQueue({ name: QueueName.risk }),
      ],
      controllers: [SchemaEventsConsumer],
      providers: [
        ProjectBatchService,
        { provide: RiskRecomputeTrigger, useClass: BullRiskRecomputeTrigger },
      ],
    };
  }
}
