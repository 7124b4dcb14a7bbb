import {
  compareMigrationFiles,
  compareVersions,
  dbmateUpSection,
  prismaMigrationFile,
  sqlMigrationFile,
  timestampOf,
} from './sql-layouts';

const dbmate = '-- migrate:up\nCREATE TABLE t (id int);\n-- migrate:down\nDROP TABLE t;\n';

describe('sql layouts', () => {
  describe('which files are SQL migrations', () => {
    it.each([
      [
        'db/migration/V1__init.sql',
        '',
        { layout: 'flyway', app: 'db/migration', name: 'V1__init', version: ['1'] },
      ],
      [
        'V1_10__add_index.sql',
        '',
        { layout: 'flyway', app: '.', name: 'V1_10__add_index', version: ['1', '10'] },
      ],
      ['sql/V2.1.3__fix.sql', '', { layout: 'flyway', version: ['2', '1', '3'] }],
      [
        'db/R__views.sql',
        '',
        { layout: 'flyway', name: 'R__views', version: [], repeatable: { description: 'views' } },
      ],
      [
        'V20240131093000__stamp.sql',
        '',
        {
          layout: 'flyway',
          version: ['20240131093000'],
          timestampFromName: '2024-01-31T09:30:00Z',
        },
      ],
      [
        'migrations/000012_add_users.up.sql',
        '',
        {
          layout: 'golang-migrate',
          app: 'migrations',
          name: '000012_add_users',
          version: ['000012'],
        },
      ],
      [
        'db/migrations/20240105093000_create.sql',
        dbmate,
        {
          layout: 'dbmate',
          app: 'db/migrations',
          name: '20240105093000_create',
          version: ['20240105093000'],
          timestampFromName: '2024-01-05T09:30:00Z',
        },
      ],
      [
        'sql/001_init.sql',
        'CREATE TABLE t (id int);',
        { layout: 'numbered', app: 'sql', name: '001_init', version: ['001'] },
      ],
      ['sql/0002-add.sql', '', { layout: 'numbered', name: '0002-add', version: ['0002'] }],
      [
        'sql/20240105093000_plain.sql',
        'CREATE TABLE t (id int);',
        { layout: 'numbered', timestampFromName: '2024-01-05T09:30:00Z' },
      ],
    ])('given %s, when classified, then it is %j', (path, content, expected) => {
      expect(sqlMigrationFile(path, content)).toMatchObject(expected);
    });

    it.each([
      ['migrations/000012_add_users.down.sql', 'golang-migrate rollbacks do not run on the way up'],
      ['db/schema.sql', 'a schema dump is a state, not a step'],
      ['db/structure.sql', 'Rails structure dumps likewise'],
      ['seed.sql', 'no version in the name'],
      ['db/U1__undo.sql', 'Flyway undo migrations do not run on the way up'],
      ['shop/migrations/0001_initial.py', 'Django'],
      ['alembic/versions/1a2b_add.py', 'Alembic'],
      ['db/migrate/20240101000000_create_users.rb', 'Rails'],
      ['prisma/migrations/20240101000000_init/migration.sql', "Prisma's own adapter"],
      ['V1__init.sql.conf', 'a Flyway script configuration'],
    ])('given %s, when classified, then it is not a SQL migration (%s)', (path) => {
      expect(sqlMigrationFile(path, 'CREATE TABLE t (id int);')).toBeUndefined();
    });

    it('given a numbered file, when it has dbmate markers, then it is dbmate, else plain numbered', () => {
      expect(sqlMigrationFile('db/20240101000000_a.sql', dbmate)?.layout).toBe('dbmate');
      expect(sqlMigrationFile('db/20240101000000_a.sql', 'SELECT 1;')?.layout).toBe('numbered');
    });
  });

  describe('Prisma', () => {
    it.each([
      [
        'prisma/migrations/20240301120000_init/migration.sql',
        {
          layout: 'prisma',
          app: 'prisma',
          name: '20240301120000_init',
          timestampFromName: '2024-03-01T12:00:00Z',
        },
      ],
      ['migrations/0_init/migration.sql', { layout: 'prisma', app: '.', name: '0_init' }],
      ['apps/api/prisma/migrations/20240301120000_x/migration.sql', { app: 'apps/api/prisma' }],
    ])('given %s, when classified, then it is %j', (path, expected) => {
      expect(prismaMigrationFile(path)).toMatchObject(expected);
    });

    it.each([
      'prisma/migrations/migration_lock.toml',
      'prisma/migrations/20240301120000_init/notes.sql',
      'prisma/migrations/init/migration.sql',
      'prisma/schema.prisma',
    ])('given %s, when classified, then it is not a Prisma migration', (path) => {
      expect(prismaMigrationFile(path)).toBeUndefined();
    });
  });

  describe('apply order', () => {
    it('given Flyway versions, when compared, then segments compare as numbers and trailing zeros do not count', () => {
      expect(compareVersions(['1', '9'], ['1', '10'])).toBeLessThan(0);
      expect(compareVersions(['2'], ['1', '10'])).toBeGreaterThan(0);
      expect(compareVersions(['1', '0'], ['1'])).toBe(0);
      expect(compareVersions(['007'], ['7'])).toBe(0);
      expect(compareVersions(['99999999999999999999'], ['100000000000000000000'])).toBeLessThan(0);
    });

    it('given files of one folder, when sorted, then versions ascend and repeatables come last by description', () => {
      const files = [
        'db/R__b_views.sql',
        'db/V2__b.sql',
        'db/V1_10__a.sql',
        'db/R__a_functions.sql',
        'db/V1_9__a.sql',
        'db/V1__a.sql',
      ].map((path) => sqlMigrationFile(path, '')!);
      expect(files.sort(compareMigrationFiles).map((file) => file.name)).toEqual([
        'V1__a',
        'V1_9__a',
        'V1_10__a',
        'V2__b',
        'R__a_functions',
        'R__b_views',
      ]);
    });

    it('given several folders, when sorted, then each folder keeps its own order', () => {
      const files = ['b/2_x.sql', 'a/10_x.sql', 'b/1_x.sql', 'a/9_x.sql'].map((path) =>
        sqlMigrationFile(path, '')!,
      );
      expect(files.sort(compareMigrationFiles).map((file) => `${file.app}/${file.name}`)).toEqual([
        'a/9_x',
        'a/10_x',
        'b/1_x',
        'b/2_x',
      ]);
    });
  });

  describe('timestamps in names', () => {
    it.each([
      ['20240131093000', '2024-01-31T09:30:00Z'],
      ['20240229235959', '2024-02-29T23:59:59Z'],
      ['20230229000000', undefined],
      ['20241301000000', undefined],
      ['20240101250000', undefined],
      ['2024013109300', undefined],
      ['1', undefined],
    ])('given %s, when read, then the timestamp is %s', (version, expected) => {
      expect(timestampOf(version)).toBe(expected);
    });
  });

  describe('dbmate sections', () => {
    it('given up and down sections, when the up section is taken, then only its statements remain, on their own lines', () => {
      const up = dbmateUpSection(
        '-- header\n-- migrate:up\nCREATE TABLE t (id int);\n\n-- migrate:down\nDROP TABLE t;\n',
      );
      expect(up.transaction).toBe(true);
      expect(up.text.split('\n').map((line) => line.trim())).toEqual([
        '',
        '',
        'CREATE TABLE t (id int);',
        '',
        '',
        '',
        '',
      ]);
    });

    it('given `transaction:false` on the up marker, when read, then the section opts out of the transaction', () => {
      expect(dbmateUpSection('-- migrate:up transaction:false\nSELECT 1;\n').transaction).toBe(
        false,
      );
    });
  });
});
