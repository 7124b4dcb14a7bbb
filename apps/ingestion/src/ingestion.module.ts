import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '@schematrace/config';
import { MessagingModule } from '@schematrace/messaging';
import { PersistenceModule, ScanLedgerRepository } from '@schematrace/persistence';
import { PlatformModule } from '@schematrace/platform';
import { IngestScanService } from './scans/ingest-scan.service';
import { ScansConsumer } from './scans/scans.consumer';

@Module({})
export class IngestionModule {
  static forService(config: ServiceConfig): DynamicModule {
    return {
      module: IngestionModule,
      imports: [
        PlatformModule.forService(config),
        MessagingModule.forRoot(),
        PersistenceModule.forRoot(),
      ],
      controllers: [ScansConsumer],
      providers: [ScanLedgerRepository, IngestScanService],
    };
  }
}
