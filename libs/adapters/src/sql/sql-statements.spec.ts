import { givenSql } from './testing/sql-project';

const users = { name: 'users' };
const inTransaction = { inTransaction: true, transactionSource: 'framework-default' };

/** A column.added column with the defaults of a plain nullable column. */
const column = (name: string, sql: string, framework: string, extra: object = {}) => ({
  name,
  type: { sql, framework },
  nullable: true,
  unique: false,
  primaryKey: false,
  default: { kind: 'none' },
  ...extra,
});

describe('sql statements', () => {
  describe('CREATE TABLE', () => {
    it('given columns with inline constraints, when converted, then the table, each column and each constraint follow in that order', async () => {
      const converted = await givenSql(`
        CREATE TABLE users (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          email varchar(120) NOT NULL UNIQUE,
          team_id integer REFERENCES teams (id) ON DELETE CASCADE,
          age smallint CHECK (age >= 18),
          CONSTRAINT users_email_lower CHECK (email = lower(email))
        );`).whenConverted();
      expect(converted.events).toEqual(
        [
          { kind: 'table.created', payload: { table: users } },
          {
            kind: 'column.added',
            payload: {
              table: users,
              column: column('id', 'bigint', 'bigint', {
                nullable: false,
                primaryKey: true,
                identity: 'always',
              }),
            },
          },
          {
            kind: 'column.added',
            payload: {
              table: users,
              column: column('email', 'varchar(120)', 'varchar(120)', {
                nullable: false,
                unique: true,
              }),
            },
          },
          {
            kind: 'column.added',
            payload: {
              table: users,
              column: column('team_id', 'integer', 'integer', {
                references: { table: { name: 'teams' }, column: 'id', onDelete: 'cascade' },
              }),
            },
          },
          {
            kind: 'column.added',
            payload: { table: users, column: column('age', 'smallint', 'smallint') },
          },
          {
            kind: 'constraint.added',
            payload: {
              table: users,
              constraint: { name: 'users_pkey', type: 'primary-key', columns: ['id'] },
            },
          },
          {
            kind: 'constraint.added',
            payload: {
              table: users,
              constraint: { name: 'users_email_key', type: 'unique', columns: ['email'] },
            },
          },
          {
            kind: 'constraint.added',
            payload: {
              table: users,
              constraint: {
                name: 'users_team_id_fkey',
                type: 'foreign-key',
                columns: ['team_id'],
                references: { table: { name: 'teams' }, columns: ['id'], onDelete: 'cascade' },
              },
            },
          },
          {
            kind: 'constraint.added',
            payload: {
              table: users,
              constraint: {
                name: 'users_age_check',
                type: 'check',
                columns: ['age'],
                expression: 'age >= 18',
              },
            },
          },
          {
            kind: 'constraint.added',
            payload: {
              table: users,
              constraint: {
                name: 'users_email_lower',
                type: 'check',
                columns: ['email'],
                expression: 'email = lower(email)',
              },
            },
          },
        ].map((draft, subIndex) => ({ ...draft, opIndex: 0, subIndex })),
      );
    });

    it('given table-level PRIMARY KEY, UNIQUE and FOREIGN KEY on one column, when converted, then the column says so too', async () => {
      const converted = await givenSql(`
        CREATE TABLE IF NOT EXISTS app.members (
          team_id bigint, user_id bigint, badge text,
          PRIMARY KEY (team_id, user_id),
          UNIQUE (badge),
          FOREIGN KEY (user_id) REFERENCES app.users (id) ON DELETE SET NULL
        );`).whenConverted();
      const [created, teamId, userId, badge] = converted.facts;
      expect(created?.payload).toEqual({
        table: { schema: 'app', name: 'members' },
        ifNotExists: true,
      });
      expect(teamId?.payload.column).toMatchObject({ nullable: false, primaryKey: true });
      expect(userId?.payload.column).toMatchObject({
        nullable: false,
        primaryKey: true,
        references: {
          table: { schema: 'app', name: 'users' },
          column: 'id',
          onDelete: 'set null',
        },
      });
      expect(badge?.payload.column).toMatchObject({ unique: true, nullable: true });
      expect(converted.facts.slice(4).map((fact) => fact.payload.constraint)).toEqual([
        { name: 'members_pkey', type: 'primary-key', columns: ['team_id', 'user_id'] },
        { name: 'members_badge_key', type: 'unique', columns: ['badge'] },
        {
          name: 'members_user_id_fkey',
          type: 'foreign-key',
          columns: ['user_id'],
          references: {
            table: { schema: 'app', name: 'users' },
            columns: ['id'],
            onDelete: 'set null',
          },
        },
      ]);
    });

    it('given unnamed CHECKs that collide, when converted, then they are numbered as PostgreSQL numbers them', async () => {
      const converted = await givenSql(`
        CREATE TABLE t (
          a int CHECK (a > 0),
          CHECK (a < 100),
          CHECK (a <> b),
          CHECK (true),
          CONSTRAINT t_check1 CHECK (b > 0)
        );`).whenConverted();
      expect(
        converted.facts
          .filter((fact) => fact.kind === 'constraint.added')
          .map((fact) => (fact.payload.constraint as { name: string }).name),
      ).toEqual(['t_a_check', 't_a_check1', 't_check', 't_check2', 't_check1']);
    });

    it('given a 63-byte limit, when a generated name would be longer, then the longer part is cut as makeObjectName does', async () => {
      const table = 'a_table_with_a_rather_long_name_for_testing_limits';
      const converted = await givenSql(
        `CREATE TABLE ${table} (a_column_with_a_long_name_too int UNIQUE);`,
      ).whenConverted();
      const name = (converted.facts[2]?.payload.constraint as { name: string }).name;
      expect(name).toBe('a_table_with_a_rather_long_na_a_column_with_a_long_name_too_key');
      expect(name).toHaveLength(63);
    });

    it('given serial, bigserial and a GENERATED ... STORED column, when converted, then identity, default and generation are described', async () => {
      const converted = await givenSql(`
        CREATE TABLE s.t (id bigserial, n serial4, total numeric GENERATED ALWAYS AS (n * 2) STORED);
      `).whenConverted();
      expect(converted.facts.slice(1).map((fact) => fact.payload.column)).toEqual([
        column('id', 'bigint', 'bigserial', {
          nullable: false,
          identity: 'serial',
          default: {
            kind: 'expression',
            expression: "nextval('s.t_id_seq'::regclass)",
            volatility: 'volatile',
            level: 'db',
          },
        }),
        column('n', 'integer', 'serial4', {
          nullable: false,
          identity: 'serial',
          default: {
            kind: 'expression',
            expression: "nextval('s.t_n_seq'::regclass)",
            volatility: 'volatile',
            level: 'db',
          },
        }),
        column('total', 'numeric', 'numeric', { generated: { expression: 'n * 2', stored: true } }),
      ]);
    });

    it('given LIKE another table, when converted, then the written columns are listed and the copied ones are reported', async () => {
      const converted = await givenSql(
        'CREATE TABLE archive (LIKE orders INCLUDING ALL, archived_at timestamptz);',
      ).whenConverted();
      expect(converted.kinds).toEqual(['table.created', 'column.added', 'sql.executed']);
      expect(converted.facts[2]?.payload.reason).toBe(
        'CREATE TABLE: the columns copied by LIKE orders are not listed',
      );
    });

    it('given a temporary table, when converted, then it is not a schema change', async () => {
      const converted = await givenSql('CREATE TEMP TABLE scratch (id int);').whenConverted();
      expect(converted.only).toEqual({
        statement: 'CREATE TEMP TABLE scratch (id int)',
        reason: 'CREATE TEMP TABLE: a temporary table is not part of the schema',
      });
    });

    it('given CREATE TABLE AS, when converted, then the table is created and filled; WITH NO DATA leaves it empty', async () => {
      const filled = await givenSql(
        'CREATE TABLE snapshot AS SELECT * FROM orders;',
      ).whenConverted();
      expect(filled.facts).toEqual([
        { kind: 'table.created', payload: { table: { name: 'snapshot' } } },
        {
          kind: 'data.migrated',
          payload: {
            operation: 'insert',
            description: 'CREATE TABLE snapshot AS SELECT * FROM orders',
            table: { name: 'snapshot' },
          },
        },
      ]);
      const empty = await givenSql(
        'CREATE TABLE IF NOT EXISTS shape AS SELECT * FROM orders WITH NO DATA;',
      ).whenConverted();
      expect(empty.facts).toEqual([
        { kind: 'table.created', payload: { table: { name: 'shape' }, ifNotExists: true } },
      ]);
    });
  });

  describe('defaults', () => {
    it.each<[string, Record<string, unknown>]>([
      ["'active'", { kind: 'constant', value: 'active', level: 'db' }],
      ['0', { kind: 'constant', value: '0', level: 'db' }],
      ['-1.5', { kind: 'constant', value: '-1.5', level: 'db' }],
      ['false', { kind: 'constant', value: 'false', level: 'db' }],
      ["'{}'::jsonb", { kind: 'constant', value: '{}', level: 'db' }],
      ['NULL', { kind: 'none' }],
      [
        "'a' || 'b'",
        { kind: 'expression', expression: "'a' || 'b'", volatility: 'immutable', level: 'db' },
      ],
      ['now()', { kind: 'expression', expression: 'now()', volatility: 'stable', level: 'db' }],
      [
        'CURRENT_TIMESTAMP',
        { kind: 'expression', expression: 'CURRENT_TIMESTAMP', volatility: 'stable', level: 'db' },
      ],
      [
        "now() + interval '1 day'",
        {
          kind: 'expression',
          expression: "now() + interval '1 day'",
          volatility: 'stable',
          level: 'db',
        },
      ],
      ...[
        'random()',
        'clock_timestamp()',
        'gen_random_uuid()',
        'txid_current()',
        'timeofday()',
      ].map((call): [string, Record<string, unknown>] => [
        call,
        { kind: 'expression', expression: call, volatility: 'volatile', level: 'db' },
      ]),
      [
        'public.uuid_generate_v4()',
        {
          kind: 'expression',
          expression: 'public.uuid_generate_v4()',
          volatility: 'volatile',
          level: 'db',
        },
      ],
      [
        'md5(random()::text)',
        {
          kind: 'expression',
          expression: 'md5(random()::text)',
          volatility: 'volatile',
          level: 'db',
        },
      ],
      [
        'make_code()',
        { kind: 'expression', expression: 'make_code()', volatility: 'unknown', level: 'db' },
      ],
    ])('given DEFAULT %s, when converted, then the default is %j', async (expression, expected) => {
      const converted = await givenSql(
        `ALTER TABLE users ADD COLUMN c text DEFAULT ${expression} NOT NULL;`,
      ).whenConverted();
      expect(converted.only.column).toMatchObject({ default: expected, nullable: false });
    });

    it('given a default written over several lines with a comment, when converted, then its text is on one line', async () => {
      const converted = await givenSql(`
        ALTER TABLE users ALTER COLUMN due SET DEFAULT (
          now()   -- the start
          + interval '7 days'
        );`).whenConverted();
      expect(converted.only.default).toEqual({
        kind: 'expression',
        expression: "now() + interval '7 days'",
        volatility: 'stable',
        level: 'db',
      });
    });
  });

  describe('ALTER TABLE', () => {
    it('given every column subcommand, when converted, then each becomes its own event in order', async () => {
      const converted = await givenSql(`
        ALTER TABLE users
          ADD COLUMN nickname text,
          DROP COLUMN IF EXISTS legacy CASCADE,
          ALTER COLUMN age TYPE integer USING age::integer,
          ALTER COLUMN nickname SET NOT NULL,
          ALTER COLUMN email DROP NOT NULL,
          ALTER COLUMN nickname SET DEFAULT 'anon',
          ALTER COLUMN email DROP DEFAULT;`).whenConverted();
      expect(converted.facts).toEqual([
        {
          kind: 'column.added',
          payload: { table: users, column: column('nickname', 'text', 'text') },
        },
        {
          kind: 'column.dropped',
          payload: { table: users, column: 'legacy', ifExists: true, cascade: true },
        },
        {
          kind: 'column.type_changed',
          payload: {
            table: users,
            column: 'age',
            type: { sql: 'integer', framework: 'integer' },
            using: 'age::integer',
          },
        },
        {
          kind: 'column.nullability_changed',
          payload: { table: users, column: 'nickname', nullable: false },
        },
        {
          kind: 'column.nullability_changed',
          payload: { table: users, column: 'email', nullable: true },
        },
        {
          kind: 'column.default_changed',
          payload: {
            table: users,
            column: 'nickname',
            default: { kind: 'constant', value: 'anon', level: 'db' },
          },
        },
        {
          kind: 'column.default_changed',
          payload: { table: users, column: 'email', default: { kind: 'none' } },
        },
      ]);
      expect(converted.events.map((draft) => [draft.opIndex, draft.subIndex])).toEqual(
        [0, 1, 2, 3, 4, 5, 6].map((subIndex) => [0, subIndex]),
      );
    });

    it('given ADD COLUMN with inline constraints, when converted, then the constraints follow the column', async () => {
      const converted = await givenSql(
        'ALTER TABLE users ADD COLUMN team_id bigint NOT NULL REFERENCES teams ON DELETE RESTRICT;',
      ).whenConverted();
      expect(converted.facts).toEqual([
        {
          kind: 'column.added',
          payload: {
            table: users,
            column: column('team_id', 'bigint', 'bigint', { nullable: false }),
          },
        },
        {
          kind: 'constraint.added',
          payload: {
            table: users,
            constraint: {
              name: 'users_team_id_fkey',
              type: 'foreign-key',
              columns: ['team_id'],
              references: { table: { name: 'teams' }, columns: [], onDelete: 'restrict' },
            },
          },
        },
      ]);
    });

    it('given a foreign key added NOT VALID and validated later, when converted, then notValid and constraint.validated say so', async () => {
      const converted = await givenSql(`
        ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id)
          REFERENCES users (id) NOT VALID;
        ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;`).whenConverted();
      expect(converted.facts).toEqual([
        {
          kind: 'constraint.added',
          payload: {
            table: { name: 'orders' },
            constraint: {
              name: 'orders_user_fk',
              type: 'foreign-key',
              columns: ['user_id'],
              references: { table: users, columns: ['id'], onDelete: 'no action' },
              notValid: true,
            },
          },
        },
        {
          kind: 'constraint.validated',
          payload: { table: { name: 'orders' }, name: 'orders_user_fk' },
        },
      ]);
    });

    it('given CHECK ... NOT VALID, UNIQUE, EXCLUDE and DROP CONSTRAINT, when converted, then each constraint event carries its facts', async () => {
      const converted = await givenSql(`
        ALTER TABLE ONLY bookings
          ADD CONSTRAINT positive CHECK (seats > 0) NOT VALID,
          ADD UNIQUE (room, day),
          ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&),
          DROP CONSTRAINT IF EXISTS old_rule;`).whenConverted();
      const table = { name: 'bookings' };
      expect(converted.facts).toEqual([
        {
          kind: 'constraint.added',
          payload: {
            table,
            constraint: {
              name: 'positive',
              type: 'check',
              columns: ['seats'],
              expression: 'seats > 0',
              notValid: true,
            },
          },
        },
        {
          kind: 'constraint.added',
          payload: {
            table,
            constraint: { name: 'bookings_room_day_key', type: 'unique', columns: ['room', 'day'] },
          },
        },
        {
          kind: 'constraint.added',
          payload: {
            table,
            constraint: {
              name: 'no_overlap',
              type: 'exclusion',
              columns: ['room', 'during'],
              expression: 'room WITH =, during WITH &&',
            },
          },
        },
        {
          kind: 'constraint.dropped',
          payload: { table, name: 'old_rule', ifExists: true },
        },
      ]);
    });

    it('given ADD PRIMARY KEY USING INDEX, when converted, then the constraint takes the index name', async () => {
      const converted = await givenSql(
        'ALTER TABLE users ADD PRIMARY KEY USING INDEX users_id_idx;',
      ).whenConverted();
      expect(converted.only.constraint).toEqual({
        name: 'users_id_idx',
        type: 'primary-key',
        columns: [],
        usingIndex: 'users_id_idx',
      });
    });

    it('given subcommands without an event kind among mapped ones, when converted, then they are kept together after the mapped events', async () => {
      const converted = await givenSql(
        'ALTER TABLE users OWNER TO admin, ADD COLUMN note text, SET UNLOGGED;',
      ).whenConverted();
      expect(converted.kinds).toEqual(['column.added', 'table.option_changed', 'sql.executed']);
      expect(converted.facts[2]?.payload).toEqual({
        statement: 'ALTER TABLE users OWNER TO admin, ADD COLUMN note text, SET UNLOGGED',
        reason: 'ALTER TABLE: OWNER TO has no event kind',
      });
    });

    it('given renames and SET SCHEMA, when converted, then tables, columns, indexes, views and sequences get rename events and the rest is kept', async () => {
      const converted = await givenSql(`
        ALTER TABLE IF EXISTS app.users RENAME TO members;
        ALTER TABLE users RENAME COLUMN mail TO email;
        ALTER INDEX users_mail_idx RENAME TO users_email_idx;
        ALTER VIEW active_users RENAME TO current_users;
        ALTER MATERIALIZED VIEW stats RENAME TO daily_stats;
        ALTER SEQUENCE user_ids RENAME TO member_ids;
        ALTER TABLE users RENAME CONSTRAINT users_mail_key TO users_email_key;
        ALTER TYPE mood RENAME TO feeling;
        ALTER TABLE users SET SCHEMA archive;`).whenConverted();
      expect(converted.facts).toEqual([
        {
          kind: 'table.renamed',
          payload: { table: { schema: 'app', name: 'users' }, newName: 'members' },
        },
        { kind: 'column.renamed', payload: { table: users, column: 'mail', newName: 'email' } },
        { kind: 'index.renamed', payload: { name: 'users_mail_idx', newName: 'users_email_idx' } },
        { kind: 'view.altered', payload: { name: 'active_users', newName: 'current_users' } },
        {
          kind: 'view.altered',
          payload: { name: 'stats', materialized: true, newName: 'daily_stats' },
        },
        { kind: 'sequence.altered', payload: { name: 'user_ids', newName: 'member_ids' } },
        {
          kind: 'constraint.renamed',
          payload: { table: users, name: 'users_mail_key', newName: 'users_email_key' },
        },
        { kind: 'enum.altered', payload: { name: 'mood', newName: 'feeling' } },
        { kind: 'table.schema_changed', payload: { table: users, newSchema: 'archive' } },
      ]);
    });
  });

  describe('indexes', () => {
    it('given CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ... USING ... WHERE, when converted, then every fact of the index is kept', async () => {
      const converted = await givenSql(`
        CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_live_email
          ON app.users USING btree (lower(email), team_id)
          WHERE deleted_at IS NULL;`).whenConverted();
      expect(converted.only).toEqual({
        table: { schema: 'app', name: 'users' },
        index: {
          name: 'users_live_email',
          columns: ['team_id'],
          expressions: ['lower(email)'],
          unique: true,
          where: 'deleted_at IS NULL',
          concurrently: true,
        },
        ifNotExists: true,
      });
    });

    it('given an unnamed index with a method and expressions, when converted, then it is named as PostgreSQL names it', async () => {
      const converted = await givenSql(
        'CREATE INDEX ON users USING gin (tags, lower(name), (age + 1), lower(nick));',
      ).whenConverted();
      expect(converted.only.index).toEqual({
        name: 'users_tags_lower_expr_lower1_idx',
        columns: ['tags'],
        expressions: ['lower(name)', 'age + 1', 'lower(nick)'],
        method: 'gin',
      });
    });

    it('given DROP INDEX with and without CONCURRENTLY, when converted, then each index gets an index.dropped', async () => {
      const converted = await givenSql(`
        DROP INDEX CONCURRENTLY IF EXISTS app.users_email_idx;
        DROP INDEX a_idx, b_idx CASCADE;`).whenConverted();
      expect(converted.facts).toEqual([
        {
          kind: 'index.dropped',
          payload: { name: 'users_email_idx', concurrently: true, ifExists: true },
        },
        { kind: 'index.dropped', payload: { name: 'a_idx' } },
        { kind: 'index.dropped', payload: { name: 'b_idx' } },
      ]);
    });
  });

  describe('drops and truncation', () => {
    it('given DROP TABLE of several tables with CASCADE, when converted, then one table.dropped per table', async () => {
      const converted = await givenSql('DROP TABLE IF EXISTS a, app.b CASCADE;').whenConverted();
      expect(converted.facts).toEqual([
        { kind: 'table.dropped', payload: { table: { name: 'a' }, ifExists: true, cascade: true } },
        {
          kind: 'table.dropped',
          payload: { table: { schema: 'app', name: 'b' }, ifExists: true, cascade: true },
        },
      ]);
    });

    it('given TRUNCATE, when converted, then one table.truncated names every table', async () => {
      const converted = await givenSql('TRUNCATE a, b RESTART IDENTITY CASCADE;').whenConverted();
      expect(converted.facts).toEqual([
        {
          kind: 'table.truncated',
          payload: { tables: [{ name: 'a' }, { name: 'b' }], cascade: true },
        },
      ]);
    });

    it('given drops of schemas, databases, domains, routines, triggers and policies, when converted, then each has its kind with IF EXISTS and CASCADE', async () => {
      const converted = await givenSql(`
        DROP SCHEMA IF EXISTS app, old CASCADE;
        DROP DATABASE IF EXISTS scratch;
        DROP DOMAIN email;
        DROP FUNCTION IF EXISTS app.f(int), g CASCADE;
        DROP PROCEDURE p;
        DROP TRIGGER IF EXISTS touch ON app.users;
        DROP POLICY own_rows ON users;
        DROP TABLE IF EXISTS a CASCADE;
        DROP SEQUENCE IF EXISTS s;`).whenConverted();
      expect(converted.facts).toEqual([
        { kind: 'schema.dropped', payload: { name: 'app', ifExists: true, cascade: true } },
        { kind: 'schema.dropped', payload: { name: 'old', ifExists: true, cascade: true } },
        { kind: 'database.dropped', payload: { name: 'scratch', ifExists: true } },
        { kind: 'domain.dropped', payload: { name: 'email' } },
        {
          kind: 'function.dropped',
          payload: { schema: 'app', name: 'f', ifExists: true, cascade: true },
        },
        { kind: 'function.dropped', payload: { name: 'g', ifExists: true, cascade: true } },
        { kind: 'function.dropped', payload: { name: 'p', routine: 'procedure' } },
        {
          kind: 'trigger.dropped',
          payload: { table: { schema: 'app', name: 'users' }, name: 'touch', ifExists: true },
        },
        { kind: 'policy.dropped', payload: { table: users, name: 'own_rows' } },
        { kind: 'table.dropped', payload: { table: { name: 'a' }, ifExists: true, cascade: true } },
        { kind: 'sequence.dropped', payload: { name: 's', ifExists: true } },
      ]);
    });
  });

  describe('types, views, sequences, extensions and comments', () => {
    it('given an enum created, extended, renamed and dropped, when converted, then enum events follow it', async () => {
      const converted = await givenSql(`
        CREATE TYPE app.mood AS ENUM ('sad', 'ok');
        ALTER TYPE app.mood ADD VALUE 'happy' AFTER 'ok';
        ALTER TYPE app.mood ADD VALUE IF NOT EXISTS 'meh' BEFORE 'ok';
        ALTER TYPE app.mood ADD VALUE 'ecstatic';
        ALTER TYPE app.mood RENAME VALUE 'ok' TO 'fine';
        ALTER TYPE app.mood SET SCHEMA public;
        DROP TYPE app.mood CASCADE;
        CREATE TYPE pair AS (a int, b int);`).whenConverted();
      const mood = { schema: 'app', name: 'mood' };
      expect(converted.facts).toEqual([
        { kind: 'enum.created', payload: { ...mood, values: ['sad', 'ok'] } },
        {
          kind: 'enum.altered',
          payload: { ...mood, addedValue: 'happy', position: { placement: 'after', value: 'ok' } },
        },
        {
          kind: 'enum.altered',
          payload: {
            ...mood,
            addedValue: 'meh',
            position: { placement: 'before', value: 'ok' },
            ifNotExists: true,
          },
        },
        { kind: 'enum.altered', payload: { ...mood, addedValue: 'ecstatic' } },
        { kind: 'enum.altered', payload: { ...mood, renamedValue: { from: 'ok', to: 'fine' } } },
        { kind: 'enum.altered', payload: { ...mood, newSchema: 'public' } },
        { kind: 'enum.dropped', payload: { ...mood, cascade: true } },
        {
          kind: 'sql.executed',
          payload: {
            statement: 'CREATE TYPE pair AS (a int, b int)',
            reason: 'CREATE TYPE: composite types have no event kind',
          },
        },
      ]);
    });

    it('given views and materialized views, when converted, then their definitions are kept without options or comments', async () => {
      const converted = await givenSql(`
        CREATE OR REPLACE VIEW app.active (id, name) WITH (security_barrier) AS
          SELECT id, name FROM users -- only the live ones
          WHERE deleted_at IS NULL
          WITH CASCADED CHECK OPTION;
        CREATE MATERIALIZED VIEW IF NOT EXISTS totals AS SELECT count(*) AS n FROM users WITH DATA;
        DROP VIEW IF EXISTS app.active CASCADE;
        DROP MATERIALIZED VIEW totals;`).whenConverted();
      expect(converted.facts).toEqual([
        {
          kind: 'view.created',
          payload: {
            schema: 'app',
            name: 'active',
            definition: 'SELECT id, name FROM users WHERE deleted_at IS NULL',
            replaceExisting: true,
          },
        },
        {
          kind: 'view.created',
          payload: {
            name: 'totals',
            definition: 'SELECT count(*) AS n FROM users',
            materialized: true,
          },
        },
        {
          kind: 'view.dropped',
          payload: { schema: 'app', name: 'active', ifExists: true, cascade: true },
        },
        { kind: 'view.dropped', payload: { name: 'totals', materialized: true } },
      ]);
    });

    it('given sequences and extensions, when converted, then each gets its created, altered or dropped event', async () => {
      const converted = await givenSql(`
        CREATE SEQUENCE IF NOT EXISTS app.invoice_no START 100;
        ALTER SEQUENCE app.invoice_no INCREMENT BY 5;
        ALTER SEQUENCE app.invoice_no AS bigint;
        ALTER SEQUENCE app.invoice_no SET SCHEMA billing;
        DROP SEQUENCE app.invoice_no CASCADE;
        CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA ext;
        ALTER EXTENSION postgis UPDATE TO '3.4.0';
        DROP EXTENSION IF EXISTS hstore;`).whenConverted();
      const invoiceNo = { schema: 'app', name: 'invoice_no' };
      expect(converted.facts).toEqual([
        { kind: 'sequence.created', payload: invoiceNo },
        { kind: 'sequence.altered', payload: invoiceNo },
        { kind: 'sequence.altered', payload: { ...invoiceNo, type: 'bigint' } },
        { kind: 'sequence.altered', payload: { ...invoiceNo, newSchema: 'billing' } },
        { kind: 'sequence.dropped', payload: { ...invoiceNo, cascade: true } },
        { kind: 'extension.created', payload: { schema: 'ext', name: 'uuid-ossp' } },
        { kind: 'extension.altered', payload: { name: 'postgis', version: '3.4.0' } },
        { kind: 'extension.dropped', payload: { name: 'hstore', ifExists: true } },
      ]);
    });

    it('given comments on a table, a column and an index, when converted, then the first two are comment events', async () => {
      const converted = await givenSql(`
        COMMENT ON TABLE app.users IS 'People';
        COMMENT ON COLUMN users.email IS NULL;
        COMMENT ON INDEX users_email_idx IS 'lookup';`).whenConverted();
      expect(converted.facts).toEqual([
        {
          kind: 'table.comment_changed',
          payload: { table: { schema: 'app', name: 'users' }, comment: 'People' },
        },
        {
          kind: 'column.comment_changed',
          payload: { table: users, column: 'email', comment: null },
        },
        {
          kind: 'sql.executed',
          payload: {
            statement: "COMMENT ON INDEX users_email_idx IS 'lookup'",
            reason: 'COMMENT: a comment on an index has no event kind',
          },
        },
      ]);
    });
  });

  describe('data', () => {
    it('given INSERT, UPDATE, DELETE, COPY FROM and MERGE, when converted, then each is a data.migrated with its table and WHERE', async () => {
      const converted = await givenSql(`
        INSERT INTO app.users (email) SELECT email FROM staging;
        UPDATE users SET active = true WHERE last_seen > now() - interval '1 year';
        UPDATE users SET active = false;
        DELETE FROM users WHERE active IS FALSE;
        COPY users (email) FROM STDIN;
        MERGE INTO users u USING staging s ON u.email = s.email WHEN NOT MATCHED THEN INSERT (email) VALUES (s.email);`).whenConverted();
      expect(
        converted.facts.map(({ payload }) => [payload.operation, payload.table, payload.hasWhere]),
      ).toEqual([
        ['insert', { schema: 'app', name: 'users' }, undefined],
        ['update', users, true],
        ['update', users, false],
        ['delete', users, true],
        ['insert', users, undefined],
        ['update', users, undefined],
      ]);
      expect(converted.facts[1]?.payload.description).toBe(
        "UPDATE users SET active = true WHERE last_seen > now() - interval '1 year'",
      );
    });

    it('given a long INSERT, when converted, then its description is shortened', async () => {
      const values = Array.from({ length: 60 }, (_, i) => `(${i})`).join(', ');
      const converted = await givenSql(`INSERT INTO t (n) VALUES ${values};`).whenConverted();
      const description = converted.only.description as string;
      expect(description).toHaveLength(200);
      expect(description.endsWith('…')).toBe(true);
    });

    it('given COPY ... TO, when converted, then it is kept: it changes nothing', async () => {
      const converted = await givenSql('COPY users TO STDOUT;').whenConverted();
      expect(converted.only.reason).toBe('COPY: COPY ... TO reads data; it changes nothing');
    });
  });

  describe('session, transactions, locks and maintenance', () => {
    it('given SET, SET LOCAL, RESET and RESET ALL, when converted, then each is session.setting_changed', async () => {
      const converted = await givenSql(`
        SET statement_timeout = '30s';
        SET LOCAL lock_timeout TO 5000;
        SET search_path TO app, public;
        SET TIME ZONE 'UTC';
        RESET lock_timeout;
        SET work_mem TO DEFAULT;
        RESET ALL;`).whenConverted();
      expect(converted.facts.map((fact) => fact.payload)).toEqual([
        { name: 'statement_timeout', value: '30s' },
        { name: 'lock_timeout', value: '5000', local: true },
        { name: 'search_path', value: 'app, public' },
        { name: 'timezone', value: 'UTC' },
        { name: 'lock_timeout', value: null },
        { name: 'work_mem', value: null },
        { name: 'all', value: null },
      ]);
    });

    it('given a runner transaction with COMMIT and BEGIN ... END inside, when converted, then each transaction has its number', async () => {
      const converted = await givenSql(
        [
          'CREATE TABLE a (id int);',
          'COMMIT;',
          'CREATE INDEX CONCURRENTLY a_id ON a (id);',
          'BEGIN;',
          'ALTER TABLE a ADD COLUMN b int;',
          'END;',
        ].join('\n'),
      ).whenConverted();
      expect(converted.contexts.map((context) => context?.transactionGroup)).toEqual([
        0, 0, 0, 1, 1, 1, 1,
      ]);
      expect(converted.facts.filter((fact) => fact.kind === 'transaction.controlled')).toEqual([
        { kind: 'transaction.controlled', payload: { action: 'commit' } },
        { kind: 'transaction.controlled', payload: { action: 'begin' } },
        { kind: 'transaction.controlled', payload: { action: 'commit' } },
      ]);
    });

    it('given LOCK, REINDEX, VACUUM, ANALYZE, CLUSTER and REFRESH, when converted, then each has its kind', async () => {
      const converted = await givenSql(`
        LOCK TABLE users, app.orders IN SHARE ROW EXCLUSIVE MODE;
        LOCK users;
        REINDEX INDEX CONCURRENTLY app.users_email_idx;
        REINDEX (CONCURRENTLY) TABLE users;
        REINDEX SCHEMA app;
        VACUUM FULL users;
        VACUUM (ANALYZE) users, orders;
        ANALYZE;
        CLUSTER users USING users_pkey;
        REFRESH MATERIALIZED VIEW CONCURRENTLY totals;`).whenConverted();
      expect(converted.facts).toEqual([
        {
          kind: 'table.locked',
          payload: {
            tables: [users, { schema: 'app', name: 'orders' }],
            mode: 'SHARE ROW EXCLUSIVE',
          },
        },
        { kind: 'table.locked', payload: { tables: [users], mode: 'ACCESS EXCLUSIVE' } },
        {
          kind: 'index.rebuilt',
          payload: { target: 'index', schema: 'app', name: 'users_email_idx', concurrently: true },
        },
        { kind: 'index.rebuilt', payload: { target: 'table', name: 'users', concurrently: true } },
        { kind: 'index.rebuilt', payload: { target: 'schema', name: 'app' } },
        { kind: 'table.maintained', payload: { table: users, operation: 'vacuum-full' } },
        { kind: 'table.maintained', payload: { table: users, operation: 'vacuum' } },
        { kind: 'table.maintained', payload: { table: { name: 'orders' }, operation: 'vacuum' } },
        { kind: 'table.maintained', payload: { operation: 'analyze' } },
        { kind: 'table.maintained', payload: { table: users, operation: 'cluster' } },
        {
          kind: 'data.migrated',
          payload: {
            operation: 'update',
            description: 'REFRESH MATERIALIZED VIEW CONCURRENTLY totals',
            table: { name: 'totals' },
          },
        },
      ]);
    });
  });

  describe('table options, partitions, schemas, domains, routines, triggers and policies', () => {
    it('given ALTER TABLE options and partitions, when converted, then table.option_changed and partition events', async () => {
      const converted = await givenSql(`
        ALTER TABLE users SET LOGGED, SET UNLOGGED, SET ACCESS METHOD heap, SET TABLESPACE fast,
          REPLICA IDENTITY FULL, REPLICA IDENTITY USING INDEX users_pkey,
          SET (fillfactor = 70, autovacuum_enabled = false), RESET (fillfactor),
          ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY, DISABLE ROW LEVEL SECURITY,
          DISABLE TRIGGER ALL, ENABLE TRIGGER touch, CLUSTER ON users_pkey;
        ALTER TABLE events ATTACH PARTITION events_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        ALTER TABLE events DETACH PARTITION events_2023 CONCURRENTLY;
        ALTER TABLE users ADD COLUMN IF NOT EXISTS note text;`).whenConverted();
      const option = (name: string, value?: string) => ({
        kind: 'table.option_changed',
        payload: { table: users, option: name, ...(value ? { value } : {}) },
      });
      const events = { name: 'events' };
      expect(converted.facts).toEqual([
        option('logged'),
        option('unlogged'),
        option('access-method', 'heap'),
        option('tablespace', 'fast'),
        option('replica-identity', 'full'),
        option('replica-identity', 'index users_pkey'),
        option('storage-parameters', 'set (fillfactor=70, autovacuum_enabled=false)'),
        option('storage-parameters', 'reset (fillfactor)'),
        option('row-level-security', 'enabled'),
        option('row-level-security', 'forced'),
        option('row-level-security', 'disabled'),
        option('trigger-disabled', 'ALL'),
        option('trigger-enabled', 'touch'),
        option('cluster-on', 'users_pkey'),
        {
          kind: 'table.partition_attached',
          payload: { table: events, partition: { name: 'events_2024' } },
        },
        {
          kind: 'table.partition_detached',
          payload: { table: events, partition: { name: 'events_2023' }, concurrently: true },
        },
        {
          kind: 'column.added',
          payload: {
            table: users,
            column: expect.objectContaining({ name: 'note' }) as object,
            ifNotExists: true,
          },
        },
      ]);
    });

    it('given indexes with INCLUDE and ON ONLY, and a constraint adopting an index, when converted, then they say so', async () => {
      const converted = await givenSql(`
        CREATE INDEX users_email_idx ON ONLY users (email) INCLUDE (name, created_at);
        ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;`).whenConverted();
      expect(converted.facts[0]?.payload.index).toEqual({
        name: 'users_email_idx',
        columns: ['email'],
        include: ['name', 'created_at'],
        onlyParent: true,
      });
      expect(converted.facts[1]?.payload.constraint).toEqual({
        name: 'users_email_key',
        type: 'unique',
        columns: [],
        usingIndex: 'users_email_idx',
      });
    });

    it('given schemas created, renamed and dropped, when converted, then schema events', async () => {
      const converted = await givenSql(`
        CREATE SCHEMA IF NOT EXISTS app;
        CREATE SCHEMA AUTHORIZATION reporter;
        ALTER SCHEMA app RENAME TO shop;`).whenConverted();
      expect(converted.facts).toEqual([
        { kind: 'schema.created', payload: { name: 'app', ifNotExists: true } },
        { kind: 'schema.created', payload: { name: 'reporter' } },
        { kind: 'schema.renamed', payload: { name: 'app', newName: 'shop' } },
      ]);
    });

    it('given a domain created, altered and renamed, when converted, then domain events with checks', async () => {
      const converted = await givenSql(`
        CREATE DOMAIN app.email AS varchar(320) NOT NULL DEFAULT '' CHECK (VALUE LIKE '%@%');
        ALTER DOMAIN app.email ADD CONSTRAINT email_short CHECK (length(VALUE) < 200) NOT VALID;
        ALTER DOMAIN app.email DROP CONSTRAINT email_short;
        ALTER DOMAIN app.email DROP NOT NULL;
        ALTER DOMAIN app.email SET DEFAULT 'none';
        ALTER DOMAIN app.email RENAME TO mail;`).whenConverted();
      const email = { schema: 'app', name: 'email' };
      expect(converted.facts).toEqual([
        {
          kind: 'domain.created',
          payload: {
            ...email,
            type: { sql: 'varchar(320)', framework: 'varchar(320)' },
            nullable: false,
            default: { kind: 'constant', value: '', level: 'db' },
            checks: ["VALUE LIKE '%@%'"],
          },
        },
        {
          kind: 'domain.altered',
          payload: {
            ...email,
            addedCheck: { name: 'email_short', expression: 'length(VALUE) < 200' },
            notValid: true,
          },
        },
        { kind: 'domain.altered', payload: { ...email, droppedConstraint: 'email_short' } },
        { kind: 'domain.altered', payload: { ...email, nullable: true } },
        {
          kind: 'domain.altered',
          payload: { ...email, default: { kind: 'constant', value: 'none', level: 'db' } },
        },
        { kind: 'domain.altered', payload: { ...email, newName: 'mail' } },
      ]);
    });

    it('given functions, procedures, triggers and policies, when converted, then they are tracked by name', async () => {
      const converted = await givenSql(`
        CREATE OR REPLACE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
        CREATE PROCEDURE archive() AS 'DELETE FROM logs' LANGUAGE sql;
        CREATE OR REPLACE TRIGGER touch BEFORE UPDATE ON app.users
          FOR EACH ROW EXECUTE FUNCTION app.touch();
        CREATE POLICY own_rows ON users USING (id = 1);`).whenConverted();
      expect(converted.facts).toEqual([
        {
          kind: 'function.created',
          payload: { schema: 'app', name: 'touch', language: 'plpgsql', replaceExisting: true },
        },
        {
          kind: 'function.created',
          payload: { name: 'archive', routine: 'procedure', language: 'sql' },
        },
        {
          kind: 'trigger.created',
          payload: {
            table: { schema: 'app', name: 'users' },
            name: 'touch',
            function: 'app.touch',
            replaceExisting: true,
          },
        },
        { kind: 'policy.created', payload: { table: users, name: 'own_rows' } },
      ]);
    });
  });

  describe('suppression comments', () => {
    it('given squawk-ignore and atlas:nolint before statements, when converted, then those statements carry the acknowledged ids', async () => {
      const converted = await givenSql(
        [
          '-- squawk-ignore ban-drop-column, adding-not-nullable-field',
          'ALTER TABLE users DROP COLUMN legacy;',
          'ALTER TABLE users DROP COLUMN other;',
          '-- atlas:nolint DS103 MF101',
          'ALTER TABLE users DROP COLUMN third;',
          '/* atlas:nolint */',
          'DROP TABLE old;',
        ].join('\n'),
      ).whenConverted();
      expect(converted.contexts.map((context) => context?.acknowledged)).toEqual([
        ['ban-drop-column', 'adding-not-nullable-field'],
        undefined,
        ['DS103', 'MF101'],
        ['*'],
      ]);
    });

    it('given squawk-ignore-file, or atlas:nolint at the top followed by an empty line, when converted, then every statement is acknowledged', async () => {
      const squawk = await givenSql(
        'ALTER TABLE a DROP COLUMN b;\n-- squawk-ignore-file\nDROP TABLE c;',
      ).whenConverted();
      expect(squawk.contexts.map((context) => context?.acknowledged)).toEqual([['*'], ['*']]);
      const atlas = await givenSql(
        '-- atlas:nolint destructive\n\nALTER TABLE a DROP COLUMN b;\nDROP TABLE c;',
      ).whenConverted();
      expect(atlas.contexts.map((context) => context?.acknowledged)).toEqual([
        ['destructive'],
        ['destructive'],
      ]);
    });
  });

  describe('statements without an event kind', () => {
    it.each([
      ['GRANT SELECT ON users TO reader', 'GRANT SELECT: privileges are not tracked'],
      ["DO $$ BEGIN RAISE NOTICE 'x'; END $$", 'DO: procedural code in a DO block is not analysed'],
      [
        'SET TRANSACTION ISOLATION LEVEL SERIALIZABLE',
        'SET TRANSACTION ISOLATION LEVEL: transaction characteristics (SET TRANSACTION) are not a session setting',
      ],
      [
        'ALTER TABLE users ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY',
        'ALTER TABLE: ADD GENERATED AS IDENTITY has no event kind',
      ],
      [
        "SELECT set_config('app.x', '1', false)",
        'SELECT: a query has no event kind; what the functions it calls do is not analysed',
      ],
      [
        'CREATE PUBLICATION everything FOR ALL TABLES',
        'CREATE PUBLICATION: logical replication is not tracked',
      ],
      ['CHECKPOINT', 'CHECKPOINT: no event kind for this statement (CheckPointStmt)'],
    ])(
      'given %s, when converted, then sql.executed keeps it with why',
      async (statement, reason) => {
        const converted = await givenSql(`${statement};`).whenConverted();
        expect(converted.only).toEqual({ statement, reason });
      },
    );
  });

  describe('statement context', () => {
    it('given BEGIN ... COMMIT in the text, when converted, then the statements inside run in an explicit transaction and the others as the runner does', async () => {
      const converted = await givenSql(
        [
          'CREATE TABLE a (id int);',
          'BEGIN;',
          'ALTER TABLE a ADD COLUMN b int;',
          'SAVEPOINT s;',
          'ALTER TABLE a ADD COLUMN c int;',
          'COMMIT;',
          'START TRANSACTION;',
          'ALTER TABLE a ADD COLUMN d int;',
          'ROLLBACK;',
          'CREATE INDEX CONCURRENTLY a_b ON a (b);',
        ].join('\n'),
        { inTransaction: false, transactionSource: 'opt-out' },
      ).whenConverted();
      const optOut = { inTransaction: false, transactionSource: 'opt-out' };
      const explicit = (transactionGroup: number) => ({
        inTransaction: true,
        transactionSource: 'explicit',
        transactionGroup,
      });
      expect(converted.drafts.map((draft) => draft.opIndex)).toEqual([
        0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
      ]);
      expect(converted.facts.filter((fact) => fact.kind === 'transaction.controlled')).toEqual(
        ['begin', 'savepoint', 'commit', 'begin', 'rollback'].map((action) => ({
          kind: 'transaction.controlled',
          payload: { action },
        })),
      );
      // Outside BEGIN ... COMMIT nothing runs in a transaction here: no group.
      expect(converted.contexts).toEqual([
        { ...optOut, line: 1 },
        { ...optOut, line: 1 },
        { ...explicit(0), line: 2 },
        { ...explicit(0), line: 3 },
        { ...explicit(0), line: 4 },
        { ...explicit(0), line: 5 },
        { ...explicit(0), line: 6 },
        { ...explicit(1), line: 7 },
        { ...explicit(1), line: 8 },
        { ...explicit(1), line: 9 },
        { ...optOut, line: 10 },
      ]);
    });

    it('given statements after comments and blank lines, when converted, then each context has the line where the statement starts', async () => {
      const converted = await givenSql(
        "-- header\n\n/* block\n comment */ CREATE TABLE é (id int);\n\nCOMMENT ON TABLE é IS 'ü';\nDROP TABLE é;",
      ).whenConverted();
      expect(converted.contexts.map((context) => context?.line)).toEqual([4, 4, 6, 7]);
      expect(converted.contexts[0]).toEqual({ ...inTransaction, transactionGroup: 0, line: 4 });
    });

    it('given SQL embedded at line 20 of another file, when converted, then lines count from there', async () => {
      const { loadSqlParser } = await import('./sql-parser');
      const { sqlToEvents } = await import('./sql-statements');
      const drafts = sqlToEvents(
        await loadSqlParser(),
        'SELECT 1;\nDROP TABLE t;\nALTER TABLE ,;',
        {
          transaction: { inTransaction: true, transactionSource: 'explicit' },
          firstLine: 20,
        },
      );
      expect(drafts).toEqual([
        {
          kind: 'migration.unparsed',
          payload: { reason: 'line 22: syntax error at or near ","', line: 22 },
          opIndex: 0,
          subIndex: 0,
        },
      ]);
    });
  });

  describe('text the parser refuses', () => {
    it('given one bad statement among good ones, when converted, then the whole text yields one migration.unparsed with the line', async () => {
      const converted = await givenSql(
        'CREATE TABLE a (id int);\nCREATE TABLE b (id int,,);\nDROP TABLE a;',
      ).whenConverted();
      expect(converted.drafts).toEqual([
        {
          kind: 'migration.unparsed',
          payload: { reason: 'line 2: syntax error at or near ","', line: 2 },
          opIndex: 0,
          subIndex: 0,
        },
      ]);
    });

    it('given an unterminated string, when converted, then the parser message says so', async () => {
      const converted = await givenSql("INSERT INTO t VALUES ('oops);").whenConverted();
      expect(converted.only).toEqual({
        reason: 'line 1: unterminated quoted string at or near "\'oops);"',
        line: 1,
      });
    });

    it('given psql meta-commands, when converted, then the text is unparsed: they are not SQL', async () => {
      const converted = await givenSql(
        '\\set ON_ERROR_STOP on\nCREATE TABLE t (id int);',
      ).whenConverted();
      expect(converted.kinds).toEqual(['migration.unparsed']);
      expect(converted.only.line).toBe(1);
    });

    it('given an empty or comment-only text, when converted, then there are no events', async () => {
      expect((await givenSql('').whenConverted()).drafts).toEqual([]);
      expect((await givenSql('-- nothing\n/* at all */\n').whenConverted()).drafts).toEqual([]);
    });
  });
});
