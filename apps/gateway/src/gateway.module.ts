import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { ServiceConfig } from '@schematrace/config';
import { MessagingModule } from '@schematrace/messaging';
import { PersistenceModule } from '@schematrace/persistence';
import { PlatformModule } from '@schematrace/platform';
import { EventsController } from './events/events.controller';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { ScansController } from './scans/scans.controller';
import { SubmitScanService } from './scans/submit-scan.service';
import { SchemaController } from './schema/schema.controller';
import { SchemaQueryService } from './schema/schema-query.service';

@Module({})
export class GatewayModule {
  static forService(config: ServiceConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        PlatformModule.forService(config),
        MessagingModule.forRoot(),
        PersistenceModule.forRoot(),
      ],
      controllers: [ScansController, SchemaController, EventsController],
      providers: [
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        SubmitScanService,
        SchemaQueryService,
      ],
    };
  }
}
