import { whenChangeIsParsed } from './testing/rails-project';

const users = { name: 'users' };

describe('rails migration runner', () => {
  it('given reversible, when parsed, then dir.up runs, dir.down does not, and other statements in the block run', async () => {
    const project = await whenChangeIsParsed(`
    reversible do |direction|
      add_column :users, :a, :string
      direction.down { remove_column :users, :b }
      direction.up do
        add_column :users, :b, :string
      end
    end`);
    expect(project.payloads().map((payload) => (payload.column as { name: string }).name)).toEqual([
      'a',
      'b',
    ]);
  });

  it('given up_only and say_with_time, when parsed, then their blocks run', async () => {
    const project = await whenChangeIsParsed(`
    up_only { execute "UPDATE users SET a = 1" }
    say_with_time "Backfilling" do
      User.update_all(b: 2)
    end`);
    expect(project.kinds()).toEqual(['data.migrated', 'data.migrated']);
  });

  it('given a transaction block in a migration without the DDL transaction, when parsed, then its statements say explicit', async () => {
    const project = await whenChangeIsParsed(
      `
    add_index :users, :a, algorithm: :concurrently
    User.transaction do
      add_column :users, :b, :string
    end
    transaction { change_column_null :users, :b, false }`,
      { classBody: '  disable_ddl_transaction!\n' },
    );
    expect(project.contexts()).toEqual([
      { inTransaction: false, transactionSource: 'opt-out', line: 6 },
      { inTransaction: true, transactionSource: 'explicit', line: 8 },
      { inTransaction: true, transactionSource: 'explicit', line: 10 },
    ]);
  });

  it('given a transaction block inside the DDL transaction, when parsed, then nothing changes', async () => {
    const project = await whenChangeIsParsed(`
    transaction do
      add_column :users, :b, :string
    end`);
    expect(project.contexts()).toEqual([
      { inTransaction: true, transactionSource: 'framework-default', line: 5 },
    ]);
  });

  it('given output, reads, logging and inline model classes, when parsed, then they yield nothing', async () => {
    const project = await whenChangeIsParsed(`
    class User < ActiveRecord::Base; end
    say "Starting"
    puts "Starting"
    Rails.logger.info("Starting")
    count = select_value("SELECT count(*) FROM users")
    User.reset_column_information
    if Rails.env.development?
      say "dev"
    end
    add_column :users, :a, :string`);
    expect(project.kinds()).toEqual(['column.added']);
  });

  it('given schema statements inside a model block, when parsed, then they are reported, not taken for data code', async () => {
    const project = await whenChangeIsParsed(`
    Tenant.find_each do |tenant|
      add_column "#{tenant.schema}.users", :a, :string
    end`);
    expect(project.problems()).toEqual([
      'line 4: schema statements inside find_each cannot be read statically: Tenant.find_each do |tenant| add_column "#{tenant.schema}.users", :a, :string en…',
    ]);
  });

  it('given .each over instance variables and locals bound to literal arrays, when parsed, then the loop is unrolled, interpolation included', async () => {
    const project = await whenChangeIsParsed(
      `
    @tables = %w[nodes ways]
    @tables.each do |tbl|
      add_column "current_#{tbl}", :version, :bigint
      add_foreign_key tbl, :redactions, name: "#{tbl}_redaction_fkey"
      tbl.classify.constantize.update_all(version: 1)
    end`,
    );
    expect(
      project
        .payloads()
        .map((p) => [
          p.kind,
          (p.table as { name: string } | undefined)?.name ?? p.description,
          (p.constraint as { name: string } | undefined)?.name,
        ]),
    ).toEqual([
      ['column.added', 'current_nodes', undefined],
      ['constraint.added', 'nodes', 'nodes_redaction_fkey'],
      ['data.migrated', 'tbl.classify.constantize.update_all(version: 1)', undefined],
      ['column.added', 'current_ways', undefined],
      ['constraint.added', 'ways', 'ways_redaction_fkey'],
      ['data.migrated', 'tbl.classify.constantize.update_all(version: 1)', undefined],
    ]);
  });

  it('given .each over a class instance variable in a class method, when parsed, then the loop is unrolled', async () => {
    const project = await whenChangeIsParsed(
      `
    @tables.each { |tbl| add_column tbl, :version, :bigint }`,
      { classBody: '  @tables = [:nodes, :ways]', method: 'self.up' },
    );
    expect(project.payloads().map((p) => (p.table as { name: string }).name)).toEqual([
      'nodes',
      'ways',
    ]);
  });

  it('given .each over a literal hash with two block variables, when parsed, then the loop is unrolled per entry', async () => {
    const project = await whenChangeIsParsed(
      `
    IDS.each do |bad, good|
      execute <<~SQL.squish
        UPDATE schema_migrations SET version = '#{good}' WHERE version = '#{bad}'
      SQL
    end`,
      { classBody: "  IDS = { '1': '2', '3': '4' }.freeze" },
    );
    expect(project.payloads().map((p) => p.description)).toEqual([
      "UPDATE schema_migrations SET version = '2' WHERE version = '1'",
      "UPDATE schema_migrations SET version = '4' WHERE version = '3'",
    ]);
  });

  it('given a loop over literals around data code, when parsed, then it is data code', async () => {
    const project = await whenChangeIsParsed(`
    %w[admin member].each do |role|
      User.where(role: role).update_all(active: true)
    end`);
    expect(project.payloads()).toEqual([
      {
        kind: 'data.migrated',
        operation: 'code',
        description:
          '%w[admin member].each do |role| User.where(role: role).update_all(active: true) end',
      },
    ]);
  });

  it('given a helper method called with literal arguments, when parsed, then its body runs with them', async () => {
    const project = await whenChangeIsParsed(
      `
    rename_type "FlatRate"
    add_columns_to :users`,
      {
        classBody: [
          '  def rename_type(name)',
          '    update_type("Spree::" + name, "Calculator::#{name}")',
          '  end',
          '  def update_type(from, to)',
          '    Spree::Calculator.connection.execute("UPDATE calculators SET type = \'" + to + "\' WHERE type = \'" + from + "\'")',
          '    Rails.cache.clear',
          '  end',
          '  def add_columns_to(table)',
          '    add_column table, :a, :string',
          '  end',
        ].join('\n'),
      },
    );
    expect(project.payloads().map((p) => [p.kind, p.description ?? p.table])).toEqual([
      [
        'data.migrated',
        "UPDATE calculators SET type = 'Calculator::FlatRate' WHERE type = 'Spree::FlatRate'",
      ],
      ['column.added', users],
    ]);
  });

  it('given a helper method with an argument that is not a literal, when parsed, then it is reported', async () => {
    const project = await whenChangeIsParsed('    add_columns_to table_name', {
      classBody: '  def add_columns_to(table)\n    add_column table, :a, :string\n  end\n',
    });
    expect(project.problems()).toEqual([
      'line 7: helper add_columns_to with arguments is not followed',
    ]);
  });

  it('given model code through locals, helpers and settings, when parsed, then each is data code', async () => {
    const project = await whenChangeIsParsed(
      `
    records = Payment.where.not(state: :done)
    records.update_all(state: "done")
    pending.find_each { |payment| payment.touch }
    Spree::Config.currency = "EUR"
    have_rows = select_value("SELECT count(*) FROM users").to_i.nonzero?
    ids = execute("SELECT id FROM users").to_a.map { |row| row["id"] }`,
      { classBody: '  def pending\n    Payment.where(state: :pending)\n  end\n' },
    );
    expect(project.payloads().map((p) => p.description)).toEqual([
      'Payment.where.not(state: :done)',
      'records.update_all(state: "done")',
      'pending.find_each { |payment| payment.touch }',
      'Spree::Config.currency = "EUR"',
    ]);
    expect(project.kinds()).toEqual(Array(4).fill('data.migrated'));
  });

  it('given a helper without schema statements inside a model loop or a condition, when parsed, then it is not taken for schema work', async () => {
    const project = await whenChangeIsParsed(
      `
    return unless enabled?
    Zone.all.each do |zone|
      Rate.create!(name: label(zone))
    end`,
      {
        classBody:
          '  def enabled?\n    Preference.find_by(key: "x")&.value\n  end\n  def label(zone)\n    "#{zone.name} rate"\n  end\n',
      },
    );
    expect(project.problems()).toEqual([]);
    expect(project.kinds()).toEqual(['data.migrated']);
  });

  it('given raise in the migration, when parsed, then it says the migration stops there', async () => {
    const project = await whenChangeIsParsed('    raise StandardError, "run db:schema:load"');
    expect(project.problems()).toEqual(['line 3: raise: the migration stops here with an error']);
  });

  it('given a call on an unknown receiver, when parsed, then it is reported', async () => {
    const project = await whenChangeIsParsed('    helper_object.frobnicate(:users)');
    expect(project.problems()).toEqual([
      'line 3: unsupported call helper_object.frobnicate(:users)',
    ]);
  });

  it('given statements whose arguments are locals and constants bound to literals, when parsed, then they are read', async () => {
    const project = await whenChangeIsParsed(
      `
    column = :nickname
    add_column TABLE, column, :string`,
      { classBody: '  TABLE = :users\n' },
    );
    expect(project.payloads()).toEqual([
      {
        kind: 'column.added',
        table: users,
        column: {
          name: 'nickname',
          type: { sql: 'varchar', framework: 'string' },
          nullable: true,
          unique: false,
          primaryKey: false,
          default: { kind: 'none' },
        },
      },
    ]);
  });

  describe('strong_migrations safety_assured', () => {
    it('given safety_assured with braces and with do ... end, when parsed, then its statements run as if inline', async () => {
      const project = await whenChangeIsParsed(`
    safety_assured { remove_column :users, :a }
    safety_assured do
      execute "ALTER TABLE users ADD PRIMARY KEY (id)"
      add_index :users, :b
    end`);
      expect(project.kinds()).toEqual(['column.dropped', 'constraint.added', 'index.created']);
      expect(project.contexts().map((context) => context?.line)).toEqual([4, 6, 7]);
    });
  });

  describe('existence guards', () => {
    it('given unless column_exists? / table_exists? / index_exists?, when parsed, then the guarded statement says if not exists where its payload can', async () => {
      const project = await whenChangeIsParsed(`
    add_column :users, :a, :string unless column_exists?(:users, :a)
    unless table_exists?(:tags)
      create_table :tags, id: false
    end
    unless connection.index_exists?(:users, :a)
      add_index :users, :a
    end`);
      expect(project.payloads()).toEqual([
        {
          kind: 'column.added',
          table: users,
          column: {
            name: 'a',
            type: { sql: 'varchar', framework: 'string' },
            nullable: true,
            unique: false,
            primaryKey: false,
            default: { kind: 'none' },
          },
        },
        { kind: 'table.created', table: { name: 'tags' }, ifNotExists: true },
        {
          kind: 'index.created',
          table: users,
          index: { name: 'index_users_on_a', columns: ['a'] },
          ifNotExists: true,
        },
      ]);
    });

    it('given if column_exists? / table_exists? / index_exists? / foreign_key_exists?, when parsed, then the guarded removal says if exists', async () => {
      const project = await whenChangeIsParsed(`
    remove_column :users, :b if column_exists?(:users, :b)
    drop_table :old_things if table_exists?(:old_things)
    if index_exists?(:users, :c)
      remove_index :users, :c
    end
    if foreign_key_exists?(:users, :accounts)
      remove_foreign_key :users, :accounts
    end`);
      expect(project.payloads()).toEqual([
        { kind: 'column.dropped', table: users, column: 'b', ifExists: true },
        { kind: 'table.dropped', table: { name: 'old_things' }, ifExists: true },
        { kind: 'index.dropped', table: users, name: 'index_users_on_c', ifExists: true },
        {
          kind: 'constraint.dropped',
          table: users,
          name: expect.stringMatching(/^fk_rails_[0-9a-f]{10}$/) as unknown,
          ifExists: true,
        },
      ]);
      expect(project.contexts().map((context) => context?.line)).toEqual([4, 5, 7, 10]);
    });

    it('given other conditions, or a guard with an else branch, when parsed, then the schema statements stay unparsed', async () => {
      const project = await whenChangeIsParsed(`
    if connection.adapter_name == "PostgreSQL"
      add_column :users, :a, :string
    end
    if column_exists?(:users, :b)
      remove_column :users, :b
    else
      add_column :users, :c, :string
    end
    add_column :users, :d, :string if ENV["WITH_D"]`);
      expect(project.kinds()).toEqual([
        'migration.unparsed',
        'migration.unparsed',
        'migration.unparsed',
      ]);
      expect(project.problems().map((problem) => problem.split(':')[0])).toEqual([
        'line 4',
        'line 7',
        'line 12',
      ]);
    });
  });

  describe('loops over literal arrays', () => {
    it('given each over %i[] and a literal array with the block variable as an argument, when parsed, then the loop is unrolled', async () => {
      const project = await whenChangeIsParsed(`
    %i[a b].each { |column| add_index :users, column }
    [:c, "d"].each do |column|
      add_column :users, column, :integer, null: false
      add_index :users, [column, :a], unique: true
    end`);
      expect(
        project
          .payloads()
          .map((payload) =>
            payload.kind === 'index.created'
              ? (payload.index as { name: string }).name
              : (payload.column as { name: string }).name,
          ),
      ).toEqual([
        'index_users_on_a',
        'index_users_on_b',
        'c',
        'index_users_on_c_and_a',
        'd',
        'index_users_on_d_and_a',
      ]);
      expect(project.contexts().map((context) => context?.line)).toEqual([4, 4, 6, 7, 6, 7]);
    });

    it('given a loop whose variable is interpolated, when parsed, then the loop is unrolled with the item in the string', async () => {
      const project = await whenChangeIsParsed(`
    %i[a b].each { |c| add_column :users, "#{c}_at", :datetime }`);
      expect(project.payloads().map((p) => (p.column as { name: string }).name)).toEqual([
        'a_at',
        'b_at',
      ]);
    });

    it('given a loop whose variable is called or whose array is not literal, when parsed, then what cannot be read stays unparsed', async () => {
      const project = await whenChangeIsParsed(`
    %i[a b].each { |c| add_column :users, c.to_s.upcase, :string }
    columns.each { |c| add_index :users, c }`);
      expect(project.problems()).toEqual([
        'line 4: add_column: column is not a literal name: c.to_s.upcase',
        'line 4: add_column: column is not a literal name: c.to_s.upcase',
        'line 5: schema statements inside each cannot be read statically: columns.each { |c| add_index :users, c }',
      ]);
    });
  });

  describe('batched data code', () => {
    it('given in_batches, find_each and update_all on models, when parsed, then each is data.migrated code', async () => {
      const project = await whenChangeIsParsed(`
    User.where(active: nil).in_batches(of: 1000) do |batch|
      batch.update_all(active: true)
    end
    User.in_batches.update_all(score: 0)
    Post.find_each { |post| post.update!(slug: post.title.parameterize) }
    Post.unscoped.where(slug: nil).update_all(slug: "")`);
      expect(project.payloads().map((payload) => [payload.kind, payload.operation])).toEqual([
        ['data.migrated', 'code'],
        ['data.migrated', 'code'],
        ['data.migrated', 'code'],
        ['data.migrated', 'code'],
      ]);
    });
  });
});
