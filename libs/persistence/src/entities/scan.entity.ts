import { EntitySchema } from '@mikro-orm/core';
import type { ScannedFile } from '@schematrace/contracts';

export type ScanStatus = 'receiving' | 'ingested';

/** A submitted scan, from its first part arriving to ingestion's verdict. */
export interface Scan {
  scanId: string;
  project: string;
  status: ScanStatus;
  partCount: number;
  newCount: number;
  modifiedCount: number;
  removedCount: number;
  unchangedCount: number;
  receivedAt: Date;
  ingestedAt: Date | null;
}

export const ScanEntity = new EntitySchema<Scan>({
  name: 'Scan',
  tableName: 'scans',
  properties: {
    scanId: { type: 'string', length: 64, primary: true },
    project: { type: 'string', length: 100, index: true },
    status: { type: 'string', length: 20 },
    partCount: { type: 'integer' },
    newCount: { type: 'integer', default: 0 },
    modifiedCount: { type: 'integer', default: 0 },
    removedCount: { type: 'integer', default: 0 },
    unchangedCount: { type: 'integer', default: 0 },
    receivedAt: { type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()' },
    ingestedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
  },
});

/** One part of a scan held until all parts are in. */
export interface ScanPart {
  scanId: string;
  partIndex: number;
  files: ScannedFile[];
}

export const ScanPartEntity = new EntitySchema<ScanPart>({
  name: 'ScanPart',
  tableName: 'scan_parts',
  properties: {
    scanId: { type: 'string', length: 64, primary: true },
    partIndex: { type: 'integer', primary: true },
    files: { type: 'json' },
  },
});
