import { createTable, given, migration, op, t, type Scenario } from '../../testing/history';

const users = migration('0001_users', createTable('users', 'id bigint pk', 'email text'));

const mysql = { target: { engine: 'mysql' as const, version: '8.0.35' } };

const messageOf = (
  scenario: Scenario,
  ruleId: string,
  policy?: Parameters<Scenario['findings']>[0],
) => scenario.findings(policy).find((finding) => finding.ruleId === ruleId)?.message;

type ColumnInput = Parameters<typeof op<'column.added'>>[1]['column'];

const addColumn = (column: ColumnInput, table = 'users') =>
  migration('0002', op('column.added', { table: t(table), column }));

const expression = (sql: string, volatility: 'volatile' | 'stable' | 'unknown' = 'unknown') => ({
  kind: 'expression' as const,
  expression: sql,
  volatility,
});

describe('column rules', () => {
  describe('add-column-volatile-default', () => {
    it('fires for a volatile default, declared or recognised', () => {
      for (const value of [expression('gen_random_uuid()'), expression('my_fn()', 'volatile')]) {
        const scenario = given(users).when(
          addColumn({ name: 'token', type: { sql: 'uuid' }, nullable: true, default: value }),
        );
        expect(scenario.ruleIds()).toContain('add-column-volatile-default');
      }
    });

    it('fires for any default before PostgreSQL 11', () => {
      const scenario = given(users).when(
        addColumn({
          name: 'plan',
          type: { sql: 'text' },
          nullable: true,
          default: { kind: 'constant', value: "'free'" },
        }),
      );
      expect(scenario.ruleIds({ target: { engine: 'postgresql', version: '10' } })).toContain(
        'add-column-volatile-default',
      );
      expect(scenario.ruleIds()).not.toContain('add-column-volatile-default');
    });

    it('stays silent for a stable default, and on a new table', () => {
      expect(
        given(users)
          .when(
            addColumn({
              name: 'seen_at',
              type: { sql: 'timestamptz' },
              nullable: true,
              default: expression('now()'),
            }),
          )
          .ruleIds(),
      ).not.toContain('add-column-volatile-default');
      expect(
        given()
          .when(migration('0001', createTable('tokens', 'id uuid default gen_random_uuid()')))
          .ruleIds(),
      ).not.toContain('add-column-volatile-default');
    });
  });

  describe('add-column-expression-default-mysql', () => {
    const withExpression = addColumn({
      name: 'created_at',
      type: { sql: 'timestamp' },
      nullable: true,
      default: expression('(now())', 'stable'),
    });

    it('fires on MySQL for an expression default', () => {
      expect(given(users).when(withExpression).ruleIds(mysql)).toContain(
        'add-column-expression-default-mysql',
      );
    });

    it('stays silent on PostgreSQL and for a constant default', () => {
      expect(given(users).when(withExpression).ruleIds()).not.toContain(
        'add-column-expression-default-mysql',
      );
      const constant = addColumn({
        name: 'plan',
        type: { sql: 'text' },
        nullable: true,
        default: { kind: 'constant', value: "'free'" },
      });
      expect(given(users).when(constant).ruleIds(mysql)).not.toContain(
        'add-column-expression-default-mysql',
      );
    });
  });

  describe('add-required-column', () => {
    it('fires for NOT NULL without a default on an existing table', () => {
      const scenario = given(users).when(
        addColumn({ name: 'plan', type: { sql: 'text' }, nullable: false }),
      );
      expect(scenario.ruleIds()).toContain('add-required-column');
      expect(messageOf(scenario, 'add-required-column')).toContain('fails if the table has rows');
      expect(messageOf(scenario, 'add-required-column', mysql)).toContain('zero value');
    });

    it('fires when only the ORM has the default', () => {
      const scenario = given(users).when(
        addColumn({
          name: 'plan',
          type: { sql: 'text' },
          nullable: false,
          default: { kind: 'constant', value: "'free'", level: 'app' },
        }),
      );
      expect(scenario.ruleIds()).toContain('add-required-column');
    });

    it('stays silent with a database default, nullable, or on a new table', () => {
      expect(
        given(users)
          .when(
            addColumn({
              name: 'plan',
              type: { sql: 'text' },
              nullable: false,
              default: { kind: 'constant', value: "'free'" },
            }),
          )
          .ruleIds(),
      ).not.toContain('add-required-column');
      expect(
        given(users)
          .when(addColumn({ name: 'plan', type: { sql: 'text' }, nullable: true }))
          .ruleIds(),
      ).not.toContain('add-required-column');
      expect(
        given()
          .when(migration('0001', createTable('plans', 'id bigint', 'name text')))
          .ruleIds(),
      ).not.toContain('add-required-column');
    });
  });

  describe('add-auto-increment-column', () => {
    it('fires for serial and identity columns on an existing table', () => {
      expect(
        given(users)
          .when(addColumn({ name: 'seq', type: { sql: 'bigserial' }, nullable: false }))
          .ruleIds(),
      ).toContain('add-auto-increment-column');
      const identity = given(users).when(
        addColumn({ name: 'seq', type: { sql: 'bigint' }, nullable: false, identity: 'always' }),
      );
      expect(identity.ruleIds()).toContain('add-auto-increment-column');
      expect(identity.ruleIds()).not.toContain('add-required-column');
      const serialWithDefault = given(users).when(
        addColumn({
          name: 'seq',
          type: { sql: 'serial' },
          nullable: false,
          default: expression("nextval('users_seq_seq')"),
        }),
      );
      expect(serialWithDefault.ruleIds()).toContain('add-auto-increment-column');
      expect(serialWithDefault.ruleIds()).not.toContain('add-column-volatile-default');
    });

    it('stays silent on a new table', () => {
      expect(
        given()
          .when(migration('0001', createTable('plans', 'id serial pk')))
          .ruleIds(),
      ).not.toContain('add-auto-increment-column');
    });
  });

  describe('add-stored-generated-column', () => {
    const generated = (stored: boolean) =>
      addColumn({
        name: 'domain',
        type: { sql: 'text' },
        nullable: true,
        generated: { expression: "split_part(email, '@', 2)", stored },
      });

    it('fires for a stored generated column', () => {
      expect(given(users).when(generated(true)).ruleIds()).toContain('add-stored-generated-column');
    });

    it('stays silent for a virtual one', () => {
      expect(given(users).when(generated(false)).ruleIds()).not.toContain(
        'add-stored-generated-column',
      );
    });
  });

  describe('set-not-null-existing-column', () => {
    const nick = migration('0001_users', createTable('users', 'id bigint pk', 'nick text null'));
    const setNotNull = migration(
      '0003',
      op('column.nullability_changed', { table: t('users'), column: 'nick', nullable: false }),
    );

    it('fires for an existing column', () => {
      const scenario = given(nick).when(setNotNull);
      expect(scenario.ruleIds()).toContain('set-not-null-existing-column');
      expect(
        scenario.findings(mysql).find((f) => f.ruleId === 'set-not-null-existing-column'),
      ).toMatchObject({ level: 'medium' });
    });

    it('stays silent when a validated IS NOT NULL check exists (PostgreSQL 12+)', () => {
      const checked = migration('0002', [
        op('constraint.added', {
          table: t('users'),
          constraint: {
            name: 'nick_present',
            type: 'check',
            expression: 'nick IS NOT NULL',
            notValid: true,
          },
        }),
        op('constraint.validated', { table: t('users'), name: 'nick_present' }),
      ]);
      const scenario = given(nick, checked).when(setNotNull);
      expect(scenario.ruleIds()).not.toContain('set-not-null-existing-column');
      expect(scenario.ruleIds({ target: { engine: 'postgresql', version: '11' } })).toContain(
        'set-not-null-existing-column',
      );
    });

    it('still fires when the check is not validated yet', () => {
      const notValid = migration(
        '0002',
        op('constraint.added', {
          table: t('users'),
          constraint: {
            name: 'nick_present',
            type: 'check',
            expression: 'nick IS NOT NULL',
            notValid: true,
          },
        }),
      );
      expect(given(nick, notValid).when(setNotNull).ruleIds()).toContain(
        'set-not-null-existing-column',
      );
    });

    it('stays silent on a table created in the same migration', () => {
      const scenario = given().when(
        migration('0001', [
          ...createTable('tmp', 'nick text null'),
          op('column.nullability_changed', { table: t('tmp'), column: 'nick', nullable: false }),
        ]),
      );
      expect(scenario.ruleIds()).not.toContain('set-not-null-existing-column');
    });
  });

  describe('change-default-partial-inserts', () => {
    const partialInserts = { settings: { railsPartialInserts: true } };
    const orders = migration(
      '0001',
      createTable('orders', 'id bigint', "status text default 'new'"),
      { framework: 'rails' },
    );
    const change = migration(
      '0002',
      op('column.default_changed', {
        table: t('orders'),
        column: 'status',
        default: { kind: 'constant', value: "'draft'" },
      }),
      { framework: 'rails' },
    );

    it('fires for Rails with partial inserts on', () => {
      expect(given(orders).when(change).ruleIds(partialInserts)).toContain(
        'change-default-partial-inserts',
      );
    });

    it('stays silent with partial inserts off, or outside Rails', () => {
      expect(given(orders).when(change).ruleIds()).not.toContain('change-default-partial-inserts');
      const sql = migration('0002', change.ops, { framework: 'sql' });
      expect(given(orders).when(sql).ruleIds(partialInserts)).not.toContain(
        'change-default-partial-inserts',
      );
    });
  });

  describe('prefer-jsonb', () => {
    it('fires for a json column, even in a new table', () => {
      expect(
        given()
          .when(migration('0001', createTable('events', 'id bigint', 'data json')))
          .ruleIds(),
      ).toContain('prefer-jsonb');
    });

    it('stays silent for jsonb, and on MySQL', () => {
      expect(
        given()
          .when(migration('0001', createTable('events', 'id bigint', 'data jsonb')))
          .ruleIds(),
      ).not.toContain('prefer-jsonb');
      expect(
        given()
          .when(migration('0001', createTable('events', 'id bigint', 'data json')))
          .ruleIds(mysql),
      ).not.toContain('prefer-jsonb');
    });
  });
});
