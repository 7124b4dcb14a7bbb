import type {
  ColumnDefault,
  ColumnDefinition,
  ColumnType,
  ConstraintDefinition,
  IndexDefinition,
  OrmModel,
} from '@schematrace/contracts';

/** The event that created or changed a schema element; `sequence` is its position in history. */
export interface EventRef {
  readonly eventId: string;
  readonly kind: string;
  readonly sequence?: number;
}

/** Every element knows the event that created it and each event that changed it since. */
export interface Provenance {
  readonly createdBy: EventRef;
  readonly changedBy: readonly EventRef[];
}

export interface ColumnState extends ColumnDefinition, Provenance {}
export interface IndexState extends IndexDefinition, Provenance {}
export interface ConstraintState extends ConstraintDefinition, Provenance {}

export interface TriggerState extends Provenance {
  readonly name: string;
  readonly function?: string;
}

export interface PolicyState extends Provenance {
  readonly name: string;
}

export interface TableState extends Provenance {
  readonly schema?: string;
  readonly name: string;
  readonly model?: OrmModel;
  readonly comment?: string;
  /** Known to have partitions (a partition was attached to it). */
  readonly partitioned?: boolean;
  /** Storage options set on it: `unlogged`, `access-method`, `replica-identity`, ... */
  readonly options: Readonly<Record<string, string>>;
  readonly columns: readonly ColumnState[];
  readonly indexes: readonly IndexState[];
  readonly constraints: readonly ConstraintState[];
  readonly triggers: readonly TriggerState[];
  readonly policies: readonly PolicyState[];
}

export interface NamedObjectState extends Provenance {
  readonly schema?: string;
  readonly name: string;
}

export interface EnumState extends NamedObjectState {
  readonly values: readonly string[];
}

export interface ViewState extends NamedObjectState {
  readonly definition?: string;
  readonly materialized: boolean;
}

export interface SequenceState extends NamedObjectState {
  readonly type?: string;
}

export interface ExtensionState extends NamedObjectState {
  readonly version?: string;
}

export interface DomainState extends NamedObjectState {
  readonly type: ColumnType;
  readonly nullable: boolean;
  readonly default?: ColumnDefault;
  readonly checks: readonly string[];
}

export interface FunctionState extends NamedObjectState {
  readonly routine: 'function' | 'procedure';
  readonly language?: string;
}

/** An event that did not fit the schema at its point; kept, never thrown away. */
export interface Anomaly {
  readonly eventId: string;
  readonly sequence?: number;
  readonly reason: string;
}

/**
 * The schema at one point. Plain, immutable data, so a state is its own snapshot: serialise
 * it, store it, resume folding from it. Every record is keyed by `objectKey` (the
 * schema-qualified name, `public` left out).
 */
export interface SchemaState {
  readonly tables: Readonly<Record<string, TableState>>;
  readonly enums: Readonly<Record<string, EnumState>>;
  readonly views: Readonly<Record<string, ViewState>>;
  readonly sequences: Readonly<Record<string, SequenceState>>;
  readonly extensions: Readonly<Record<string, ExtensionState>>;
  readonly domains: Readonly<Record<string, DomainState>>;
  readonly functions: Readonly<Record<string, FunctionState>>;
  /** Schemas created by migrations (`public` exists without one). */
  readonly schemas: Readonly<Record<string, NamedObjectState>>;
  readonly anomalies: readonly Anomaly[];
  /** How many events were folded in; with numbered events, the last sequence number. */
  readonly position: number;
}

/** The kinds of named objects besides tables, and the record of the state that holds them. */
export const OBJECT_RECORDS = [
  'enums',
  'views',
  'sequences',
  'extensions',
  'domains',
  'functions',
  'schemas',
] as const;
export type ObjectRecord = (typeof OBJECT_RECORDS)[number];

export const EMPTY_SCHEMA: SchemaState = Object.freeze({
  tables: {},
  enums: {},
  views: {},
  sequences: {},
  extensions: {},
  domains: {},
  functions: {},
  schemas: {},
  anomalies: [],
  position: 0,
});

/** The key of a table or other named object: `name`, or `schema.name` outside `public`. */
export function objectKey(object: { readonly schema?: string; readonly name: string }): string {
  return object.schema && object.schema !== 'public'
    ? `${object.schema}.${object.name}`
    : object.name;
}

/** Tables and the other objects share one key scheme. */
export const tableKey = objectKey;
