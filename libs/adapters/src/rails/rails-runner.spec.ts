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
    expect(project.kinds()).toEqual(['sql.executed', 'data.migrated']);
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

  it('given a helper method with arguments, when parsed, then it is reported', async () => {
    const project = await whenChangeIsParsed('    add_columns_to :users', {
      classBody: '  def add_columns_to(table)\n    add_column table, :a, :string\n  end\n',
    });
    expect(project.problems()).toEqual([
      'line 7: helper add_columns_to with arguments is not followed',
    ]);
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
});
