import type { GitFacts } from '@schematrace/contracts';
import { fold, foldWithSnapshots, type NumberedEvent } from '../schema/evolve';
import { EMPTY_SCHEMA } from '../schema/schema-state';
import { restoreSchemaState } from '../schema/snapshot';
import { createTable, history, migration, op, t } from '../testing/history';
import { HistoryPointError } from './history-point';
import { SchemaHistory, theCommitTime, theMigration } from './time-travel';

const git = (commit: string, committedAt: string): GitFacts => ({
  commit,
  committedAt,
  authorName: 'Ada',
  authorEmail: 'ada@example.com',
  message: 'change',
});

// Apply order and commit order differ: 0003 was committed before 0002 (a late-merged branch).
const events: NumberedEvent[] = history(
  migration('0001_users', createTable('users', 'id bigint'), {
    git: git('aaaaaaa1', '2024-01-10T00:00:00Z'),
  }),
  migration(
    '0002_email',
    op('column.added', {
      table: t('users'),
      column: { name: 'email', type: { sql: 'text' }, nullable: true },
    }),
    {
      git: git('bbbbbbb2', '2024-03-01T00:00:00Z'),
    },
  ),
  migration('0003_orders', createTable('orders', 'id bigint'), {
    git: git('ccccccc3', '2024-02-01T00:00:00Z'),
  }),
).map((event, index) => ({ event, sequence: index + 1 }));

const tableNames = (state: { tables: Record<string, unknown> }) => Object.keys(state.tables).sort();

describe('SchemaHistory', () => {
  const plain = new SchemaHistory(events);

  it('answers a sequence number with the prefix up to it', () => {
    expect(tableNames(plain.schemaAt({ kind: 'sequence', sequence: 3 }))).toEqual(['users']);
    expect(plain.schemaAt({ kind: 'sequence', sequence: 999 }).position).toBe(events.length);
  });

  it('answers a migration with everything up to its last event', () => {
    const state = plain.schemaAt({ kind: 'migration', migration: '0002_email' });
    expect(state.tables['users']!.columns.map((column) => column.name)).toEqual(['id', 'email']);
    expect(tableNames(state)).toEqual(['users']);
    expect(() => plain.schemaAt({ kind: 'migration', migration: 'nope' })).toThrow(
      HistoryPointError,
    );
  });

  it('answers a time with the migrations committed by then, in apply order', () => {
    const state = plain.schemaAt({ kind: 'time', at: '2024-02-15T00:00:00Z' });
    expect(tableNames(state)).toEqual(['orders', 'users']);
    expect(state.tables['users']!.columns.map((column) => column.name)).toEqual(['id']);
  });

  it('answers a commit as the time of that commit', () => {
    expect(tableNames(plain.schemaAt({ kind: 'commit', commit: 'ccccccc' }))).toEqual([
      'orders',
      'users',
    ]);
    expect(() => plain.schemaAt({ kind: 'commit', commit: 'fffffff' })).toThrow(
      /added no migration/,
    );
  });

  it('gives the same answers from snapshots as from the whole history', () => {
    const snapshots = [...foldWithSnapshots(events, EMPTY_SCHEMA, 2)].map((state) =>
      restoreSchemaState(JSON.parse(JSON.stringify(state))),
    );
    const withSnapshots = new SchemaHistory(events, snapshots);
    for (let sequence = 0; sequence <= events.length; sequence++) {
      const point = { kind: 'sequence', sequence } as const;
      expect(withSnapshots.schemaAt(point)).toEqual(plain.schemaAt(point));
    }
    const time = { kind: 'time', at: '2024-02-15T00:00:00Z' } as const;
    expect(withSnapshots.schemaAt(time)).toEqual(plain.schemaAt(time));
  });

  it('answers the last point with the current schema', () => {
    expect(plain.schemaAt({ kind: 'sequence', sequence: events.length })).toEqual(
      fold(events, EMPTY_SCHEMA),
    );
  });
});

describe('naming one migration or commit', () => {
  it('takes the one match, and refuses none or several with the reason', () => {
    expect(theMigration('0002', new Map([['app/0002', 7]]))).toBe(7);
    expect(() => theMigration('nope', new Map())).toThrow(
      new HistoryPointError('no migration named nope'),
    );
    expect(() =>
      theMigration(
        '0001_initial',
        new Map([
          ['shop/0001_initial', 3],
          ['blog/0001_initial', 9],
        ]),
      ),
    ).toThrow(
      '0001_initial names 2 migrations: shop/0001_initial, blog/0001_initial; use app/name',
    );
  });

  it('takes the one commit a prefix matches', () => {
    expect(theCommitTime('abc', new Map([['abc123', '2024-01-01T00:00:00Z']]))).toBe(
      '2024-01-01T00:00:00Z',
    );
    expect(() => theCommitTime('abc', new Map())).toThrow(
      'commit abc added no migration; name it by its date instead',
    );
    expect(() =>
      theCommitTime(
        'ab',
        new Map([
          ['ab1', 't1'],
          ['ab2', 't2'],
        ]),
      ),
    ).toThrow('commit ab is ambiguous: ab1, ab2');
  });
});
