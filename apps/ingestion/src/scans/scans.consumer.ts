import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TopicName } from '@schematrace/contracts';
import type { ConsumedMessage } from '@schematrace/messaging';
import { IngestScanService } from './ingest-scan.service';

@Controller()
export class ScansConsumer {
  constructor(private readonly ingestScan: IngestScanService) {}

  @EventPattern(TopicName.scans)
  async onScan(@Payload() message: ConsumedMessage<typeof TopicName.scans>): Promise<void> {
    await this.ingestScan.receive(message.value);
  }
}
