import {
  objectKey,
  type Anomaly,
  type ObjectRecord,
  type SchemaState,
  type TableState,
} from './schema-state';

type Writable<T> = { -readonly [K in keyof T]: T[K] };
type Records = Writable<Pick<SchemaState, 'tables' | ObjectRecord>>;
type ObjectOf<R extends ObjectRecord> = SchemaState[R][string];

/**
 * A mutable working copy of a schema state, used while folding. Records are copied on first
 * write and element objects are replaced, never changed, so the state it started from (and any
 * snapshot taken along the way) stays valid: a fold of n events costs O(n), not O(n × tables).
 */
export class SchemaDraft {
  private readonly records: Records;
  private readonly copied = new Set<keyof Records>();
  private anomalies: Anomaly[] | undefined;
  /** Index key (schema-qualified index name) → key of its table; built on first use. */
  private indexOwners: Map<string, string> | undefined;
  /** Table key → keys of the tables whose foreign keys point at it; built on first use. */
  private referrers: Map<string, Set<string>> | undefined;

  constructor(private readonly base: SchemaState) {
    this.records = {
      tables: base.tables,
      enums: base.enums,
      views: base.views,
      sequences: base.sequences,
      extensions: base.extensions,
      domains: base.domains,
      functions: base.functions,
      schemas: base.schemas,
    };
  }

  get tables(): SchemaState['tables'] {
    return this.records.tables;
  }

  table(key: string): TableState | undefined {
    return this.records.tables[key];
  }

  setTable(key: string, table: TableState): void {
    const previous = this.records.tables[key];
    this.writable('tables')[key] = table;
    if (this.indexOwners) {
      if (previous) this.forgetIndexes(previous);
      for (const index of table.indexes) this.indexOwners.set(indexKey(table, index.name), key);
    }
    if (this.referrers) {
      if (previous) this.forgetReferences(key, previous);
      this.rememberReferences(key, table);
    }
  }

  deleteTable(key: string): void {
    const previous = this.records.tables[key];
    if (!previous) return;
    delete this.writable('tables')[key];
    if (this.indexOwners) this.forgetIndexes(previous);
    if (this.referrers) this.forgetReferences(key, previous);
  }

  /** Keys of the tables with a foreign key (column or constraint) pointing at this table. */
  tablesReferencing(key: string): readonly string[] {
    if (!this.referrers) {
      this.referrers = new Map();
      for (const [owner, table] of Object.entries(this.records.tables))
        this.rememberReferences(owner, table);
    }
    return [...(this.referrers.get(key) ?? [])];
  }

  /** The key of the table that owns an index, looked up by the index's (qualified) name. */
  ownerOfIndex(index: { schema?: string; name: string }): string | undefined {
    if (!this.indexOwners) {
      this.indexOwners = new Map();
      for (const [key, table] of Object.entries(this.records.tables))
        for (const candidate of table.indexes)
          this.indexOwners.set(indexKey(table, candidate.name), key);
    }
    return this.indexOwners.get(objectKey(index));
  }

  object<R extends ObjectRecord>(record: R, key: string): ObjectOf<R> | undefined {
    return this.records[record][key] as ObjectOf<R> | undefined;
  }

  objects<R extends ObjectRecord>(record: R): Readonly<Record<string, ObjectOf<R>>> {
    return this.records[record] as Readonly<Record<string, ObjectOf<R>>>;
  }

  setObject<R extends ObjectRecord>(record: R, key: string, value: ObjectOf<R>): void {
    (this.writable(record) as Record<string, ObjectOf<R>>)[key] = value;
  }

  deleteObject(record: ObjectRecord, key: string): void {
    if (this.records[record][key]) delete this.writable(record)[key];
  }

  flag(anomaly: Anomaly): void {
    (this.anomalies ??= [...this.base.anomalies]).push(anomaly);
  }

  toState(position: number): SchemaState {
    const state: SchemaState = {
      ...this.records,
      anomalies: this.anomalies ?? this.base.anomalies,
      position,
    };
    // Later writes must not leak into a state already handed out.
    this.copied.clear();
    if (this.anomalies) this.anomalies = [...this.anomalies];
    return state;
  }

  /**
   * The draft as a state without freezing it: valid only until the draft next changes. For
   * readers that look and forget, such as risk rules judging the schema before an event.
   */
  view(position: number): SchemaState {
    return { ...this.records, anomalies: this.anomalies ?? this.base.anomalies, position };
  }

  private writable<K extends keyof Records>(name: K): Writable<Records[K]> {
    if (!this.copied.has(name)) {
      this.records[name] = { ...this.records[name] };
      this.copied.add(name);
    }
    return this.records[name];
  }

  private rememberReferences(owner: string, table: TableState): void {
    for (const target of referencedTables(table)) {
      let owners = this.referrers!.get(target);
      if (!owners) this.referrers!.set(target, (owners = new Set()));
      owners.add(owner);
    }
  }

  private forgetReferences(owner: string, table: TableState): void {
    for (const target of referencedTables(table)) this.referrers!.get(target)?.delete(owner);
  }

  private forgetIndexes(table: TableState): void {
    for (const index of table.indexes) this.indexOwners?.delete(indexKey(table, index.name));
  }
}

/** Per table object (tables are replaced, never changed): a table is remembered, then forgotten. */
const referencedTablesOf = new WeakMap<TableState, Set<string>>();

function referencedTables(table: TableState): Set<string> {
  const known = referencedTablesOf.get(table);
  if (known) return known;
  const targets = new Set<string>();
  for (const column of table.columns)
    if (column.references) targets.add(objectKey(column.references.table));
  for (const constraint of table.constraints)
    if (constraint.references) targets.add(objectKey(constraint.references.table));
  referencedTablesOf.set(table, targets);
  return targets;
}

function indexKey(table: TableState, name: string): string {
  return objectKey({ ...(table.schema ? { schema: table.schema } : {}), name });
}
