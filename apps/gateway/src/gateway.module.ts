import { BullModule } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { ServiceConfig } from '@schematrace/config';
import { QueueName, REBUILD_QUEUE } from '@schematrace/contracts';
import { MessagingModule } from '@schematrace/messaging';
import {
  ApiKeyRepository,
  ReadModelRepository,
  ScanRepository,
  PersistenceModule,
  ProjectPolicyRepository,
  RiskFindingRepository,
  ProjectHistoryRepository,
  ProjectRepository,
} from '@schematrace/persistence';
import { PlatformModule } from '@schematrace/platform';
import { RebuildsController } from './admin/rebuilds.controller';
import { ApiKeyGuard } from './auth/api-key.guard';
import { ApiKeysController } from './auth/api-keys.controller';
import { AUTH_SETTINGS, Authenticator } from './auth/authenticator.service';
import { EventsController } from './events/events.controller';
import { EventsService } from './events/events.service';
import { MigrationsController } from './migrations/migrations.controller';
import { MigrationsService } from './migrations/migrations.service';
import { RiskQueryService } from './risks/risk-query.service';
import { RisksController } from './risks/risks.controller';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { RateLimitModule } from './http/rate-limit.module';
import { OpenApiModule } from './openapi/openapi.module';
import { ApiWritesService } from './original-api/api-writes.service';
import {
  OriginalEventsController,
  OriginalModelsController,
  OriginalProjectsController,
} from './original-api/original-api.controllers';
import { OriginalApiService } from './original-api/original-api.service';
import { ScansController } from './scans/scans.controller';
import { SubmitScanService } from './scans/submit-scan.service';
import { SchemaController } from './schema/schema.controller';
import { TablesController } from './tables/tables.controller';
import { TablesService } from './tables/tables.service';
import { ProjectHistoryService } from './schema/project-history.service';
import { ProjectsController } from './projects/projects.controller';
import { ProjectsService } from './projects/projects.service';

@Module({})
export class GatewayModule {
  static forService(config: ServiceConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        PlatformModule.forService(config),
        MessagingModule.forRoot(),
        PersistenceModule.forRoot(),
        RateLimitModule.forRoot(),
        OpenApiModule,
        BullModule.forRoot({
          connection: { url: config.redis.url, maxRetriesPerRequest: null },
          prefix: config.redis.prefix,
        }),
        BullModule.registerQueue({ name: QueueName.risk }, { name: REBUILD_QUEUE }),
      ],
      controllers: [
        ProjectsController,
        ApiKeysController,
        RebuildsController,
        ScansController,
        SchemaController,
        TablesController,
        EventsController,
        MigrationsController,
        RisksController,
        OriginalProjectsController,
        OriginalModelsController,
        OriginalEventsController,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: AUTH_SETTINGS, useValue: { adminKey: config.adminApiKey } },
        Authenticator,
        ApiKeyRepository,
        SubmitScanService,
        ProjectHistoryService,
        ProjectsService,
        ProjectRepository,
        ProjectHistoryRepository,
        ReadModelRepository,
        ScanRepository,
        OriginalApiService,
        ApiWritesService,
        EventsService,
        MigrationsService,
        TablesService,
        RiskQueryService,
        RiskFindingRepository,
        ProjectPolicyRepository,
      ],
    };
  }
}
