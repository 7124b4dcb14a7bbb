import { Inject, Injectable, Logger } from '@nestjs/common';
import { TopicName, type MigrationsMessage } from '@schematrace/contracts';
import type { MigrationAdapter } from '@schematrace/adapters';
import { MessagePublisher } from '@schematrace/messaging';
import { eventsForScan } from '@schematrace/adapters';

export const ADAPTERS = Symbol('ADAPTERS');

/** Parses one scan's migrations and publishes the resulting events, keyed by project. */
@Injectable()
export class ParseScanService {
  private readonly log = new Logger(ParseScanService.name);

  constructor(
    @Inject(ADAPTERS) private readonly adapters: readonly MigrationAdapter[],
    private readonly publisher: MessagePublisher,
  ) {}

  async parse(message: MigrationsMessage): Promise<void> {
    const events = eventsForScan(message, this.adapters);
    await this.publisher.publish(
      TopicName.schemaEvents,
      events.map((event) => ({ key: message.project, value: event })),
    );
    this.log.log(`scan ${message.scanId} of ${message.project}: ${events.length} events`);
  }
}
