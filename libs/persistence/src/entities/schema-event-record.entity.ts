import { EntitySchema } from '@mikro-orm/core';
import type { SchemaEvent } from '@schematrace/contracts';

/** The projected event log: every event once, with its per-project sequence number. */
export interface SchemaEventRecord {
  id: string;
  /** A global number in recording order: the original API's event id. */
  number: number;
  project: string;
  sequence: number;
  kind: string;
  scanId: string;
  migrationPath: string;
  migrationName: string;
  occurredAt: Date;
  event: SchemaEvent;
  recordedAt: Date;
}

export const SchemaEventRecordEntity = new EntitySchema<SchemaEventRecord>({
  name: 'SchemaEventRecord',
  tableName: 'schema_events',
  uniques: [{ properties: ['project', 'sequence'] }],
  indexes: [{ properties: ['project', 'kind'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    number: { type: 'bigint', columnType: 'bigserial', autoincrement: true, unique: true },
    project: { type: 'string', length: 100 },
    sequence: { type: 'bigint', mapToPk: false },
    kind: { type: 'string', length: 40 },
    scanId: { type: 'string', length: 64 },
    migrationPath: { type: 'text' },
    migrationName: { type: 'text' },
    occurredAt: { type: 'Date', columnType: 'timestamptz' },
    event: { type: 'json' },
    recordedAt: { type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()' },
  },
});
