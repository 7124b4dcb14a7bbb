import { EntitySchema } from '@mikro-orm/core';

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
    // Read and written whole, never queried inside: plain json skips jsonb's conversions, about
    // a third of a time-travel read and half a snapshot write for a schema of a few megabytes.
    state: { type: 'json', columnType: 'json' },
    createdAt: { type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()' },
  },
});
