import type {
  ColumnDefinition,
  ConstraintDefinition,
  IndexDefinition,
  OrmModel,
} from '@schematrace/contracts';

/** The event that created or changed a schema element; `sequence` is set once projected. */
export interface EventRef {
  readonly eventId: string;
  readonly kind: string;
  readonly sequence?: number;
}

export interface ColumnState extends ColumnDefinition {
  readonly createdBy: EventRef;
  readonly changedBy: readonly EventRef[];
}

export interface IndexState extends IndexDefinition {
  readonly createdBy: EventRef;
}

export interface ConstraintState extends ConstraintDefinition {
  readonly createdBy: EventRef;
}

export interface TableState {
  readonly schema?: string;
  readonly name: string;
  readonly model?: OrmModel;
  readonly columns: readonly ColumnState[];
  readonly indexes: readonly IndexState[];
  readonly constraints: readonly ConstraintState[];
  readonly createdBy: EventRef;
  readonly changedBy: readonly EventRef[];
}

/** An event that did not fit the schema at its point; kept, never thrown away. */
export interface Anomaly {
  readonly eventId: string;
  readonly sequence?: number;
  readonly reason: string;
}

/**
 * The schema at one point. Plain data, so a state is its own snapshot: serialise it, store it,
 * resume folding from it.
 */
export interface SchemaState {
  /** Keyed by `tableKey` (schema-qualified name). */
  readonly tables: Readonly<Record<string, TableState>>;
  readonly anomalies: readonly Anomaly[];
  /** How many events were folded in; with projected events, the last sequence number. */
  readonly position: number;
}

export const EMPTY_SCHEMA: SchemaState = Object.freeze({ tables: {}, anomalies: [], position: 0 });

export function tableKey(table: { schema?: string; name: string }): string {
  return table.schema && table.schema !== 'public' ? `${table.schema}.${table.name}` : table.name;
}
