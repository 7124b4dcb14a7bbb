import {
  djangoMigration,
  givenDjangoProject,
  type ParsedDjangoProject,
} from '../testing/django-project';

const model = (name: string, fields: string[], options = '') => `
        migrations.CreateModel(
            name='${name}',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False)),
                ${fields.join('\n                ')}
            ],${options ? `\n            options=${options},` : ''}
        ),`;

const tableRenamed = (name: string, newName: string) => ({
  kind: 'table.renamed',
  payload: { table: { name }, newName },
});
const columnRenamed = (table: string, column: string, newName: string) => ({
  kind: 'column.renamed',
  payload: { table: { name: table }, column, newName },
});

/**
 * Join tables and relations that follow a renamed or re-tabled model, across models and apps: only
 * what names the changed model changes, in the order the models entered the project state.
 */
describe('django join tables and references across models', () => {
  let project: ParsedDjangoProject;
  beforeAll(async () => {
    project = await givenDjangoProject([
      djangoMigration('shop/migrations/0001_initial.py', {
        operations: [
          model('Author', ["('code', models.CharField(max_length=20, unique=True)),"]),
          // Created before the model it points at: it comes first in the state's model order.
          model('Post', [
            "('tags', models.ManyToManyField(to='shop.tag')),",
            "('author', models.ForeignKey(on_delete=models.CASCADE, to='shop.author')),",
          ]),
          model('Tag', [
            "('related', models.ManyToManyField(to='self')),",
            "('aliases', models.ManyToManyField(to='shop.Tag')),",
            "('owner', models.ForeignKey(on_delete=models.CASCADE, to='shop.author')),",
          ]),
          model('Product', ["('labels', models.ManyToManyField(to='Tag')),"]),
          model('Note', ["('authors', models.ManyToManyField(to='shop.author')),"]),
          model('Book', [
            "('writer', models.ForeignKey(on_delete=models.CASCADE, to='shop.author', to_field='code')),",
          ]),
        ].join(''),
      }),
      djangoMigration('blog/migrations/0001_initial.py', {
        dependencies: "('shop', '0001_initial')",
        operations: model('Article', [
          "('tags', models.ManyToManyField(to='shop.tag')),",
          "('author', models.ForeignKey(on_delete=models.CASCADE, to='shop.author')),",
        ]),
      }),
      djangoMigration('shop/migrations/0002_reshape.py', {
        dependencies: "('shop', '0001_initial'), ('blog', '0001_initial')",
        operations: [
          "migrations.RenameModel(old_name='Tag', new_name='Label'),",
          "migrations.AlterModelTable(name='label', table='labels'),",
          "migrations.AlterField(model_name='post', name='tags', field=models.ManyToManyField(db_table='post_labels', to='shop.label')),",
          "migrations.RenameField(model_name='label', old_name='related', new_name='similar'),",
          "migrations.RenameField(model_name='author', old_name='code', new_name='ref'),",
          "migrations.AlterField(model_name='author', name='ref', field=models.TextField(unique=True)),",
          "migrations.AlterField(model_name='author', name='id', field=models.AutoField(primary_key=True, serialize=False)),",
          "migrations.SeparateDatabaseAndState(database_operations=[migrations.RenameModel(old_name='Label', new_name='Badge')]),",
          "migrations.RenameModel(old_name='Note', new_name='Memo'),",
        ].join('\n'),
      }),
    ]).whenParsed();
  });
  const op = (opIndex: number) =>
    project
      .operation('shop', '0002_reshape', opIndex)
      .map(({ kind, payload }) => ({ kind, payload }));
  const where = (opIndex: number) =>
    op(opIndex).map(({ kind, payload }) => `${kind} ${(payload.table as { name: string }).name}`);

  it('when a model is renamed, then the join tables of every model pointing at it (any app, relative label, self) follow, in model order', () => {
    expect(op(0)).toEqual([
      {
        kind: 'table.renamed',
        payload: {
          table: { name: 'shop_tag' },
          newName: 'shop_label',
          model: { app: 'shop', name: 'Label' },
        },
      },
      columnRenamed('shop_post_tags', 'tag_id', 'label_id'),
      tableRenamed('shop_tag_related', 'shop_label_related'),
      columnRenamed('shop_label_related', 'from_tag_id', 'from_label_id'),
      columnRenamed('shop_label_related', 'to_tag_id', 'to_label_id'),
      tableRenamed('shop_tag_aliases', 'shop_label_aliases'),
      columnRenamed('shop_label_aliases', 'from_tag_id', 'from_label_id'),
      columnRenamed('shop_label_aliases', 'to_tag_id', 'to_label_id'),
      columnRenamed('shop_product_labels', 'tag_id', 'label_id'),
      columnRenamed('blog_article_tags', 'tag_id', 'label_id'),
    ]);
  });

  it('when a model table is set, then only its own join tables are renamed (not those pointing at it)', () => {
    expect(op(1)).toEqual([
      tableRenamed('shop_label', 'labels'),
      tableRenamed('shop_label_related', 'labels_related'),
      tableRenamed('shop_label_aliases', 'labels_aliases'),
    ]);
  });

  it('when a many-to-many gets a db_table or is renamed, then only its join table is renamed', () => {
    expect(op(2)).toEqual([tableRenamed('shop_post_tags', 'post_labels')]);
    expect(op(3)).toEqual([tableRenamed('labels_related', 'labels_similar')]);
  });

  it('when a to_field target is renamed and its type changes, then the relation follows the new name', () => {
    expect(op(4)).toEqual([columnRenamed('shop_author', 'code', 'ref')]);
    expect(where(5)).toEqual([
      'constraint.dropped shop_book',
      'index.dropped shop_author',
      'column.type_changed shop_author',
      'column.type_changed shop_book',
      'constraint.added shop_book',
    ]);
    expect(op(5).at(-1)?.payload).toMatchObject({
      constraint: { columns: ['writer_id'], references: { columns: ['ref'] } },
    });
  });

  it('when a primary key type changes, then every referencing column follows in model order (a renamed model last)', () => {
    const tables = ['shop_post', 'shop_note_authors', 'blog_article', 'labels'];
    expect(where(6)).toEqual([
      ...tables.map((table) => `constraint.dropped ${table}`),
      'column.type_changed shop_author',
      ...tables.map((table) => `column.type_changed ${table}`),
      ...tables.map((table) => `constraint.added ${table}`),
    ]);
  });

  it('when a rename runs on the database only, then the renamed model (last in model order) is listed after the others and the state keeps it', () => {
    expect(op(7)).toEqual([
      columnRenamed('post_labels', 'label_id', 'badge_id'),
      columnRenamed('shop_product_labels', 'label_id', 'badge_id'),
      columnRenamed('blog_article_tags', 'label_id', 'badge_id'),
      columnRenamed('labels_similar', 'from_label_id', 'from_badge_id'),
      columnRenamed('labels_similar', 'to_label_id', 'to_badge_id'),
      columnRenamed('labels_aliases', 'from_label_id', 'from_badge_id'),
      columnRenamed('labels_aliases', 'to_label_id', 'to_badge_id'),
    ]);
    expect(op(8)).toEqual([
      {
        kind: 'table.renamed',
        payload: {
          table: { name: 'shop_note' },
          newName: 'shop_memo',
          model: { app: 'shop', name: 'Memo' },
        },
      },
      tableRenamed('shop_note_authors', 'shop_memo_authors'),
      columnRenamed('shop_memo_authors', 'note_id', 'memo_id'),
    ]);
  });
});
