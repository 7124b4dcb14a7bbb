import { Client } from 'pg';

/**
 * A project's read models as rows, without what legitimately differs between two runs of the
 * same scans (scan ids, submission times, recording times), so two runs can be compared whole.
 */
export interface ProjectReadModels {
  readonly events: readonly { sequence: number; id: string; kind: string; event: unknown }[];
  readonly head: { lastSequence: number } | undefined;
  readonly tables: readonly Record<string, unknown>[];
  readonly columns: readonly Record<string, unknown>[];
}

export async function readModels(
  databaseUrl: string,
  projects: readonly string[],
): Promise<Record<string, ProjectReadModels>> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const models: Record<string, ProjectReadModels> = {};
    for (const project of projects) {
      const events = await db.query<{
        sequence: number;
        id: string;
        kind: string;
        event: Record<string, unknown>;
      }>(
        `select sequence::int, id, kind, event from schema_events where project = $1
          order by sequence, id`,
        [project],
      );
      const heads = await db.query<{ last_sequence: number }>(
        'select last_sequence::int from project_heads where project = $1',
        [project],
      );
      const tables = await db.query(
        `select table_key, added_sequence::int, name, model, comment, removed_sequence::int
           from schema_tables where project = $1 order by table_key, added_sequence`,
        [project],
      );
      const columns = await db.query(
        `select table_key, name, added_sequence::int, definition, changed_sequence::int,
                removed_sequence::int
           from schema_columns where project = $1 order by table_key, name, added_sequence`,
        [project],
      );
      const head = heads.rows[0];
      models[project] = {
        events: events.rows.map(({ sequence, id, kind, event }) => {
          const { scanId: _scanId, occurredAt: _occurredAt, ...stable } = event;
          return { sequence, id, kind, event: stable };
        }),
        head: head && { lastSequence: head.last_sequence },
        tables: tables.rows,
        columns: columns.rows,
      };
    }
    return models;
  } finally {
    await db.end();
  }
}
