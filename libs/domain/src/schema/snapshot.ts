import { EMPTY_SCHEMA, OBJECT_RECORDS, type SchemaState, type TableState } from './schema-state';

/**
 * A stored schema state as it comes back from storage, made whole. States written by an
 * earlier version of this library lack records and fields added since (other objects,
 * triggers, options, provenance of indexes): they are filled with their empty values, so
 * folding resumes from any stored snapshot instead of refolding the whole history.
 */
export function restoreSchemaState(stored: unknown): SchemaState {
  const raw = (stored ?? {}) as Partial<SchemaState>;
  // States written since objects other than tables were folded have every record and field:
  // hand them back as they are (copying a large schema per query was the cost of time travel).
  if (isCurrentShape(raw)) return raw;
  const tables: Record<string, TableState> = {};
  for (const [key, table] of Object.entries(raw.tables ?? {})) tables[key] = restoreTable(table);
  const restored: Record<string, unknown> = {
    ...EMPTY_SCHEMA,
    anomalies: raw.anomalies ?? [],
    position: raw.position ?? 0,
    tables,
  };
  for (const record of OBJECT_RECORDS) restored[record] = raw[record] ?? {};
  return restored as unknown as SchemaState;
}

function isCurrentShape(raw: Partial<SchemaState>): raw is SchemaState {
  return (
    raw.tables !== undefined &&
    raw.anomalies !== undefined &&
    raw.position !== undefined &&
    OBJECT_RECORDS.every((record) => raw[record] !== undefined)
  );
}

function restoreTable(table: TableState): TableState {
  return {
    ...table,
    options: table.options ?? {},
    changedBy: table.changedBy ?? [],
    columns: table.columns.map((column) => ({ ...column, changedBy: column.changedBy ?? [] })),
    indexes: table.indexes.map((index) => ({ ...index, changedBy: index.changedBy ?? [] })),
    constraints: table.constraints.map((constraint) => ({
      ...constraint,
      changedBy: constraint.changedBy ?? [],
    })),
    triggers: table.triggers ?? [],
    policies: table.policies ?? [],
  };
}
