import type { ColumnDefinition, OrmModel } from '@schematrace/contracts';

/**
 * A change to one existence interval of a table or column in the read models
 * (`changedSequence`: the last event that touched it). `insert` opens an interval in this batch
 * (and may close it again); `update` changes the interval still open in the database from an
 * earlier batch.
 */
export type IntervalChange<T> =
  | {
      readonly kind: 'insert';
      readonly tableKey: string;
      readonly column?: string;
      readonly addedSequence: number;
      changedSequence: number;
      removedSequence: number | null;
      value: T;
    }
  | {
      readonly kind: 'update';
      readonly tableKey: string;
      readonly column?: string;
      changedSequence: number;
      removedSequence: number | null;
      /** Absent when the update only closes the interval. */
      value?: T;
    };

/** What a table's row holds besides its interval. */
export interface TableValue {
  readonly name: string;
  readonly model?: OrmModel;
  readonly comment?: string;
}

export type TableIntervalChange = IntervalChange<TableValue>;
export type ColumnIntervalChange = IntervalChange<ColumnDefinition>;
