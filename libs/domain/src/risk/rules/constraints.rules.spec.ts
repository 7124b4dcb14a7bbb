import { createTable, given, inTx, migration, op, t } from '../../testing/history';

const tables = migration('0001', [
  ...createTable('users', 'id bigint pk', 'email text', 'nick text null'),
  ...createTable('orders', 'id bigint pk', 'user_id bigint', 'total numeric null'),
]);

const fk = (extra: Record<string, unknown> = {}) =>
  op('constraint.added', {
    table: t('orders'),
    constraint: {
      name: 'orders_user_fk',
      type: 'foreign-key',
      columns: ['user_id'],
      references: { table: t('users'), columns: ['id'] },
      ...extra,
    },
  });

const check = (notValid = false, context = inTx()) =>
  op('constraint.added', {
    table: t('orders'),
    constraint: {
      name: 'total_positive',
      type: 'check',
      expression: 'total > 0',
      notValid,
    },
    context,
  });

const mysql = { target: { engine: 'mysql' as const, version: '8.0.35' } };

describe('constraint rules', () => {
  describe('add-foreign-key-validating', () => {
    it('fires for a validated foreign key on an existing table', () => {
      const scenario = given(tables).when(migration('0002', fk()));
      expect(scenario.ruleIds()).toContain('add-foreign-key-validating');
      expect(
        scenario.findings().find((f) => f.ruleId === 'add-foreign-key-validating'),
      ).toMatchObject({ level: 'high' });
    });

    it('stays silent for NOT VALID and for a table created in the same migration', () => {
      expect(
        given(tables)
          .when(migration('0002', fk({ notValid: true })))
          .ruleIds(),
      ).not.toContain('add-foreign-key-validating');
      expect(
        given(tables)
          .when(
            migration('0002', [
              ...createTable('items', 'id bigint', 'order_id bigint'),
              op('constraint.added', {
                table: t('items'),
                constraint: {
                  name: 'items_order_fk',
                  type: 'foreign-key',
                  columns: ['order_id'],
                  references: { table: t('orders'), columns: ['id'] },
                },
              }),
            ]),
          )
          .ruleIds(),
      ).not.toContain('add-foreign-key-validating');
    });
  });

  describe('add-check-constraint-validating', () => {
    it('fires for a validated check on an existing table', () => {
      expect(given(tables).when(migration('0002', check())).ruleIds()).toContain(
        'add-check-constraint-validating',
      );
    });

    it('stays silent for NOT VALID', () => {
      expect(
        given(tables)
          .when(migration('0002', check(true)))
          .ruleIds(),
      ).not.toContain('add-check-constraint-validating');
    });
  });

  describe('validate-in-same-transaction', () => {
    const validate = (context = inTx()) =>
      op('constraint.validated', { table: t('orders'), name: 'total_positive', context });

    it('fires when the NOT VALID add and the validation share a transaction', () => {
      const scenario = given(tables).when(migration('0002', [check(true), validate()]));
      expect(scenario.ruleIds()).toContain('validate-in-same-transaction');
      expect(
        scenario.findings().find((f) => f.ruleId === 'validate-in-same-transaction')!.message,
      ).toContain('transaction that added it');
    });

    it('fires after another write-blocking statement in the transaction', () => {
      const scenario = given(tables).when(
        migration('0003', [
          op('column.added', {
            table: t('users'),
            column: { name: 'bio', type: { sql: 'text' }, nullable: true },
            context: inTx(),
          }),
          validate(),
        ]),
      );
      expect(scenario.ruleIds()).toContain('validate-in-same-transaction');
    });

    it('stays silent when validating in a later transaction or migration', () => {
      expect(
        given(tables)
          .when(migration('0002', [check(true, inTx(0)), validate(inTx(1))]))
          .ruleIds(),
      ).not.toContain('validate-in-same-transaction');
      expect(
        given(tables, migration('0002', check(true)))
          .when(migration('0003', validate()))
          .ruleIds(),
      ).not.toContain('validate-in-same-transaction');
    });
  });

  describe('add-unique-constraint-locking', () => {
    const unique = (extra: Record<string, unknown> = {}) =>
      op('constraint.added', {
        table: t('users'),
        constraint: { name: 'users_email_key', type: 'unique', columns: ['email'], ...extra },
      });

    it('fires for ADD CONSTRAINT UNIQUE on an existing table', () => {
      expect(given(tables).when(migration('0002', unique())).ruleIds()).toContain(
        'add-unique-constraint-locking',
      );
    });

    it('stays silent with USING INDEX, and on MySQL', () => {
      expect(
        given(tables)
          .when(migration('0002', unique({ usingIndex: 'users_email_idx' })))
          .ruleIds(),
      ).not.toContain('add-unique-constraint-locking');
      expect(given(tables).when(migration('0002', unique())).ruleIds(mysql)).not.toContain(
        'add-unique-constraint-locking',
      );
    });
  });

  describe('add-unique-may-fail', () => {
    const uniqueIndex = (columns: string[]) =>
      op('index.created', {
        table: t('users'),
        index: { name: 'users_uq', columns, unique: true, concurrently: true },
      });

    it('fires for a unique index over an existing column', () => {
      expect(
        given(tables)
          .when(migration('0002', uniqueIndex(['email'])))
          .ruleIds(),
      ).toContain('add-unique-may-fail');
    });

    it('fires for a new column filled with one constant default', () => {
      const scenario = given(tables).when(
        migration('0002', [
          op('column.added', {
            table: t('users'),
            column: {
              name: 'code',
              type: { sql: 'text' },
              nullable: false,
              default: { kind: 'constant', value: "'x'" },
            },
          }),
          uniqueIndex(['code']),
        ]),
      );
      expect(scenario.ruleIds()).toContain('add-unique-may-fail');
    });

    it('stays silent for a new all-NULL column and for a non-unique index', () => {
      expect(
        given(tables)
          .when(
            migration('0002', [
              op('column.added', {
                table: t('users'),
                column: { name: 'handle', type: { sql: 'text' }, nullable: true },
              }),
              uniqueIndex(['handle']),
            ]),
          )
          .ruleIds(),
      ).not.toContain('add-unique-may-fail');
      expect(
        given(tables)
          .when(
            migration(
              '0002',
              op('index.created', {
                table: t('users'),
                index: { name: 'users_email_idx', columns: ['email'], concurrently: true },
              }),
            ),
          )
          .ruleIds(),
      ).not.toContain('add-unique-may-fail');
    });
  });

  describe('add-primary-key', () => {
    const legacy = migration('0001', createTable('events', 'id bigint null', 'body text null'));
    const pk = (extra: Record<string, unknown> = {}) =>
      op('constraint.added', {
        table: t('events'),
        constraint: { name: 'events_pkey', type: 'primary-key', columns: ['id'], ...extra },
      });

    it('fires for a primary key built in place, and over a nullable column', () => {
      expect(given(legacy).when(migration('0002', pk())).ruleIds()).toContain('add-primary-key');
      const usingIndex = given(legacy).when(migration('0002', pk({ usingIndex: 'events_id' })));
      expect(usingIndex.findings().find((f) => f.ruleId === 'add-primary-key')!.message).toContain(
        'nullable id',
      );
    });

    it('stays silent for USING INDEX over NOT NULL columns, and for a new table', () => {
      const notNull = migration('0001', createTable('events', 'id bigint', 'body text null'));
      expect(
        given(notNull)
          .when(migration('0002', pk({ usingIndex: 'events_id' })))
          .ruleIds(),
      ).not.toContain('add-primary-key');
      expect(
        given()
          .when(migration('0001', [...createTable('events', 'id bigint'), pk()]))
          .ruleIds(),
      ).not.toContain('add-primary-key');
    });
  });

  describe('add-exclusion-constraint', () => {
    const exclusion = op('constraint.added', {
      table: t('orders'),
      constraint: { name: 'no_overlap', type: 'exclusion', expression: 'USING gist (...)' },
    });

    it('fires on an existing table', () => {
      expect(given(tables).when(migration('0002', exclusion)).ruleIds()).toContain(
        'add-exclusion-constraint',
      );
    });

    it('stays silent on a table created in the same migration', () => {
      expect(
        given()
          .when(migration('0001', [...createTable('orders', 'id bigint'), exclusion]))
          .ruleIds(),
      ).not.toContain('add-exclusion-constraint');
    });
  });

  describe('domain-check-constraint', () => {
    it('fires for a domain created with a check and for an added check', () => {
      expect(
        given()
          .when(
            migration(
              '0001',
              op('domain.created', {
                name: 'email',
                type: { sql: 'text' },
                checks: ["VALUE LIKE '%@%'"],
              }),
            ),
          )
          .ruleIds(),
      ).toEqual(['domain-check-constraint']);
      const altered = given().when(
        migration(
          '0001',
          op('domain.altered', { name: 'email', addedCheck: { expression: "VALUE <> ''" } }),
        ),
      );
      expect(altered.findings()).toMatchObject([
        { ruleId: 'domain-check-constraint', level: 'medium' },
      ]);
    });

    it('stays silent for a domain without checks', () => {
      expect(
        given()
          .when(migration('0001', op('domain.created', { name: 'email', type: { sql: 'text' } })))
          .ruleIds(),
      ).toEqual([]);
    });
  });

  describe('fk-on-delete-cascade', () => {
    it('fires for ON DELETE CASCADE', () => {
      const onDelete = fk({
        notValid: true,
        references: { table: t('users'), columns: ['id'], onDelete: 'cascade' },
      });
      expect(given(tables).when(migration('0002', onDelete)).ruleIds()).toContain(
        'fk-on-delete-cascade',
      );
    });

    it('stays silent for RESTRICT', () => {
      const onDelete = fk({
        notValid: true,
        references: { table: t('users'), columns: ['id'], onDelete: 'restrict' },
      });
      expect(given(tables).when(migration('0002', onDelete)).ruleIds()).not.toContain(
        'fk-on-delete-cascade',
      );
    });
  });

  describe('mysql-inline-references-ignored', () => {
    const inline = migration('0001', [
      op('table.created', { table: t('items') }),
      op('column.added', {
        table: t('items'),
        column: {
          name: 'user_id',
          type: { sql: 'bigint' },
          nullable: false,
          references: { table: t('users'), column: 'id' },
        },
      }),
    ]);

    it('fires on MySQL before 9.0', () => {
      expect(given().when(inline).ruleIds(mysql)).toContain('mysql-inline-references-ignored');
    });

    it('stays silent on PostgreSQL, MariaDB 10.5+ and for ORM migrations', () => {
      expect(given().when(inline).ruleIds()).not.toContain('mysql-inline-references-ignored');
      expect(
        given()
          .when(inline)
          .ruleIds({ target: { engine: 'mariadb', version: '10.11' } }),
      ).not.toContain('mysql-inline-references-ignored');
      expect(
        given()
          .when({ ...inline, framework: 'rails' })
          .ruleIds(mysql),
      ).not.toContain('mysql-inline-references-ignored');
    });
  });
});
