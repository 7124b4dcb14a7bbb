/*
 * The columns the projector writes in each read-model table it derives from `schema-events`,
 * with their SQL types: what its inserts name, what a rebuilt copy must match, and what the
 * benchmark's insert ceiling writes.
 */

/** `schema_events`: the event log. */
export const SCHEMA_EVENT_COLUMNS = {
  id: 'uuid',
  project: 'text',
  sequence: 'bigint',
  kind: 'text',
  scan_id: 'text',
  migration_path: 'text',
  migration_name: 'text',
  occurred_at: 'timestamptz',
  event: 'jsonb',
} as const;

/** `schema_tables`: one existence interval of a table per row. */
export const TABLE_INTERVAL_COLUMNS = {
  project: 'text',
  table_key: 'text',
  added_sequence: 'bigint',
  name: 'text',
  model: 'jsonb',
  comment: 'text',
  removed_sequence: 'bigint',
} as const;

/** `schema_columns`: one existence interval of a column per row. */
export const COLUMN_INTERVAL_COLUMNS = {
  project: 'text',
  table_key: 'text',
  name: 'text',
  added_sequence: 'bigint',
  definition: 'jsonb',
  changed_sequence: 'bigint',
  removed_sequence: 'bigint',
} as const;

/** `name type, …`: the record definition that turns a JSON array back into these rows. */
export function recordDefinition(columns: Readonly<Record<string, string>>): string {
  return Object.entries(columns)
    .map(([name, type]) => `${name} ${type}`)
    .join(', ');
}
