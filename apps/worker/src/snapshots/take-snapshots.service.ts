import { Injectable, Logger } from '@nestjs/common';
import { SchemaSnapshotRepository } from '@schematrace/persistence';
import { snapshotDue } from './snapshot-plan';

/** Stores project schema states as snapshots: past each boundary (the sweep) or on demand. */
@Injectable()
export class TakeSnapshotsService {
  private readonly log = new Logger(TakeSnapshotsService.name);

  constructor(private readonly snapshots: SchemaSnapshotRepository) {}

  /** Every project (or one) that has passed a snapshot boundary since its latest snapshot. */
  async sweep(project?: string): Promise<number> {
    let taken = 0;
    for (const position of await this.snapshots.positions(project)) {
      const at = snapshotDue(position, position.latestSnapshot);
      if (at === undefined) continue;
      if ((await this.snapshots.takeSnapshot(position.project)) !== undefined) taken++;
    }
    if (taken > 0) this.log.log(`took ${taken} snapshot(s)`);
    return taken;
  }

  /** The project's head now, whatever the interval; undefined when it has no events or has it. */
  async takeAtHead(project: string): Promise<number | undefined> {
    const at = await this.snapshots.takeSnapshot(project);
    if (at !== undefined) this.log.log(`took a snapshot of ${project} at event ${at}`);
    return at;
  }
}
