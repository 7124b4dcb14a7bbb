import { CONTRACT_VERSION, type SchemaEvent } from '@schematrace/contracts';
import { evolve, fold } from './evolve';
import { EMPTY_SCHEMA, type SchemaState } from './schema-state';

let counter = 0;
function given(kind: SchemaEvent['kind'], payload: unknown): SchemaEvent {
  counter += 1;
  return {
    id: `00000000-0000-5000-8000-${String(counter).padStart(12, '0')}`,
    contractVersion: CONTRACT_VERSION,
    project: 'p',
    scanId: 's',
    scanEventCount: 1,
    migration: { framework: 'sql', app: 'db', name: 'm', path: 'm.sql', checksum: 'c', order: 0 },
    opIndex: counter,
    subIndex: 0,
    occurredAt: '2026-01-01T00:00:00.000Z',
    occurredAtSource: 'scan',
    source: { adapter: 'test', version: '1' },
    kind,
    payload,
  } as SchemaEvent;
}

const users = { name: 'users' };
const column = (name: string, sql = 'integer', nullable = false) => ({
  name,
  type: { sql },
  nullable,
  unique: false,
  primaryKey: false,
  default: { kind: 'none' as const },
});
const usersWithEmail = (): SchemaState =>
  fold(
    [
      given('table.created', { table: users }),
      given('column.added', { table: users, column: column('id') }),
      given('column.added', { table: users, column: column('email', 'varchar(120)') }),
      given('index.created', {
        table: users,
        index: { name: 'users_email_idx', columns: ['email'] },
      }),
      given('constraint.added', {
        table: users,
        constraint: { name: 'users_email_key', type: 'unique', columns: ['email'] },
      }),
    ],
    EMPTY_SCHEMA,
  );

describe('evolve', () => {
  it('builds tables and columns, each knowing the event that created it', () => {
    const state = usersWithEmail();

    expect(state.position).toBe(5);
    expect(state.tables['users']!.columns.map((c) => [c.name, c.type.sql])).toEqual([
      ['id', 'integer'],
      ['email', 'varchar(120)'],
    ]);
    expect(state.tables['users']!.columns[1]!.createdBy.kind).toBe('column.added');
  });

  it('records each change on the column it changed', () => {
    const change = given('column.type_changed', {
      table: users,
      column: 'email',
      type: { sql: 'text' },
    });

    const state = evolve(usersWithEmail(), change, 42);

    const email = state.tables['users']!.columns[1]!;
    expect(email.type.sql).toBe('text');
    expect(email.changedBy).toEqual([
      { eventId: change.id, kind: 'column.type_changed', sequence: 42 },
    ]);
    expect(state.position).toBe(42);
  });

  it('drops the indexes and constraints of a dropped column, as PostgreSQL does', () => {
    const state = evolve(
      usersWithEmail(),
      given('column.dropped', { table: users, column: 'email' }),
    );

    expect(state.tables['users']!.indexes).toEqual([]);
    expect(state.tables['users']!.constraints).toEqual([]);
  });

  it('lets indexes and constraints follow a renamed column', () => {
    const state = evolve(
      usersWithEmail(),
      given('column.renamed', { table: users, column: 'email', newName: 'mail' }),
    );

    expect(state.tables['users']!.columns.map((c) => c.name)).toEqual(['id', 'mail']);
    expect(state.tables['users']!.indexes[0]!.columns).toEqual(['mail']);
    expect(state.tables['users']!.constraints[0]!.columns).toEqual(['mail']);
  });

  it('moves a renamed table to its new name, keeping its columns', () => {
    const state = evolve(
      usersWithEmail(),
      given('table.renamed', { table: users, newName: 'accounts' }),
    );

    expect(Object.keys(state.tables)).toEqual(['accounts']);
    expect(state.tables['accounts']!.columns).toHaveLength(2);
  });

  it.each([
    [
      'a missing column',
      given('column.dropped', { table: users, column: 'nope' }),
      'column users.nope does not exist',
    ],
    [
      'a missing table',
      given('column.added', { table: { name: 'x' }, column: column('a') }),
      'table x does not exist',
    ],
    ['a duplicate table', given('table.created', { table: users }), 'table users already exists'],
  ])(
    'keeps an event that does not fit (%s) as an anomaly and leaves the schema as it was',
    (_case, event, reason) => {
      const before = usersWithEmail();

      const after = evolve(before, event);

      expect(after.tables).toBe(before.tables);
      expect(after.anomalies).toEqual([{ eventId: event.id, reason }]);
    },
  );

  it('accepts idempotent DDL quietly', () => {
    const before = usersWithEmail();

    const after = fold(
      [
        given('table.created', { table: users, ifNotExists: true }),
        given('column.dropped', { table: users, column: 'nope', ifExists: true }),
      ],
      before,
    );

    expect(after.anomalies).toEqual([]);
    expect(after.tables).toEqual(before.tables);
  });

  it('shares untouched tables between states, so a change set is cheap to find', () => {
    const before = fold([given('table.created', { table: { name: 'other' } })], usersWithEmail());

    const after = evolve(before, given('column.dropped', { table: users, column: 'email' }));

    expect(after.tables['other']).toBe(before.tables['other']);
    expect(after.tables['users']).not.toBe(before.tables['users']);
  });
});
