import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { createAdapters } from './adapters';
import type { MigrationAdapter, MigrationSource } from './migration-adapter';
import { sourceOf } from './testing/migration-fixtures';

/**
 * Robustness properties for every adapter: whatever the bytes of a migration file, `detect` and
 * `parseProject` return (no throw, no hang) and every event draft has a kind and a payload.
 * Runs are seeded; a failure prints the seed, the path and the shrunk counterexample.
 */

const SEED = 20_261_125;
const RUNS = 300;
/** Upper bound for one `parseProject` call, per file handed in. */
const MS_PER_FILE = 2_000;

const FIXTURES = path.resolve(__dirname, '../test-fixtures');

interface FormatSpec {
  /** Adapter name, as `createAdapters()` names them. */
  readonly adapter: string;
  /** Paths the adapter reads as migrations of its format. */
  readonly paths: readonly string[];
  /** Fragments of the format, for token soup. */
  readonly tokens: readonly string[];
  /** Heads that get token soup past the first checks (a class, a revision header, ...). */
  readonly preambles: readonly string[];
  /** Fixture projects of the format (relative to test-fixtures) and which of their files to keep. */
  readonly fixtureRoots: readonly string[];
  readonly keep: (relativePath: string) => boolean;
  /** Opening and closing fragments, nested thousands deep (recursion limits). */
  readonly nesting: readonly (readonly [string, string])[];
}

const PYTHON_TOKENS = [
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  ':',
  '=',
  "'",
  '"',
  '"""',
  "'''",
  '\\',
  '#',
  '\n',
  '\n    ',
  '\n        ',
  '    ',
  ' ',
  'None',
  'True',
  'False',
  '0',
  '255',
  '-1',
  '1.5',
  "'id'",
  "'name'",
  "'shop'",
  'lambda',
  'def ',
  'class ',
  'import ',
  'from ',
  'return',
  'pass',
  '*',
  '**',
  'f"',
  "b'",
];

const DJANGO_TOKENS = [
  ...PYTHON_TOKENS,
  'migrations.Migration',
  'migrations.AddField(',
  'migrations.RemoveField(',
  'migrations.AlterField(',
  'migrations.RenameField(',
  'migrations.CreateModel(',
  'migrations.DeleteModel(',
  'migrations.RenameModel(',
  'migrations.AddIndex(',
  'migrations.RemoveIndex(',
  'migrations.AddConstraint(',
  'migrations.AlterUniqueTogether(',
  'migrations.RunSQL(',
  'migrations.RunPython(',
  'migrations.SeparateDatabaseAndState(',
  'models.CharField(max_length=',
  'models.IntegerField(',
  'models.BigAutoField(primary_key=True',
  'models.ForeignKey(',
  'models.ManyToManyField(',
  'models.OneToOneField(',
  'models.DecimalField(max_digits=10, decimal_places=2',
  'models.Index(fields=',
  'models.UniqueConstraint(fields=',
  'models.CheckConstraint(check=',
  'models.Q(',
  'on_delete=django.db.models.deletion.CASCADE',
  'to=',
  'model_name=',
  'name=',
  'field=',
  'fields=',
  'options=',
  'dependencies',
  'operations',
  'replaces',
  'run_before',
  'initial = True',
  'atomic = False',
  "('shop', '0001_initial')",
  "('shop', '__first__')",
  'migrations.swappable_dependency(settings.AUTH_USER_MODEL)',
  "'CREATE TABLE t (id int)'",
  'null=True',
  'default=',
  'db_default=',
  'db_index=True',
  'unique=True',
];

const DJANGO_PREAMBLE =
  'from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n' +
  "    dependencies = [('shop', '0001_initial')]\n\n    operations = [\n        ";

