import { EntitySchema } from '@mikro-orm/core';

/** A table of a project's schema with the sequence interval it existed in (removed ones kept). */
export interface SchemaTableRow {
  project: string;
  tableKey: string;
  name: string;
  model: unknown;
  addedSequence: number;
  removedSequence: number | null;
}

export const SchemaTableEntity = new EntitySchema<SchemaTableRow>({
  name: 'SchemaTable',
  tableName: 'schema_tables',
  properties: {
    project: { type: 'string', length: 100, primary: true },
    tableKey: { type: 'text', primary: true },
    name: { type: 'text' },
    model: { type: 'json', nullable: true },
    addedSequence: { type: 'bigint', mapToPk: false },
    removedSequence: { type: 'bigint', nullable: true },
  },
});

/** A column of a table with its current definition and the interval it existed in. */
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
    definition: { type: 'json' },
    addedSequence: { type: 'bigint' },
    changedSequence: { type: 'bigint' },
    removedSequence: { type: 'bigint', nullable: true },
  },
});
