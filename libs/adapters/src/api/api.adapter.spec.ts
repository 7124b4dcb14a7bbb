import { createApiAdapter } from './api.adapter';
import { apiDocumentPath, type ApiDocument } from './api-document';

const adapter = createApiAdapter();

function source(document: unknown, id = 'a') {
  const createdAt = (document as ApiDocument).createdAt ?? '2024-01-12T10:30:00';
  return { path: apiDocumentPath(createdAt, id), content: JSON.stringify(document), checksum: id };
}

describe('the original API documents adapter', () => {
  it('detects only the gateway’s documents', () => {
    expect(
      adapter.detect({ path: '.schematrace/api/20240112103000000_a.json', content: '{}' }),
    ).toBe(true);
    expect(adapter.detect({ path: 'db/migrate/001_a.json', content: '{}' })).toBe(false);
  });

  it('given a model and the README’s ADD_COLUMN, when parsed, then a table and its column', () => {
    const project = adapter.parseProject([
      source(
        {
          schematraceApi: 1,
          createdAt: '2024-01-12T10:30:00',
          operations: [
            {
              op: 'event',
              table: 'User',
              eventType: 'ADD_COLUMN',
              field: 'email',
              metadata: { type: 'varchar(120)', nullable: false },
            },
          ],
        },
        'b',
      ),
      source(
        {
          schematraceApi: 1,
          createdAt: '2024-01-12T10:00:00',
          operations: [{ op: 'create_model', table: 'User' }],
        },
        'a',
      ),
    ]);
    expect(
      project.migrations.map((migration) => migration.events.map((event) => event.kind)),
    ).toEqual([['table.created'], ['column.added']]);
    expect(project.migrations[1]!.events[0]!.payload).toMatchObject({
      table: { name: 'User' },
      column: {
        name: 'email',
        type: { sql: 'varchar(120)' },
        nullable: false,
        unique: false,
        default: { kind: 'none' },
      },
    });
    expect(project.migrations[1]!.timestampFromName).toBe('2024-01-12T10:30:00.000Z');
  });

  it.each([
    ['REMOVE_COLUMN', {}, 'column.dropped'],
    ['CHANGE_TYPE', { new_type: 'text' }, 'column.type_changed'],
    ['CHANGE_NULLABLE', { nullable: true }, 'column.nullability_changed'],
    ['ADD_INDEX', { unique: true }, 'index.created'],
    ['REMOVE_INDEX', {}, 'index.dropped'],
    ['RENAME_COLUMN', { new_name: 'mail' }, 'column.renamed'],
    ['CHANGE_TYPE', {}, 'migration.unparsed'],
    ['RENAME_COLUMN', {}, 'migration.unparsed'],
  ])('maps %s %j to %s', (eventType, metadata, kind) => {
    const [migration] = adapter.parseProject([
      source({
        schematraceApi: 1,
        createdAt: '2024-01-12T10:30:00Z',
        operations: [{ op: 'event', table: 'User', eventType, field: 'email', metadata }],
      }),
    ]).migrations;
    expect(migration!.events.map((event) => event.kind)).toEqual([kind]);
  });

  it('keeps a malformed document as unparsed with the reason', () => {
    const [broken] = adapter.parseProject([
      { path: '.schematrace/api/x.json', content: '{"schematraceApi": 2}', checksum: 'x' },
    ]).migrations;
    expect(broken!.events[0]).toMatchObject({ kind: 'migration.unparsed' });
    expect(JSON.stringify(broken!.events[0]!.payload)).toContain('schematraceApi');
  });
});