const ALEMBIC_TOKENS = [
  ...PYTHON_TOKENS,
  'op.create_table(',
  'op.drop_table(',
  'op.add_column(',
  'op.drop_column(',
  'op.alter_column(',
  'op.create_index(',
  'op.drop_index(',
  'op.create_foreign_key(',
  'op.create_unique_constraint(',
  'op.create_check_constraint(',
  'op.drop_constraint(',
  'op.rename_table(',
  'op.execute(',
  'op.bulk_insert(',
  'op.batch_alter_table(',
  'with ',
  ' as batch_op:',
  'batch_op.add_column(',
  'sa.Column(',
  'sa.Integer()',
  'sa.String(length=',
  'sa.Numeric(10, 2)',
  'sa.DateTime(timezone=True)',
  'sa.ForeignKey(',
  'sa.PrimaryKeyConstraint(',
  'sa.text(',
  'nullable=False',
  'server_default=',
  'existing_type=',
  'postgresql_concurrently=True',
  'revision = ',
  'down_revision = ',
  'branch_labels = ',
  'depends_on = ',
  "'1a2b3c4d5e6f'",
  "('1a2b3c4d5e6f', '0f1e2d3c4b5a')",
  'def upgrade():',
  'def downgrade():',
  'Create Date: 2024-01-01 00:00:00',
  "'CREATE TABLE t (id int)'",
];

const ALEMBIC_PREAMBLE =
  '"""x\n\nRevision ID: 9f8e7d6c5b4a\nRevises: 1a2b3c4d5e6f\nCreate Date: 2024-03-01 10:00:00\n"""\n' +
  'from alembic import op\nimport sqlalchemy as sa\n\n' +
  "revision = '9f8e7d6c5b4a'\ndown_revision = '1a2b3c4d5e6f'\n\n\ndef upgrade():\n    ";

const SQL_TOKENS = [
  'CREATE TABLE ',
  'CREATE TABLE IF NOT EXISTS ',
  'ALTER TABLE ',
  'ADD COLUMN ',
  'DROP COLUMN ',
  'ALTER COLUMN ',
  'SET NOT NULL',
  'DROP NOT NULL',
  'SET DEFAULT ',
  'TYPE ',
  'RENAME TO ',
  'RENAME COLUMN ',
  'ADD CONSTRAINT ',
  'PRIMARY KEY',
  'FOREIGN KEY ',
  'REFERENCES ',
  'UNIQUE',
  'CHECK (',
  'NOT VALID',
  'VALIDATE CONSTRAINT ',
  'CREATE INDEX ',
  'CREATE UNIQUE INDEX CONCURRENTLY ',
  'ON ',
  'USING btree ',
  'DROP TABLE ',
  'DROP INDEX ',
  'CASCADE',
  'CREATE VIEW ',
  'CREATE SEQUENCE ',
  'CREATE TYPE ',
  'AS ENUM (',
  'CREATE FUNCTION f() RETURNS trigger AS ',
  'LANGUAGE plpgsql',
  'INSERT INTO ',
  'VALUES (',
  'UPDATE ',
  'SET ',
  'WHERE ',
  'BEGIN;',
  'COMMIT;',
  'DO ',
  '$$',
  '$body$',
  ';',
  '(',
  ')',
  ',',
  "'",
  '"',
  "E'\\''",
  '--',
  '/*',
  '*/',
  '\n',
  ' ',
  'users',
  '"Order"',
  'public.',
  'id',
  'bigint',
  'integer',
  'text',
  'varchar(255)',
  'numeric(10,2)',
  'timestamptz',
  'jsonb',
  'serial',
  'NULL',
  'NOT NULL',
  'DEFAULT now()',
  '0',
  '-- migrate:up',
  '-- migrate:down',
  '-- migrate:up transaction:false',
];

const RUBY_TOKENS = [
  'class CreateThings < ActiveRecord::Migration[7.1]',
  'class ChangeThings < ActiveRecord::Migration[5.0]',
  'def change',
  'def up',
  'def down',
  'end',
  'create_table :things do |t|',
  'create_table :things, id: :uuid do |t|',
  'change_table :things do |t|',
  't.string :name',
  't.integer :count, null: false, default: 0',
  't.references :user, foreign_key: true',
  't.timestamps',
  't.index :name, unique: true',
  't.decimal :price, precision: 10, scale: 2',
  'add_column :things, :slug, :string',
  'remove_column :things, :slug',
  'change_column :things, :count, :bigint',
  'change_column_null :things, :name, false',
  'change_column_default :things, :count, from: 0, to: 1',
  'rename_column :things, :name, :title',
  'rename_table :things, :items',
  'add_index :things, [:name, :count]',
  'remove_index :things, :name',
  'add_foreign_key :things, :users',
  'add_check_constraint :things, "count > 0", name: "positive"',
  'drop_table :things',
  'execute <<~SQL',
  'SQL',
  'execute "UPDATE things SET count = 1"',
  'reversible do |dir|',
  'dir.up { }',
  'disable_ddl_transaction!',
  'algorithm: :concurrently',
  'if_not_exists: true',
  'do',
  '|t|',
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  ',',
  ':',
  ':sym',
  '=>',
  "'",
  '"',
  '#{',
  '#',
  '%w[',
  '<<~',
  '\n',
  '\n  ',
  '\n    ',
  ' ',
  'nil',
  'true',
  'false',
  '1',
];

