import { Injectable, Logger } from '@nestjs/common';
import { CONTRACT_VERSION, TopicName, type ScanMessage } from '@schematrace/contracts';
import { MessagePublisher, UnprocessableMessageError } from '@schematrace/messaging';
import { ScanLedgerRepository, type Scan } from '@schematrace/persistence';
import { checksumMismatches, diffScanAgainstLedger, type LedgerDiff } from './ledger-diff';

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
    private readonly scans: ScanLedgerRepository,
    private readonly publisher: MessagePublisher,
  ) {}

  async receive(message: ScanMessage): Promise<void> {
    const mismatched = checksumMismatches(message.files);
    if (mismatched.length > 0) {
      throw new UnprocessableMessageError(
        `checksum does not match the content of ${mismatched.join(', ')}`,
      );
    }
    await this.scans.inTransaction(async (ledger) => {
      // A scan published straight to the topic (`schematrace scan --kafka`) names its project.
      await ledger.ensureProject(message.project);
      await ledger.recordPart(message);
      const scan = await ledger.lockScan(message.scanId);
      if (scan.project !== message.project) {
        throw new UnprocessableMessageError(
          `scan ${message.scanId} belongs to project ${scan.project}, not ${message.project}`,
        );
      }
      if (scan.status !== 'receiving') return;
      const parts = await ledger.parts(message.scanId);
      if (parts.length < scan.partCount) return;
      const diff = diffScanAgainstLedger(parts.flat(), await ledger.migrations(scan.project));
      await this.publishChanges(scan, diff);
      await ledger.recordIngested(scan, diff.migrations, diff.counts);
      this.log.log(
        `scan ${scan.scanId} of ${scan.project}: ${diff.counts.new} new, ${diff.counts.modified} modified, ` +
          `${diff.counts.removed} removed, ${diff.counts.unchanged} unchanged`,
      );
    });
  }

  private async publishChanges(scan: Scan, diff: LedgerDiff): Promise<void> {
    if (!diff.changed) return;
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
}
