import {
  createTable,
  given,
  inTx,
  migration,
  noTx,
  op,
  t,
  type Scenario,
} from '../../testing/history';

const users = migration(
  '0001_users',
  createTable('users', 'id bigint pk', 'email text', 'a text', 'b text', 'c text'),
);

const mysql = { target: { engine: 'mysql' as const, version: '8.0.35' } };

const messageOf = (scenario: Scenario, ruleId: string) =>
  scenario.findings().find((finding) => finding.ruleId === ruleId)?.message;

type IndexInput = Parameters<typeof op<'index.created'>>[1]['index'];

const index = (definition: Partial<IndexInput> = {}, context = noTx, table = 'users') =>
  op('index.created', {
    table: t(table),
    index: { name: 'users_email', columns: ['email'], ...definition },
    context,
  });

describe('index rules', () => {
  describe('add-index-non-concurrently', () => {
    it('fires for a plain index on an existing table', () => {
      const scenario = given(users).when(migration('0002', index()));
      expect(scenario.ruleIds()).toContain('add-index-non-concurrently');
      expect(messageOf(scenario, 'add-index-non-concurrently')).toContain('users_email');
    });

    it('stays silent for CONCURRENTLY, a new table, or MySQL', () => {
      expect(
        given(users)
          .when(migration('0002', index({ concurrently: true })))
          .ruleIds(),
      ).not.toContain('add-index-non-concurrently');
      expect(
        given()
          .when(migration('0001', [...createTable('users', 'email text'), index()]))
          .ruleIds(),
      ).not.toContain('add-index-non-concurrently');
      expect(given(users).when(migration('0002', index())).ruleIds(mysql)).not.toContain(
        'add-index-non-concurrently',
      );
    });
  });

  describe('drop-index-non-concurrently', () => {
    const indexed = migration('0002', index({ concurrently: true }));

    it('fires for a plain DROP INDEX', () => {
      expect(
        given(users, indexed)
          .when(migration('0003', op('index.dropped', { table: t('users'), name: 'users_email' })))
          .ruleIds(),
      ).toContain('drop-index-non-concurrently');
    });

    it('stays silent for CONCURRENTLY and for an index built in the same migration', () => {
      expect(
        given(users, indexed)
          .when(
            migration(
              '0003',
              op('index.dropped', { table: t('users'), name: 'users_email', concurrently: true }),
            ),
          )
          .ruleIds(),
      ).not.toContain('drop-index-non-concurrently');
      expect(
        given(users)
          .when(
            migration('0002', [
              index({ concurrently: true }),
              op('index.dropped', { table: t('users'), name: 'users_email' }),
            ]),
          )
          .ruleIds(),
      ).not.toContain('drop-index-non-concurrently');
    });
  });

  describe('concurrent-op-in-transaction', () => {
    it('fires for a concurrent build or detach inside a transaction', () => {
      expect(
        given(users)
          .when(migration('0002', index({ concurrently: true }, inTx())))
          .ruleIds(),
      ).toContain('concurrent-op-in-transaction');
      expect(
        given(users)
          .when(
            migration(
              '0002',
              op('table.partition_detached', {
                table: t('users'),
                partition: t('users_2020'),
                concurrently: true,
                context: inTx(),
              }),
            ),
          )
          .ruleIds(),
      ).toContain('concurrent-op-in-transaction');
    });

    it('stays silent outside a transaction, or without CONCURRENTLY', () => {
      expect(
        given(users)
          .when(migration('0002', index({ concurrently: true }, noTx)))
          .ruleIds(),
      ).not.toContain('concurrent-op-in-transaction');
      expect(
        given(users)
          .when(migration('0002', index({}, inTx())))
          .ruleIds(),
      ).not.toContain('concurrent-op-in-transaction');
    });
  });

  describe('index-after-exclusive-lock-in-tx', () => {
    const alter = (context = inTx()) =>
      op('column.added', {
        table: t('users'),
        column: { name: 'd', type: { sql: 'text' }, nullable: true },
        context,
      });

    it('fires when an earlier ALTER of the same transaction holds ACCESS EXCLUSIVE', () => {
      const scenario = given(users).when(migration('0002', [alter(), index({}, inTx())]));
      expect(scenario.ruleIds()).toContain('index-after-exclusive-lock-in-tx');
    });

    it('stays silent when the ALTER ran in another transaction', () => {
      const scenario = given(users).when(migration('0002', [alter(inTx(0)), index({}, inTx(1))]));
      expect(scenario.ruleIds()).not.toContain('index-after-exclusive-lock-in-tx');
    });
  });

  describe('reindex-non-concurrently', () => {
    it('fires for a plain REINDEX', () => {
      expect(
        given(users)
          .when(migration('0002', op('index.rebuilt', { target: 'table', name: 'users' })))
          .ruleIds(),
      ).toContain('reindex-non-concurrently');
    });

    it('stays silent for REINDEX CONCURRENTLY', () => {
      expect(
        given(users)
          .when(
            migration(
              '0002',
              op('index.rebuilt', { target: 'table', name: 'users', concurrently: true }),
            ),
          )
          .ruleIds(),
      ).not.toContain('reindex-non-concurrently');
    });
  });

  describe('index-on-partitioned-table', () => {
    const partitioned = migration('0001', [
      ...createTable('events', 'id bigint', 'at timestamptz'),
      ...createTable('events_2024', 'id bigint', 'at timestamptz'),
      op('table.partition_attached', { table: t('events'), partition: t('events_2024') }),
    ]);

    it('fires for an index across the partitions', () => {
      const scenario = given(partitioned).when(
        migration('0002', index({ name: 'events_at', columns: ['at'] }, noTx, 'events')),
      );
      expect(scenario.ruleIds()).toContain('index-on-partitioned-table');
      expect(scenario.ruleIds()).not.toContain('add-index-non-concurrently');
    });

    it('stays silent for ON ONLY the parent, and for plain tables', () => {
      expect(
        given(partitioned)
          .when(
            migration(
              '0002',
              index({ name: 'events_at', columns: ['at'], onlyParent: true }, noTx, 'events'),
            ),
          )
          .ruleIds(),
      ).not.toContain('index-on-partitioned-table');
      expect(
        given(users)
          .when(migration('0002', index({ concurrently: true })))
          .ruleIds(),
      ).not.toContain('index-on-partitioned-table');
    });
  });

  describe('concurrent-index-pg14-bug', () => {
    const concurrent = migration('0002', index({ concurrently: true }));
    const on = (version: string) => ({ target: { engine: 'postgresql' as const, version } });

    it('fires on PostgreSQL 14.0–14.3', () => {
      expect(given(users).when(concurrent).ruleIds(on('14.3'))).toContain(
        'concurrent-index-pg14-bug',
      );
    });

    it('stays silent on 14.4 and other majors', () => {
      for (const version of ['14.4', '13.9', '15'])
        expect(given(users).when(concurrent).ruleIds(on(version))).not.toContain(
          'concurrent-index-pg14-bug',
        );
    });
  });

  describe('index-too-many-columns', () => {
    it('fires for a non-unique index with more than three keys', () => {
      expect(
        given(users)
          .when(
            migration(
              '0002',
              index({
                columns: ['email', 'a', 'b'],
                expressions: ['lower(c)'],
                concurrently: true,
              }),
            ),
          )
          .ruleIds(),
      ).toContain('index-too-many-columns');
    });

    it('stays silent for three keys, or a unique index', () => {
      expect(
        given(users)
          .when(migration('0002', index({ columns: ['email', 'a', 'b'], concurrently: true })))
          .ruleIds(),
      ).not.toContain('index-too-many-columns');
      expect(
        given(users)
          .when(
            migration(
              '0002',
              index({ columns: ['email', 'a', 'b', 'c'], unique: true, concurrently: true }),
            ),
          )
          .ruleIds(),
      ).not.toContain('index-too-many-columns');
    });
  });

  describe('mysql-copy-or-locking-ddl', () => {
    it('fires for ALGORITHM=COPY / LOCK=SHARED and for a FULLTEXT index', () => {
      const raw = given(users).when(
        migration(
          '0002',
          op('sql.executed', {
            statement: 'ALTER TABLE users MODIFY a TEXT, ALGORITHM=COPY, LOCK=SHARED',
          }),
        ),
      );
      expect(raw.ruleIds(mysql)).toContain('mysql-copy-or-locking-ddl');
      expect(
        raw.findings(mysql).find((f) => f.ruleId === 'mysql-copy-or-locking-ddl')!.message,
      ).toContain('ALGORITHM=COPY and LOCK=SHARED');
      expect(
        given(users)
          .when(migration('0002', index({ method: 'FULLTEXT' })))
          .ruleIds(mysql),
      ).toContain('mysql-copy-or-locking-ddl');
    });

    it('stays silent for INPLACE / LOCK=NONE, and on PostgreSQL', () => {
      const inplace = given(users).when(
        migration(
          '0002',
          op('sql.executed', {
            statement: 'ALTER TABLE users ADD INDEX (a), ALGORITHM=INPLACE, LOCK=NONE',
          }),
        ),
      );
      expect(inplace.ruleIds(mysql)).not.toContain('mysql-copy-or-locking-ddl');
      expect(
        given(users)
          .when(migration('0002', index({ method: 'fulltext' })))
          .ruleIds(),
      ).not.toContain('mysql-copy-or-locking-ddl');
    });
  });

  describe('mysql-enum-set-rewrite', () => {
    const orders = migration(
      '0001',
      createTable('orders', 'id bigint', "status enum('new','paid')"),
    );
    const change = (sql: string) =>
      migration(
        '0002',
        op('column.type_changed', { table: t('orders'), column: 'status', type: { sql } }),
      );

    it('fires when labels are removed, reordered or inserted before the end', () => {
      for (const sql of ["enum('new')", "enum('paid','new')", "enum('new','open','paid')"]) {
        const scenario = given(orders).when(change(sql));
        expect(scenario.ruleIds(mysql)).toContain('mysql-enum-set-rewrite');
        expect(scenario.ruleIds(mysql)).not.toContain('change-column-type');
      }
    });

    it('stays silent when labels are appended, and on PostgreSQL', () => {
      const append = given(orders).when(change("enum('new','paid','refunded')"));
      expect(append.ruleIds(mysql)).not.toContain('mysql-enum-set-rewrite');
      expect(append.ruleIds(mysql)).not.toContain('change-column-type');
      expect(given(orders).when(change("enum('new')")).ruleIds()).not.toContain(
        'mysql-enum-set-rewrite',
      );
    });
  });

  describe('enum-add-value-unordered', () => {
    const mood = migration('0001', op('enum.created', { name: 'mood', values: ['sad', 'ok'] }));

    it('fires when a label is appended without BEFORE/AFTER', () => {
      expect(
        given(mood)
          .when(migration('0002', op('enum.altered', { name: 'mood', addedValue: 'happy' })))
          .ruleIds(),
      ).toContain('enum-add-value-unordered');
    });

    it('stays silent when the position is given', () => {
      expect(
        given(mood)
          .when(
            migration(
              '0002',
              op('enum.altered', {
                name: 'mood',
                addedValue: 'happy',
                position: { placement: 'after', value: 'ok' },
              }),
            ),
          )
          .ruleIds(),
      ).not.toContain('enum-add-value-unordered');
    });
  });
});