const RUBY_PREAMBLE = 'class CreateThings < ActiveRecord::Migration[7.1]\n  def change\n    ';

const FORMATS: readonly FormatSpec[] = [
  {
    adapter: 'django',
    paths: ['shop/migrations/0002_auto.py', 'apps/billing/migrations/0001_initial.py'],
    tokens: DJANGO_TOKENS,
    preambles: ['', DJANGO_PREAMBLE],
    fixtureRoots: ['django'],
    nesting: [
      ['[', ']'],
      ['(', ')'],
      ['{', '}'],
      ['models.Q(', ')'],
      ['-(', ')'],
    ],
    keep: (file) => file.split('/').at(-2) === 'migrations' && file.endsWith('.py'),
  },
  {
    adapter: 'alembic',
    paths: ['alembic/versions/9f8e7d6c5b4a_change.py', 'db/versions/billing/0a1b_x.py'],
    tokens: ALEMBIC_TOKENS,
    preambles: ['', ALEMBIC_PREAMBLE],
    fixtureRoots: ['alembic'],
    nesting: [
      ['[', ']'],
      ['(', ')'],
      ['{', '}'],
      ['sa.text(', ')'],
      ['-(', ')'],
    ],
    keep: (file) => file.split('/').includes('versions') && file.endsWith('.py'),
  },
  {
    adapter: 'sql',
    paths: [
      'db/migration/V2__change.sql',
      'db/migration/R__views.sql',
      'migrations/3_change.up.sql',
      'db/migrations/20240101000000_change.sql',
      'sql/004_change.sql',
    ],
    tokens: SQL_TOKENS,
    preambles: ['', 'CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);\n'],
    fixtureRoots: [
      'sql/broken',
      'sql/catalogue',
      'sql/dbmate',
      'sql/flyway',
      'sql/golang-migrate',
      'sql/numbered',
    ],
    nesting: [
      ['(', ')'],
      ['DO $$ BEGIN ', ' END $$;'],
      ['SELECT (', ')'],
      ['/* ', ' */'],
      ['NOT ', ''],
    ],
    keep: (file) => file.endsWith('.sql') && !file.endsWith('schema.sql'),
  },
  {
    adapter: 'prisma',
    paths: ['prisma/migrations/20240101000000_change/migration.sql'],
    tokens: SQL_TOKENS,
    preambles: ['', 'CREATE TABLE "User" ("id" SERIAL NOT NULL, CONSTRAINT "User_pkey" '],
    fixtureRoots: ['sql/prisma'],
    nesting: [
      ['(', ')'],
      ['DO $$ BEGIN ', ' END $$;'],
      ['SELECT (', ')'],
      ['/* ', ' */'],
      ['NOT ', ''],
    ],
    keep: (file) => file.endsWith('/migration.sql'),
  },
  {
    adapter: 'rails',
    paths: ['db/migrate/20240101000000_create_things.rb', 'db/animals_migrate/2_create_dogs.rb'],
    tokens: RUBY_TOKENS,
    preambles: ['', RUBY_PREAMBLE],
    fixtureRoots: ['rails'],
    nesting: [
      ['[', ']'],
      ['(', ')'],
      ['{ a: ', ' }'],
      ['create_table :t do |t|\n', '\nend\n'],
      ['if true\n', '\nend\n'],
    ],
    keep: (file) => /(^|\/)(migrate|[^/]*_migrate)\/[^/]+\.rb$/.test(file),
  },
  {
    adapter: 'api',
    paths: ['.schematrace/api/20240112103000000_a.json'],
    tokens: [
      '{',
      '}',
      '[',
      ']',
      ':',
      ',',
      '"',
      '"op"',
      '"event"',
      '"create_model"',
      '"table"',
      '"operations"',
      '"schematraceApi"',
      '1',
      '"ADD_COLUMN"',
      'null',
      'true',
      ' ',
      '\n',
    ],
    preambles: ['', '{"schematraceApi": 1, "createdAt": "2024-01-12T10:30:00", "operations": ['],
    fixtureRoots: ['api'],
    nesting: [
      ['[', ']'],
      ['{"a": ', '}'],
    ],
    keep: (file) => file.includes('.schematrace/api/') && file.endsWith('.json'),
  },
];

