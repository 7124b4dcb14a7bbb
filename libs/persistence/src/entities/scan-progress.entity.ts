import { EntitySchema } from '@mikro-orm/core';

/** How far the projector got with one scan's events: projected of expected. */
export interface ScanProgress {
  scanId: string;
  project: string;
  expected: number;
  projected: number;
  lastSequence: number;
  updatedAt: Date;
}

export const ScanProgressEntity = new EntitySchema<ScanProgress>({
  name: 'ScanProgress',
  tableName: 'scan_progress',
  properties: {
    scanId: { type: 'string', length: 64, primary: true },
    project: { type: 'string', length: 100 },
    expected: { type: 'integer' },
    projected: { type: 'integer' },
    lastSequence: { type: 'bigint' },
    updatedAt: { type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()' },
  },
});

/** A stored schema state at a sequence number: time travel folds from the nearest one. */
export interface SchemaSnapshot {
  project: string;
  sequence: number;
  state: unknown;
  createdAt: Date;
}

export const SchemaSnapshotEntity = new EntitySchema<SchemaSnapshot>({
  name: 'SchemaSnapshot',
  tableName: 'schema_snapshots',
  properties: {
    project: { type: 'string', length: 100, primary: true },
    sequence: { type: 'bigint', primary: true },
    state: { type: 'json' },
    createdAt: { type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()' },
  },
});
