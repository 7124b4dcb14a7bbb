import type { MigrationSource } from '../migration-adapter';
import {
  djangoMigration,
  givenDjangoProject,
  type ParsedDjangoProject,
} from '../testing/django-project';
import { fixtureSources } from '../testing/migration-fixtures';
import type { DjangoAdapterOptions } from './django.adapter';
import { createIndexName, foreignKeyName } from './django-names';

/** An `initial` migration of app `shop` with these models, and a second one with `operations`. */
async function whenApplied(
  initial: string,
  operations: string,
  options: { attributes?: string; extra?: MigrationSource[]; settings?: DjangoAdapterOptions } = {},
): Promise<{
  project: ParsedDjangoProject;
  drafts: { kind: string; payload: Record<string, unknown> }[];
}> {
  const project = await givenDjangoProject(
    [
      djangoMigration('shop/migrations/0001_initial.py', { operations: initial }),
      djangoMigration('shop/migrations/0002_change.py', {
        dependencies: "('shop', '0001_initial')",
        operations,
        ...(options.attributes ? { attributes: options.attributes } : {}),
      }),
      ...(options.extra ?? []),
    ],
    options.settings,
  ).whenParsed();
  const drafts = project
    .events('shop', '0002_change')
    .map(({ kind, payload }) => ({ kind, payload }));
  return { project, drafts };
}

const model = (name: string, fields: string, options = '') => `
        migrations.CreateModel(
            name='${name}',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False)),
                ${fields}
            ],${options ? `\n            options=${options},` : ''}
        ),`;

const AUTHOR = model('Author', "('name', models.CharField(max_length=50)),");
const BOOK = model(
  'Book',
  "('title', models.CharField(max_length=50)),\n                ('author', models.ForeignKey(on_delete=models.CASCADE, to='shop.author')),",
);

