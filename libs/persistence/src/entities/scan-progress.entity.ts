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
