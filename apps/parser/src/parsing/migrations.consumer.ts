import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TopicName } from '@schematrace/contracts';
import type { ConsumedMessage } from '@schematrace/messaging';
import { ParseScanService } from './parse-scan.service';

@Controller()
export class MigrationsConsumer {
  constructor(private readonly parseScan: ParseScanService) {}

  @EventPattern(TopicName.migrations)
  async onMigrations(
    @Payload() message: ConsumedMessage<typeof TopicName.migrations>,
  ): Promise<void> {
    await this.parseScan.parse(message.value);
  }
}
