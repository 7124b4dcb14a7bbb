import { fold } from '../schema/evolve';
import { EMPTY_SCHEMA } from '../schema/schema-state';
import { createTable, history, migration, op, t } from '../testing/history';
import { applyDiff, diffSchemas, isEmptyDiff } from './schema-diff';
import { renderDiff } from './render-diff';

const before = history(
  migration('0001', [
    ...createTable('products', 'id bigint pk', 'name varchar(100)', 'legacy text null'),
    ...createTable('legacy_orders', 'id bigint'),
    op('index.created', {
      table: t('products'),
      index: { name: 'products_name_idx', columns: ['name'] },
    }),
    op('enum.created', { name: 'state', values: ['new'] }),
  ]),
);
const after = [
  ...before,
  ...history(
    migration('0002', [
      op('column.type_changed', {
        table: t('products'),
        column: 'name',
        type: { sql: 'varchar(200)' },
      }),
      op('column.renamed', { table: t('products'), column: 'legacy', newName: 'notes' }),
      op('column.added', {
        table: t('products'),
        column: {
          name: 'price',
          type: { sql: 'numeric(10,2)' },
          nullable: false,
          default: { kind: 'constant', value: '0' },
        },
      }),
      op('index.dropped', { name: 'products_name_idx' }),
      op('table.dropped', { table: t('legacy_orders') }),
      op('table.renamed', { table: t('products'), newName: 'items' }),
      ...createTable('carts', 'id bigint'),
      op('enum.altered', { name: 'state', addedValue: 'paid' }),
    ]),
  ),
];

describe('diffSchemas', () => {
  const a = fold(before, EMPTY_SCHEMA);
  const b = fold(after, EMPTY_SCHEMA);
  const diff = diffSchemas(a, b);

  it('reports added, removed and changed elements, following renames by identity', () => {
    expect(diff.tables.added.map((table) => table.name)).toEqual(['carts']);
    expect(diff.tables.removed.map((table) => table.name)).toEqual(['legacy_orders']);
    const [items] = diff.tables.changed;
    expect(items!.before.name).toBe('products');
    expect(items!.after.name).toBe('items');
    expect(items!.fields).toEqual(['name']);
    expect(items!.parts.columns.added.map((column) => column.name)).toEqual(['price']);
    expect(
      items!.parts.columns.changed.map((change) => [change.after.name, change.fields]),
    ).toEqual([
      ['name', ['type']],
      ['notes', ['name']],
    ]);
    expect(items!.parts.indexes.removed.map((index) => index.name)).toEqual(['products_name_idx']);
    expect(diff.objects.enums.changed[0]!.fields).toEqual(['values']);
  });

  it('reads as text', () => {
    expect(renderDiff(diff)).toBe(
      [
        '+ table carts',
        '    + column id bigint not null',
        '- table legacy_orders',
        '~ table items (was products)',
        '    + column price numeric(10,2) not null default 0',
        '    ~ column name: type varchar(100) → varchar(200)',
        '    ~ column notes (was legacy)',
        '    - index products_name_idx',
        '~ enum state: values ["new"] → ["new","paid"]',
      ].join('\n'),
    );
  });

  it('is empty between a point and itself, and applying it to the start gives the end', () => {
    expect(isEmptyDiff(diffSchemas(b, b))).toBe(true);
    expect(renderDiff(diffSchemas(a, a))).toBe('no changes');
    const applied = applyDiff(a, diff);
    expect(applied.tables).toEqual(b.tables);
    expect(applied.enums).toEqual(b.enums);
  });
});
