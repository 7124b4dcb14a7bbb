import { describeEvent } from '../explain/describe-event';
import { createTable, history, migration, op, t, type MigrationSpec } from '../testing/history';
import { lineageOf } from './lineage';

const numbered = (...specs: MigrationSpec[]) =>
  history(...specs).map((event, index) => ({ event, sequence: index + 1 }));

describe('lineageOf', () => {
  const events = numbered(
    migration('0001', createTable('accounts', 'id bigint', 'mail varchar(80)')),
    migration(
      '0002',
      op('column.renamed', { table: t('accounts'), column: 'mail', newName: 'email' }),
    ),
    migration('0003', op('table.renamed', { table: t('accounts'), newName: 'users' })),
    migration(
      '0004',
      op('column.type_changed', { table: t('users'), column: 'email', type: { sql: 'text' } }),
    ),
    migration('0005', op('column.dropped', { table: t('users'), column: 'email' })),
    migration(
      '0006',
      op('column.added', {
        table: t('users'),
        column: { name: 'email', type: { sql: 'citext' }, nullable: true },
      }),
    ),
  );

  it('follows a column through its own rename, its table’s rename, a type change, a drop and a re-add', () => {
    const lineage = lineageOf(events, { table: 'users', column: 'email' });
    expect(lineage.currentName).toBe('users.email');
    expect(
      lineage.steps.map((step) => [
        step.incarnation,
        step.nameBefore,
        step.nameAfter ?? '†',
        describeEvent(step.event),
      ]),
    ).toEqual([
      [1, 'accounts.mail', 'accounts.mail', 'adds column accounts.mail varchar(80) not null'],
      [1, 'accounts.mail', 'accounts.email', 'renames column accounts.mail to email'],
      [1, 'accounts.email', 'users.email', 'renames table accounts to users'],
      [1, 'users.email', 'users.email', 'changes the type of users.email to text'],
      [1, 'users.email', '†', 'drops column users.email'],
      [2, 'users.email', 'users.email', 'adds column users.email citext'],
    ]);
  });

  it('follows a table through renames, with the changes of its columns', () => {
    const lineage = lineageOf(events, { table: 'users' });
    expect(lineage.steps.map((step) => step.event.kind)).toEqual([
      'table.created',
      'column.added',
      'column.added',
      'column.renamed',
      'table.renamed',
      'column.type_changed',
      'column.dropped',
      'column.added',
    ]);
    expect(lineageOf(events, { table: 'accounts' }).steps).toEqual([]);
  });
});
