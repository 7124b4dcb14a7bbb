import { createTable, given, migration, op, t } from '../../testing/history';

const users = migration(
  '0001_users',
  createTable('users', 'id bigint pk', 'email text', 'nick text null'),
);

describe('destructive rules', () => {
  describe('drop-table', () => {
    it('fires when a table from an earlier migration is dropped', () => {
      const scenario = given(users).when(
        migration('0002', op('table.dropped', { table: t('users') })),
      );
      expect(scenario.ruleIds()).toContain('drop-table');
      expect(scenario.findings().find((f) => f.ruleId === 'drop-table')).toMatchObject({
        level: 'critical',
        migration: 'app/0002',
      });
    });

    it('stays silent when the table was created in the same migration', () => {
      const scenario = given().when(
        migration('0001', [
          ...createTable('tmp', 'id bigint'),
          op('table.dropped', { table: t('tmp') }),
        ]),
      );
      expect(scenario.ruleIds()).not.toContain('drop-table');
    });
  });

  describe('drop-column', () => {
    it('fires for a column that holds data', () => {
      const scenario = given(users).when(
        migration('0002', op('column.dropped', { table: t('users'), column: 'email' })),
      );
      expect(scenario.ruleIds()).toContain('drop-column');
    });

    it('stays silent for a column added in the same migration', () => {
      const scenario = given(users).when(
        migration('0002', [
          op('column.added', {
            table: t('users'),
            column: { name: 'x', type: { sql: 'text' }, nullable: true },
          }),
          op('column.dropped', { table: t('users'), column: 'x' }),
        ]),
      );
      expect(scenario.ruleIds()).not.toContain('drop-column');
    });

    it('stays silent for a virtual generated column', () => {
      const scenario = given(
        migration('0001', [
          ...createTable('users', 'id bigint'),
          op('column.added', {
            table: t('users'),
            column: {
              name: 'v',
              type: { sql: 'text' },
              nullable: true,
              generated: { expression: 'id::text', stored: false },
            },
          }),
        ]),
      ).when(migration('0002', op('column.dropped', { table: t('users'), column: 'v' })));
      expect(scenario.ruleIds()).not.toContain('drop-column');
    });
  });

  describe('drop-schema-or-database', () => {
    it('fires for a schema and for a database', () => {
      expect(
        given()
          .when(migration('0001', op('schema.dropped', { name: 'billing' })))
          .ruleIds(),
      ).toContain('drop-schema-or-database');
      expect(
        given()
          .when(migration('0001', op('database.dropped', { name: 'legacy' })))
          .ruleIds(),
      ).toContain('drop-schema-or-database');
    });

    it('stays silent when a schema is created', () => {
      expect(
        given()
          .when(migration('0001', op('schema.created', { name: 'billing' })))
          .ruleIds(),
      ).not.toContain('drop-schema-or-database');
    });
  });

  describe('drop-other-object', () => {
    it('fires for a dropped view', () => {
      const scenario = given(
        migration('0001', op('view.created', { name: 'active_users', definition: 'select 1' })),
      ).when(migration('0002', op('view.dropped', { name: 'active_users' })));
      expect(scenario.ruleIds()).toContain('drop-other-object');
    });

    it('stays silent when a view is replaced', () => {
      const scenario = given(
        migration('0001', op('view.created', { name: 'v', definition: 'select 1' })),
      ).when(
        migration(
          '0002',
          op('view.created', { name: 'v', definition: 'select 2', replaceExisting: true }),
        ),
      );
      expect(scenario.ruleIds()).not.toContain('drop-other-object');
    });
  });

  describe('truncate-table', () => {
    it('fires, and is critical with CASCADE', () => {
      const plain = given(users).when(
        migration('0002', op('table.truncated', { tables: [t('users')] })),
      );
      expect(plain.findings().find((finding) => finding.ruleId === 'truncate-table')).toMatchObject(
        {
          level: 'high',
        },
      );
      const cascade = given(users).when(
        migration('0002', op('table.truncated', { tables: [t('users')], cascade: true })),
      );
      expect(cascade.findings().find((f) => f.ruleId === 'truncate-table')).toMatchObject({
        level: 'critical',
      });
    });

    it('stays silent for a table created in the same migration', () => {
      const scenario = given().when(
        migration('0001', [
          ...createTable('tmp', 'id bigint'),
          op('table.truncated', { tables: [t('tmp')] }),
        ]),
      );
      expect(scenario.ruleIds()).not.toContain('truncate-table');
    });
  });

  describe('drop-with-cascade', () => {
    it('fires on any drop with CASCADE', () => {
      const scenario = given(
        migration('0001', op('enum.created', { name: 'mood', values: ['ok'] })),
      ).when(migration('0002', op('enum.dropped', { name: 'mood', cascade: true })));
      expect(scenario.ruleIds()).toEqual(
        expect.arrayContaining(['drop-other-object', 'drop-with-cascade']),
      );
    });

    it('stays silent without CASCADE', () => {
      const scenario = given(
        migration('0001', op('enum.created', { name: 'mood', values: ['ok'] })),
      ).when(migration('0002', op('enum.dropped', { name: 'mood' })));
      expect(scenario.ruleIds()).not.toContain('drop-with-cascade');
    });
  });

  describe('create-table-replaces-existing', () => {
    it('fires for a forced create and for DROP IF EXISTS then CREATE', () => {
      expect(
        given(users)
          .when(
            migration('0002', op('table.created', { table: t('users'), replaceExisting: true })),
          )
          .ruleIds(),
      ).toContain('create-table-replaces-existing');
      expect(
        given()
          .when(
            migration('0001', [
              op('table.dropped', { table: t('audit'), ifExists: true }),
              op('table.created', { table: t('audit') }),
            ]),
          )
          .ruleIds(),
      ).toContain('create-table-replaces-existing');
    });

    it('stays silent for a plain create', () => {
      expect(
        given()
          .when(migration('0001', createTable('audit', 'id bigint')))
          .ruleIds(),
      ).not.toContain('create-table-replaces-existing');
    });
  });

  describe('drop-constraint', () => {
    const checked = migration('0002', [
      op('constraint.added', {
        table: t('users'),
        constraint: { name: 'email_present', type: 'check', expression: "email <> ''" },
      }),
    ]);

    it('fires for a constraint of an existing table, naming its type', () => {
      const scenario = given(users, checked).when(
        migration('0003', op('constraint.dropped', { table: t('users'), name: 'email_present' })),
      );
      expect(scenario.ruleIds()).toContain('drop-constraint');
      expect(scenario.findings().find((f) => f.ruleId === 'drop-constraint')!.message).toContain(
        'check constraint email_present',
      );
    });

    it('stays silent on a table created in the same migration', () => {
      const scenario = given().when(
        migration('0001', [
          ...createTable('t1', 'id bigint'),
          op('constraint.added', {
            table: t('t1'),
            constraint: { name: 'c', type: 'check', expression: 'id > 0' },
          }),
          op('constraint.dropped', { table: t('t1'), name: 'c' }),
        ]),
      );
      expect(scenario.ruleIds()).not.toContain('drop-constraint');
    });
  });

  describe('drop-not-null', () => {
    it('fires when an existing column starts accepting NULL', () => {
      const scenario = given(users).when(
        migration(
          '0002',
          op('column.nullability_changed', { table: t('users'), column: 'email', nullable: true }),
        ),
      );
      expect(scenario.ruleIds()).toContain('drop-not-null');
    });

    it('stays silent when a column becomes NOT NULL', () => {
      const scenario = given(users).when(
        migration(
          '0002',
          op('column.nullability_changed', { table: t('users'), column: 'nick', nullable: false }),
        ),
      );
      expect(scenario.ruleIds()).not.toContain('drop-not-null');
    });
  });

  describe('drop-default-on-required-column', () => {
    const withDefault = migration(
      '0001',
      createTable('orders', 'id bigint', "status text default 'new'"),
    );

    it('fires when a NOT NULL column loses its database default', () => {
      const scenario = given(withDefault).when(
        migration(
          '0002',
          op('column.default_changed', {
            table: t('orders'),
            column: 'status',
            default: { kind: 'none' },
          }),
        ),
      );
      expect(scenario.ruleIds()).toContain('drop-default-on-required-column');
    });

    it("fires for Django's add-then-drop-default pattern on an existing table", () => {
      const scenario = given(users).when(
        migration('0002', [
          op('column.added', {
            table: t('users'),
            column: {
              name: 'plan',
              type: { sql: 'text' },
              nullable: false,
              default: { kind: 'constant', value: "'free'" },
            },
          }),
          op('column.default_changed', {
            table: t('users'),
            column: 'plan',
            default: { kind: 'none' },
          }),
        ]),
      );
      expect(scenario.ruleIds()).toContain('drop-default-on-required-column');
    });

    it('stays silent for a nullable column', () => {
      const scenario = given(
        migration('0001', createTable('orders', 'id bigint', "note text null default 'x'")),
      ).when(
        migration(
          '0002',
          op('column.default_changed', {
            table: t('orders'),
            column: 'note',
            default: { kind: 'none' },
          }),
        ),
      );
      expect(scenario.ruleIds()).not.toContain('drop-default-on-required-column');
    });
  });
});
