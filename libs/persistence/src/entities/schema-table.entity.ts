import { EntitySchema } from '@mikro-orm/core';

/**
 * One existence interval of a table: from the event that created it (or renamed it to this
 * name) to the one that removed it; dropped and re-created tables have several.
 */
export interface SchemaTableRow {
  /** A stable number for the interval: the original API's model id. */
  modelId: number;
  project: string;
  tableKey: string;
  name: string;
  model: unknown;
  /** The table's comment (the original API's model description). */
  comment: string | null;
  addedSequence: number;
  removedSequence: number | null;
}

export const SchemaTableEntity = new EntitySchema<SchemaTableRow>({
  name: 'SchemaTable',
  tableName: 'schema_tables',
  properties: {
    project: { type: 'string', length: 100, primary: true },
    tableKey: { type: 'text', primary: true },
    addedSequence: { type: 'bigint', primary: true },
    modelId: { type: 'bigint', columnType: 'bigserial', autoincrement: true, unique: true },
    name: { type: 'text' },
    model: { type: 'json', nullable: true },
    comment: { type: 'text', nullable: true },
    removedSequence: { type: 'bigint', nullable: true },
  },
});

/** One existence interval of a column, with its latest definition within the interval. */
export interface SchemaColumnRow {
  project: string;
  tableKey: string;
  name: string;
  definition: unknown;
  addedSequence: number;
  changedSequence: number;
  removedSequence: number | null;
}

export const SchemaColumnEntity = new EntitySchema<SchemaColumnRow>({
  name: 'SchemaColumn',
  tableName: 'schema_columns',
  properties: {
    project: { type: 'string', length: 100, primary: true },
    tableKey: { type: 'text', primary: true },
    name: { type: 'text', primary: true },
    addedSequence: { type: 'bigint', primary: true },
    definition: { type: 'json' },
    changedSequence: { type: 'bigint' },
    removedSequence: { type: 'bigint', nullable: true },
  },
});
