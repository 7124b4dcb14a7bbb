import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  CONTRACT_VERSION,
  TopicName,
  splitScanIntoParts,
  type ScanStatusResponse,
  type SubmitScanRequest,
  type SubmitScanResponse,
} from '@schematrace/contracts';
import { MessagePublisher } from '@schematrace/messaging';
import { ProjectEntity, ScanEntity, ScanProgressEntity } from '@schematrace/persistence';
import { ApiError } from '../http/api-error';

@Injectable()
export class SubmitScanService {
  constructor(
    private readonly em: EntityManager,
    private readonly publisher: MessagePublisher,
  ) {}

  /** Registers the project on its first scan, then publishes the scan in parts, keyed by project. */
  async submit(project: string, request: SubmitScanRequest): Promise<SubmitScanResponse> {
    await this.em
      .fork()
      .upsert(ProjectEntity, { key: project, description: null }, { onConflictAction: 'ignore' });
    const scanId = randomUUID();
    const parts = splitScanIntoParts(request.files);
    const submittedAt = new Date().toISOString();
    await this.publisher.publish(
      TopicName.scans,
      parts.map((files, index) => ({
        key: project,
        value: {
          contractVersion: CONTRACT_VERSION,
          scanId,
          project,
          submittedAt,
          client: request.client,
          part: { index, count: parts.length },
          files,
        },
      })),
    );
    return {
      scanId,
      project,
      files: request.files.length,
      parts: parts.length,
      status: 'accepted',
    };
  }

  async status(project: string, scanId: string): Promise<ScanStatusResponse> {
    const em = this.em.fork();
    const [scan, progress] = await Promise.all([
      em.findOne(ScanEntity, { scanId, project }),
      em.findOne(ScanProgressEntity, { scanId, project }),
    ]);
    if (!scan && !progress) {
      const known = await em.count(ProjectEntity, { key: project });
      if (!known) throw ApiError.notFound(`project ${project} does not exist`);
      // Published but not yet ingested looks the same as never submitted; say accepted.
      return { scanId, project, status: 'accepted', events: { projected: 0 } };
    }
    const changes = scan ? scan.newCount + scan.modifiedCount + scan.removedCount : undefined;
    const projected = progress?.projected ?? 0;
    const done =
      scan?.status === 'ingested' &&
      (changes === 0 || (progress !== null && progress.projected >= progress.expected));
    return {
      scanId,
      project,
      status: done ? 'projected' : scan?.status === 'ingested' ? 'ingested' : 'accepted',
      ...(scan?.status === 'ingested'
        ? {
            migrations: {
              new: scan.newCount,
              modified: scan.modifiedCount,
              removed: scan.removedCount,
              unchanged: scan.unchangedCount,
            },
          }
        : {}),
      events: {
        ...(progress ? { expected: progress.expected } : changes === 0 ? { expected: 0 } : {}),
        projected,
      },
      ...(progress ? { lastSequence: Number(progress.lastSequence) } : {}),
    };
  }
}
