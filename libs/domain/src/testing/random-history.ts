import fc from 'fast-check';
import { op, type Op } from './history';

/**
 * Random operations over a small pool of names, so they collide often: renames onto existing
 * names, drops of missing columns, re-adds. Some do not fit the schema they meet (they become
 * anomalies); the properties must hold all the same.
 */
const tables = ['users', 'orders', 'items', 'accounts'] as const;
const columns = ['id', 'email', 'total', 'note', 'state'] as const;
const types = ['bigint', 'integer', 'text', 'varchar(80)', 'numeric(10,2)', 'timestamptz'] as const;

const table = fc.constantFrom(...tables);
const column = fc.constantFrom(...columns);
const type = fc.constantFrom(...types);
const ref = table.map((name) => ({ name }));

export const randomOp: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: ref.map((table) => op('table.created', { table })) },
  { weight: 1, arbitrary: ref.map((table) => op('table.dropped', { table })) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(ref, table)
      .map(([table, newName]) => op('table.renamed', { table, newName })),
  },
  {
    weight: 6,
    arbitrary: fc
      .tuple(ref, column, type, fc.boolean())
      .map(([table, name, sql, nullable]) =>
        op('column.added', { table, column: { name, type: { sql }, nullable } }),
      ),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(ref, column)
      .map(([table, name]) => op('column.dropped', { table, column: name })),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(ref, column, column)
      .map(([table, name, newName]) => op('column.renamed', { table, column: name, newName })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(ref, column, type)
      .map(([table, name, sql]) =>
        op('column.type_changed', { table, column: name, type: { sql } }),
      ),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(ref, column, fc.boolean())
      .map(([table, name, nullable]) =>
        op('column.nullability_changed', { table, column: name, nullable }),
      ),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(ref, column, fc.nat(3)).map(([table, name, n]) =>
      op('index.created', {
        table,
        index: { name: `${table.name}_${name}_${n}`, columns: [name] },
      }),
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(table, column, fc.nat(3))
      .map(([name, columnName, n]) => op('index.dropped', { name: `${name}_${columnName}_${n}` })),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(ref, column).map(([table, name]) =>
      op('constraint.added', {
        table,
        constraint: {
          name: `${table.name}_${name}_check`,
          type: 'check',
          columns: [name],
          expression: `${name} is not null`,
        },
      }),
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('mood', 'state')
      .map((name) => op('enum.created', { name, values: ['a', 'b'] })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('mood', 'state'), fc.constantFrom('c', 'd', 'a'))
      .map(([name, addedValue]) => op('enum.altered', { name, addedValue })),
  },
);

/** Migrations of random operations: lists of 1–6 operations each. */
export const randomMigrations = fc.array(fc.array(randomOp, { minLength: 1, maxLength: 6 }), {
  minLength: 1,
  maxLength: 25,
});
