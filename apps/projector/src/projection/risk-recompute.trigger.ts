import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueName, riskRecomputeRequest } from '@schematrace/contracts';

/** Tells the worker which projects got new events; the port ProjectBatchService calls. */
export abstract class RiskRecomputeTrigger {
  abstract eventsRecorded(projects: readonly string[]): Promise<void>;
}

/**
 * One debounced recompute job per project, added in one round trip per batch. The events are
 * committed by then, so a failure here loses nothing that counts: the worker finds findings
 * short of a project's head at its next start, and the project's next batch triggers again.
 */
@Injectable()
export class BullRiskRecomputeTrigger extends RiskRecomputeTrigger {
  private readonly log = new Logger(BullRiskRecomputeTrigger.name);

  constructor(@InjectQueue(QueueName.risk) private readonly queue: Queue) {
    super();
  }

  async eventsRecorded(projects: readonly string[]): Promise<void> {
    if (projects.length === 0) return;
    try {
      await this.queue.addBulk(
        projects.map((project) => {
          const request = riskRecomputeRequest(project, 'events');
          return { name: request.name, data: request.data, opts: request.opts };
        }),
      );
    } catch (error) {
      this.log.warn(
        `could not enqueue risk recompute for ${projects.join(', ')}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
