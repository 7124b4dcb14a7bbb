import { whenChangeIsParsed } from './testing/rails-project';

const users = { name: 'users' };

/** A column as Rails defines it unless the spec says otherwise. */
function column(name: string, sql: string, framework: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    type: { sql, framework },
    nullable: true,
    unique: false,
    primaryKey: false,
    default: { kind: 'none' },
    ...extra,
  };
}

describe('rails schema statements', () => {
  describe('tables', () => {
    it('given create_table with no block, when parsed, then the table gets a bigint serial id', async () => {
      const project = await whenChangeIsParsed('    create_table :users');
      expect(project.payloads()).toEqual([
        { kind: 'table.created', table: users },
        {
          kind: 'column.added',
          table: users,
          column: column('id', 'bigint', 'primary_key', {
            nullable: false,
            primaryKey: true,
            identity: 'serial',
          }),
        },
      ]);
    });

    it('given id: false, primary_key: and id: :uuid, when parsed, then the key follows them', async () => {
      const project = await whenChangeIsParsed(`
    create_table :a, id: false do |t|
      t.string :code
    end
    create_table :b, primary_key: :code, id: :string
    create_table :c, id: :uuid, default: -> { "uuid_generate_v7()" }`);
      const keys = project
        .payloads()
        .filter((payload) => payload.kind === 'column.added')
        .map((payload) => payload.column);
      expect(keys).toEqual([
        column('code', 'varchar', 'string'),
        column('code', 'varchar', 'string', { nullable: false, primaryKey: true }),
        column('id', 'uuid', 'uuid', {
          nullable: false,
          primaryKey: true,
          default: {
            kind: 'expression',
            expression: 'uuid_generate_v7()',
            volatility: 'unknown',
            level: 'db',
          },
        }),
      ]);
    });

    it('given a composite primary key, when parsed, then its columns are NOT NULL and the key is a constraint', async () => {
      const project = await whenChangeIsParsed(`
    create_table :memberships, primary_key: [:team_id, :user_id] do |t|
      t.bigint :team_id
      t.bigint :user_id
    end`);
      expect(project.payloads().slice(1)).toEqual([
        {
          kind: 'column.added',
          table: { name: 'memberships' },
          column: column('team_id', 'bigint', 'bigint', { nullable: false }),
        },
        {
          kind: 'column.added',
          table: { name: 'memberships' },
          column: column('user_id', 'bigint', 'bigint', { nullable: false }),
        },
        {
          kind: 'constraint.added',
          table: { name: 'memberships' },
          constraint: {
            name: 'memberships_pkey',
            type: 'primary-key',
            columns: ['team_id', 'user_id'],
          },
        },
      ]);
    });

    it('given t.primary_key in create_table, when parsed, then that column is the key', async () => {
      const project = await whenChangeIsParsed(`
    create_table :countries, id: false do |t|
      t.primary_key :code, :string, limit: 2
      t.string :name
    end
    create_table :regions, id: false do |t|
      t.primary_key :region_id
    end`);
      expect(
        project
          .payloads()
          .filter((payload) => payload.kind === 'column.added')
          .map((payload) => payload.column),
      ).toEqual([
        column('code', 'varchar(2)', 'string', { nullable: false, primaryKey: true }),
        column('name', 'varchar', 'string'),
        column('region_id', 'bigint', 'primary_key', {
          nullable: false,
          primaryKey: true,
          identity: 'serial',
        }),
      ]);
    });

    it('given force: and if_not_exists:, when parsed, then the table says it replaces or tolerates an existing one', async () => {
      const project = await whenChangeIsParsed(`
    create_table :a, force: true
    create_table :b, force: :cascade
    create_table :c, if_not_exists: true do |t|
      t.index :id
    end`);
      expect(
        project.payloads().filter((p) => p.kind === 'table.created' || p.kind === 'index.created'),
      ).toEqual([
        { kind: 'table.created', table: { name: 'a' }, replaceExisting: true },
        { kind: 'table.created', table: { name: 'b' }, replaceExisting: true },
        { kind: 'table.created', table: { name: 'c' }, ifNotExists: true },
        {
          kind: 'index.created',
          table: { name: 'c' },
          index: { name: 'index_c_on_id', columns: ['id'] },
          ifNotExists: true,
        },
      ]);
    });

    it('given a schema-qualified name, when parsed, then the table reference carries the schema', async () => {
      const project = await whenChangeIsParsed('    create_table "billing.invoices", id: false');
      expect(project.payloads()).toEqual([
        { kind: 'table.created', table: { schema: 'billing', name: 'invoices' } },
      ]);
    });

    it('given create_join_table with column options, when parsed, then both references are NOT NULL and unindexed unless asked', async () => {
      const project = await whenChangeIsParsed(
        '    create_join_table :products, :categories, column_options: { type: :uuid, foreign_key: true }',
      );
      const table = { name: 'categories_products' };
      expect(project.payloads()).toEqual([
        { kind: 'table.created', table },
        {
          kind: 'column.added',
          table,
          column: column('product_id', 'uuid', 'references', {
            nullable: false,
            references: { table: { name: 'products' }, column: 'id', onDelete: 'no action' },
          }),
        },
        {
          kind: 'column.added',
          table,
          column: column('category_id', 'uuid', 'references', {
            nullable: false,
            references: { table: { name: 'categories' }, column: 'id', onDelete: 'no action' },
          }),
        },
        {
          kind: 'constraint.added',
          table,
          constraint: {
            name: 'fk_rails_ef34d93ed9',
            type: 'foreign-key',
            columns: ['product_id'],
            references: { table: { name: 'products' }, columns: ['id'], onDelete: 'no action' },
          },
        },
        {
          kind: 'constraint.added',
          table,
          constraint: {
            name: 'fk_rails_a1088dab8c',
            type: 'foreign-key',
            columns: ['category_id'],
            references: { table: { name: 'categories' }, columns: ['id'], onDelete: 'no action' },
          },
        },
      ]);
    });

    it('given drop_table of several tables, when parsed, then each is dropped with if_exists and force: :cascade', async () => {
      const project = await whenChangeIsParsed(`
    drop_table :a
    drop_table :b, :c, if_exists: true, force: :cascade
    drop_join_table :posts, :tags`);
      expect(project.payloads()).toEqual([
        { kind: 'table.dropped', table: { name: 'a' } },
        { kind: 'table.dropped', table: { name: 'b' }, ifExists: true, cascade: true },
        { kind: 'table.dropped', table: { name: 'c' }, ifExists: true, cascade: true },
        { kind: 'table.dropped', table: { name: 'posts_tags' } },
      ]);
    });

    it('given a table created in the scan, when renamed, then its key index, sequence and default-named indexes follow', async () => {
      const project = await whenChangeIsParsed(`
    create_table :users do |t|
      t.string :email, index: true
      t.string :nickname, index: { name: "by_nick" }
    end
    rename_table :users, :people`);
      expect(
        project
          .payloads()
          .filter(
            (p) =>
              p.kind !== 'column.added' && p.kind !== 'index.created' && p.kind !== 'table.created',
          ),
      ).toEqual([
        { kind: 'table.renamed', table: users, newName: 'people' },
        {
          kind: 'index.renamed',
          table: { name: 'people' },
          name: 'users_pkey',
          newName: 'people_pkey',
        },
        { kind: 'sequence.altered', name: 'users_id_seq', newName: 'people_id_seq' },
        {
          kind: 'index.renamed',
          table: { name: 'people' },
          name: 'index_users_on_email',
          newName: 'index_people_on_email',
        },
      ]);
    });

    it('given a table the scan did not see created, when renamed, then only the rename is known', async () => {
      const project = await whenChangeIsParsed('    rename_table :users, :people');
      expect(project.payloads()).toEqual([
        { kind: 'table.renamed', table: users, newName: 'people' },
      ]);
    });

    it('given create_table with a comment and column comments, when parsed, then the table comment comes last', async () => {
      const project = await whenChangeIsParsed(`
    create_table :users, id: false, comment: "People" do |t|
      t.string :name, comment: "Full name"
    end`);
      expect(project.kinds()).toEqual(['table.created', 'column.added', 'table.comment_changed']);
      expect(project.payloads()[1]).toMatchObject({ column: { comment: 'Full name' } });
      expect(project.payloads()[2]).toEqual({
        kind: 'table.comment_changed',
        table: users,
        comment: 'People',
      });
    });

    it('given unknown methods and dynamic arguments in a create_table block, when parsed, then each is reported after the table', async () => {
      const project = await whenChangeIsParsed(`
    create_table :users, id: false do |t|
      t.frobnicate :x
      t.string *names
      t.string :kept
    end`);
      expect(project.kinds()).toEqual([
        'table.created',
        'column.added',
        'migration.unparsed',
        'migration.unparsed',
      ]);
      expect(project.problems()).toEqual([
        'line 5: unsupported table method t.frobnicate',
        'line 6: t.string: arguments are not known statically',
      ]);
    });
  });

  describe('columns', () => {
    it('given add_column with options, when parsed, then the column carries them', async () => {
      const project = await whenChangeIsParsed(`
    add_column :users, :score, :integer, limit: 2, null: false, default: 0, comment: "Points"
    add_column :users, :uid, :uuid, default: -> { "gen_random_uuid()" }
    add_column :users, :seen_at, :datetime, default: -> { "now()" }
    add_column :users, :roles, :string, array: true, default: ["member", "a b"]
    add_column :users, :prefs, :jsonb, default: { theme: "dark", beta: true }`);
      expect(project.payloads().map((p) => p.column)).toEqual([
        column('score', 'smallint', 'integer', {
          nullable: false,
          default: { kind: 'constant', value: '0', level: 'db' },
          comment: 'Points',
        }),
        column('uid', 'uuid', 'uuid', {
          default: {
            kind: 'expression',
            expression: 'gen_random_uuid()',
            volatility: 'volatile',
            level: 'db',
          },
        }),
        column('seen_at', 'timestamp(6)', 'datetime', {
          default: { kind: 'expression', expression: 'now()', volatility: 'stable', level: 'db' },
        }),
        column('roles', 'varchar[]', 'string', {
          default: { kind: 'constant', value: '{member,"a b"}', level: 'db' },
        }),
        column('prefs', 'jsonb', 'jsonb', {
          default: { kind: 'constant', value: '{"theme":"dark","beta":true}', level: 'db' },
        }),
      ]);
    });

    it('given remove_column and remove_columns, when parsed, then each column is dropped', async () => {
      const project = await whenChangeIsParsed(`
    remove_column :users, :nickname, :string
    remove_column :users, :age, if_exists: true
    remove_columns :users, :a, :b, type: :string`);
      expect(project.payloads()).toEqual([
        { kind: 'column.dropped', table: users, column: 'nickname' },
        { kind: 'column.dropped', table: users, column: 'age', ifExists: true },
        { kind: 'column.dropped', table: users, column: 'a' },
        { kind: 'column.dropped', table: users, column: 'b' },
      ]);
    });

    it('given rename_column, when parsed, then the column and its default-named index are renamed', async () => {
      const project = await whenChangeIsParsed(`
    create_table :users do |t|
      t.string :mail
      t.index [:mail, :id]
    end
    rename_column :users, :mail, :email`);
      expect(project.payloads().slice(-2)).toEqual([
        { kind: 'column.renamed', table: users, column: 'mail', newName: 'email' },
        {
          kind: 'index.renamed',
          table: users,
          name: 'index_users_on_mail_and_id',
          newName: 'index_users_on_email_and_id',
        },
      ]);
    });

    it('given change_column with default, null and comment, when parsed, then type, default, nullability and comment change in that order', async () => {
      const project = await whenChangeIsParsed(
        '    change_column :users, :code, :string, limit: 20, default: "x", null: false, comment: "Code"',
      );
      expect(project.payloads()).toEqual([
        {
          kind: 'column.type_changed',
          table: users,
          column: 'code',
          type: { sql: 'varchar(20)', framework: 'string' },
        },
        {
          kind: 'column.default_changed',
          table: users,
          column: 'code',
          default: { kind: 'constant', value: 'x', level: 'db' },
        },
        { kind: 'column.nullability_changed', table: users, column: 'code', nullable: false },
        { kind: 'column.comment_changed', table: users, column: 'code', comment: 'Code' },
      ]);
    });

    it('given change_column in a Rails 5.1 migration with null: false and a default, when parsed, then NULLs are backfilled first', async () => {
      const project = await whenChangeIsParsed(
        '    change_column :users, :code, :string, default: "x", null: false',
        {
          version: '5.1',
        },
      );
      expect(project.kinds()).toEqual([
        'column.type_changed',
        'column.default_changed',
        'data.migrated',
        'column.nullability_changed',
      ]);
    });

    it("given change_column_null with a default, when parsed, then Rails' backfill UPDATE comes first", async () => {
      const project = await whenChangeIsParsed(`
    change_column_null :users, :active, false, true
    change_column_null :users, :nickname, true`);
      expect(project.payloads()).toEqual([
        {
          kind: 'data.migrated',
          operation: 'update',
          description: 'UPDATE "users" SET "active"=TRUE WHERE "active" IS NULL',
          table: users,
          hasWhere: true,
        },
        { kind: 'column.nullability_changed', table: users, column: 'active', nullable: false },
        { kind: 'column.nullability_changed', table: users, column: 'nickname', nullable: true },
      ]);
    });

    it('given change_column_default plain, with from:/to: and to nil, when parsed, then the new default is set or dropped', async () => {
      const project = await whenChangeIsParsed(`
    change_column_default :users, :role, "member"
    change_column_default :users, :role, from: "member", to: "guest"
    change_column_default :users, :role, from: "guest", to: nil
    change_column_default :users, :joined_at, -> { "CURRENT_TIMESTAMP" }`);
      expect(project.payloads().map((p) => p.default)).toEqual([
        { kind: 'constant', value: 'member', level: 'db' },
        { kind: 'constant', value: 'guest', level: 'db' },
        { kind: 'none' },
        { kind: 'expression', expression: 'CURRENT_TIMESTAMP', volatility: 'stable', level: 'db' },
      ]);
    });

    it('given add_timestamps and remove_timestamps, when parsed, then created_at and updated_at are added NOT NULL and dropped', async () => {
      const project = await whenChangeIsParsed(`
    add_timestamps :users
    remove_timestamps :users`);
      expect(project.payloads()).toEqual([
        {
          kind: 'column.added',
          table: users,
          column: column('created_at', 'timestamp(6)', 'datetime', { nullable: false }),
        },
        {
          kind: 'column.added',
          table: users,
          column: column('updated_at', 'timestamp(6)', 'datetime', { nullable: false }),
        },
        { kind: 'column.dropped', table: users, column: 'updated_at' },
        { kind: 'column.dropped', table: users, column: 'created_at' },
      ]);
    });
  });

  describe('indexes', () => {
    it('given add_index with its options, when parsed, then the index carries them', async () => {
      const project = await whenChangeIsParsed(`
    add_index :users, :email, unique: true, name: "users_email", if_not_exists: true
    add_index :users, [:org_id, :created_at], where: "deleted_at IS NULL", using: :btree
    add_index :users, :tags, using: :gin, algorithm: :concurrently
    add_index :users, "lower(email)"
    add_index :users, ["org_id", "lower(name)"]`);
      expect(project.payloads()).toEqual([
        {
          kind: 'index.created',
          table: users,
          index: { name: 'users_email', columns: ['email'], unique: true },
          ifNotExists: true,
        },
        {
          kind: 'index.created',
          table: users,
          index: {
            name: 'index_users_on_org_id_and_created_at',
            columns: ['org_id', 'created_at'],
            method: 'btree',
            where: 'deleted_at IS NULL',
          },
        },
        {
          kind: 'index.created',
          table: users,
          index: {
            name: 'index_users_on_tags',
            columns: ['tags'],
            method: 'gin',
            concurrently: true,
          },
        },
        {
          kind: 'index.created',
          table: users,
          index: { name: 'index_users_on_lower_email', expressions: ['lower(email)'] },
        },
        {
          kind: 'index.created',
          table: users,
          index: { name: 'index_users_on_org_id_lower_name', expressions: ['org_id, lower(name)'] },
        },
      ]);
    });

    it('given remove_index by column, by name, by expression and concurrently, when parsed, then the index name is found', async () => {
      const project = await whenChangeIsParsed(`
    add_index :users, :email, name: "by_email"
    remove_index :users, :email
    remove_index :users, column: [:a, :b]
    remove_index :users, name: "custom", algorithm: :concurrently, if_exists: true
    remove_index :users, "lower(email)"`);
      expect(project.payloads().slice(1)).toEqual([
        { kind: 'index.dropped', table: users, name: 'by_email' },
        { kind: 'index.dropped', table: users, name: 'index_users_on_a_and_b' },
        { kind: 'index.dropped', table: users, name: 'custom', concurrently: true, ifExists: true },
        { kind: 'index.dropped', table: users, name: 'index_users_on_lower_email' },
      ]);
    });

    it('given rename_index, when parsed, then the index is renamed', async () => {
      const project = await whenChangeIsParsed('    rename_index :users, "old_name", "new_name"');
      expect(project.payloads()).toEqual([
        { kind: 'index.renamed', table: users, name: 'old_name', newName: 'new_name' },
      ]);
    });

    it("given an index name longer than PostgreSQL allows, when parsed, then Rails' refusal is reported", async () => {
      const project = await whenChangeIsParsed(
        `    add_index :users, :a, name: "${'x'.repeat(64)}"`,
      );
      expect(project.problems()).toEqual([
        `line 3: add_index: index name ${'x'.repeat(64)} is longer than 63 bytes`,
      ]);
    });
  });

  describe('references and foreign keys', () => {
    it('given add_reference, when parsed, then the column, its index (by default) and the foreign key come in that order', async () => {
      const project = await whenChangeIsParsed(
        '    add_reference :posts, :author, null: false, foreign_key: { to_table: :users, on_delete: :nullify }',
      );
      const posts = { name: 'posts' };
      expect(project.payloads()).toEqual([
        {
          kind: 'column.added',
          table: posts,
          column: column('author_id', 'bigint', 'references', {
            nullable: false,
            references: { table: users, column: 'id', onDelete: 'set null' },
          }),
        },
        {
          kind: 'index.created',
          table: posts,
          index: { name: 'index_posts_on_author_id', columns: ['author_id'] },
        },
        {
          kind: 'constraint.added',
          table: posts,
          constraint: {
            name: 'fk_rails_04d13ef8c7',
            type: 'foreign-key',
            columns: ['author_id'],
            references: { table: users, columns: ['id'], onDelete: 'set null' },
          },
        },
      ]);
    });

    it('given a polymorphic reference without an index, when parsed, then _type and _id columns are added', async () => {
      const project = await whenChangeIsParsed(
        '    add_belongs_to :comments, :subject, polymorphic: true, index: false, type: :uuid',
      );
      expect(project.payloads().map((p) => p.column)).toEqual([
        column('subject_type', 'varchar', 'string'),
        column('subject_id', 'uuid', 'references'),
      ]);
    });

    it("given a polymorphic reference with a foreign key, when parsed, then Rails' refusal is reported", async () => {
      const project = await whenChangeIsParsed(
        '    add_reference :comments, :subject, polymorphic: true, foreign_key: true',
      );
      expect(project.problems()).toEqual([
        'line 3: add_reference: a polymorphic reference cannot have a foreign key',
      ]);
    });

    it('given remove_reference with foreign_key:, when parsed, then the key is dropped before the columns', async () => {
      const project = await whenChangeIsParsed(`
    remove_reference :posts, :author, foreign_key: true
    remove_reference :comments, :subject, polymorphic: true`);
      expect(project.payloads()).toEqual([
        { kind: 'constraint.dropped', table: { name: 'posts' }, name: 'fk_rails_04d13ef8c7' },
        { kind: 'column.dropped', table: { name: 'posts' }, column: 'author_id' },
        { kind: 'column.dropped', table: { name: 'comments' }, column: 'subject_id' },
        { kind: 'column.dropped', table: { name: 'comments' }, column: 'subject_type' },
      ]);
    });

    it('given add_foreign_key with column:, primary_key:, name: and validate: false, when parsed, then the constraint says so', async () => {
      const project = await whenChangeIsParsed(`
    add_foreign_key :articles, :authors
    add_foreign_key :articles, :users, column: :reviewer_id, primary_key: :uid, name: "reviewer_fk", on_delete: :restrict, validate: false`);
      const articles = { name: 'articles' };
      expect(project.payloads()).toEqual([
        {
          kind: 'constraint.added',
          table: articles,
          constraint: {
            name: 'fk_rails_e74ce85cbc',
            type: 'foreign-key',
            columns: ['author_id'],
            references: { table: { name: 'authors' }, columns: ['id'], onDelete: 'no action' },
          },
        },
        {
          kind: 'constraint.added',
          table: articles,
          constraint: {
            name: 'reviewer_fk',
            type: 'foreign-key',
            columns: ['reviewer_id'],
            references: { table: users, columns: ['uid'], onDelete: 'restrict' },
            notValid: true,
          },
        },
      ]);
    });

    it('given remove_foreign_key and validate_foreign_key, when parsed, then the key is found by name, known key or default name', async () => {
      const project = await whenChangeIsParsed(`
    add_foreign_key :articles, :users, column: :reviewer_id
    validate_foreign_key :articles, :users
    remove_foreign_key :articles, :users
    remove_foreign_key :articles, :authors
    remove_foreign_key :articles, column: :editor_id, if_exists: true
    remove_foreign_key :articles, name: "special_fk"`);
      const articles = { name: 'articles' };
      const reviewerKey = 'fk_rails_de9e51cd4e';
      expect(project.payloads().slice(1)).toEqual([
        { kind: 'constraint.validated', table: articles, name: reviewerKey },
        { kind: 'constraint.dropped', table: articles, name: reviewerKey },
        { kind: 'constraint.dropped', table: articles, name: 'fk_rails_e74ce85cbc' },
        {
          kind: 'constraint.dropped',
          table: articles,
          name: 'fk_rails_21c1ee6ad5',
          ifExists: true,
        },
        { kind: 'constraint.dropped', table: articles, name: 'special_fk' },
      ]);
    });
  });

  describe('check constraints', () => {
    it("given add, validate and remove of a check constraint, when parsed, then its name is Rails' hash unless given", async () => {
      const project = await whenChangeIsParsed(`
    add_check_constraint :products, "price > 0", validate: false
    validate_check_constraint :products, expression: "price > 0"
    remove_check_constraint :products, "price > 0"
    add_check_constraint :products, "stock >= 0", name: "stock_check"
    remove_check_constraint :products, name: "stock_check", if_exists: true
    validate_constraint :products, "other_check"`);
      const products = { name: 'products' };
      const hashed = project.payloads()[0]!.constraint as { name: string };
      expect(hashed.name).toMatch(/^chk_rails_[0-9a-f]{10}$/);
      expect(project.payloads()).toEqual([
        {
          kind: 'constraint.added',
          table: products,
          constraint: { name: hashed.name, type: 'check', expression: 'price > 0', notValid: true },
        },
        { kind: 'constraint.validated', table: products, name: hashed.name },
        { kind: 'constraint.dropped', table: products, name: hashed.name },
        {
          kind: 'constraint.added',
          table: products,
          constraint: { name: 'stock_check', type: 'check', expression: 'stock >= 0' },
        },
        { kind: 'constraint.dropped', table: products, name: 'stock_check', ifExists: true },
        { kind: 'constraint.validated', table: products, name: 'other_check' },
      ]);
    });

    it('given unique and exclusion constraints, when parsed, then they are constraints of their type', async () => {
      const project = await whenChangeIsParsed(`
    add_unique_constraint :sections, [:position], name: "unique_position"
    add_exclusion_constraint :bookings, "room_id WITH =, period WITH &&", using: :gist, name: "no_overlap"
    remove_unique_constraint :sections, name: "unique_position"`);
      expect(project.payloads()).toEqual([
        {
          kind: 'constraint.added',
          table: { name: 'sections' },
          constraint: { name: 'unique_position', type: 'unique', columns: ['position'] },
        },
        {
          kind: 'constraint.added',
          table: { name: 'bookings' },
          constraint: {
            name: 'no_overlap',
            type: 'exclusion',
            expression: 'room_id WITH =, period WITH &&',
          },
        },
        { kind: 'constraint.dropped', table: { name: 'sections' }, name: 'unique_position' },
      ]);
    });
  });

  describe('change_table', () => {
    it('given change_table, when parsed, then each t.… is the statement of the same name on that table', async () => {
      const project = await whenChangeIsParsed(`
    change_table :users do |t|
      t.string :first_name, :last_name, null: false, default: ""
      t.column :age, :integer, index: true
      t.remove :nickname
      t.rename :mail, :email
      t.change :age, :bigint
      t.change_null :age, false, 0
      t.references :team
      t.remove_index :email
      t.check_constraint "age > 0", name: "age_positive"
      t.timestamps
    end`);
      expect(project.kinds()).toEqual([
        'column.added',
        'column.added',
        'column.added',
        'index.created',
        'column.dropped',
        'column.renamed',
        'column.type_changed',
        'data.migrated',
        'column.nullability_changed',
        'column.added',
        'index.created',
        'index.dropped',
        'constraint.added',
        'column.added',
        'column.added',
      ]);
      expect(new Set(project.events().map((draft) => draft.opIndex))).toEqual(new Set([0]));
      expect(project.contexts().map((context) => context?.line)).toEqual([
        5, 5, 6, 6, 7, 8, 9, 10, 10, 11, 11, 12, 13, 14, 14,
      ]);
    });

    it('given t.primary_key in change_table or add_column with a primary key type, when parsed, then the added column is the key', async () => {
      const project = await whenChangeIsParsed(`
    remove_column :users, :id
    change_table :users do |t|
      t.primary_key :id
    end
    change_table :tags do |t|
      t.primary_key :tag_id, :uuid, default: -> { "gen_random_uuid()" }
    end
    add_column :posts, :post_id, :primary_key`);
      expect(project.payloads()).toEqual([
        { kind: 'column.dropped', table: users, column: 'id' },
        {
          kind: 'column.added',
          table: users,
          column: column('id', 'bigint', 'primary_key', {
            nullable: false,
            primaryKey: true,
            identity: 'serial',
          }),
        },
        {
          kind: 'column.added',
          table: { name: 'tags' },
          column: column('tag_id', 'uuid', 'uuid', {
            nullable: false,
            primaryKey: true,
            default: {
              kind: 'expression',
              expression: 'gen_random_uuid()',
              volatility: 'volatile',
              level: 'db',
            },
          }),
        },
        {
          kind: 'column.added',
          table: { name: 'posts' },
          column: column('post_id', 'bigint', 'primary_key', {
            nullable: false,
            primaryKey: true,
            identity: 'serial',
          }),
        },
      ]);
    });

    it('given an unknown table method or a condition in change_table, when parsed, then each is reported and the rest still read', async () => {
      const project = await whenChangeIsParsed(`
    change_table :users do |t|
      t.frobnicate :x
      t.string :a if ENV["A"]
      t.string :b
    end`);
      expect(project.problems()).toEqual([
        'line 5: unsupported table method t.frobnicate',
        'line 6: if_modifier around table changes cannot be read statically',
      ]);
      expect(project.kinds().at(-1)).toBe('column.added');
    });
  });

  describe('other statements', () => {
    it('given execute with a string or heredoc, when parsed, then the SQL adapter reads it', async () => {
      const project = await whenChangeIsParsed(`
    execute "CREATE VIEW active_users AS SELECT * FROM users WHERE active"
    execute <<~SQL
      UPDATE users SET active = true WHERE active IS NULL;
      COMMENT ON TABLE users IS 'People';
    SQL
    execute "LOAD DATA INFILE 'x' INTO TABLE users"`);
      const payloads = project.payloads();
      expect(payloads.map((p) => p.kind)).toEqual([
        'view.created',
        'data.migrated',
        'table.comment_changed',
        'sql.executed',
      ]);
      expect(payloads[1]).toEqual({
        kind: 'data.migrated',
        operation: 'update',
        description: 'UPDATE users SET active = true WHERE active IS NULL',
        table: { name: 'users' },
        hasWhere: true,
      });
      // One statement of the migration, on the line of its call.
      expect(project.events().map((e) => e.opIndex)).toEqual([0, 1, 1, 2]);
      expect(project.contexts().map((c) => c?.line)).toEqual([4, 5, 5, 9]);
    });

    it('given execute with SQL built at run time, when the expressions stand for values, then it is read as its data change', async () => {
      const project = await whenChangeIsParsed(`
    execute "UPDATE addresses SET zip = '#{default_zip}' WHERE id IN (#{ids.join(",")})"
    execute <<~SQL.squish
      INSERT INTO payment_methods (type, environment)
      VALUES ('Credit', '#{Rails.env}')
    SQL
    execute "DELETE FROM " + table_name
    execute "ALTER TABLE users ADD COLUMN #{name} integer"`);
      expect(project.payloads()).toEqual([
        {
          kind: 'data.migrated',
          operation: 'update',
          description:
            'UPDATE addresses SET zip = \'#{default_zip}\' WHERE id IN (#{ids.join(",")})',
          table: { name: 'addresses' },
          hasWhere: true,
        },
        {
          kind: 'data.migrated',
          operation: 'insert',
          description:
            "INSERT INTO payment_methods (type, environment) VALUES ('Credit', '#{Rails.env}')",
          table: { name: 'payment_methods' },
        },
        {
          kind: 'migration.unparsed',
          reason: 'line 9: execute: SQL built at run time: "DELETE FROM " + table_name',
          line: 9,
        },
        {
          kind: 'migration.unparsed',
          reason:
            'line 10: execute: SQL built at run time: "ALTER TABLE users ADD COLUMN #{name} integer"',
          line: 10,
        },
      ]);
    });

    it('given paperclip add_attachment and remove_attachment, when parsed, then its four columns per attachment are added and removed', async () => {
      const project = await whenChangeIsParsed(`
    add_attachment :users, :avatar, null: true, file_size: { limit: 8 }
    remove_attachment :users, :cv`);
      const payloads = project.payloads();
      expect(
        payloads
          .filter((p) => p.kind === 'column.added')
          .map((p) => {
            const column = p.column as { name: string; type: { sql: string } };
            return `${column.name} ${column.type.sql}`;
          }),
      ).toEqual([
        'avatar_file_name varchar',
        'avatar_content_type varchar',
        'avatar_file_size bigint',
        'avatar_updated_at timestamp(6)',
      ]);
      expect(payloads.filter((p) => p.kind === 'column.dropped').map((p) => p.column)).toEqual([
        'cv_file_name',
        'cv_content_type',
        'cv_file_size',
        'cv_updated_at',
      ]);
    });

    it('given a schema statement of the migration inside change_table, when parsed, then it runs', async () => {
      const project = await whenChangeIsParsed(`
    change_table :products do |t|
      remove_column :products, :taxon_id, :integer
      t.string :sku
    end`);
      expect(project.kinds()).toEqual(['column.dropped', 'column.added']);
    });

    it('given extensions, enums and schemas, when parsed, then they become their events', async () => {
      const project = await whenChangeIsParsed(`
    enable_extension "heroku_ext.hstore"
    disable_extension :citext, force: :cascade
    create_enum :mood, ["sad", "ok", "happy"]
    add_enum_value :mood, "ecstatic", after: "happy"
    rename_enum_value :mood, from: "ok", to: "fine"
    drop_enum :old_mood
    rename_enum :mood, :feeling
    rename_enum "billing.state", to: :status
    create_schema :billing
    create_schema :audit, if_not_exists: true
    drop_schema :legacy, if_exists: true
    rename_schema :billing, :invoicing`);
      expect(project.payloads()).toEqual([
        { kind: 'extension.created', schema: 'heroku_ext', name: 'hstore' },
        { kind: 'extension.dropped', name: 'citext', cascade: true },
        { kind: 'enum.created', name: 'mood', values: ['sad', 'ok', 'happy'] },
        { kind: 'enum.altered', name: 'mood', addedValue: 'ecstatic' },
        { kind: 'enum.altered', name: 'mood', renamedValue: { from: 'ok', to: 'fine' } },
        { kind: 'enum.dropped', name: 'old_mood' },
        { kind: 'enum.altered', name: 'mood', newName: 'feeling' },
        { kind: 'enum.altered', schema: 'billing', name: 'state', newName: 'status' },
        { kind: 'schema.created', name: 'billing' },
        { kind: 'schema.created', name: 'audit', ifNotExists: true },
        { kind: 'schema.dropped', name: 'legacy', ifExists: true, cascade: true },
        { kind: 'schema.renamed', name: 'billing', newName: 'invoicing' },
      ]);
    });

    it('given Ruby data code and connection DML, when parsed, then each becomes data.migrated', async () => {
      const project = await whenChangeIsParsed(`
    User.reset_column_information
    User.where(role: nil).update_all(role: "member")
    Account.find_each { |account| account.touch }
    connection.update("UPDATE users SET a = 1")
    ActiveRecord::Base.connection.execute("DELETE FROM users WHERE b")
    if Rails.env.production?
      User.delete_all
    end`);
      expect(project.payloads()).toEqual([
        {
          kind: 'data.migrated',
          operation: 'code',
          description: 'User.where(role: nil).update_all(role: "member")',
        },
        {
          kind: 'data.migrated',
          operation: 'code',
          description: 'Account.find_each { |account| account.touch }',
        },
        { kind: 'data.migrated', operation: 'update', description: 'UPDATE users SET a = 1' },
        {
          kind: 'data.migrated',
          operation: 'delete',
          description: 'DELETE FROM users WHERE b',
          table: { name: 'users' },
          hasWhere: true,
        },
        {
          kind: 'data.migrated',
          operation: 'code',
          description: 'if Rails.env.production? User.delete_all end',
        },
      ]);
    });
  });
});