describe('django operations', () => {
  describe('given the storefront fixture (options, inheritance, proxies, many-to-many)', () => {
    let project: ParsedDjangoProject;
    beforeAll(async () => {
      project = await givenDjangoProject(fixtureSources('django', 'storefront')).whenParsed();
    });
    const op = (name: string, opIndex: number) =>
      project.operation('shop', name, opIndex).map(({ kind, payload }) => ({ kind, payload }));

    it('when a model has db_table and a varchar primary key, then the table is named so and gets a _like index', () => {
      expect(op('0001_initial', 0).map((draft) => draft.kind)).toEqual([
        'table.created',
        'column.added',
        'column.added',
        'index.created',
      ]);
      expect(op('0001_initial', 0)[3]?.payload).toEqual({
        table: { name: 'categories' },
        index: { name: 'categories_code_6d9ff322_like', columns: ['code'] },
      });
    });

    it('when CreateModel has unique_together, indexes, constraints and a many-to-many, then all are materialised in schema-editor order', () => {
      const product = { name: 'shop_product' };
      const drafts = op('0001_initial', 2);
      expect(drafts.map((draft) => draft.kind)).toEqual([
        'table.created',
        ...Array<string>(6).fill('column.added'),
        'constraint.added', // CHECK price_not_negative (inline)
        'constraint.added', // unique_together (deferred)
        'constraint.added', // category foreign key
        'index.created', // conditional UniqueConstraint → unique index
        'index.created', // category_id index
        'index.created', // category_id _like (the target pk is varchar)
        'index.created', // Meta.indexes
        'table.created', // join table shop_product_tags
        'column.added',
        'column.added',
        'column.added',
        'constraint.added',
        'constraint.added',
        'constraint.added',
        'index.created',
        'index.created',
      ]);
      expect(drafts.slice(7, 15).map((draft) => draft.payload)).toEqual([
        {
          table: product,
          constraint: { name: 'price_not_negative', type: 'check', expression: '"price" >= 0' },
        },
        {
          table: product,
          constraint: {
            name: 'shop_product_sku_category_id_6134aba9_uniq',
            type: 'unique',
            columns: ['sku', 'category_id'],
          },
        },
        {
          table: product,
          constraint: {
            name: 'shop_product_category_id_14d7eea8_fk_categories_code',
            type: 'foreign-key',
            columns: ['category_id'],
            references: { table: { name: 'categories' }, columns: ['code'], onDelete: 'no action' },
          },
        },
        {
          table: product,
          index: {
            name: 'unique_priced_sku',
            columns: ['sku'],
            unique: true,
            where: '"price" > 0',
          },
        },
        {
          table: product,
          index: { name: 'shop_product_category_id_14d7eea8', columns: ['category_id'] },
        },
        {
          table: product,
          index: { name: 'shop_product_category_id_14d7eea8_like', columns: ['category_id'] },
        },
        { table: product, index: { name: 'shop_produc_price_idx', columns: ['price'] } },
        { table: { name: 'shop_product_tags' }, model: { app: 'shop', name: 'Product_tags' } },
      ]);
    });

    it('when a model has JSON and array fields, then their types and app defaults are kept', () => {
      const columns = op('0001_initial', 2)
        .filter((draft) => draft.kind === 'column.added')
        .slice(3, 6);
      const summary = columns.map((draft) => {
        const column = draft.payload.column as { name: string; type: object; default: object };
        return { name: column.name, type: column.type, default: column.default };
      });
      expect(summary).toEqual([
        {
          name: 'attributes',
          type: { sql: 'jsonb', framework: 'JSONField' },
          default: { kind: 'constant', value: '{}', level: 'app' },
        },
        {
          name: 'sizes',
          type: { sql: 'varchar(8)[]', framework: 'ArrayField' },
          default: { kind: 'none' },
        },
        {
          name: 'category_id',
          type: { sql: 'varchar(12)', framework: 'ForeignKey' },
          default: { kind: 'none' },
        },
      ]);
    });

    it('when a ManyToManyField has no through model, then its join table has two references and a unique pair', () => {
      const join = { name: 'shop_product_tags' };
      expect(op('0001_initial', 2).slice(14)).toEqual([
        {
          kind: 'table.created',
          payload: { table: join, model: { app: 'shop', name: 'Product_tags' } },
        },
        {
          kind: 'column.added',
          payload: {
            table: join,
            column: {
              name: 'id',
              type: { sql: 'bigint', framework: 'BigAutoField' },
              nullable: false,
              unique: false,
              primaryKey: true,
              default: { kind: 'none' },
              identity: 'by-default',
            },
          },
        },
        {
          kind: 'column.added',
          payload: {
            table: join,
            column: {
              name: 'product_id',
              type: { sql: 'bigint', framework: 'ForeignKey' },
              nullable: false,
              unique: false,
              primaryKey: false,
              default: { kind: 'none' },
              references: { table: { name: 'shop_product' }, column: 'id', onDelete: 'no action' },
            },
          },
        },
        {
          kind: 'column.added',
          payload: {
            table: join,
            column: {
              name: 'tag_id',
              type: { sql: 'integer', framework: 'ForeignKey' },
              nullable: false,
              unique: false,
              primaryKey: false,
              default: { kind: 'none' },
              references: { table: { name: 'shop_tag' }, column: 'id', onDelete: 'no action' },
            },
          },
        },
        {
          kind: 'constraint.added',
          payload: {
            table: join,
            constraint: {
              name: 'shop_product_tags_product_id_9a158885_fk_shop_product_id',
              type: 'foreign-key',
              columns: ['product_id'],
              references: {
                table: { name: 'shop_product' },
                columns: ['id'],
                onDelete: 'no action',
              },
            },
          },
        },
        {
          kind: 'constraint.added',
          payload: {
            table: join,
            constraint: {
              name: 'shop_product_tags_tag_id_dd30c4fb_fk_shop_tag_id',
              type: 'foreign-key',
              columns: ['tag_id'],
              references: { table: { name: 'shop_tag' }, columns: ['id'], onDelete: 'no action' },
            },
          },
        },
        {
          kind: 'constraint.added',
          payload: {
            table: join,
            constraint: {
              name: 'shop_product_tags_product_id_tag_id_a244154e_uniq',
              type: 'unique',
              columns: ['product_id', 'tag_id'],
            },
          },
        },
        {
          kind: 'index.created',
          payload: {
            table: join,
            index: { name: 'shop_product_tags_product_id_9a158885', columns: ['product_id'] },
          },
        },
        {
          kind: 'index.created',
          payload: {
            table: join,
            index: { name: 'shop_product_tags_tag_id_dd30c4fb', columns: ['tag_id'] },
          },
        },
      ]);
    });

    it('when a model inherits from another, then its pk is the <parent>_ptr_id one-to-one column', () => {
      const drafts = op('0001_initial', 3);
      expect(drafts[1]?.payload.column).toEqual({
        name: 'product_ptr_id',
        type: { sql: 'bigint', framework: 'OneToOneField' },
        nullable: false,
        unique: false,
        primaryKey: true,
        default: { kind: 'none' },
        references: { table: { name: 'shop_product' }, column: 'id', onDelete: 'no action' },
        field: 'product_ptr',
      });
      expect(drafts.map((draft) => draft.kind)).toEqual([
        'table.created',
        'column.added',
        'column.added',
        'constraint.added',
      ]);
    });

    it('when a proxy model is created, then nothing reaches the database', () => {
      expect(op('0001_initial', 4)).toEqual([]);
    });

    it('when a model is renamed, then its table and the join-table column named after it are renamed', () => {
      expect(op('0002_reshape', 0)).toEqual([
        {
          kind: 'table.renamed',
          payload: {
            table: { name: 'shop_tag' },
            newName: 'shop_label',
            model: { app: 'shop', name: 'Label' },
          },
        },
        {
          kind: 'column.renamed',
          payload: { table: { name: 'shop_product_tags' }, column: 'tag_id', newName: 'label_id' },
        },
      ]);
    });

    it('when a model table is set, then the table and the join tables named after it are renamed', () => {
      expect(op('0002_reshape', 1)).toEqual([
        {
          kind: 'table.renamed',
          payload: { table: { name: 'shop_product' }, newName: 'products' },
        },
        {
          kind: 'table.renamed',
          payload: { table: { name: 'shop_product_tags' }, newName: 'products_tags' },
        },
      ]);
    });

    it('when unique_together changes, then the old constraint (by its created name) is dropped and the new one added', () => {
      expect(op('0002_reshape', 2)).toEqual([
        {
          kind: 'constraint.dropped',
          payload: {
            table: { name: 'products' },
            name: 'shop_product_sku_category_id_6134aba9_uniq',
          },
        },
        {
          kind: 'constraint.added',
          payload: {
            table: { name: 'products' },
            constraint: { name: 'products_sku_81b9e9fe_uniq', type: 'unique', columns: ['sku'] },
          },
        },
      ]);
    });

    it('when indexes are added, removed and renamed, then index events follow', () => {
      const table = { name: 'products' };
      expect([3, 4, 5].flatMap((i) => op('0002_reshape', i))).toEqual([
        {
          kind: 'index.created',
          payload: { table, index: { name: 'sku_price_idx', columns: ['sku', 'price'] } },
        },
        {
          kind: 'index.dropped',
          payload: { table, name: 'shop_produc_price_idx', ifExists: true },
        },
        {
          kind: 'index.renamed',
          payload: { table, name: 'sku_price_idx', newName: 'sku_and_price_idx' },
        },
      ]);
    });

    it('when constraints are removed and added, then an index-backed unique is dropped as an index and Q objects are rendered', () => {
      const table = { name: 'products' };
      expect([6, 7].flatMap((i) => op('0002_reshape', i))).toEqual([
        { kind: 'index.dropped', payload: { table, name: 'unique_priced_sku', ifExists: true } },
        {
          kind: 'constraint.added',
          payload: {
            table,
            constraint: {
              name: 'price_cap',
              type: 'check',
              expression: `("price" < 100000) OR ("sku" LIKE 'LUX%')`,
            },
          },
        },
      ]);
    });

    it('when RunSQL uses a module constant and RunPython a function, then the SQL adapter reads the SQL and RunPython is data.migrated', () => {
      expect([8, 9].flatMap((i) => op('0002_reshape', i))).toEqual([
        {
          kind: 'index.created',
          payload: {
            table: { name: 'products' },
            index: {
              name: 'shop_product_sku_trgm',
              columns: ['sku'],
              method: 'gin',
              concurrently: true,
            },
          },
        },
        {
          kind: 'data.migrated',
          payload: {
            operation: 'code',
            description: 'RunPython copy_prices (reverse: migrations.RunPython.noop)',
            reversible: true,
            // copy_prices is in the file: it asks apps.get_model and updates in one go.
            usesLiveModels: false,
            batched: false,
          },
        },
      ]);
    });

    it('when RunSQL reads a module constant in a non-atomic migration, then its events are outside a transaction, on the line of the SQL in the constant', () => {
      const [index] = project
        .migration('shop', '0002_reshape')
        .events.filter((draft) => draft.opIndex === 8);
      // FORWARDS = """ is on line 3; the statement starts on the next line.
      expect(index?.payload).toMatchObject({
        context: { inTransaction: false, transactionSource: 'opt-out', line: 4 },
      });
    });

    it('when SeparateDatabaseAndState runs, then only the database operations emit and the state operations update the state', () => {
      expect(op('0002_reshape', 10)).toEqual([
        {
          kind: 'column.added',
          payload: {
            table: { name: 'products' },
            column: {
              name: 'legacy_code',
              type: { sql: 'varchar(10)', framework: 'varchar(10)' },
              nullable: true,
              unique: false,
              primaryKey: false,
              default: { kind: 'none' },
            },
          },
        },
      ]);
    });

    it('when a many-to-many field is removed, then its (renamed) join table is dropped', () => {
      expect(op('0002_reshape', 11)).toEqual([
        { kind: 'table.dropped', payload: { table: { name: 'products_tags' }, cascade: true } },
      ]);
    });
  });

  describe('class-level names', () => {
    it('given state operations bound to a class attribute, when a later migration alters the model, then the state is known', async () => {
      const project = await givenDjangoProject([
        djangoMigration('shop/migrations/0001_initial.py', {
          attributes: `state_operations = [${AUTHOR}]`,
          operations: 'migrations.SeparateDatabaseAndState(state_operations=state_operations),',
        }),
        djangoMigration('shop/migrations/0002_change.py', {
          dependencies: "('shop', '0001_initial')",
          operations:
            "migrations.AlterField(model_name='author', name='name', field=models.CharField(max_length=80)),",
        }),
      ]).whenParsed();

      expect(project.events('shop', '0001_initial')).toEqual([]);
      expect(project.events('shop', '0002_change').map(({ kind }) => kind)).toEqual([
        'column.type_changed',
      ]);
    });
  });

  describe('models', () => {
    it('given a model with a many-to-many, when deleted, then the join table is dropped before the table', async () => {
      const { drafts } = await whenApplied(
        model('Tag', '') + model('Post', "('tags', models.ManyToManyField(to='shop.tag')),"),
        "migrations.DeleteModel(name='Post'),",
      );
      expect(drafts).toEqual([
        { kind: 'table.dropped', payload: { table: { name: 'shop_post_tags' }, cascade: true } },
        { kind: 'table.dropped', payload: { table: { name: 'shop_post' }, cascade: true } },
      ]);
    });

    it('given a model with db_table, when renamed, then the table keeps its name', async () => {
      const { drafts } = await whenApplied(
        model('Author', '', "{'db_table': 'authors'}"),
        "migrations.RenameModel(old_name='Author', new_name='Writer'),",
      );
      expect(drafts).toEqual([]);
    });

    it('given a foreign key to a renamed model, when a field is added later, then it references the new table', async () => {
      const { drafts } = await whenApplied(
        AUTHOR + BOOK,
        "migrations.RenameModel(old_name='Author', new_name='Writer'),\nmigrations.AlterField(model_name='book', name='title', field=models.CharField(max_length=60)),",
      );
      expect(drafts.map((draft) => draft.kind)).toEqual(['table.renamed', 'column.type_changed']);
    });

    it('given unmanaged and swapped-out models, when created and changed, then nothing reaches the database', async () => {
      const { drafts } = await whenApplied(
        '',
        [
          model(
            'Legacy',
            "('code', models.CharField(max_length=5)),",
            "{'managed': False, 'db_table': 'legacy'}",
          ),
          "migrations.AddField(model_name='legacy', name='extra', field=models.IntegerField(null=True)),",
          model('User', '', "{'swappable': 'AUTH_USER_MODEL'}"),
        ].join('\n'),
        { settings: { authUserModel: 'accounts.Member' } },
      );
      expect(drafts).toEqual([]);
    });

    it('given a model without a declared pk, when created, then Django adds the default auto field `id`', async () => {
      const { drafts } = await whenApplied(
        '',
        "migrations.CreateModel(name='Note', fields=[('body', models.TextField())]),",
        { settings: { defaultAutoField: 'AutoField' } },
      );
      expect(drafts[1]?.payload.column).toMatchObject({
        name: 'id',
        type: { sql: 'integer', framework: 'AutoField' },
        primaryKey: true,
        identity: 'by-default',
      });
    });

    it('given a child model without an explicit parent link, when created, then the <parent>_ptr pk is added', async () => {
      const { drafts } = await whenApplied(
        AUTHOR,
        "migrations.CreateModel(name='Poet', fields=[('meter', models.CharField(max_length=10))], bases=('shop.author',)),",
      );
      expect(drafts[1]?.payload.column).toMatchObject({
        name: 'author_ptr_id',
        type: { sql: 'bigint' },
        primaryKey: true,
        references: { table: { name: 'shop_author' }, column: 'id' },
      });
    });

    it('given index_together, when created and then altered, then _idx indexes are created and dropped', async () => {
      const { project, drafts } = await whenApplied(
        model(
          'Event',
          "('kind', models.CharField(max_length=5)),\n                ('at', models.DateTimeField()),",
          "{'index_together': {('kind', 'at')}}",
        ),
        "migrations.AlterIndexTogether(name='event', index_together=set()),",
      );
      const created = project.operation('shop', '0001_initial', 0).at(-1);
      expect(created?.payload).toEqual({
        table: { name: 'shop_event' },
        index: {
          name: createIndexName('shop_event', ['kind', 'at'], '_idx'),
          columns: ['kind', 'at'],
        },
      });
      expect(drafts).toEqual([
        {
          kind: 'index.dropped',
          payload: {
            table: { name: 'shop_event' },
            name: (created?.payload.index as { name: string }).name,
            ifExists: true,
          },
        },
      ]);
    });

    it('given table comments and order_with_respect_to, when changed, then the comment and the _order column follow', async () => {
      const { drafts } = await whenApplied(
        AUTHOR + BOOK,
        [
          "migrations.AlterModelTableComment(name='book', table_comment='Every book we sell'),",
          "migrations.AlterOrderWithRespectTo(name='book', order_with_respect_to='author'),",
          "migrations.AlterOrderWithRespectTo(name='book', order_with_respect_to=None),",
        ].join('\n'),
      );
      expect(drafts).toEqual([
        {
          kind: 'table.comment_changed',
          payload: { table: { name: 'shop_book' }, comment: 'Every book we sell' },
        },
        {
          kind: 'column.added',
          payload: {
            table: { name: 'shop_book' },
            column: {
              name: '_order',
              type: { sql: 'integer', framework: 'OrderWrt' },
              nullable: false,
              unique: false,
              primaryKey: false,
              // add_field fills the rows already there with 0 ...
              default: { kind: 'constant', value: '0', level: 'db' },
            },
          },
        },
        {
          // ... and drops that default.
          kind: 'column.default_changed',
          payload: { table: { name: 'shop_book' }, column: '_order', default: { kind: 'none' } },
        },
        {
          kind: 'column.dropped',
          payload: { table: { name: 'shop_book' }, column: '_order', cascade: true },
        },
      ]);
    });
  });

  describe('fields', () => {
    it('given a foreign key, when added, then the column, its constraint and its index are emitted', async () => {
      const { drafts } = await whenApplied(
        AUTHOR + model('Book', "('title', models.CharField(max_length=50)),"),
        "migrations.AddField(model_name='book', name='author', field=models.ForeignKey(null=True, on_delete=models.SET_NULL, to='shop.author')),",
      );
      const named = drafts.map((draft) => {
        const object = (draft.payload.constraint ??
          draft.payload.index ??
          draft.payload.column) as {
          name: string;
        };
        return `${draft.kind} ${object.name}`;
      });
      expect(named).toEqual([
        'column.added author_id',
        `constraint.added ${foreignKeyName('shop_book', 'author_id', 'shop_author', 'id')}`,
        `index.created ${createIndexName('shop_book', ['author_id'])}`,
      ]);
    });

    it('given a foreign key, when removed, then its constraint is dropped before the column', async () => {
      const { project, drafts } = await whenApplied(
        AUTHOR + BOOK,
        "migrations.RemoveField(model_name='book', name='author'),",
      );
      const created = project
        .operation('shop', '0001_initial', 1)
        .find((draft) => draft.kind === 'constraint.added');
      expect(drafts).toEqual([
        {
          kind: 'constraint.dropped',
          payload: {
            table: { name: 'shop_book' },
            name: (created?.payload.constraint as { name: string }).name,
          },
        },
        {
          kind: 'column.dropped',
          payload: { table: { name: 'shop_book' }, column: 'author_id', cascade: true },
        },
      ]);
    });

    it('given a renamed table, when a foreign key is removed, then the constraint keeps the name it was created with', async () => {
      const { drafts } = await whenApplied(
        AUTHOR + BOOK,
        "migrations.AlterModelTable(name='book', table='books'),\nmigrations.RemoveField(model_name='book', name='author'),",
      );
      expect(drafts[1]).toEqual({
        kind: 'constraint.dropped',
        payload: {
          table: { name: 'books' },
          name: foreignKeyName('shop_book', 'author_id', 'shop_author', 'id'),
        },
      });
    });

    it('given a many-to-many field, when renamed or added, then the join table follows', async () => {
      const { drafts } = await whenApplied(
        model('Tag', '') + model('Post', "('tags', models.ManyToManyField(to='shop.tag')),"),
        [
          "migrations.RenameField(model_name='post', old_name='tags', new_name='labels'),",
          "migrations.AddField(model_name='post', name='related', field=models.ManyToManyField(to='shop.post')),",
        ].join('\n'),
      );
      expect(drafts[0]).toEqual({
        kind: 'table.renamed',
        payload: { table: { name: 'shop_post_tags' }, newName: 'shop_post_labels' },
      });
      const selfJoin = drafts
        .slice(1)
        .filter((draft) => draft.kind === 'column.added')
        .map((draft) => (draft.payload.column as { name: string }).name);
      expect(selfJoin).toEqual(['id', 'from_post_id', 'to_post_id']);
    });

    it('given a field with db_column, when renamed, then the column does not change', async () => {
      const { drafts } = await whenApplied(
        model('Author', "('name', models.CharField(db_column='author_name', max_length=50)),"),
        "migrations.RenameField(model_name='author', old_name='name', new_name='full_name'),",
      );
      expect(drafts).toEqual([]);
    });

    it('given a field earlier migrations never defined, when removed or renamed, then the operation is reported', async () => {
      const { drafts } = await whenApplied(
        AUTHOR,
        "migrations.RemoveField(model_name='author', name='ghost'),\nmigrations.RenameField(model_name='author', old_name='ghost', new_name='spirit'),",
      );
      expect(drafts.map((draft) => draft.payload.reason)).toEqual([
        'line 8: RemoveField shop.Author.ghost: the field is not defined by earlier migrations',
        'line 9: RenameField shop.Author.ghost: the field is not defined by earlier migrations',
      ]);
    });

    it('given a custom user model setting, when a foreign key names settings.AUTH_USER_MODEL, then it points at that model', async () => {
      const accounts = djangoMigration('accounts/migrations/0001_initial.py', {
        operations: model('Member', "('email', models.EmailField(unique=True)),"),
      });
      const { drafts } = await whenApplied(
        AUTHOR,
        "migrations.AddField(model_name='author', name='owner', field=models.ForeignKey(on_delete=models.CASCADE, to=settings.AUTH_USER_MODEL)),",
        { extra: [accounts], settings: { authUserModel: 'accounts.Member' } },
      );
      expect(drafts[0]?.payload.column).toMatchObject({
        type: { sql: 'bigint' },
        references: { table: { name: 'accounts_member' }, column: 'id' },
      });
    });
  });

  describe('indexes, constraints and PostgreSQL operations', () => {
    it('given django.contrib.postgres operations, when applied, then concurrency, NOT VALID, validation and extensions are explicit', async () => {
      const { drafts } = await whenApplied(
        AUTHOR,
        [
          'TrigramExtension(),',
          "CreateExtension('postgis'),",
          "AddIndexConcurrently(model_name='author', index=GinIndex(fields=['name'], name='author_name_gin', opclasses=['gin_trgm_ops'])),",
          "RemoveIndexConcurrently(model_name='author', name='author_name_gin'),",
          "AddConstraintNotValid(model_name='author', constraint=models.CheckConstraint(check=~models.Q(name=''), name='author_name_present')),",
          "ValidateConstraint(model_name='author', name='author_name_present'),",
        ].join('\n'),
        { attributes: 'atomic = False' },
      );
      const table = { name: 'shop_author' };
      expect(drafts).toEqual([
        { kind: 'extension.created', payload: { name: 'pg_trgm' } },
        { kind: 'extension.created', payload: { name: 'postgis' } },
        {
          kind: 'index.created',
          payload: {
            table,
            index: {
              name: 'author_name_gin',
              columns: ['name'],
              method: 'gin',
              concurrently: true,
            },
          },
        },
        {
          kind: 'index.dropped',
          payload: { table, name: 'author_name_gin', ifExists: true, concurrently: true },
        },
        {
          kind: 'constraint.added',
          payload: {
            table,
            constraint: {
              name: 'author_name_present',
              type: 'check',
              expression: `NOT ("name" = '')`,
              notValid: true,
            },
          },
        },
        { kind: 'constraint.validated', payload: { table, name: 'author_name_present' } },
      ]);
    });

    it('given expression indexes and exclusion constraints, when added, then their expressions are rendered', async () => {
      const { drafts } = await whenApplied(
        AUTHOR,
        [
          "migrations.AddIndex(model_name='author', index=models.Index(django.db.models.functions.text.Lower('name'), name='author_lower_name')),",
          "migrations.AddConstraint(model_name='author', constraint=django.contrib.postgres.constraints.ExclusionConstraint(expressions=[(models.F('name'), RangeOperators.EQUAL)], name='one_name', index_type='gist')),",
          "migrations.AddConstraint(model_name='author', constraint=models.UniqueConstraint(models.F('name'), name='unique_name_expr')),",
        ].join('\n'),
      );
      expect(drafts.map((draft) => draft.payload.index ?? draft.payload.constraint)).toEqual([
        { name: 'author_lower_name', columns: [], expressions: ['lower("name")'] },
        { name: 'one_name', type: 'exclusion', expression: 'EXCLUDE USING gist ("name" WITH =)' },
        { name: 'unique_name_expr', columns: [], expressions: ['"name"'], unique: true },
      ]);
    });
  });

  describe('RunSQL: its SQL through the SQL adapter', () => {
    const atomic = { inTransaction: true, transactionSource: 'framework-default' };
    const optOut = { inTransaction: false, transactionSource: 'opt-out' };
    const column = (name: string, sql: string, extra: object = {}) => ({
      name,
      type: { sql, framework: sql },
      nullable: true,
      unique: false,
      primaryKey: false,
      default: { kind: 'none' },
      ...extra,
    });

    it('given RunSQL with a CREATE TABLE and a CREATE INDEX CONCURRENTLY list in a non-atomic migration, when applied, then the SQL events belong to the operation, outside a transaction, on the lines of their strings', async () => {
      const { project } = await whenApplied(
        '',
        [
          'migrations.RunSQL(',
          '    [',
          '        """',
          '        CREATE TABLE shop_tag (',
          '            id bigserial PRIMARY KEY,',
          '            name varchar(40) NOT NULL UNIQUE',
          '        );',
          '        """,',
          '        "CREATE INDEX CONCURRENTLY shop_tag_lower_name ON shop_tag (lower(name));",',
          '    ],',
          '    reverse_sql="DROP TABLE shop_tag;",',
          '),',
          "migrations.RunSQL('SELECT 1'),",
        ].join('\n'),
        { attributes: 'atomic = False' },
      );
      const tag = { name: 'shop_tag' };
      // Operations start on line 9 (after `atomic = False`); CREATE TABLE is on line 12.
      expect(project.migration('shop', '0002_change').events).toEqual([
        {
          kind: 'table.created',
          payload: { table: tag, context: { ...optOut, line: 12 } },
          opIndex: 0,
          subIndex: 0,
        },
        {
          kind: 'column.added',
          payload: {
            table: tag,
            column: column('id', 'bigint', {
              type: { sql: 'bigint', framework: 'bigserial' },
              nullable: false,
              primaryKey: true,
              identity: 'serial',
              default: {
                kind: 'expression',
                expression: "nextval('shop_tag_id_seq'::regclass)",
                volatility: 'volatile',
                level: 'db',
              },
            }),
            context: { ...optOut, line: 12 },
          },
          opIndex: 0,
          subIndex: 1,
        },
        {
          kind: 'column.added',
          payload: {
            table: tag,
            column: column('name', 'varchar(40)', { nullable: false, unique: true }),
            context: { ...optOut, line: 12 },
          },
          opIndex: 0,
          subIndex: 2,
        },
        {
          kind: 'constraint.added',
          payload: {
            table: tag,
            constraint: { name: 'shop_tag_pkey', type: 'primary-key', columns: ['id'] },
            context: { ...optOut, line: 12 },
          },
          opIndex: 0,
          subIndex: 3,
        },
        {
          kind: 'constraint.added',
          payload: {
            table: tag,
            constraint: { name: 'shop_tag_name_key', type: 'unique', columns: ['name'] },
            context: { ...optOut, line: 12 },
          },
          opIndex: 0,
          subIndex: 4,
        },
        {
          kind: 'index.created',
          payload: {
            table: tag,
            index: {
              name: 'shop_tag_lower_name',
              columns: [],
              expressions: ['lower(name)'],
              concurrently: true,
            },
            context: { ...optOut, line: 17 },
          },
          opIndex: 0,
          subIndex: 5,
        },
        {
          kind: 'sql.executed',
          payload: {
            statement: 'SELECT 1',
            reason:
              'SELECT: a query has no event kind; what the functions it calls do is not analysed',
            context: { ...optOut, line: 21 },
          },
          opIndex: 1,
          subIndex: 0,
        },
      ]);
    });

    it('given RunSQL in an atomic migration, when applied, then its events run in the migration transaction', async () => {
      const { project } = await whenApplied(
        '',
        "migrations.RunSQL('ALTER TABLE shop_book ADD COLUMN isbn varchar(13)'),",
      );
      expect(project.migration('shop', '0002_change').events).toEqual([
        {
          kind: 'column.added',
          payload: {
            table: { name: 'shop_book' },
            column: column('isbn', 'varchar(13)'),
            // The SQL adapter numbers the transaction; Django's is the only one here.
            context: { ...atomic, transactionGroup: 0, line: 8 },
          },
          opIndex: 0,
          subIndex: 0,
        },
      ]);
    });

    it('given RunSQL with a function definition and a statement the SQL adapter does not track, when applied, then the function is created and the other is sql.executed with the statement and why', async () => {
      const { drafts } = await whenApplied(
        '',
        [
          'migrations.RunSQL(',
          '    """',
          '    CREATE OR REPLACE FUNCTION shop_touch() RETURNS trigger AS $$',
          '    BEGIN NEW.updated_at = now(); RETURN NEW; END;',
          '    $$ LANGUAGE plpgsql;',
          '    GRANT SELECT ON shop_book TO reporting;',
          '    """,',
          "    reverse_sql='DROP FUNCTION shop_touch();',",
          '),',
        ].join('\n'),
      );
      expect(drafts).toEqual([
        {
          kind: 'function.created',
          payload: { name: 'shop_touch', language: 'plpgsql', replaceExisting: true },
        },
        {
          kind: 'sql.executed',
          payload: {
            statement: 'GRANT SELECT ON shop_book TO reporting',
            reason: 'GRANT SELECT: privileges are not tracked',
          },
        },
      ]);
    });

    it('given RunSQL with broken SQL, when applied, then it is sql.executed with the text and the parse error, and the other operations still yield events', async () => {
      const { project } = await whenApplied(
        AUTHOR,
        [
          "migrations.AddField(model_name='author', name='age', field=models.IntegerField(null=True)),",
          "migrations.RunSQL('ALTER TABLE shop_author ADD COLUMN;'),",
          "migrations.RemoveField(model_name='author', name='age'),",
        ].join('\n'),
      );
      const events = project.migration('shop', '0002_change').events;
      expect(events.map(({ kind, opIndex, subIndex }) => ({ kind, opIndex, subIndex }))).toEqual([
        { kind: 'column.added', opIndex: 0, subIndex: 0 },
        { kind: 'sql.executed', opIndex: 1, subIndex: 0 },
        { kind: 'column.dropped', opIndex: 2, subIndex: 0 },
      ]);
      expect(events[1]?.payload).toEqual({
        statement: 'ALTER TABLE shop_author ADD COLUMN;',
        reason: 'the SQL does not parse: line 9: syntax error at or near ";"',
        context: { ...atomic, line: 9 },
      });
    });

    it('given RunSQL with lists, parameters and noop, when applied, then each string is read on its own, with parameters as $1, $2', async () => {
      const { drafts } = await whenApplied(
        '',
        [
          "migrations.RunSQL(['UPDATE a SET b = 1', ('UPDATE a SET c = %s', [2]), migrations.RunSQL.noop]),",
          "migrations.RunSQL([(\"DELETE FROM a WHERE c = %(c)s AND d LIKE 'x%%'\", {'c': 2}), (\"DELETE FROM a WHERE d LIKE 'x%%'\", None)]),",
          'migrations.RunSQL(migrations.RunSQL.noop, reverse_sql="DROP TABLE a"),',
        ].join('\n'),
      );
      const a = { name: 'a' };
      // No reverse_sql: Django cannot reverse these data changes.
      expect(drafts).toEqual([
        {
          kind: 'data.migrated',
          payload: {
            operation: 'update',
            description: 'UPDATE a SET b = 1',
            table: a,
            hasWhere: false,
            reversible: false,
          },
        },
        {
          kind: 'data.migrated',
          payload: {
            operation: 'update',
            description: 'UPDATE a SET c = $1',
            table: a,
            hasWhere: false,
            reversible: false,
          },
        },
        {
          kind: 'data.migrated',
          payload: {
            operation: 'delete',
            description: "DELETE FROM a WHERE c = $1 AND d LIKE 'x%'",
            table: a,
            hasWhere: true,
            reversible: false,
          },
        },
        // Without parameters the driver sends the text as it is.
        {
          kind: 'data.migrated',
          payload: {
            operation: 'delete',
            description: "DELETE FROM a WHERE d LIKE 'x%%'",
            table: a,
            hasWhere: true,
            reversible: false,
          },
        },
      ]);
    });

    it('given RunSQL whose SQL is computed, when applied, then it is reported as not understood', async () => {
      const { drafts } = await whenApplied('', 'migrations.RunSQL(build_sql()),');
      expect(drafts).toEqual([
        {
          kind: 'migration.unparsed',
          payload: {
            reason: 'line 8: RunSQL with SQL that is not a literal: build_sql()',
            line: 8,
          },
        },
      ]);
    });

    it('given RunSQL with state_operations, when a later migration alters that field, then the state knows it', async () => {
      const { drafts } = await whenApplied(
        AUTHOR,
        [
          "migrations.RunSQL('ALTER TABLE shop_author ADD COLUMN age integer NULL', state_operations=[migrations.AddField(model_name='author', name='age', field=models.IntegerField(null=True))]),",
          "migrations.AlterField(model_name='author', name='age', field=models.BigIntegerField(null=True)),",
        ].join('\n'),
      );
      expect(drafts.map((draft) => draft.kind)).toEqual(['column.added', 'column.type_changed']);
    });

    it('given RunSQL that alters a column without state_operations, when AlterField follows, then Django’s state (not the SQL) decides what changes', async () => {
      const { drafts } = await whenApplied(
        AUTHOR,
        [
          "migrations.RunSQL('ALTER TABLE shop_author ALTER COLUMN name TYPE varchar(80)'),",
          "migrations.AlterField(model_name='author', name='name', field=models.CharField(max_length=80)),",
        ].join('\n'),
      );
      // Django's model state still says max_length=50, so AlterField issues its own ALTER.
      expect(drafts).toEqual([
        {
          kind: 'column.type_changed',
          payload: {
            table: { name: 'shop_author' },
            column: 'name',
            type: { sql: 'varchar(80)', framework: 'varchar(80)' },
          },
        },
        {
          kind: 'column.type_changed',
          payload: {
            table: { name: 'shop_author' },
            column: 'name',
            type: { sql: 'varchar(80)', framework: 'CharField' },
          },
        },
      ]);
    });
  });

  describe('opaque work', () => {
    it('given RunPython without a reverse, when applied, then the description says it is irreversible', async () => {
      const { drafts } = await whenApplied('', 'migrations.RunPython(forwards),');
      expect(drafts).toEqual([
        {
          kind: 'data.migrated',
          payload: {
            operation: 'code',
            description: 'RunPython forwards (irreversible)',
            reversible: false,
          },
        },
      ]);
    });

    it('given state-only operations that Django ships, when applied, then no events are emitted', async () => {
      const { drafts } = await whenApplied(
        AUTHOR,
        [
          "migrations.AlterModelOptions(name='author', options={'ordering': ['name']}),",
          "migrations.AlterModelManagers(name='author', managers=[]),",
          "migrations.AlterField(model_name='author', name='name', field=models.CharField(max_length=50, verbose_name='Name', choices=[('a', 'A')])),",
        ].join('\n'),
      );
      expect(drafts).toEqual([]);
    });
  });
});
