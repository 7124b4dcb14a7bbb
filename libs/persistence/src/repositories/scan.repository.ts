import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { ProjectEntity } from '../entities/project.entity';
import { ScanEntity, type Scan } from '../entities/scan.entity';
import { ScanProgressEntity, type ScanProgress } from '../entities/scan-progress.entity';

/** What the gateway needs of scans: register a project on its first scan, report progress. */
@Injectable()
export class ScanRepository {
  constructor(private readonly em: EntityManager) {}

  /** Creates the project if it does not exist yet (a producer's first scan names it). */
  async ensureProject(key: string): Promise<void> {
    await this.em
      .fork()
      .upsert(ProjectEntity, { key, description: null }, { onConflictAction: 'ignore' });
  }

  async projectExists(key: string): Promise<boolean> {
    return (await this.em.fork().count(ProjectEntity, { key })) > 0;
  }

  /** The scan's files that could not be read (`migration.unparsed` events), with the reasons. */
  async failures(project: string, scanId: string): Promise<{ path: string; reason: string }[]> {
    const rows: { path: string; reason: string }[] = await this.em
      .getKnex()('schema_events')
      .where({ project, scan_id: scanId, kind: 'migration.unparsed' })
      .orderBy('sequence')
      .select(
        'migration_path as path',
        this.em.getKnex().raw(`event->'payload'->>'reason' as reason`),
      );
    return rows;
  }

  /** Ingestion's record of the scan and the projector's progress on it, when they exist. */
  async status(
    project: string,
    scanId: string,
  ): Promise<{ scan: Scan | null; progress: ScanProgress | null }> {
    const em = this.em.fork();
    const [scan, progress] = await Promise.all([
      em.findOne(ScanEntity, { scanId, project }),
      em.findOne(ScanProgressEntity, { scanId, project }),
    ]);
    return { scan, progress };
  }
}
