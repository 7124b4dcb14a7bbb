import { givenDjangoProject, djangoMigration } from '../testing/django-project';
import { fixtureSources, sourceOf } from '../testing/migration-fixtures';
import { createDjangoAdapter } from './django.adapter';

const inTransaction = { inTransaction: true, transactionSource: 'framework-default' };

describe('django adapter', () => {
  it('given the factory, when created, then it names itself django 1.1.0', async () => {
    const adapter = await createDjangoAdapter();
    expect({ framework: adapter.framework, name: adapter.name, version: adapter.version }).toEqual({
      framework: 'django',
      name: 'django',
      version: '1.1.0',
    });
  });

  describe('detect', () => {
    const migrationClass =
      'from django.db import migrations\n\nclass Migration(migrations.Migration):\n    operations = []\n';

    it.each([
      ['shop/migrations/0001_initial.py', migrationClass, true],
      ['src/apps/shop/migrations/0002_auto_20240101_1200.py', migrationClass, true],
      [
        'shop/migrations/0003_bare.py',
        'from django.db.migrations import Migration\nclass Migration(Migration):\n    pass\n',
        true,
      ],
      ['shop/migrations/__init__.py', migrationClass, false],
      ['shop/models.py', migrationClass, false],
      ['shop/migrations/sub/0001_initial.py', migrationClass, false],
      ['alembic/versions/abc_add.py', 'def upgrade():\n    pass\n', false],
      ['shop/migrations/helpers.py', 'def build():\n    return []\n', false],
      ['shop/migrations/0004_other.py', 'class Migration(SomethingElse):\n    pass\n', false],
      ['shop/migrations/0005_notes.sql', 'ALTER TABLE x ADD y int;', false],
    ])(
      'given %s, when detected, then the answer is as expected',
      async (path, content, expected) => {
        const adapter = await createDjangoAdapter();
        expect(adapter.detect({ path, content })).toBe(expected);
      },
    );

    it('given binary garbage in a migration path, when detected, then it says no without throwing', async () => {
      const adapter = await createDjangoAdapter();
      expect(
        adapter.detect({ path: 'x/migrations/0001_x.py', content: '\u0000\u00ff\ufffd(((' }),
      ).toBe(false);
    });
  });

  describe('given a Django app (library fixture)', () => {
    it('when parsed, then the migrations come in order with app, name and source', async () => {
      const project = await givenDjangoProject(fixtureSources('django', 'library')).whenParsed();
      expect(project.project.framework).toBe('django');
      expect(project.order).toEqual(['catalog.0001_initial', 'catalog.0002_book_changes']);
      expect(project.migration('catalog', '0001_initial').source.path).toBe(
        'catalog/migrations/0001_initial.py',
      );
    });

    it('when the initial migration is parsed, then CreateModel yields the table, its columns, constraints and indexes', async () => {
      const project = await givenDjangoProject(fixtureSources('django', 'library')).whenParsed();
      const book = { name: 'catalog_book' };
      const column = (
        name: string,
        sql: string,
        framework: string,
        extra: Record<string, unknown> = {},
      ) => ({
        name,
        type: { sql, framework },
        nullable: false,
        unique: false,
        primaryKey: false,
        default: { kind: 'none' },
        ...extra,
      });
      expect(project.operation('catalog', '0001_initial', 1)).toEqual(
        [
          {
            kind: 'table.created',
            payload: { table: book, model: { app: 'catalog', name: 'Book' } },
          },
          {
            kind: 'column.added',
            payload: {
              table: book,
              column: column('id', 'bigint', 'BigAutoField', {
                primaryKey: true,
                identity: 'by-default',
              }),
            },
          },
          {
            kind: 'column.added',
            payload: { table: book, column: column('title', 'varchar(200)', 'CharField') },
          },
          {
            kind: 'column.added',
            payload: { table: book, column: column('price', 'numeric(8,2)', 'DecimalField') },
          },
          {
            kind: 'column.added',
            payload: {
              table: book,
              column: column('stock', 'integer', 'PositiveIntegerField', {
                default: { kind: 'constant', value: '0', level: 'app' },
              }),
            },
          },
          {
            kind: 'column.added',
            payload: {
              table: book,
              column: column('published_at', 'timestamptz', 'DateTimeField', { nullable: true }),
            },
          },
          {
            kind: 'column.added',
            payload: {
              table: book,
              column: column('author_id', 'bigint', 'ForeignKey', {
                references: {
                  table: { name: 'catalog_author' },
                  column: 'id',
                  onDelete: 'no action',
                },
                field: 'author',
              }),
            },
          },
          {
            kind: 'column.added',
            payload: {
              table: book,
              column: column('added_by_id', 'integer', 'ForeignKey', {
                nullable: true,
                references: { table: { name: 'auth_user' }, column: 'id', onDelete: 'no action' },
                field: 'added_by',
              }),
            },
          },
          {
            kind: 'constraint.added',
            payload: {
              table: book,
              constraint: {
                name: 'catalog_book_stock_check',
                type: 'check',
                columns: ['stock'],
                expression: '"stock" >= 0',
              },
            },
          },
          {
            kind: 'constraint.added',
            payload: {
              table: book,
              constraint: {
                name: 'catalog_book_author_id_b0849980_fk_catalog_author_id',
                type: 'foreign-key',
                columns: ['author_id'],
                references: {
                  table: { name: 'catalog_author' },
                  columns: ['id'],
                  onDelete: 'no action',
                },
              },
            },
          },
          {
            kind: 'constraint.added',
            payload: {
              table: book,
              constraint: {
                name: 'catalog_book_added_by_id_23fafb1f_fk_auth_user_id',
                type: 'foreign-key',
                columns: ['added_by_id'],
                references: {
                  table: { name: 'auth_user' },
                  columns: ['id'],
                  onDelete: 'no action',
                },
              },
            },
          },
          {
            kind: 'index.created',
            payload: {
              table: book,
              index: { name: 'catalog_book_author_id_b0849980', columns: ['author_id'] },
            },
          },
          {
            kind: 'index.created',
            payload: {
              table: book,
              index: { name: 'catalog_book_added_by_id_23fafb1f', columns: ['added_by_id'] },
            },
          },
        ].map((draft, subIndex) => ({ ...draft, opIndex: 1, subIndex })),
      );
    });

    it('when a model has unique and slug fields, then the unique constraint and the _like indexes follow the columns', async () => {
      const project = await givenDjangoProject(fixtureSources('django', 'library')).whenParsed();
      const author = project.operation('catalog', '0001_initial', 0);
      expect(
        author
          .slice(5)
          .map((draft) => [
            draft.kind,
            (draft.payload.constraint ?? draft.payload.index) as object,
          ]),
      ).toEqual([
        [
          'constraint.added',
          { name: 'catalog_author_email_key', type: 'unique', columns: ['email'] },
        ],
        ['index.created', { name: 'catalog_author_email_760f413b_like', columns: ['email'] }],
        ['index.created', { name: 'catalog_author_slug_a1549a23', columns: ['slug'] }],
        ['index.created', { name: 'catalog_author_slug_a1549a23_like', columns: ['slug'] }],
      ]);
    });

    it('when the second migration is parsed, then AddField, AlterField, RenameField and RemoveField become precise events', async () => {
      const project = await givenDjangoProject(fixtureSources('django', 'library')).whenParsed();
      const book = { name: 'catalog_book' };
      expect(project.events('catalog', '0002_book_changes')).toEqual([
        {
          kind: 'column.added',
          payload: {
            table: book,
            column: {
              name: 'isbn',
              type: { sql: 'varchar(13)', framework: 'CharField' },
              nullable: false,
              unique: false,
              primaryKey: false,
              // add_field puts the default on the column for the rows already there ...
              default: { kind: 'constant', value: '', level: 'db' },
            },
          },
          opIndex: 0,
          subIndex: 0,
        },
        // ... and drops it (with or without preserve_default=False).
        {
          kind: 'column.default_changed',
          payload: { table: book, column: 'isbn', default: { kind: 'none' } },
          opIndex: 0,
          subIndex: 1,
        },
        {
          kind: 'column.type_changed',
          payload: {
            table: book,
            column: 'title',
            type: { sql: 'varchar(300)', framework: 'CharField' },
          },
          opIndex: 1,
          subIndex: 0,
        },
        {
          kind: 'column.renamed',
          payload: { table: book, column: 'author_id', newName: 'writer_id' },
          opIndex: 2,
          subIndex: 0,
        },
        {
          kind: 'column.dropped',
          payload: { table: book, column: 'published_at', cascade: true },
          opIndex: 3,
          subIndex: 0,
        },
      ]);
    });

    it('when parsed, then every schema event carries the statement context with its line', async () => {
      const project = await givenDjangoProject(fixtureSources('django', 'library')).whenParsed();
      const events = project.migration('catalog', '0002_book_changes').events;
      expect(events.map((event) => (event.payload as { context?: unknown }).context)).toEqual([
        { ...inTransaction, line: 11 },
        { ...inTransaction, line: 11 },
        { ...inTransaction, line: 17 },
        { ...inTransaction, line: 22 },
        { ...inTransaction, line: 27 },
      ]);
    });
  });

  describe('given several apps, run_before, __first__/__latest__, external apps and squashes (ordering fixture)', () => {
    it('when parsed, then the order is the one `migrate` applies', async () => {
      const project = await givenDjangoProject(fixtureSources('django', 'ordering')).whenParsed();
      expect(project.order).toEqual([
        'accounts.0001_initial',
        'accounts.0002_member_nickname',
        'billing.0001_initial',
        'crm.0001_initial',
        'crm.0002_lead_source',
        'crm.0001_squashed_0002_lead_source',
        'crm.0003_lead_score',
        'inventory.0003_b',
        'inventory.0001_squashed_0003_b',
        'inventory.0004_c',
        'shop.0001_initial',
        'shop.0002_order',
      ]);
    });

    it('when a squash is unused, then it yields no events and the originals do', async () => {
      const project = await givenDjangoProject(fixtureSources('django', 'ordering')).whenParsed();
      expect(project.events('crm', '0001_squashed_0002_lead_source')).toEqual([]);
      expect(project.kinds('crm', '0001_initial')).toEqual(['table.created', 'column.added']);
      expect(project.kinds('crm', '0002_lead_source')).toEqual([
        'column.added',
        'column.default_changed', // the default='web' that filled the rows is dropped
      ]);
    });

    it('when a squash replaces missing originals, then the squash yields the events and the leftover original none', async () => {
      const project = await givenDjangoProject(fixtureSources('django', 'ordering')).whenParsed();
      expect(project.events('inventory', '0003_b')).toEqual([]);
      expect(project.kinds('inventory', '0001_squashed_0003_b')).toEqual([
        'table.created',
        'column.added',
        'column.added',
      ]);
      expect(project.kinds('inventory', '0004_c')).toEqual([
        'column.added',
        'column.default_changed', // the default=1 that filled the rows is dropped
      ]);
    });

    it('when a foreign key points into another app, then it resolves against that app state', async () => {
      const project = await givenDjangoProject(fixtureSources('django', 'ordering')).whenParsed();
      expect(project.operation('shop', '0002_order', 0)[0]?.payload.column).toMatchObject({
        name: 'invoice_id',
        type: { sql: 'bigint' },
        references: { table: { name: 'billing_invoice' }, column: 'id' },
      });
    });

    it('when the sources arrive shuffled, then the result is identical', async () => {
      const sources = fixtureSources('django', 'ordering');
      const forward = await givenDjangoProject(sources).whenParsed();
      const backward = await givenDjangoProject([...sources].reverse()).whenParsed();
      expect(backward.project).toEqual(forward.project);
    });
  });

  describe('given broken files (broken fixture)', () => {
    it('when a file does not parse, then it yields one migration.unparsed naming the file, line and problem', async () => {
      const project = await givenDjangoProject(fixtureSources('django', 'broken')).whenParsed();
      expect(project.events('shop', '0002_half_written')).toEqual([
        {
          kind: 'migration.unparsed',
          payload: {
            reason: 'shop/migrations/0002_half_written.py: line 15: syntax error, missing ")"',
            line: 15,
          },
          opIndex: 0,
          subIndex: 0,
        },
      ]);
    });

    it('when an operation is unknown, then it is reported and the other operations still yield events', async () => {
      const project = await givenDjangoProject(fixtureSources('django', 'broken')).whenParsed();
      const drafts = project.events('shop', '0003_search');
      expect(drafts.map(({ kind, opIndex }) => ({ kind, opIndex }))).toEqual([
        { kind: 'column.added', opIndex: 0 },
        { kind: 'migration.unparsed', opIndex: 1 },
        { kind: 'column.dropped', opIndex: 2 },
      ]);
      expect(drafts[0]?.payload.column).toMatchObject({ name: 'sku' });
      expect(drafts[1]?.payload).toEqual({
        reason: 'line 18: unsupported operation BuildSearchVector',
        line: 18,
      });
      expect(drafts[2]?.payload).toEqual({
        table: { name: 'shop_item' },
        column: 'sku',
        cascade: true,
      });
    });

    it('when operations is not a literal list, then the reason says so', async () => {
      const project = await givenDjangoProject(fixtureSources('django', 'broken')).whenParsed();
      expect(project.events('shop', '0004_generated')).toEqual([
        {
          kind: 'migration.unparsed',
          payload: {
            reason: 'shop/migrations/0004_generated.py: line 12: operations is not a literal list',
            line: 12,
          },
          opIndex: 0,
          subIndex: 0,
        },
      ]);
    });

    it('when a file in migrations/ has no Migration class, then it is reported, and nothing stops the others', async () => {
      const project = await givenDjangoProject(fixtureSources('django', 'broken')).whenParsed();
      expect(project.order).toEqual([
        'shop.0001_initial',
        'shop.0002_half_written',
        'shop.0003_search',
        'shop.0004_generated',
        'shop.helpers',
      ]);
      expect(project.events('shop', 'helpers')[0]?.payload).toEqual({
        reason: 'shop/migrations/helpers.py: no class Migration(migrations.Migration) found',
      });
      expect(project.kinds('shop', '0001_initial')).toEqual([
        'table.created',
        'column.added',
        'column.added',
      ]);
    });
  });

  describe('given two migrations that depend on each other (cycle fixture)', () => {
    it('when parsed, then both run in name order with their events and a migration.unparsed naming the cycle', async () => {
      const project = await givenDjangoProject(fixtureSources('django', 'cycle')).whenParsed();
      expect(project.order).toEqual(['alpha.0001_initial', 'beta.0001_initial']);
      expect(project.events('alpha', '0001_initial').at(-1)).toEqual({
        kind: 'migration.unparsed',
        payload: {
          reason: 'dependency cycle: alpha.0001_initial → beta.0001_initial → alpha.0001_initial',
          line: 4,
        },
        opIndex: 1,
        subIndex: 0,
      });
      expect(project.kinds('beta', '0001_initial')).toEqual([
        'table.created',
        'column.added',
        'column.added',
        'constraint.added',
        'index.created',
        'migration.unparsed',
      ]);
    });
  });

  describe('transactions', () => {
    it('given atomic = False, when parsed, then events say they run outside a transaction by opt-out', async () => {
      const project = await givenDjangoProject([
        djangoMigration('shop/migrations/0001_initial.py', {
          attributes: 'atomic = False',
          operations: "migrations.RunSQL('SELECT 1'),",
        }),
      ]).whenParsed();
      expect(project.migration('shop', '0001_initial').events[0]?.payload).toEqual({
        statement: 'SELECT 1',
        reason: 'SELECT: a query has no event kind; what the functions it calls do is not analysed',
        context: { inTransaction: false, transactionSource: 'opt-out', line: 9 },
      });
    });

    it('given RunPython(atomic=True) in a non-atomic migration, when parsed, then that step runs in its own transaction', async () => {
      const project = await givenDjangoProject([
        djangoMigration('shop/migrations/0001_initial.py', {
          attributes: 'atomic = False',
          operations:
            'migrations.RunPython(forwards, atomic=True),\nmigrations.RunSQL("SELECT 1"),',
        }),
      ]).whenParsed();
      const contexts = project
        .migration('shop', '0001_initial')
        .events.map((event) => (event.payload as { context?: unknown }).context);
      expect(contexts).toEqual([
        { inTransaction: true, transactionSource: 'explicit', transactionGroup: 0, line: 9 },
        { inTransaction: false, transactionSource: 'opt-out', line: 10 },
      ]);
    });
  });

  describe('robustness', () => {
    it('given empty, binary and duplicate files, when parsed, then nothing throws and each file is accounted for', async () => {
      const project = await givenDjangoProject([
        sourceOf('shop/migrations/0001_empty.py', ''),
        sourceOf('shop/migrations/0002_binary.py', '\u0000\u0001\u00ff'),
        djangoMigration('a/shop/migrations/0003_twice.py', { operations: '' }),
        djangoMigration('b/shop/migrations/0003_twice.py', { operations: '' }),
        sourceOf('shop/models.py', 'class Book: pass'),
      ]).whenParsed();
      expect(project.order).toEqual([
        'shop.0001_empty',
        'shop.0002_binary',
        'shop.0003_twice',
        'shop.0003_twice',
      ]);
      expect(project.events('shop', '0001_empty')[0]?.payload.reason).toBe(
        'shop/migrations/0001_empty.py: no class Migration(migrations.Migration) found',
      );
      expect(project.events('shop', '0002_binary')[0]?.kind).toBe('migration.unparsed');
      const duplicate = project.project.migrations[3]!;
      expect(duplicate.source.path).toBe('b/shop/migrations/0003_twice.py');
      expect(duplicate.events[0]?.payload).toEqual({
        reason:
          'b/shop/migrations/0003_twice.py: duplicate migration shop.0003_twice (also a/shop/migrations/0003_twice.py)',
      });
    });

    it('given operations that are not calls or lack names, when parsed, then each is reported on its line', async () => {
      const project = await givenDjangoProject([
        djangoMigration('shop/migrations/0001_initial.py', {
          operations: [
            'SOME_OPERATION,',
            'migrations.CreateModel(fields=[]),',
            "migrations.AddField(model_name='x', name='y', field=FIELD),",
          ].join('\n'),
        }),
      ]).whenParsed();
      expect(project.events('shop', '0001_initial').map((draft) => draft.payload.reason)).toEqual([
        'line 8: operation is not a call: SOME_OPERATION',
        'line 9: CreateModel without a literal name',
        'line 10: AddField without a literal name and field',
      ]);
    });

    it('given a file whose name carries makemigrations’ timestamp, when parsed, then it is reported', async () => {
      const project = await givenDjangoProject([
        djangoMigration('shop/migrations/0002_auto_20240115_0930.py', { operations: '' }),
      ]).whenParsed();
      expect(project.migration('shop', '0002_auto_20240115_0930').timestampFromName).toBe(
        '2024-01-15T09:30:00Z',
      );
    });
  });
});
