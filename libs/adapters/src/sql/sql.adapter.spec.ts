import { sourceOf } from '../testing/migration-fixtures';
import { createPrismaAdapter, createSqlAdapter } from './sql.adapter';
import { givenSqlProject, goldenOf, sqlFixture } from './testing/sql-project';

const frameworkDefault = {
  inTransaction: true,
  transactionSource: 'framework-default',
  transactionGroup: 0,
};
const outsideByDefault = { inTransaction: false, transactionSource: 'framework-default' };

describe('sql adapters', () => {
  it('given the factories, when created, then they name themselves sql 1.1.0 and prisma 1.1.0', async () => {
    const sql = await createSqlAdapter();
    const prisma = await createPrismaAdapter();
    expect(
      [sql, prisma].map(({ framework, name, version }) => ({ framework, name, version })),
    ).toEqual([
      { framework: 'sql', name: 'sql', version: '1.1.0' },
      { framework: 'prisma', name: 'prisma', version: '1.1.0' },
    ]);
  });

  describe('detect', () => {
    const dbmate = '-- migrate:up\nCREATE TABLE t (id int);\n';
    it.each([
      ['db/migration/V1__init.sql', '', true, false],
      ['db/migration/R__views.sql', '', true, false],
      ['migrations/1_init.up.sql', '', true, false],
      // Rollback files are claimed (they make their step reversible) but yield no migration.
      ['migrations/1_init.down.sql', '', true, false],
      ['db/migration/U1__init.sql', '', true, false],
      ['db/migrations/20240101000000_init.sql', dbmate, true, false],
      ['sql/001_init.sql', 'SELECT 1;', true, false],
      ['prisma/migrations/20240101000000_init/migration.sql', '', false, true],
      ['prisma/migrations/migration_lock.toml', '', false, false],
      ['db/schema.sql', 'CREATE TABLE t (id int);', false, false],
      ['db/structure.sql', 'CREATE TABLE t (id int);', false, false],
      ['shop/migrations/0001_initial.py', 'class Migration: pass', false, false],
      ['alembic/versions/1a2b_add.py', 'def upgrade(): pass', false, false],
      ['db/migrate/20240101000000_create_users.rb', 'class CreateUsers; end', false, false],
      ['db/migration/V2__binary.sql', '\u0000\u0001', false, false],
    ])(
      'given %s, when detected, then sql says %s and prisma %s',
      async (path, content, bySql, byPrisma) => {
        const sql = await createSqlAdapter();
        const prisma = await createPrismaAdapter();
        expect([sql.detect({ path, content }), prisma.detect({ path, content })]).toEqual([
          bySql,
          byPrisma,
        ]);
      },
    );
  });

  describe.each([
    ['flyway', 'sql'],
    ['golang-migrate', 'sql'],
    ['dbmate', 'sql'],
    ['numbered', 'sql'],
    ['prisma', 'prisma'],
    ['catalogue', 'sql'],
    ['broken', 'sql'],
  ] as const)('given the %s fixture', (fixture, framework) => {
    it('when parsed, then the events are the golden ones', async () => {
      const project = await givenSqlProject(sqlFixture(fixture), framework).whenParsed();
      expect(project.golden).toEqual(goldenOf(fixture));
    });

    it('when the sources arrive shuffled, then the result is identical', async () => {
      const sources = sqlFixture(fixture);
      const forward = await givenSqlProject(sources, framework).whenParsed();
      const backward = await givenSqlProject([...sources].reverse(), framework).whenParsed();
      expect(backward.project).toEqual(forward.project);
    });
  });

  describe('Flyway (flyway fixture)', () => {
    it('when parsed, then versions apply numerically (V1_9 before V1_10) and repeatables last by description', async () => {
      const project = await givenSqlProject(sqlFixture('flyway')).whenParsed();
      expect(project.project.framework).toBe('sql');
      expect(project.order).toEqual([
        'db/migration/V1__create_customers',
        'db/migration/V1_9__add_phone',
        'db/migration/V1_10__index_email_concurrently',
        'db/migration/V2__orders',
        'db/migration/R__audit_functions',
        'db/migration/R__customer_summary_view',
      ]);
    });

    it('when a migration holds CREATE INDEX CONCURRENTLY, then Flyway runs it outside a transaction; the others inside', async () => {
      const project = await givenSqlProject(sqlFixture('flyway')).whenParsed();
      expect(project.contexts('V1_10__index_email_concurrently')).toEqual([
        { ...outsideByDefault, line: 2 },
      ]);
      expect(project.events('V1_10__index_email_concurrently')[0]?.payload.index).toMatchObject({
        concurrently: true,
      });
      expect(
        new Set(project.contexts('V2__orders').map((context) => context?.inTransaction)),
      ).toEqual(new Set([true]));
    });

    it('when a foreign key is added NOT VALID and validated, then both facts are there', async () => {
      const project = await givenSqlProject(sqlFixture('flyway')).whenParsed();
      expect(project.kinds('V2__orders').slice(-2)).toEqual([
        'constraint.added',
        'constraint.validated',
      ]);
      expect(project.events('V2__orders').at(-2)?.payload.constraint).toMatchObject({
        notValid: true,
      });
    });

    it('when a column gets a volatile default and another a constant one, then their volatility differs', async () => {
      const project = await givenSqlProject(sqlFixture('flyway')).whenParsed();
      const defaults = project
        .events('V1_9__add_phone')
        .map((draft) => (draft.payload.column as { default: unknown }).default);
      expect(defaults).toEqual([
        { kind: 'none' },
        {
          kind: 'expression',
          expression: 'md5(random()::text)',
          volatility: 'volatile',
          level: 'db',
        },
      ]);
    });
  });

  describe('golang-migrate (golang-migrate fixture)', () => {
    it('when parsed, then .up.sql files apply by number (2 before 10) and .down.sql files are ignored', async () => {
      const project = await givenSqlProject(sqlFixture('golang-migrate')).whenParsed();
      expect(project.order).toEqual([
        'migrations/1_create_users',
        'migrations/2_index_users_email',
        'migrations/10_backfill_display_names',
      ]);
    });

    it('when a file holds one statement, then it runs outside a transaction; several share an implicit one', async () => {
      const project = await givenSqlProject(sqlFixture('golang-migrate')).whenParsed();
      expect(project.contexts('2_index_users_email')).toEqual([{ ...outsideByDefault, line: 2 }]);
      expect(project.contexts('1_create_users')[0]).toEqual({ ...frameworkDefault, line: 1 });
    });

    it('when a file has BEGIN ... COMMIT, then the statements inside are explicit and the one after is the runner default', async () => {
      const project = await givenSqlProject(sqlFixture('golang-migrate')).whenParsed();
      expect(project.contexts('10_backfill_display_names')).toEqual([
        { inTransaction: true, transactionSource: 'explicit', transactionGroup: 0, line: 1 },
        { inTransaction: true, transactionSource: 'explicit', transactionGroup: 0, line: 3 },
        { inTransaction: true, transactionSource: 'explicit', transactionGroup: 0, line: 4 },
        { inTransaction: true, transactionSource: 'explicit', transactionGroup: 0, line: 6 },
        { ...frameworkDefault, transactionGroup: 1, line: 8 },
      ]);
      expect(project.kinds('10_backfill_display_names')).toEqual([
        'transaction.controlled',
        'data.migrated',
        'column.nullability_changed',
        'transaction.controlled',
        'data.migrated',
      ]);
      expect(project.events('10_backfill_display_names').map((draft) => draft.opIndex)).toEqual([
        0, 1, 2, 3, 4,
      ]);
      // The COMMIT splits the file: the statement after it runs in a second transaction.
      expect(project.migration('10_backfill_display_names').transactional).toBe(false);
    });

    it('when a step has a .down.sql, then it is reversible', async () => {
      const project = await givenSqlProject(sqlFixture('golang-migrate')).whenParsed();
      expect(project.project.migrations.map((migration) => migration.reversible)).toEqual(
        project.project.migrations.map(() => true),
      );
      expect(project.order.filter((name) => name.includes('down'))).toEqual([]);
    });
  });

  describe('dbmate (dbmate fixture)', () => {
    it('when parsed, then only up sections yield events, on their lines in the file', async () => {
      const project = await givenSqlProject(sqlFixture('dbmate')).whenParsed();
      expect(project.order).toEqual([
        'db/migrations/20240105093000_create_projects',
        'db/migrations/20240212150000_index_projects_concurrently',
        'db/migrations/20240301000000_archive_state',
      ]);
      expect(project.kinds('20240105093000_create_projects')).not.toContain('table.dropped');
      expect(project.contexts('20240105093000_create_projects')[0]).toEqual({
        ...frameworkDefault,
        line: 2,
      });
      expect(project.migration('20240105093000_create_projects').timestampFromName).toBe(
        '2024-01-05T09:30:00Z',
      );
    });

    it('when the up marker says transaction:false, then the statements run outside a transaction by opt-out', async () => {
      const project = await givenSqlProject(sqlFixture('dbmate')).whenParsed();
      expect(project.contexts('20240212150000_index_projects_concurrently')).toEqual([
        { inTransaction: false, transactionSource: 'opt-out', line: 2 },
        { inTransaction: false, transactionSource: 'opt-out', line: 3 },
      ]);
    });
  });

  describe('Prisma (prisma fixture)', () => {
    it('when parsed by the prisma adapter, then migrations apply by folder name, with the folder holding migrations as app', async () => {
      const project = await givenSqlProject(sqlFixture('prisma'), 'prisma').whenParsed();
      expect(project.project.framework).toBe('prisma');
      expect(project.order).toEqual([
        'prisma/20240301120000_init',
        'prisma/20240315083000_add_post_views',
        'prisma/20240320101500_index_posts_concurrently',
      ]);
      expect(project.migration('20240301120000_init').timestampFromName).toBe(
        '2024-03-01T12:00:00Z',
      );
    });

    it('when the same files are given to the sql adapter, then it leaves them to prisma', async () => {
      const project = await givenSqlProject(sqlFixture('prisma'), 'sql').whenParsed();
      expect(project.order).toEqual([]);
    });

    it('when a migration is a single statement, then it runs outside a transaction', async () => {
      const project = await givenSqlProject(sqlFixture('prisma'), 'prisma').whenParsed();
      expect(project.contexts('20240320101500_index_posts_concurrently')).toEqual([
        { ...outsideByDefault, line: 2 },
      ]);
      expect(project.contexts('20240301120000_init')[0]).toEqual({ ...frameworkDefault, line: 2 });
    });
  });

  describe('numbered files (numbered fixture)', () => {
    it('when parsed, then they apply by number whatever the separator, schema.sql and notes are left out, and the runner is unknown', async () => {
      const project = await givenSqlProject(sqlFixture('numbered')).whenParsed();
      expect(project.order).toEqual(['sql/001_init', 'sql/0002-add_flags', 'sql/10_drop_settings']);
      expect(project.contexts('10_drop_settings')).toEqual([
        { inTransaction: false, transactionSource: 'unknown', line: 1 },
      ]);
    });
  });

  describe('broken files (broken fixture)', () => {
    it('when a file does not parse, then it yields one migration.unparsed with the parser message and line, and the next files still parse', async () => {
      const project = await givenSqlProject(sqlFixture('broken')).whenParsed();
      expect(project.events('V2__half_written')).toEqual([
        {
          kind: 'migration.unparsed',
          payload: {
            reason: 'migrations/V2__half_written.sql: line 3: syntax error at or near ";"',
            line: 3,
          },
          opIndex: 0,
          subIndex: 0,
        },
      ]);
      expect(project.kinds('V3__after_the_broken_one')).toEqual(['column.added']);
    });

    it('when two files share a version, then the second is reported and yields nothing else', async () => {
      const project = await givenSqlProject(sqlFixture('broken')).whenParsed();
      expect(project.events('V3__same_version')[0]?.payload).toEqual({
        reason:
          'migrations/V3__same_version.sql: duplicate version 3 (also migrations/V3__after_the_broken_one.sql); the runner refuses duplicates',
      });
    });

    it('when a file is binary or empty, then it is reported or has no events, and every file is accounted for', async () => {
      const project = await givenSqlProject(sqlFixture('broken')).whenParsed();
      expect(project.kinds('V4__binary')).toEqual(['migration.unparsed']);
      expect(project.events('V5__empty')).toEqual([]);
      expect(project.order).toHaveLength(6);
    });
  });

  describe('robustness', () => {
    it('given files in several folders and layouts, when parsed, then folders come in order and each keeps its runner', async () => {
      const project = await givenSqlProject([
        sourceOf('services/b/V1__x.sql', 'CREATE TABLE b (id int);'),
        sourceOf('services/a/2_x.up.sql', 'CREATE TABLE a2 (id int);'),
        sourceOf('services/a/1_x.up.sql', 'CREATE TABLE a1 (id int);'),
        sourceOf('README.md', '# not a migration'),
      ]).whenParsed();
      expect(project.order).toEqual(['services/a/1_x', 'services/a/2_x', 'services/b/V1__x']);
    });

    it('given repeatables of one name in different folders, when parsed, then each folder runs its own', async () => {
      const project = await givenSqlProject([
        sourceOf('b/R__views.sql', 'SELECT 1;'),
        sourceOf('a/sub/R__views.sql', 'SELECT 1;'),
        sourceOf('a/R__views.sql', 'SELECT 1;'),
      ]).whenParsed();
      expect(project.order).toEqual(['a/R__views', 'a/sub/R__views', 'b/R__views']);
      expect(
        project.project.migrations.map((migration) => migration.events.map((draft) => draft.kind)),
      ).toEqual([['sql.executed'], ['sql.executed'], ['sql.executed']]);
    });

    it('given odd contents, when parsed, then nothing throws', async () => {
      const adapter = await createSqlAdapter();
      expect(() =>
        adapter.parseProject([
          sourceOf('x/V1__a.sql', '\ufeffCREATE TABLE t (id int);'),
          sourceOf('x/V2__b.sql', '$$unterminated'),
          sourceOf('x/V3__c.sql', ';;;'),
          sourceOf('x/V4__d.sql', 'CREATE TABLE "" (id int);'),
        ]),
      ).not.toThrow();
    });
  });
});
