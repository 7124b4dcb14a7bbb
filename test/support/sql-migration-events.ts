import { CONTRACT_VERSION, eventId, type SchemaEvent } from '@schematrace/contracts';

/**
 * A canonical event of the SQL migration `db/1.sql`, built by hand for tests that need stored
 * events without running the parser. `scanEventCount` defaults to 1.
 */
export function sqlMigrationEvent(
  project: string,
  opIndex: number,
  kind: SchemaEvent['kind'],
  payload: unknown,
  scan: { readonly id?: string; readonly eventCount?: number } = {},
): SchemaEvent {
  return {
    id: eventId({ project, framework: 'sql', migrationKey: 'db/1', opIndex, subIndex: 0 }),
    contractVersion: CONTRACT_VERSION,
    project,
    scanId: scan.id ?? 's',
    scanEventCount: scan.eventCount ?? 1,
    migration: {
      framework: 'sql',
      app: 'db',
      name: '1',
      path: 'db/1.sql',
      checksum: 'c',
      order: 0,
    },
    opIndex,
    subIndex: 0,
    occurredAt: '2026-01-01T00:00:00.000Z',
    occurredAtSource: 'scan',
    source: { adapter: 'test', version: '1' },
    kind,
    payload,
  } as SchemaEvent;
}

/** `table.created` of a table with no columns. */
export function tableCreated(project: string, name: string, opIndex: number): SchemaEvent {
  return sqlMigrationEvent(project, opIndex, 'table.created', { table: { name } });
}
