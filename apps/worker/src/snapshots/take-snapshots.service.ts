import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { ProjectHeadEntity, SchemaSnapshotEntity } from '@schematrace/persistence';
import { snapshotDue } from './snapshot-plan';

/** Stores each project's head state as a snapshot when it has passed a snapshot boundary. */
@Injectable()
export class TakeSnapshotsService {
  private readonly log = new Logger(TakeSnapshotsService.name);

  constructor(private readonly em: EntityManager) {}

  async sweep(project?: string): Promise<number> {
    const em = this.em.fork();
    const heads = await em.find(ProjectHeadEntity, project ? { project } : {});
    let taken = 0;
    for (const head of heads) {
      const latest = await em.findOne(
        SchemaSnapshotEntity,
        { project: head.project },
        { orderBy: { sequence: 'desc' }, fields: ['sequence'] },
      );
      const at = snapshotDue(
        { lastSequence: Number(head.lastSequence) },
        latest ? Number(latest.sequence) : undefined,
      );
      if (at === undefined) continue;
      // The head row is read again under the insert's transaction, so state and sequence agree.
      await em.getConnection().execute(
        `insert into schema_snapshots (project, sequence, state)
         select project, last_sequence, state from project_heads where project = ?
         on conflict do nothing`,
        [head.project],
      );
      taken++;
    }
    if (taken > 0) this.log.log(`took ${taken} snapshot(s)`);
    return taken;
  }
}
