import { CONTRACT_VERSION, type SchemaEvent } from '@schematrace/contracts';
import { EMPTY_SCHEMA } from '@schematrace/domain';
import { foldProjectBatch } from './project-events';

let counter = 0;
function event(
  kind: SchemaEvent['kind'],
  payload: unknown,
  id = `00000000-0000-5000-8000-${String(++counter).padStart(12, '0')}`,
) {
  return {
    id,
    contractVersion: CONTRACT_VERSION,
    project: 'shop',
    scanId: 's',
    scanEventCount: 1,
    migration: {
      framework: 'django',
      app: 'shop',
      name: '0001',
      path: 'p',
      checksum: 'c',
      order: 0,
    },
    opIndex: 0,
    subIndex: 0,
    occurredAt: '2026-01-01T00:00:00.000Z',
    occurredAtSource: 'scan',
    source: { adapter: 'test', version: '1' },
    kind,
    payload,
  } as SchemaEvent;
}

const column = (name: string) => ({
  name,
  type: { sql: 'integer' },
  nullable: false,
  unique: false,
  primaryKey: false,
  default: { kind: 'none' },
});

describe('foldProjectBatch', () => {
  it('numbers events after the head and opens intervals for what they create', () => {
    const created = event('table.created', { table: { name: 'shop_product' } });
    const added = event('column.added', { table: { name: 'shop_product' }, column: column('id') });

    const fold = foldProjectBatch(
      { state: EMPTY_SCHEMA, lastSequence: 0 },
      [created, added],
      new Set(),
    );

    expect(fold.projected.map((p) => p.sequence)).toEqual([1, 2]);
    expect(fold.lastSequence).toBe(2);
    expect(fold.tables).toEqual([
      {
        kind: 'insert',
        tableKey: 'shop_product',
        addedSequence: 1,
        changedSequence: 2,
        removedSequence: null,
        value: { name: 'shop_product' },
      },
    ]);
    expect(fold.columns).toEqual([
      expect.objectContaining({
        kind: 'insert',
        column: 'id',
        addedSequence: 2,
        removedSequence: null,
      }),
    ]);
    expect(fold.state.tables['shop_product']!.columns[0]!.createdBy).toEqual({
      eventId: added.id,
      kind: 'column.added',
      sequence: 2,
    });
  });

  it('skips events already recorded and duplicates inside the batch', () => {
    const created = event('table.created', { table: { name: 't' } });
    const other = event('table.created', { table: { name: 'u' } });

    const fold = foldProjectBatch(
      { state: EMPTY_SCHEMA, lastSequence: 7 },
      [created, created, other],
      new Set([created.id]),
    );

    expect(fold.projected.map((p) => [p.event.id, p.sequence])).toEqual([[other.id, 8]]);
  });

  it('keeps a column added, dropped and added again inside one batch as two intervals', () => {
    const table = { name: 't' };
    const fold = foldProjectBatch(
      { state: EMPTY_SCHEMA, lastSequence: 0 },
      [
        event('table.created', { table }),
        event('column.added', { table, column: column('a') }),
        event('column.dropped', { table, column: 'a' }),
        event('column.added', { table, column: column('a') }),
      ],
      new Set(),
    );

    expect(
      fold.columns.map((c) => [
        c.kind,
        c.column,
        'addedSequence' in c ? c.addedSequence : undefined,
        c.removedSequence,
      ]),
    ).toEqual([
      ['insert', 'a', 2, 3],
      ['insert', 'a', 4, null],
    ]);
  });

  it('updates or closes the intervals left open by earlier batches, and leaves other tables alone', () => {
    const first = foldProjectBatch(
      { state: EMPTY_SCHEMA, lastSequence: 0 },
      [
        event('table.created', { table: { name: 'a' } }),
        event('table.created', { table: { name: 'b' } }),
        event('column.added', { table: { name: 'b' }, column: column('x') }),
      ],
      new Set(),
    );

    const second = foldProjectBatch(
      first,
      [
        event('column.type_changed', {
          table: { name: 'b' },
          column: 'x',
          type: { sql: 'bigint' },
        }),
        event('table.dropped', { table: { name: 'b' } }),
      ],
      new Set(),
    );

    expect(second.tables.map((c) => [c.kind, c.tableKey, c.removedSequence])).toEqual([
      ['update', 'b', 5],
    ]);
    expect(
      second.columns.map((c) => [c.kind, c.column, c.changedSequence, c.removedSequence]),
    ).toEqual([['update', 'x', 5, 5]]);
    expect((second.columns[0] as { value?: { type: { sql: string } } }).value?.type.sql).toBe(
      'bigint',
    );
  });
});
