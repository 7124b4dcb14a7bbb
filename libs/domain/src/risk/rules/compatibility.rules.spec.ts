import { createTable, given, migration, op, t, type Scenario } from '../../testing/history';

const users = migration(
  '0001_users',
  createTable('users', 'id bigint pk', 'email varchar(120)', 'nick text null', 'score integer'),
);

const optIn = { rules: { 'new-write-restriction': { enabled: true } } };

const messageOf = (scenario: Scenario, ruleId: string) =>
  scenario.findings().find((finding) => finding.ruleId === ruleId)?.message;

describe('compatibility rules', () => {
  describe('rename-table', () => {
    it('fires when a table from an earlier migration is renamed', () => {
      const scenario = given(users).when(
        migration('0002', op('table.renamed', { table: t('users'), newName: 'accounts' })),
      );
      expect(scenario.ruleIds()).toContain('rename-table');
      const finding = scenario.findings().find((found) => found.ruleId === 'rename-table');
      expect(finding).toMatchObject({ level: 'high', migration: 'app/0002' });
      expect(finding!.eventId).toBe(scenario.events.at(-1)!.id);
    });

    it('stays silent for a table created in the same migration', () => {
      const scenario = given().when(
        migration('0001', [
          ...createTable('tmp', 'id bigint'),
          op('table.renamed', { table: t('tmp'), newName: 'kept' }),
        ]),
      );
      expect(scenario.ruleIds()).not.toContain('rename-table');
    });

    it('stays silent when a view with the old name is left behind', () => {
      const scenario = given(users).when(
        migration('0002', [
          op('table.renamed', { table: t('users'), newName: 'accounts' }),
          op('view.created', { name: 'users', definition: 'select * from accounts' }),
        ]),
      );
      expect(scenario.ruleIds()).not.toContain('rename-table');
    });
  });

  describe('rename-column', () => {
    it('fires for a column of an existing table', () => {
      const scenario = given(users).when(
        migration(
          '0002',
          op('column.renamed', { table: t('users'), column: 'nick', newName: 'nickname' }),
        ),
      );
      expect(scenario.ruleIds()).toContain('rename-column');
    });

    it('stays silent for a column added in the same migration', () => {
      const scenario = given(users).when(
        migration('0002', [
          op('column.added', {
            table: t('users'),
            column: { name: 'x', type: { sql: 'text' }, nullable: true },
          }),
          op('column.renamed', { table: t('users'), column: 'x', newName: 'y' }),
        ]),
      );
      expect(scenario.ruleIds()).not.toContain('rename-column');
    });

    it('stays silent when the old name comes back as a virtual generated column', () => {
      const scenario = given(users).when(
        migration('0002', [
          op('column.renamed', { table: t('users'), column: 'nick', newName: 'nickname' }),
          op('column.added', {
            table: t('users'),
            column: {
              name: 'nick',
              type: { sql: 'text' },
              nullable: true,
              generated: { expression: 'nickname', stored: false },
            },
          }),
        ]),
      );
      expect(scenario.ruleIds()).not.toContain('rename-column');
    });
  });

  describe('rename-schema-or-object', () => {
    it('fires for a renamed schema, a moved table and a renamed view', () => {
      expect(
        given()
          .when(migration('0001', op('schema.renamed', { name: 'billing', newName: 'payments' })))
          .ruleIds(),
      ).toContain('rename-schema-or-object');
      expect(
        given(users)
          .when(
            migration('0002', op('table.schema_changed', { table: t('users'), newSchema: 'old' })),
          )
          .ruleIds(),
      ).toContain('rename-schema-or-object');
      const view = given(
        migration('0001', op('view.created', { name: 'active', definition: 'select 1' })),
      ).when(migration('0002', op('view.altered', { name: 'active', newName: 'current' })));
      expect(view.ruleIds()).toContain('rename-schema-or-object');
      expect(messageOf(view, 'rename-schema-or-object')).toContain('renames it to current');
    });

    it('stays silent for an object created in the same migration or altered in place', () => {
      expect(
        given()
          .when(
            migration('0001', [
              op('sequence.created', { name: 'ids' }),
              op('sequence.altered', { name: 'ids', newName: 'numbers' }),
            ]),
          )
          .ruleIds(),
      ).not.toContain('rename-schema-or-object');
      expect(
        given(migration('0001', op('sequence.created', { name: 'ids' })))
          .when(migration('0002', op('sequence.altered', { name: 'ids', type: 'bigint' })))
          .ruleIds(),
      ).not.toContain('rename-schema-or-object');
    });
  });

  describe('rename-enum-value', () => {
    const mood = migration('0001', op('enum.created', { name: 'mood', values: ['sad', 'ok'] }));

    it('fires when a label of an existing enum is renamed', () => {
      const scenario = given(mood).when(
        migration(
          '0002',
          op('enum.altered', { name: 'mood', renamedValue: { from: 'ok', to: 'fine' } }),
        ),
      );
      expect(scenario.ruleIds()).toContain('rename-enum-value');
    });

    it('stays silent when a label is added, or the enum is new', () => {
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
      ).not.toContain('rename-enum-value');
      expect(
        given()
          .when(
            migration('0001', [
              op('enum.created', { name: 'mood', values: ['ok'] }),
              op('enum.altered', { name: 'mood', renamedValue: { from: 'ok', to: 'fine' } }),
            ]),
          )
          .ruleIds(),
      ).not.toContain('rename-enum-value');
    });
  });

  describe('change-column-type', () => {
    const change = (column: string, sql: string, using?: string) =>
      migration(
        '0002',
        op('column.type_changed', {
          table: t('users'),
          column,
          type: { sql },
          ...(using ? { using } : {}),
        }),
      );

    it('fires for a change that rewrites the table', () => {
      const scenario = given(users).when(change('score', 'bigint'));
      expect(scenario.ruleIds()).toContain('change-column-type');
      expect(messageOf(scenario, 'change-column-type')).toContain('from integer to bigint');
    });

    it('fires for a varchar limit decrease and for a computed USING', () => {
      expect(given(users).when(change('email', 'varchar(50)')).ruleIds()).toContain(
        'change-column-type',
      );
      expect(
        given(users)
          .when(change('email', 'text', 'lower(email)'))
          .ruleIds(),
      ).toContain('change-column-type');
    });

    it('stays silent for binary-coercible changes', () => {
      for (const sql of ['varchar(255)', 'varchar', 'text'])
        expect(given(users).when(change('email', sql)).ruleIds()).not.toContain(
          'change-column-type',
        );
      expect(
        given(users)
          .when(change('email', 'text', 'email::text'))
          .ruleIds(),
      ).not.toContain('change-column-type');
    });

    it('accepts timestamp → timestamptz only with a UTC session on PostgreSQL 12+', () => {
      const events = given(
        migration('0001', createTable('logs', 'id bigint', 'at timestamp')),
      ).when(
        migration(
          '0002',
          op('column.type_changed', {
            table: t('logs'),
            column: 'at',
            type: { sql: 'timestamptz' },
          }),
        ),
      );
      expect(events.ruleIds()).toContain('change-column-type');
      expect(events.ruleIds({ settings: { sessionTimeZoneUtc: true } })).not.toContain(
        'change-column-type',
      );
    });

    it('stays silent for a table created in the same migration', () => {
      const scenario = given().when(
        migration('0001', [
          ...createTable('tmp', 'n integer'),
          op('column.type_changed', { table: t('tmp'), column: 'n', type: { sql: 'bigint' } }),
        ]),
      );
      expect(scenario.ruleIds()).not.toContain('change-column-type');
    });

    it('applies the MySQL VARCHAR length-prefix boundary', () => {
      const mysql = { target: { engine: 'mysql' as const, version: '8.0.35' } };
      expect(given(users).when(change('email', 'varchar(200)')).ruleIds(mysql)).not.toContain(
        'change-column-type',
      );
      const short = migration('0001', createTable('users', 'id bigint', 'code varchar(20)'));
      expect(given(short).when(change('code', 'varchar(100)')).ruleIds(mysql)).toContain(
        'change-column-type',
      );
    });
  });

  describe('change-type-side-effects', () => {
    const checked = migration('0002', [
      op('constraint.added', {
        table: t('users'),
        constraint: { name: 'email_len', type: 'check', expression: 'length(email) > 3' },
      }),
    ]);

    it('fires for a cheap type change of a column with a check constraint', () => {
      const scenario = given(users, checked).when(
        migration(
          '0003',
          op('column.type_changed', { table: t('users'), column: 'email', type: { sql: 'text' } }),
        ),
      );
      expect(scenario.ruleIds()).toContain('change-type-side-effects');
      expect(scenario.ruleIds()).not.toContain('change-column-type');
      expect(messageOf(scenario, 'change-type-side-effects')).toContain('email_len');
    });

    it('fires when the same step also sets NOT NULL', () => {
      const scenario = given(users).when(
        migration('0002', [
          op('column.type_changed', {
            table: t('users'),
            column: 'nick',
            type: { sql: 'varchar' },
          }),
          op('column.nullability_changed', { table: t('users'), column: 'nick', nullable: false }),
        ]),
      );
      expect(scenario.ruleIds()).toContain('change-type-side-effects');
    });

    it('fires for a collation change on an indexed column', () => {
      const indexed = migration(
        '0002',
        op('index.created', {
          table: t('users'),
          index: { name: 'users_email', columns: ['email'], concurrently: true },
        }),
      );
      const scenario = given(users, indexed).when(
        migration(
          '0003',
          op('column.type_changed', {
            table: t('users'),
            column: 'email',
            type: { sql: 'varchar(120) collate "C"' },
          }),
        ),
      );
      expect(scenario.ruleIds()).toContain('change-type-side-effects');
    });

    it('stays silent for a cheap change of an unconstrained column', () => {
      const scenario = given(users).when(
        migration('0002', [
          op('column.type_changed', { table: t('users'), column: 'email', type: { sql: 'text' } }),
          op('column.nullability_changed', { table: t('users'), column: 'nick', nullable: false }),
        ]),
      );
      expect(scenario.ruleIds()).not.toContain('change-type-side-effects');
    });
  });

  describe('new-write-restriction (opt-in)', () => {
    const unique = migration(
      '0002',
      op('constraint.added', {
        table: t('users'),
        constraint: { name: 'users_email_key', type: 'unique', columns: ['email'] },
      }),
    );

    it('fires, once enabled, for a constraint on existing columns', () => {
      expect(given(users).when(unique).ruleIds(optIn)).toContain('new-write-restriction');
      expect(
        given(users)
          .when(
            migration(
              '0002',
              op('column.nullability_changed', {
                table: t('users'),
                column: 'nick',
                nullable: false,
              }),
            ),
          )
          .ruleIds(optIn),
      ).toContain('new-write-restriction');
    });

    it('is off by default', () => {
      expect(given(users).when(unique).ruleIds()).not.toContain('new-write-restriction');
    });

    it('stays silent for a constraint on a column added in the same migration', () => {
      const scenario = given(users).when(
        migration('0002', [
          op('column.added', {
            table: t('users'),
            column: { name: 'handle', type: { sql: 'text' }, nullable: true },
          }),
          op('index.created', {
            table: t('users'),
            index: { name: 'users_handle', columns: ['handle'], unique: true },
          }),
        ]),
      );
      expect(scenario.ruleIds(optIn)).not.toContain('new-write-restriction');
    });
  });
});
