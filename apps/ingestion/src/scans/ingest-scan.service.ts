import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import {
  CONTRACT_VERSION,
  TopicName,
  type ScanMessage,
  type ScannedFile,
} from '@schematrace/contracts';
import { MessagePublisher, UnprocessableMessageError } from '@schematrace/messaging';
import {
  LedgerMigrationEntity,
  ProjectEntity,
  ScanEntity,
  ScanPartEntity,
  type LedgerMigration,
  type Scan,
} from '@schematrace/persistence';
import { checksumMismatches, diffScanAgainstLedger } from './ledger-diff';

/**
 * Records scan parts; once a scan is complete, compares it with the project's migration ledger
 * and publishes what changed. Re-delivery is harmless: an ingested scan is not ingested twice,
 * and the migrations message is published before the ledger commits, so a crash in between
 * re-publishes the same changes (the parser's event ids make that a no-op downstream).
 */
@Injectable()
export class IngestScanService {
  private readonly log = new Logger(IngestScanService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly publisher: MessagePublisher,
  ) {}

  async receive(message: ScanMessage): Promise<void> {
    const mismatched = checksumMismatches(message.files);
    if (mismatched.length > 0) {
      throw new UnprocessableMessageError(
        `checksum does not match the content of ${mismatched.join(', ')}`,
      );
    }
    await this.em.fork().transactional(async (em) => {
      // A scan published straight to the topic (`schematrace scan --kafka`) names its project.
      await em.upsert(
        ProjectEntity,
        { key: message.project, description: null },
        { onConflictAction: 'ignore' },
      );
      await em.upsert(
        ScanEntity,
        {
          scanId: message.scanId,
          project: message.project,
          status: 'receiving',
          partCount: message.part.count,
        },
        { onConflictAction: 'ignore' },
      );
      await em.upsert(
        ScanPartEntity,
        { scanId: message.scanId, partIndex: message.part.index, files: message.files },
        { onConflictAction: 'ignore' },
      );
      const scan = await em.findOneOrFail(
        ScanEntity,
        { scanId: message.scanId },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (scan.project !== message.project) {
        throw new UnprocessableMessageError(
          `scan ${message.scanId} belongs to project ${scan.project}, not ${message.project}`,
        );
      }
      if (scan.status !== 'receiving') return;
      const parts = await em.find(
        ScanPartEntity,
        { scanId: message.scanId },
        { orderBy: { partIndex: 'asc' } },
      );
      if (parts.length < scan.partCount) return;
      await this.ingest(
        em,
        scan,
        parts.flatMap((part) => part.files),
      );
    });
  }

  private async ingest(em: EntityManager, scan: Scan, files: ScannedFile[]): Promise<void> {
    const ledger = await em.find(LedgerMigrationEntity, { project: scan.project });
    const diff = diffScanAgainstLedger(files, ledger);
    if (diff.changed) {
      await this.publisher.publish(TopicName.migrations, [
        {
          key: scan.project,
          value: {
            contractVersion: CONTRACT_VERSION,
            scanId: scan.scanId,
            project: scan.project,
            scannedAt: new Date().toISOString(),
            migrations: diff.migrations,
          },
        },
      ]);
    }
    for (const migration of diff.migrations) {
      if (migration.change === 'unchanged') continue;
      if (migration.change === 'removed') {
        await em.nativeUpdate(
          LedgerMigrationEntity,
          { project: scan.project, path: migration.path },
          { present: false, lastScanId: scan.scanId, updatedAt: new Date() },
        );
        continue;
      }
      const row: LedgerMigration = {
        project: scan.project,
        path: migration.path,
        checksum: migration.checksum,
        content: migration.content ?? '',
        framework: migration.framework ?? null,
        git: migration.git ?? null,
        present: true,
        firstScanId: scan.scanId,
        lastScanId: scan.scanId,
        updatedAt: new Date(),
      };
      await em.upsert(LedgerMigrationEntity, row, {
        onConflictFields: ['project', 'path'],
        onConflictMergeFields: [
          'checksum',
          'content',
          'framework',
          'git',
          'present',
          'lastScanId',
          'updatedAt',
        ],
      });
    }
    await em.nativeUpdate(
      ScanEntity,
      { scanId: scan.scanId },
      {
        status: 'ingested',
        newCount: diff.counts.new,
        modifiedCount: diff.counts.modified,
        removedCount: diff.counts.removed,
        unchangedCount: diff.counts.unchanged,
        ingestedAt: new Date(),
      },
    );
    await em.nativeDelete(ScanPartEntity, { scanId: scan.scanId });
    this.log.log(
      `scan ${scan.scanId} of ${scan.project}: ${diff.counts.new} new, ${diff.counts.modified} modified, ` +
        `${diff.counts.removed} removed, ${diff.counts.unchanged} unchanged`,
    );
  }
}
