import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '@schematrace/config';
import { MessagingModule } from '@schematrace/messaging';
import { PersistenceModule } from '@schematrace/persistence';
import { PlatformModule } from '@schematrace/platform';
import { ProjectBatchService } from './projection/project-batch.service';
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
      ],
      controllers: [SchemaEventsConsumer],
      providers: [ProjectBatchService],
    };
  }
}
