import { EMPTY_SCHEMA } from './schema-state';
import { fold } from './evolve';
import { createTable, history, migration, op, t } from '../testing/history';

const foldOps = (...ops: Parameters<typeof migration>[1][]) =>
  fold(history(...ops.map((list, index) => migration(`m${index}`, list))), EMPTY_SCHEMA);

describe('evolve: objects beside tables', () => {
  it('places an added enum value where BEFORE / AFTER say, else at the end', () => {
    const state = foldOps([
      op('enum.created', { name: 'mood', values: ['sad', 'happy'] }),
      op('enum.altered', {
        name: 'mood',
        addedValue: 'ok',
        position: { placement: 'before', value: 'happy' },
      }),
      op('enum.altered', { name: 'mood', addedValue: 'ecstatic' }),
      op('enum.altered', {
        name: 'mood',
        addedValue: 'meh',
        position: { placement: 'after', value: 'sad' },
      }),
      op('enum.altered', { name: 'mood', renamedValue: { from: 'sad', to: 'blue' } }),
    ]);
    expect(state.enums['mood']!.values).toEqual(['blue', 'meh', 'ok', 'happy', 'ecstatic']);
    expect(state.enums['mood']!.changedBy).toHaveLength(4);
    expect(state.anomalies).toEqual([]);
  });

  it('renames and moves objects, and flags what does not fit', () => {
    const state = foldOps([
      op('view.created', { name: 'active', definition: 'select 1' }),
      op('view.altered', { name: 'active', newName: 'live' }),
      op('sequence.created', { name: 'ids' }),
      op('sequence.altered', { name: 'ids', newSchema: 'billing', type: 'bigint' }),
      op('enum.altered', { name: 'missing', addedValue: 'x' }),
      op('extension.created', { name: 'pgcrypto' }),
      op('extension.created', { name: 'pgcrypto' }),
    ]);
    expect(Object.keys(state.views)).toEqual(['live']);
    expect(state.sequences['billing.ids']).toMatchObject({
      schema: 'billing',
      name: 'ids',
      type: 'bigint',
    });
    expect(state.anomalies.map((anomaly) => anomaly.reason)).toEqual([
      'enum missing does not exist',
      'extension pgcrypto already exists',
    ]);
  });

  it('moves every table and object of a renamed schema, and empties a schema dropped with CASCADE', () => {
    const renamed = foldOps([
      op('schema.created', { name: 'sales' }),
      op('table.created', { table: t('orders', 'sales') }),
      op('enum.created', { schema: 'sales', name: 'state', values: ['new'] }),
      op('schema.renamed', { name: 'sales', newName: 'shop' }),
    ]);
    expect(Object.keys(renamed.tables)).toEqual(['shop.orders']);
    expect(Object.keys(renamed.enums)).toEqual(['shop.state']);

    const dropped = foldOps([
      op('schema.created', { name: 'tmp' }),
      op('table.created', { table: t('scratch', 'tmp') }),
      op('table.created', { table: t('kept') }),
      op('schema.dropped', { name: 'tmp', cascade: true }),
    ]);
    expect(Object.keys(dropped.tables)).toEqual(['kept']);
    expect(dropped.schemas).toEqual({});
  });

  it('keeps foreign keys pointing at a renamed table, and drops them with a CASCADE drop', () => {
    const setup = [
      ...createTable('users', 'id bigint'),
      ...createTable('orders', 'id bigint', 'user_id bigint'),
      op('constraint.added', {
        table: t('orders'),
        constraint: {
          name: 'orders_user_fk',
          type: 'foreign-key',
          columns: ['user_id'],
          references: { table: t('users'), columns: ['id'] },
        },
      }),
    ];
    const renamed = foldOps(setup, [
      op('table.renamed', { table: t('users'), newName: 'accounts' }),
    ]);
    expect(renamed.tables['orders']!.constraints[0]!.references!.table).toEqual({
      name: 'accounts',
    });

    const dropped = foldOps(setup, [op('table.dropped', { table: t('users'), cascade: true })]);
    expect(dropped.tables['orders']!.constraints).toEqual([]);
  });

  it('records table options, partitions, triggers, policies and constraint renames', () => {
    const state = foldOps(createTable('events', 'id bigint', 'at timestamptz'), [
      op('table.option_changed', { table: t('events'), option: 'unlogged' }),
      op('table.option_changed', { table: t('events'), option: 'replica-identity', value: 'full' }),
      op('table.option_changed', { table: t('events'), option: 'logged' }),
      op('table.created', { table: t('events_2026') }),
      op('table.partition_attached', { table: t('events'), partition: t('events_2026') }),
      op('trigger.created', { table: t('events'), name: 'audit', function: 'log_change' }),
      op('policy.created', { table: t('events'), name: 'own_rows' }),
      op('constraint.added', {
        table: t('events'),
        constraint: { name: 'c1', type: 'check', expression: 'id > 0' },
      }),
      op('constraint.renamed', { table: t('events'), name: 'c1', newName: 'id_positive' }),
      op('policy.dropped', { table: t('events'), name: 'own_rows' }),
    ]);
    const events = state.tables['events']!;
    expect(events.options).toEqual({ 'replica-identity': 'full' });
    expect(events.partitioned).toBe(true);
    expect(events.triggers.map((trigger) => trigger.name)).toEqual(['audit']);
    expect(events.policies).toEqual([]);
    expect(events.constraints.map((constraint) => constraint.name)).toEqual(['id_positive']);
    expect(events.changedBy.map((ref) => ref.kind)).toEqual([
      'table.option_changed',
      'table.option_changed',
      'table.option_changed',
      'table.partition_attached',
    ]);
  });

  it('changes nothing for events that do not describe the schema', () => {
    const before = foldOps(createTable('users', 'id bigint'));
    const after = fold(
      history(
        migration('m9', [
          op('session.setting_changed', { name: 'lock_timeout', value: '5s' }),
          op('transaction.controlled', { action: 'begin' }),
          op('table.truncated', { tables: [t('users')] }),
          op('data.migrated', { operation: 'update', description: 'backfill' }),
          op('sql.executed', { statement: 'select 1' }),
        ]),
      ),
      before,
    );
    expect(after.tables).toEqual(before.tables);
    expect(after.anomalies).toEqual([]);
  });
});
