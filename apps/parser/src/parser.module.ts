import { Module, type DynamicModule } from '@nestjs/common';
import { createAdapters } from '@schematrace/adapters';
import type { ServiceConfig } from '@schematrace/config';
import { MessagingModule } from '@schematrace/messaging';
import { PlatformModule } from '@schematrace/platform';
import { MigrationsConsumer } from './parsing/migrations.consumer';
import { ADAPTERS, ParseScanService } from './parsing/parse-scan.service';

@Module({})
export class ParserModule {
  static forService(config: ServiceConfig): DynamicModule {
    return {
      module: ParserModule,
      imports: [PlatformModule.forService(config), MessagingModule.forRoot()],
      controllers: [MigrationsConsumer],
      providers: [{ provide: ADAPTERS, useFactory: createAdapters }, ParseScanService],
    };
  }
}