interface FixtureProject {
  readonly root: string;
  readonly sources: readonly MigrationSource[];
}

function walk(directory: string): string[] {
  return readdirSync(directory)
    .sort()
    .flatMap((entry) => {
      const full = path.join(directory, entry);
      return statSync(full).isDirectory() ? walk(full) : [full];
    });
}

/** The fixture projects of a format: each first-level folder under a root, its kept files. */
function fixtureProjects(spec: FormatSpec): FixtureProject[] {
  return spec.fixtureRoots.flatMap((root) => {
    const base = path.join(FIXTURES, root);
    const projectDirs = spec.fixtureRoots.length === 1 ? readdirSync(base).sort() : ['.'];
    return projectDirs.flatMap((dir) => {
      const projectRoot = path.join(base, dir);
      if (!statSync(projectRoot).isDirectory()) return [];
      const sources = walk(projectRoot)
        .map((file) => path.relative(projectRoot, file).split(path.sep).join('/'))
        .filter(spec.keep)
        .map((rel) => sourceOf(rel, readFileSync(path.join(projectRoot, rel), 'utf8')));
      return sources.length > 0 ? [{ root: path.join(root, dir), sources }] : [];
    });
  });
}

type Mutation =
  | { readonly op: 'delete'; readonly at: number; readonly length: number }
  | { readonly op: 'duplicate'; readonly at: number; readonly length: number }
  | { readonly op: 'swap'; readonly a: number; readonly b: number; readonly length: number }
  | { readonly op: 'truncate'; readonly at: number }
  | { readonly op: 'insert'; readonly at: number; readonly text: string };

const position = fc.nat({ max: 100_000 });
const span = fc.integer({ min: 1, max: 200 });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: position, length: span }),
  fc.record({ op: fc.constant('duplicate' as const), at: position, length: span }),
  fc.record({ op: fc.constant('swap' as const), a: position, b: position, length: span }),
  fc.record({ op: fc.constant('truncate' as const), at: position }),
  fc.record({
    op: fc.constant('insert' as const),
    at: position,
    text: fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 16 }),
      fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 16 }),
      fc.constantFrom('\u0000', '\uFFFD', '\uD800', '\r\n', '\t', '"""', "'", '(', ')', 'end'),
    ),
  }),
);

function mutate(content: string, mutations: readonly Mutation[]): string {
  let text = content;
  for (const m of mutations) {
    const n = text.length;
    const at = (index: number): number => (n === 0 ? 0 : index % (n + 1));
    switch (m.op) {
      case 'delete': {
        const start = at(m.at);
        text = text.slice(0, start) + text.slice(start + m.length);
        break;
      }
      case 'duplicate': {
        const start = at(m.at);
        const piece = text.slice(start, start + m.length);
        text = text.slice(0, start) + piece + text.slice(start);
        break;
      }
      case 'swap': {
        const [first, second] = [at(m.a), at(m.b)].sort((x, y) => x - y) as [number, number];
        const length = Math.min(m.length, second - first);
        if (length <= 0) break;
        const left = text.slice(first, first + length);
        const right = text.slice(second, second + length);
        text =
          text.slice(0, first) +
          right +
          text.slice(first + length, second) +
          left +
          text.slice(second + right.length);
        break;
      }
      case 'truncate':
        text = text.slice(0, at(m.at));
        break;
      case 'insert': {
        const start = at(m.at);
        text = text.slice(0, start) + m.text + text.slice(start);
        break;
      }
    }
  }
  return text;
}

/** Runs both entry points on a scan and checks the contract; throws on any breach. */
function exercise(adapter: MigrationAdapter, sources: readonly MigrationSource[]): void {
  for (const source of sources) {
    const detected: unknown = adapter.detect(source);
    if (typeof detected !== 'boolean') {
      throw new Error(`${adapter.name}.detect(${source.path}) returned ${String(detected)}`);
    }
  }
  const started = performance.now();
  const project = adapter.parseProject(sources);
  const elapsed = performance.now() - started;
  const bound = MS_PER_FILE * Math.max(1, sources.length);
  if (elapsed > bound) {
    throw new Error(
      `${adapter.name}.parseProject took ${elapsed.toFixed(0)} ms for ${sources.length} file(s) (bound ${bound} ms)`,
    );
  }
  for (const migration of project.migrations) {
    for (const draft of migration.events) {
      const { kind, payload } = draft as { kind?: unknown; payload?: unknown };
      if (typeof kind !== 'string' || kind.length === 0) {
        throw new Error(`${adapter.name}: event without a kind in ${migration.source.path}`);
      }
      if (typeof payload !== 'object' || payload === null) {
        throw new Error(`${adapter.name}: ${kind} without a payload in ${migration.source.path}`);
      }
    }
  }
}

