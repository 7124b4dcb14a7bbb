import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { LedgerMigration as LedgerMigrationChange, ScanMessage } from '@schematrace/contracts';
import { LedgerMigrationEntity, type LedgerMigration } from '../entities/ledger-migration.entity';
import { ProjectEntity } from '../entities/project.entity';
import { ScanEntity, ScanPartEntity, type Scan } from '../entities/scan.entity';

export interface LedgerCounts {
  readonly new: number;
  readonly modified: number;
  readonly removed: number;
  readonly unchanged: number;
}

/** Opens ingestion's transactions over scans, their parts and the migration ledger. */
@Injectable()
export class ScanLedgerRepository {
  constructor(private readonly em: EntityManager) {}

  inTransaction<T>(work: (ledger: ScanLedgerTransaction) => Promise<T>): Promise<T> {
    return this.em.fork().transactional((em) => work(new ScanLedgerTransaction(em)));
  }
}

/** Ingestion's reads and writes inside one scan part's transaction. */
export class ScanLedgerTransaction {
  constructor(private readonly em: EntityManager) {}

  /** A producer's first scan names the project (through the gateway or straight to Kafka). */
  async ensureProject(key: string): Promise<void> {
    await this.em.upsert(ProjectEntity, { key, description: null }, { onConflictAction: 'ignore' });
  }

  /** Keeps the part (once, however often it is delivered) under its scan. */
  async recordPart(message: ScanMessage): Promise<void> {
    await this.em.upsert(
      ScanEntity,
      {
        scanId: message.scanId,
        project: message.project,
        status: 'receiving',
        partCount: message.part.count,
      },
      { onConflictAction: 'ignore' },
    );
    await this.em.upsert(
      ScanPartEntity,
      { scanId: message.scanId, partIndex: message.part.index, files: message.files },
      { onConflictAction: 'ignore' },
    );
  }

  /** The scan, locked until the transaction ends: its last part is ingested exactly once. */
  lockScan(scanId: string): Promise<Scan> {
    return this.em.findOneOrFail(ScanEntity, { scanId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  /** The parts received so far, in order. */
  async parts(scanId: string): Promise<ScanMessage['files'][]> {
    const parts = await this.em.find(ScanPartEntity, { scanId }, { orderBy: { partIndex: 'asc' } });
    return parts.map((part) => part.files);
  }

  /** What earlier scans recorded of the project's migration files. */
  migrations(project: string): Promise<LedgerMigration[]> {
    return this.em.find(LedgerMigrationEntity, { project });
  }

  /** Writes what the scan changed into the ledger, and marks the scan ingested. */
  async recordIngested(
    scan: Scan,
    changes: readonly LedgerMigrationChange[],
    counts: LedgerCounts,
  ): Promise<void> {
    for (const migration of changes) {
      if (migration.change === 'unchanged') continue;
      if (migration.change === 'removed') {
        await this.em.nativeUpdate(
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
      await this.em.upsert(LedgerMigrationEntity, row, {
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
    await this.em.nativeUpdate(
      ScanEntity,
      { scanId: scan.scanId },
      {
        status: 'ingested',
        newCount: counts.new,
        modifiedCount: counts.modified,
        removedCount: counts.removed,
        unchangedCount: counts.unchanged,
        ingestedAt: new Date(),
      },
    );
    // The files now live in the ledger; the parts were only a waiting room.
    await this.em.nativeDelete(ScanPartEntity, { scanId: scan.scanId });
  }
}
