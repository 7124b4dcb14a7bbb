import { createHash, randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { apiDocumentPath, type ApiDocument } from '@schematrace/adapters';
import type { ScanStatusResponse } from '@schematrace/contracts';
import { SubmitScanService } from '../scans/submit-scan.service';
import { ApiError } from '../http/api-error';

const CLIENT = { name: 'original-api', version: '1' };
const POLL_MS = 25;
const WAIT_LIMIT_MS = 30_000;

export interface WrittenDocuments {
  readonly project: string;
  /** The scan that carried the documents: its events are the write's. */
  readonly scanId: string;
}

/**
 * Writes of the original API travel the pipeline like scanned migrations: each becomes an API
 * document submitted as a scan (gateway → scans → ingestion → parser → schema-events →
 * projector). The call returns once the projector has committed it, so a client that writes
 * and then reads sees its write without sleeping.
 */
@Injectable()
export class ApiWritesService {
  constructor(private readonly scans: SubmitScanService) {}

  async write(project: string, documents: readonly ApiDocument[]): Promise<WrittenDocuments> {
    const files = documents.map((document) => {
      const content = JSON.stringify(document);
      const path = apiDocumentPath(document.createdAt, randomUUID());
      return {
        path,
        content,
        checksum: createHash('sha256').update(content, 'utf8').digest('hex'),
      };
    });
    const accepted = await this.scans.submit(project, { client: CLIENT, files });
    await this.waitUntilProjected(project, accepted.scanId);
    return { project, scanId: accepted.scanId };
  }

  private async waitUntilProjected(project: string, scanId: string): Promise<ScanStatusResponse> {
    const deadline = Date.now() + WAIT_LIMIT_MS;
    for (;;) {
      const status = await this.scans.status(project, scanId);
      if (status.status === 'projected') return status;
      if (Date.now() > deadline)
        throw new ApiError(
          HttpStatus.GATEWAY_TIMEOUT,
          'not_yet_projected',
          `the write was accepted as scan ${scanId} but is not queryable yet; check GET /v1/projects/${project}/scans/${scanId}`,
        );
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