const RANDOM_TEXT = fc.oneof(
  fc.string({ maxLength: 2_000 }),
  fc.string({ unit: 'binary', maxLength: 2_000 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 2_000 }),
);

function tokenSoup(spec: FormatSpec): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...spec.tokens) },
    { weight: 2, arbitrary: fc.constantFrom(' ', '\n', '    ', ', ') },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 6 }) },
  );
  return fc
    .tuple(fc.constantFrom(...spec.preambles), fc.array(piece, { maxLength: 400 }))
    .map(([preamble, pieces]) => preamble + pieces.join(''));
}

const params = { seed: SEED, numRuns: RUNS, endOnFailure: false } as const;

describe('adapters under random input (property-based)', () => {
  let adapters: ReadonlyMap<string, MigrationAdapter>;

  beforeAll(async () => {
    adapters = new Map((await createAdapters()).map((adapter) => [adapter.name, adapter]));
  }, 60_000);

  it('given createAdapters, when listed, then every adapter has a robustness spec', () => {
    expect([...adapters.keys()].sort()).toEqual(FORMATS.map((spec) => spec.adapter).sort());
  });

  describe.each(FORMATS.map((spec) => [spec.adapter, spec] as const))('%s', (_name, spec) => {
    const adapterOf = (): MigrationAdapter => {
      const adapter = adapters.get(spec.adapter);
      if (!adapter) throw new Error(`no adapter named ${spec.adapter}`);
      return adapter;
    };
    const projects = fixtureProjects(spec);
    const filePath = fc.constantFrom(...spec.paths);

    it('given random strings at a migration path, then detect and parseProject return in bounds', () => {
      const adapter = adapterOf();
      fc.assert(
        fc.property(filePath, RANDOM_TEXT, (at, content) => {
          exercise(adapter, [sourceOf(at, content)]);
        }),
        params,
      );
    }, 60_000);

    it('given token soup of the format, then detect and parseProject return in bounds', () => {
      const adapter = adapterOf();
      fc.assert(
        fc.property(filePath, tokenSoup(spec), (at, content) => {
          exercise(adapter, [sourceOf(at, content)]);
        }),
        params,
      );
    }, 60_000);

    it('given input nested thousands deep, then detect and parseProject return in bounds', () => {
      const adapter = adapterOf();
      fc.assert(
        fc.property(
          filePath,
          fc.constantFrom(...spec.preambles),
          fc.constantFrom(...spec.nesting),
          fc.integer({ min: 1, max: 5_000 }),
          fc.boolean(),
          (at, preamble, [open, close], depth, closed) => {
            const content = preamble + open.repeat(depth) + (closed ? close.repeat(depth) : '');
            exercise(adapter, [sourceOf(at, content)]);
          },
        ),
        { ...params, numRuns: 40 },
      );
    }, 60_000);

    it('given a mutated fixture file, alone and within its project, then both return in bounds', () => {
      const adapter = adapterOf();
      expect(projects.length).toBeGreaterThan(0);
      const target = fc
        .nat({ max: projects.length - 1 })
        .chain((p) => fc.tuple(fc.constant(p), fc.nat({ max: projects[p]!.sources.length - 1 })));
      fc.assert(
        fc.property(
          target,
          fc.array(mutation, { minLength: 1, maxLength: 4 }),
          fc.boolean(),
          ([p, f], mutations, withProject) => {
            const project = projects[p]!;
            const original = project.sources[f]!;
            const mutated = sourceOf(original.path, mutate(original.content, mutations));
            exercise(adapter, [mutated]);
            if (withProject) {
              exercise(
                adapter,
                project.sources.map((source, i) => (i === f ? mutated : source)),
              );
            }
          },
        ),
        params,
      );
    }, 60_000);
  });
});
