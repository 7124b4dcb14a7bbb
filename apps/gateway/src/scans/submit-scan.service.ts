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
import { ScanRepository } from '@schematrace/persistence';
import { ApiError } from '../http/api-error';

@Injectable()
export class SubmitScanService {
  constructor(
    private readonly scans: ScanRepository,
    private readonly publisher: MessagePublisher,
  ) {}

  /** Registers the project on its first scan, then publishes the scan in parts, keyed by project. */
  async submit(project: string, request: SubmitScanRequest): Promise<SubmitScanResponse> {
    await this.scans.ensureProject(project);
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
    const { scan, progress } = await this.scans.status(project, scanId);
    if (!scan && !progress) {
      if (!(await this.scans.projectExists(project)))
        throw ApiError.notFound(`project ${project} does not exist`);
      // Published but not yet ingested looks the same as never submitted; say accepted.
      return { scanId, project, status: 'accepted', events: { projected: 0 }, failures: [] };
    }
    const changes = scan ? scan.newCount + scan.modifiedCount + scan.removedCount : undefined;
    const projected = progress?.projected ?? 0;
    const done =
      scan?.status === 'ingested' &&
      (changes === 0 || (progress !== null && progress.projected >= progress.expected));
    const status = done
      ? 'projected'
      : progress !== null
        ? 'parsed'
        : scan?.status === 'ingested'
          ? 'ingested'
          : 'accepted';
    const failures = progress ? await this.scans.failures(project, scanId) : [];
    return {
      scanId,
      project,
      status,
      failures,
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
