import { fixtureSources, sourceOf } from '../testing/migration-fixtures';
import { alembicFixture, alembicRevision, givenAlembicProject } from './testing/alembic-project';
import { createAlembicAdapter } from './alembic.adapter';

const revisionFile = [
  '"""add users"""',
  'from alembic import op',
  '',
  "revision: str = 'abc123'",
  'down_revision: Union[str, None] = None',
  '',
  'def upgrade() -> None:',
  '    pass',
  '',
].join('\n');

describe('alembic adapter', () => {
  it('given the factory, when created, then it names itself alembic 1.1.0', async () => {
    const adapter = await createAlembicAdapter();
    expect({ framework: adapter.framework, name: adapter.name, version: adapter.version }).toEqual({
      framework: 'alembic',
      name: 'alembic',
      version: '1.1.0',
    });
  });

  describe('detect', () => {
    it.each([
      ['alembic/versions/abc123_add_users.py', revisionFile, true],
      ['services/api/migrations/versions/abc123_add_users.py', revisionFile, true],
      ['alembic/versions/2024/abc123_add_users.py', revisionFile, true],
      [
        'db/versions/plain.py',
        "revision = 'x'\ndown_revision = ('a', 'b')\ndef upgrade():\n    pass\n",
        true,
      ],
      ['alembic/env.py', revisionFile, false],
      ['alembic/versions/__init__.py', revisionFile, false],
      ['alembic/versions/abc123_add_users.txt', revisionFile, false],
      ['alembic/versions/helpers.py', 'def upgrade():\n    pass\n', false],
      ['alembic/versions/no_down.py', "revision = 'x'\ndef upgrade():\n    pass\n", false],
      ['alembic/versions/no_upgrade.py', "revision = 'x'\ndown_revision = None\n", false],
      [
        'shop/versions/0001_initial.py',
        "revision = 'x'\ndown_revision = None\ndef upgrade():\n    pass\nclass Migration(migrations.Migration):\n    operations = []\n",
        false,
      ],
      [
        'shop/migrations/0001_initial.py',
        'from django.db import migrations\n\nclass Migration(migrations.Migration):\n    operations = []\n',
        false,
      ],
    ])(
      'given %s, when detected, then the answer is as expected',
      async (path, content, expected) => {
        const adapter = await createAlembicAdapter();
        expect(adapter.detect({ path, content })).toBe(expected);
      },
    );

    it.each(['library', 'ordering', 'broken'])(
      'given the files of the Django %s fixture, when detected, then none is claimed',
      async (fixture) => {
        const adapter = await createAlembicAdapter();
        expect(
          fixtureSources('django', fixture).filter((source) => adapter.detect(source)),
        ).toEqual([]);
      },
    );

    it('given the revision files of every Alembic fixture, when detected, then each is claimed', async () => {
      const adapter = await createAlembicAdapter();
      const revisions = ['shop', 'batch', 'types', 'ordering', 'cycle']
        .flatMap((fixture) => alembicFixture(fixture))
        .filter((source) => source.path.includes('/versions/'));
      expect(revisions.filter((source) => !adapter.detect(source))).toEqual([]);
      expect(revisions).toHaveLength(22);
    });

    it('given binary garbage in a versions folder, when detected, then it says no without throwing', async () => {
      const adapter = await createAlembicAdapter();
      expect(
        adapter.detect({
          path: 'alembic/versions/x.py',
          content: '\u0000\u00ff revision upgrade (((',
        }),
      ).toBe(false);
    });
  });

  describe('given branches, a merge, depends_on, a branch label and a missing parent (ordering fixture)', () => {
    it('when parsed, then parents come before children, ties broken by revision id', async () => {
      const project = await givenAlembicProject(alembicFixture('ordering')).whenParsed();
      expect(project.order).toEqual([
        '1c3f5e7a9b01', // base
        '2d4a6b8c0e02', // first branch
        '2f9e8d7c6b04',
        '3e5b7c9d1f03', // second branch: its id sorts after the first branch's tip
        '4a1b2c3d4e05', // merge of the two heads
        '5b6c7d8e9f06', // billing base (a second root)
        '0a1b2c3d4e07', // smallest id, but depends_on the merge
        '4f0e1d2c3b09', // depends_on the billing label
        '6c7d8e9f0a08',
        '7f8e9d0c1b10', // parent not in the scan: a root, ordered by id
      ]);
    });

    it('when parsed, then the app is the branch label, inherited by descendants, else the versions folder’s parent', async () => {
      const project = await givenAlembicProject(alembicFixture('ordering')).whenParsed();
      expect(
        project.project.migrations.map((migration) => [migration.name, migration.app]),
      ).toEqual([
        ['1c3f5e7a9b01', 'alembic'],
        ['2d4a6b8c0e02', 'alembic'],
        ['2f9e8d7c6b04', 'alembic'],
        ['3e5b7c9d1f03', 'alembic'],
        ['4a1b2c3d4e05', 'alembic'],
        ['5b6c7d8e9f06', 'billing'],
        ['0a1b2c3d4e07', 'billing'],
        ['4f0e1d2c3b09', 'alembic'],
        ['6c7d8e9f0a08', 'billing'],
        ['7f8e9d0c1b10', 'alembic'],
      ]);
    });

    it('when a merge revision has no operations, then it yields no events but is listed', async () => {
      const project = await givenAlembicProject(alembicFixture('ordering')).whenParsed();
      expect(project.events('4a1b2c3d4e05')).toEqual([]);
    });

    it('when the sources arrive shuffled, then the result is identical', async () => {
      const sources = alembicFixture('ordering');
      const forward = await givenAlembicProject(sources).whenParsed();
      const backward = await givenAlembicProject([...sources].reverse()).whenParsed();
      expect(backward.project).toEqual(forward.project);
    });
  });

  describe('given revisions in a cycle (cycle fixture)', () => {
    it('when parsed, then nothing throws, the members run in id order with their events and each names its cycle', async () => {
      const project = await givenAlembicProject(alembicFixture('cycle')).whenParsed();
      expect(project.order).toEqual([
        '0b1a5e000001',
        'a1c7c1e00002',
        'b2c7c1e00003',
        'c3a17e000004',
        'd4e1f0000005',
      ]);
      expect(project.kinds('a1c7c1e00002')).toEqual(['column.added', 'migration.unparsed']);
      expect(project.events('a1c7c1e00002')[1]).toEqual({
        kind: 'migration.unparsed',
        payload: { reason: 'revision cycle: a1c7c1e00002 → b2c7c1e00003 → a1c7c1e00002', line: 11 },
        opIndex: 1,
        subIndex: 0,
      });
      expect(project.events('d4e1f0000005').at(-1)?.payload.reason).toBe(
        'revision cycle: d4e1f0000005 → d4e1f0000005',
      );
      expect(project.kinds('c3a17e000004')).toEqual(['column.added']);
    });
  });

  describe('given broken files (broken fixture)', () => {
    it('when parsed, then files outside versions/ are ignored and every file inside is accounted for', async () => {
      const project = await givenAlembicProject(alembicFixture('broken')).whenParsed();
      expect(project.project.migrations.map((migration) => migration.source.path)).toEqual([
        'alembic/versions/0f1e2d3c4b5a_products.py',
        'alembic/versions/1a2b3c4d5e6f_half_written.py',
        'alembic/versions/2b3c4d5e6f7a_no_upgrade.py',
        'alembic/versions/3c4d5e6f7a8b_dynamic.py',
        'alembic/versions/helpers.py',
      ]);
    });

    it('when a file does not parse, then it yields one migration.unparsed naming the file, line and problem, and keeps its place', async () => {
      const project = await givenAlembicProject(alembicFixture('broken')).whenParsed();
      const [draft, ...rest] = project.events('1a2b3c4d5e6f');
      expect(rest).toEqual([]);
      expect(draft).toMatchObject({ kind: 'migration.unparsed', opIndex: 0, subIndex: 0 });
      expect(draft?.payload).toMatchObject({ line: 18 });
      expect(draft?.payload.reason).toMatch(
        /^alembic\/versions\/1a2b3c4d5e6f_half_written\.py: line 18: syntax error, /,
      );
    });

    it('when a revision has no upgrade() or no revision id, then the reason says so', async () => {
      const project = await givenAlembicProject(alembicFixture('broken')).whenParsed();
      expect(project.events('2b3c4d5e6f7a')).toEqual([
        {
          kind: 'migration.unparsed',
          payload: {
            reason: 'alembic/versions/2b3c4d5e6f7a_no_upgrade.py: no upgrade() function found',
          },
          opIndex: 0,
          subIndex: 0,
        },
      ]);
      const helpers = project.migration('helpers');
      expect(helpers.app).toBe('alembic');
      expect(helpers.events[0]?.payload).toEqual({
        reason: "alembic/versions/helpers.py: no revision = '...' found",
      });
    });

    it('when operations cannot be followed, then they are reported and the others still yield events', async () => {
      const project = await givenAlembicProject(alembicFixture('broken')).whenParsed();
      expect(project.kinds('3c4d5e6f7a8b')).toEqual([
        'column.added',
        'migration.unparsed', // for loop
        'migration.unparsed', // if statement
        'migration.unparsed', // helper function
        'migration.unparsed', // op.create_entity (alembic_utils)
        'sql.executed', // f-string SQL
        'migration.unparsed', // column with an f-string name
        'column.dropped',
      ]);
    });
  });

  describe('revision files', () => {
    it('given Create Date in the docstring, when parsed, then it is the timestamp, UTC unless an offset is written', async () => {
      const project = await givenAlembicProject(alembicFixture('shop')).whenParsed();
      expect(project.project.migrations.map((migration) => migration.timestampFromName)).toEqual([
        '2024-01-15T09:30:12Z',
        '2024-02-02T14:05:00+01:00',
        '2024-03-10T08:00:00Z',
      ]);
    });

    it('given a revision without Create Date, when parsed, then there is no timestamp', async () => {
      const project = await givenAlembicProject([
        sourceOf(
          'alembic/versions/x.py',
          "revision = 'x'\ndown_revision = None\ndef upgrade():\n    pass\n",
        ),
      ]).whenParsed();
      expect(project.migration('x')).not.toHaveProperty('timestampFromName');
    });

    it('given two files with one revision id, when parsed, then the second is reported as a duplicate named by its file', async () => {
      const first = alembicRevision('r1', { upgrade: "op.drop_table('a')", folder: 'a' });
      const second = alembicRevision('r1', { upgrade: "op.drop_table('b')", folder: 'b' });
      const project = await givenAlembicProject([second, first]).whenParsed();
      expect(
        project.project.migrations.map((migration) => [migration.source.path, migration.name]),
      ).toEqual([
        ['a/versions/r1.py', 'r1'],
        ['b/versions/r1.py', 'r1'],
      ]);
      expect(project.project.migrations[1]?.events).toEqual([
        {
          kind: 'migration.unparsed',
          payload: { reason: 'b/versions/r1.py: duplicate revision r1 (also a/versions/r1.py)' },
          opIndex: 0,
          subIndex: 0,
        },
      ]);
    });

    it('given down_revision that is not literal, when parsed, then it is reported', async () => {
      const project = await givenAlembicProject([
        alembicRevision('r1', { upgrade: 'pass', down: 'PREVIOUS' }),
      ]).whenParsed();
      expect(project.events('r1')[0]?.payload).toEqual({
        reason:
          'alembic/versions/r1.py: line 12: down_revision is not None, a string or a tuple of strings',
        line: 12,
      });
    });

    it('given only downgrade() changes, when parsed, then downgrade() is never read', async () => {
      const project = await givenAlembicProject([
        alembicRevision('r1', { upgrade: 'pass' }),
      ]).whenParsed();
      expect(project.events('r1')).toEqual([]);
    });
  });

  describe('robustness', () => {
    it('given empty, binary and non-Python files, when parsed, then nothing throws and each revision file is accounted for', async () => {
      const project = await givenAlembicProject([
        sourceOf('alembic/versions/empty.py', ''),
        sourceOf('alembic/versions/binary.py', '\u0000\u0001\u00ff'),
        sourceOf('alembic/versions/notes.txt', 'not python'),
        sourceOf('alembic/env.py', 'run_migrations_online()'),
      ]).whenParsed();
      expect(project.order).toEqual(['binary', 'empty']);
      expect(project.events('empty')[0]?.payload.reason).toBe(
        "alembic/versions/empty.py: no revision = '...' found",
      );
      expect(project.kinds('binary')).toEqual(['migration.unparsed']);
    });

    it('given nothing, when parsed, then the project is empty', async () => {
      const project = await givenAlembicProject([]).whenParsed();
      expect(project.project).toEqual({ framework: 'alembic', migrations: [] });
    });
  });
});
