import { createHash, randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { apiDocumentPath, type ApiDocument } from '@schematrace/adapters';
import { eventId, type ScanStatusResponse } from '@schematrace/contracts';
import { SubmitScanService } from '../scans/submit-scan.service';
import { ApiError } from '../http/api-error';

const CLIENT = { name: 'original-api', version: '1' };
const POLL_MS = 25;
const WAIT_LIMIT_MS = 30_000;

export interface WrittenDocument {
  readonly project: string;
  /** Ids of the canonical events the document yields, in order. */
  readonly eventIds: readonly string[];
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

  async write(project: string, documents: readonly ApiDocument[]): Promise<WrittenDocument> {
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
    const eventIds = files.flatMap((file, index) =>
      eventIdsOf(project, file.path, documents[index]!),
    );
    return { project, eventIds };
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

/** The ids the parser gives a document's events: the api adapter's migration name is the file's. */
function eventIdsOf(project: string, path: string, document: ApiDocument): string[] {
  const name = path.replace(/^.*\//, '').replace(/\.json$/, '');
  return document.operations.flatMap((operation, opIndex) => {
    const count = operation.op === 'create_model' ? (operation.description ? 2 : 1) : 1;
    return Array.from({ length: count }, (_, subIndex) =>
      eventId({ project, framework: 'api', migrationKey: `api/${name}`, opIndex, subIndex }),
    );
  });
}
