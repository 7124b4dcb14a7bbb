import { fixtureSources, sourceOf } from '../testing/migration-fixtures';
import { createRailsAdapter } from './rails.adapter';
import { givenRailsProject, railsMigration, whenChangeIsParsed } from './testing/rails-project';

const framework = { inTransaction: true, transactionSource: 'framework-default' };
const notFollowed =
  'neither an Active Record statement nor a method of this migration (a helper defined elsewhere in the application or a gem cannot be followed)';
const optOut = { inTransaction: false, transactionSource: 'opt-out' };

function column(name: string, sql: string, railsType: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    type: { sql, framework: railsType },
    nullable: true,
    unique: false,
    primaryKey: false,
    default: { kind: 'none' },
    ...extra,
  };
}

const bigintId = column('id', 'bigint', 'primary_key', {
  nullable: false,
  primaryKey: true,
  identity: 'serial',
});
const timestamps = (sql = 'timestamp(6)', nullable = false) => [
  column('created_at', sql, 'datetime', { nullable }),
  column('updated_at', sql, 'datetime', { nullable }),
];

describe('rails adapter', () => {
  it('given the factory, when created, then it names itself rails 1.1.0', async () => {
    const adapter = await createRailsAdapter();
    expect({ framework: adapter.framework, name: adapter.name, version: adapter.version }).toEqual({
      framework: 'rails',
      name: 'rails',
      version: '1.1.0',
    });
  });

  describe('detect', () => {
    const migration = 'class AddX < ActiveRecord::Migration[7.1]\n  def change\n  end\nend\n';

    it.each([
      ['db/migrate/20240101120000_add_x.rb', migration, true],
      ['engines/billing/db/migrate/20240101120000_add_x.billing.rb', migration, true],
      ['db/animals_migrate/20240101120000_add_x.rb', migration, true],
      ['db/migrate/001_add_x.rb', 'class AddX < ActiveRecord::Migration\nend\n', true],
      [
        'db/migrate/20240101120000_add_x.rb',
        'module M\n  class AddX < ::ActiveRecord::Migration[6.1]\n  end\nend\n',
        true,
      ],
      ['db/migrate/add_x.rb', migration, false],
      ['db/migrate/20240101120000_add_x.py', migration, false],
      ['db/schema.rb', migration, false],
      ['db/migrate/sub/20240101120000_add_x.rb', migration, false],
      ['db/migrate/20240101120000_add_x.rb', 'class AddX < ApplicationRecord\nend\n', false],
      ['db/migrate/20240101120000_add_x.rb', 'puts "not a migration"\n', false],
    ])(
      'given %s, when detected, then the answer is as expected',
      async (path, content, expected) => {
        const adapter = await createRailsAdapter();
        expect(adapter.detect({ path, content })).toBe(expected);
      },
    );

    it('given binary garbage in a migration path, when detected, then it says no without throwing', async () => {
      const adapter = await createRailsAdapter();
      expect(adapter.detect({ path: 'db/migrate/1_x.rb', content: '\u0000\u00ff\ufffd(((' })).toBe(
        false,
      );
    });
  });

  describe('given migrations in several folders (ordering fixture)', () => {
    it('when parsed, then they come in version order, numerically, whatever folder holds them', async () => {
      const project = await givenRailsProject(fixtureSources('rails', 'ordering')).whenParsed();
      expect(project.project.migrations.map((m) => [m.app, m.name, m.timestampFromName])).toEqual([
        ['db', '9_create_settings', undefined],
        ['engines/billing/db', '20231231000000_create_invoices.billing', '2023-12-31T00:00:00Z'],
        ['db/animals_migrate', '20240101000000_create_dogs', '2024-01-01T00:00:00Z'],
        ['db', '20240101000000_create_people', '2024-01-01T00:00:00Z'],
        ['db', '20240101000000_create_users', '2024-01-01T00:00:00Z'],
        ['db', '20240101000001_add_name_to_users', '2024-01-01T00:00:01Z'],
      ]);
    });

    it('when a folder holds a version twice, then the second file yields only migration.unparsed', async () => {
      const project = await givenRailsProject(fixtureSources('rails', 'ordering')).whenParsed();
      expect(project.events('20240101000000_create_users')).toEqual([
        {
          kind: 'migration.unparsed',
          payload: {
            reason:
              'db/migrate/20240101000000_create_users.rb: duplicate migration version 20240101000000 (also db/migrate/20240101000000_create_people.rb)',
          },
          opIndex: 0,
          subIndex: 0,
        },
      ]);
    });

    it('when an unversioned Rails 2-style migration with self.up is parsed, then up runs with Rails 4.2 types', async () => {
      const project = await givenRailsProject(fixtureSources('rails', 'ordering')).whenParsed();
      expect(project.payloads('9_create_settings')).toEqual([
        { kind: 'table.created', table: { name: 'settings' } },
        {
          kind: 'column.added',
          table: { name: 'settings' },
          column: column('id', 'integer', 'primary_key', {
            nullable: false,
            primaryKey: true,
            identity: 'serial',
          }),
        },
        {
          kind: 'column.added',
          table: { name: 'settings' },
          column: column('key', 'varchar', 'string'),
        },
      ]);
    });
  });

  describe('given a blog (blog fixture)', () => {
    it('when parsed, then extensions and the enum are created', async () => {
      const project = await givenRailsProject(fixtureSources('rails', 'blog')).whenParsed();
      expect(project.events('20240105090000')).toEqual([
        { kind: 'extension.created', payload: { name: 'pgcrypto' }, opIndex: 0, subIndex: 0 },
        { kind: 'extension.created', payload: { name: 'citext' }, opIndex: 1, subIndex: 0 },
        {
          kind: 'enum.created',
          payload: { name: 'post_status', values: ['draft', 'published', 'archived'] },
          opIndex: 2,
          subIndex: 0,
        },
      ]);
    });

    it('when create_table :authors is parsed, then the table, its columns and the later unique index come out', async () => {
      const project = await givenRailsProject(fixtureSources('rails', 'blog')).whenParsed();
      const authors = { name: 'authors' };
      expect(project.events('20240105091500')).toEqual([
        { kind: 'table.created', payload: { table: authors }, opIndex: 0, subIndex: 0 },
        ...[
          bigintId,
          column('name', 'varchar', 'string', { nullable: false }),
          column('email', 'citext', 'citext', { nullable: false }),
          column('bio', 'text', 'text', { comment: 'Shown on the author page' }),
          ...timestamps(),
        ].map((definition, i) => ({
          kind: 'column.added',
          payload: { table: authors, column: definition },
          opIndex: 0,
          subIndex: i + 1,
        })),
        {
          kind: 'index.created',
          payload: {
            table: authors,
            index: { name: 'index_authors_on_email', columns: ['email'], unique: true },
          },
          opIndex: 1,
          subIndex: 0,
        },
      ]);
      expect(project.contexts('20240105091500').map((context) => context?.line)).toEqual([
        3, 3, 4, 5, 6, 7, 7, 9,
      ]);
    });

    it('when create_table :posts is parsed, then uuid key, reference, types, defaults, constraints and indexes are as Rails creates them', async () => {
      const project = await givenRailsProject(fixtureSources('rails', 'blog')).whenParsed();
      const posts = { name: 'posts' };
      const authorKey = { table: { name: 'authors' }, columns: ['id'], onDelete: 'cascade' };
      expect(project.payloads('20240105093000')).toEqual([
        { kind: 'table.created', table: posts },
        ...[
          column('id', 'uuid', 'uuid', {
            nullable: false,
            primaryKey: true,
            default: {
              kind: 'expression',
              expression: 'gen_random_uuid()',
              volatility: 'volatile',
              level: 'db',
            },
          }),
          column('author_id', 'bigint', 'references', {
            nullable: false,
            references: { table: { name: 'authors' }, column: 'id', onDelete: 'cascade' },
          }),
          column('title', 'varchar(200)', 'string', { nullable: false }),
          column('body', 'text', 'text'),
          column('status', 'post_status', 'enum', {
            nullable: false,
            default: { kind: 'constant', value: 'draft', level: 'db' },
          }),
          column('views', 'bigint', 'integer', {
            nullable: false,
            default: { kind: 'constant', value: '0', level: 'db' },
          }),
          column('rating', 'numeric(3,1)', 'decimal'),
          column('featured', 'boolean', 'boolean', {
            default: { kind: 'constant', value: 'false', level: 'db' },
          }),
          column('metadata', 'jsonb', 'jsonb', {
            default: { kind: 'constant', value: '{}', level: 'db' },
          }),
          column('tags', 'varchar[]', 'string', {
            default: { kind: 'constant', value: '{}', level: 'db' },
          }),
          column('published_at', 'timestamp(6)', 'datetime'),
          ...timestamps(),
        ].map((definition) => ({ kind: 'column.added', table: posts, column: definition })),
        {
          kind: 'constraint.added',
          table: posts,
          constraint: {
            name: 'fk_rails_04d13ef8c7',
            type: 'foreign-key',
            columns: ['author_id'],
            references: authorKey,
          },
        },
        {
          kind: 'constraint.added',
          table: posts,
          constraint: { name: 'posts_views_non_negative', type: 'check', expression: 'views >= 0' },
        },
        {
          kind: 'index.created',
          table: posts,
          index: { name: 'index_posts_on_author_id', columns: ['author_id'] },
        },
        {
          kind: 'index.created',
          table: posts,
          index: {
            name: 'index_posts_on_status_and_published_at',
            columns: ['status', 'published_at'],
            where: "status = 'published'",
          },
        },
      ]);
    });

    it('when the tags migration is parsed, then create_join_table makes authors_tags with two NOT NULL references', async () => {
      const project = await givenRailsProject(fixtureSources('rails', 'blog')).whenParsed();
      const join = { name: 'authors_tags' };
      expect(project.events('20240106120000').filter((draft) => draft.opIndex === 1)).toEqual([
        { kind: 'table.created', payload: { table: join }, opIndex: 1, subIndex: 0 },
        {
          kind: 'column.added',
          payload: {
            table: join,
            column: column('author_id', 'bigint', 'references', { nullable: false }),
          },
          opIndex: 1,
          subIndex: 1,
        },
        {
          kind: 'column.added',
          payload: {
            table: join,
            column: column('tag_id', 'bigint', 'references', { nullable: false }),
          },
          opIndex: 1,
          subIndex: 2,
        },
        {
          kind: 'index.created',
          payload: {
            table: join,
            index: {
              name: 'index_authors_tags_on_author_id_and_tag_id',
              columns: ['author_id', 'tag_id'],
              unique: true,
            },
          },
          opIndex: 1,
          subIndex: 3,
        },
      ]);
    });

    it('when reversible is parsed, then only its up branch runs', async () => {
      const project = await givenRailsProject(fixtureSources('rails', 'blog')).whenParsed();
      const posts = { name: 'posts' };
      expect(project.events('20240107080000')).toEqual([
        {
          kind: 'column.added',
          payload: { table: posts, column: column('slug', 'varchar', 'string') },
          opIndex: 0,
          subIndex: 0,
        },
        {
          kind: 'data.migrated',
          payload: {
            operation: 'update',
            description: "UPDATE posts SET slug = lower(replace(title, ' ', '-'))",
            table: posts,
            hasWhere: false,
          },
          opIndex: 1,
          subIndex: 0,
        },
        {
          kind: 'column.nullability_changed',
          payload: { table: posts, column: 'slug', nullable: false },
          opIndex: 2,
          subIndex: 0,
        },
        {
          kind: 'index.created',
          payload: {
            table: posts,
            index: { name: 'index_posts_on_slug', columns: ['slug'], unique: true },
          },
          opIndex: 3,
          subIndex: 0,
        },
      ]);
      expect(project.contexts('20240107080000')).toEqual([
        { ...framework, line: 3 },
        { ...framework, line: 6 },
        { ...framework, line: 13 },
        { ...framework, line: 14 },
      ]);
    });
  });

  describe('given an account table changing over time (alterations fixture)', () => {
    it('when change_table is parsed, then renames, additions, removals and indexes follow in order', async () => {
      const project = await givenRailsProject(fixtureSources('rails', 'alterations')).whenParsed();
      const accounts = { name: 'accounts' };
      expect(project.payloads('20230302100000')).toEqual([
        { kind: 'column.renamed', table: accounts, column: 'name', newName: 'title' },
        {
          kind: 'column.added',
          table: accounts,
          column: column('currency', 'varchar(3)', 'string', {
            nullable: false,
            default: { kind: 'constant', value: 'EUR', level: 'db' },
          }),
        },
        {
          kind: 'column.default_changed',
          table: accounts,
          column: 'currency',
          default: { kind: 'constant', value: 'USD', level: 'db' },
        },
        { kind: 'column.dropped', table: accounts, column: 'legacy_code' },
        {
          kind: 'index.created',
          table: accounts,
          index: { name: 'index_accounts_on_title_and_currency', columns: ['title', 'currency'] },
        },
        { kind: 'column.dropped', table: accounts, column: 'owner_id' },
        { kind: 'column.dropped', table: accounts, column: 'owner_type' },
        ...timestamps('timestamp(6)', true).map((definition) => ({
          kind: 'column.added',
          table: accounts,
          column: definition,
        })),
      ]);
    });

    it('when up changes columns, constraints and renames the table, then each statement yields its events and down is ignored', async () => {
      const project = await givenRailsProject(fixtureSources('rails', 'alterations')).whenParsed();
      const accounts = { name: 'accounts' };
      expect(project.payloads('20230303100000')).toEqual([
        {
          kind: 'column.type_changed',
          table: accounts,
          column: 'balance',
          type: { sql: 'numeric(12,2)', framework: 'decimal' },
          using: 'balance::numeric(12,2)',
        },
        {
          kind: 'column.default_changed',
          table: accounts,
          column: 'balance',
          default: { kind: 'constant', value: '0', level: 'db' },
        },
        { kind: 'column.nullability_changed', table: accounts, column: 'balance', nullable: false },
        {
          kind: 'column.default_changed',
          table: accounts,
          column: 'title',
          default: { kind: 'constant', value: 'untitled', level: 'db' },
        },
        {
          kind: 'column.default_changed',
          table: accounts,
          column: 'title',
          default: { kind: 'none' },
        },
        {
          kind: 'column.comment_changed',
          table: accounts,
          column: 'title',
          comment: 'Shown to the owner',
        },
        { kind: 'table.comment_changed', table: accounts, comment: 'Customer accounts' },
        { kind: 'column.renamed', table: accounts, column: 'title', newName: 'display_name' },
        {
          kind: 'index.renamed',
          table: accounts,
          name: 'index_accounts_on_title_and_currency',
          newName: 'index_accounts_on_display_name_and_currency',
        },
        {
          kind: 'index.renamed',
          table: accounts,
          name: 'index_accounts_on_display_name_and_currency',
          newName: 'accounts_by_name',
        },
        { kind: 'column.dropped', table: accounts, column: 'currency' },
        {
          kind: 'constraint.added',
          table: accounts,
          constraint: { name: 'chk_rails_235761bce4', type: 'check', expression: 'balance >= 0' },
        },
        { kind: 'constraint.dropped', table: accounts, name: 'chk_rails_235761bce4' },
        { kind: 'table.renamed', table: accounts, newName: 'ledgers' },
        {
          kind: 'index.renamed',
          table: { name: 'ledgers' },
          name: 'accounts_pkey',
          newName: 'ledgers_pkey',
        },
        { kind: 'sequence.altered', name: 'accounts_id_seq', newName: 'ledgers_id_seq' },
      ]);
    });

    it('when timestamps and tables are dropped and re-added, then defaults, if_exists and cascade are kept', async () => {
      const project = await givenRailsProject(fixtureSources('rails', 'alterations')).whenParsed();
      const ledgers = { name: 'ledgers' };
      const now = {
        kind: 'expression',
        expression: 'CURRENT_TIMESTAMP',
        volatility: 'stable',
        level: 'db',
      };
      expect(project.payloads('20230304100000')).toEqual([
        { kind: 'column.dropped', table: ledgers, column: 'updated_at' },
        { kind: 'column.dropped', table: ledgers, column: 'created_at' },
        {
          kind: 'column.added',
          table: ledgers,
          column: column('created_at', 'timestamp(6)', 'datetime', { default: now }),
        },
        {
          kind: 'column.added',
          table: ledgers,
          column: column('updated_at', 'timestamp(6)', 'datetime', { default: now }),
        },
        { kind: 'table.dropped', table: { name: 'old_things' }, ifExists: true },
        { kind: 'table.dropped', table: { name: 'audit_entries' }, cascade: true },
        { kind: 'table.dropped', table: { name: 'audit_batches' }, cascade: true },
        { kind: 'column.dropped', table: ledgers, column: 'notes' },
        { kind: 'column.dropped', table: ledgers, column: 'flags' },
      ]);
    });
  });

  describe('given concurrent index work (concurrent fixture)', () => {
    it('when disable_ddl_transaction! is set, then every event runs outside a transaction (opt-out) and the index is concurrent', async () => {
      const project = await givenRailsProject(fixtureSources('rails', 'concurrent')).whenParsed();
      const orders = { name: 'orders' };
      expect(project.payloads('20240201000000')).toEqual([
        {
          kind: 'index.created',
          table: orders,
          index: {
            name: 'index_orders_on_customer_id',
            columns: ['customer_id'],
            concurrently: true,
          },
        },
        { kind: 'column.added', table: orders, column: column('store_id', 'bigint', 'references') },
        {
          kind: 'index.created',
          table: orders,
          index: { name: 'index_orders_on_store_id', columns: ['store_id'], concurrently: true },
        },
        {
          kind: 'index.dropped',
          table: orders,
          name: 'index_orders_on_legacy_id',
          concurrently: true,
          ifExists: true,
        },
      ]);
      expect(project.contexts('20240201000000')).toEqual([
        { ...optOut, line: 5 },
        { ...optOut, line: 6 },
        { ...optOut, line: 6 },
        { ...optOut, line: 7 },
      ]);
    });

    it('when constraints are added NOT VALID and a concurrent index sits in the default transaction, then both are visible', async () => {
      const project = await givenRailsProject(fixtureSources('rails', 'concurrent')).whenParsed();
      const orders = { name: 'orders' };
      expect(project.payloads('20240202000000')).toEqual([
        {
          kind: 'constraint.added',
          table: orders,
          constraint: {
            name: 'fk_rails_3dad120da9',
            type: 'foreign-key',
            columns: ['customer_id'],
            references: { table: { name: 'customers' }, columns: ['id'], onDelete: 'no action' },
            notValid: true,
          },
        },
        {
          kind: 'constraint.added',
          table: orders,
          constraint: {
            name: 'orders_total_non_negative',
            type: 'check',
            expression: 'total >= 0',
            notValid: true,
          },
        },
        {
          kind: 'index.created',
          table: orders,
          index: { name: 'index_orders_on_placed_at', columns: ['placed_at'], concurrently: true },
        },
      ]);
      expect(project.contexts('20240202000000').map((context) => context?.inTransaction)).toEqual([
        true,
        true,
        true,
      ]);
    });

    it('when constraints are validated outside the transaction, then an explicit transaction block says so', async () => {
      const project = await givenRailsProject(fixtureSources('rails', 'concurrent')).whenParsed();
      const orders = { name: 'orders' };
      expect(project.payloads('20240203000000')).toEqual([
        { kind: 'constraint.validated', table: orders, name: 'fk_rails_3dad120da9' },
        { kind: 'constraint.validated', table: orders, name: 'orders_total_non_negative' },
      ]);
      expect(project.contexts('20240203000000')).toEqual([
        { ...optOut, line: 5 },
        { inTransaction: true, transactionSource: 'explicit', line: 7 },
      ]);
    });
  });

  describe('given migrations the adapter cannot fully read (broken fixture)', () => {
    it('when a file does not parse or has no migration class, then it yields one migration.unparsed naming file and problem', async () => {
      const project = await givenRailsProject(fixtureSources('rails', 'broken')).whenParsed();
      expect(project.events('20240301000000')).toEqual([
        {
          kind: 'migration.unparsed',
          payload: {
            reason:
              'db/migrate/20240301000000_half_written.rb: line 1: syntax error, "class HalfWritten < ActiveRecord::Migrat…" is not closed before the end of the file (missing "end"?)',
            line: 1,
          },
          opIndex: 0,
          subIndex: 0,
        },
      ]);
      expect(project.events('20240302000000')).toEqual([
        {
          kind: 'migration.unparsed',
          payload: {
            reason:
              'db/migrate/20240302000000_not_a_migration.rb: no class inheriting ActiveRecord::Migration found',
          },
          opIndex: 0,
          subIndex: 0,
        },
      ]);
    });

    it('when loops, conditions, unknown calls and dynamic arguments surround schema statements, then what cannot be read is reported by line and the rest still yields events', async () => {
      const project = await givenRailsProject(fixtureSources('rails', 'broken')).whenParsed();
      const addresses = { name: 'addresses' };
      expect(project.payloads('20240303000000')).toEqual([
        { kind: 'column.added', table: addresses, column: column('zip', 'varchar', 'string') },
        // A literal (frozen) array of names is unrolled; an existence guard keeps its statement.
        { kind: 'column.added', table: addresses, column: column('street', 'varchar', 'string') },
        { kind: 'column.added', table: addresses, column: column('city', 'varchar', 'string') },
        {
          kind: 'index.created',
          table: addresses,
          index: { name: 'index_addresses_on_zip', columns: ['zip'] },
          ifNotExists: true,
        },
        {
          kind: 'migration.unparsed',
          reason: `line 10: unsupported method frobnicate: ${notFollowed}`,
          line: 10,
        },
        // SQL built at run time whose expression stands for a value: read as its data change.
        {
          kind: 'data.migrated',
          operation: 'update',
          description: "UPDATE addresses SET zip = '#{default_zip}'",
          table: addresses,
          hasWhere: false,
        },
        {
          kind: 'migration.unparsed',
          reason: 'line 12: add_column: arguments are not known statically',
          line: 12,
        },
        {
          kind: 'data.migrated',
          operation: 'code',
          description: 'Address.find_each do |address| address.update!(country: "NL") end',
        },
        {
          kind: 'migration.unparsed',
          reason: 'line 16: revert is not followed (its statements run reversed)',
          line: 16,
        },
        { kind: 'column.added', table: addresses, column: column('note', 'text', 'text') },
      ]);
    });

    it('when a migration has up and down, then only up runs', async () => {
      const project = await givenRailsProject(fixtureSources('rails', 'broken')).whenParsed();
      expect(
        project
          .payloads('20240304000000')
          .map((payload) => [payload.kind, (payload.column as { name: string }).name]),
      ).toEqual([
        ['column.added', 'lat'],
        ['column.added', 'lng'],
      ]);
    });

    it('when a migration has change and up, then change runs, with the helper it calls', async () => {
      const project = await givenRailsProject(fixtureSources('rails', 'broken')).whenParsed();
      expect(project.payloads('20240305000000')).toEqual([
        {
          kind: 'column.added',
          table: { name: 'addresses' },
          column: column('verified', 'boolean', 'boolean', {
            nullable: false,
            default: { kind: 'constant', value: 'false', level: 'db' },
          }),
        },
      ]);
      expect(project.contexts('20240305000000')[0]?.line).toBe(13);
    });
  });

  describe('given guards, wrappers and loops around schema statements (guarded fixture)', () => {
    it('when safety_assured wraps the statements, then they run inline and an app helper stays unparsed', async () => {
      const project = await givenRailsProject(fixtureSources('rails', 'guarded')).whenParsed();
      expect(project.payloads('20240501000000')).toEqual([
        { kind: 'column.dropped', table: { name: 'gpx_file_tags' }, column: 'id' },
        {
          kind: 'migration.unparsed',
          reason: `line 9: unsupported method add_primary_key: ${notFollowed}`,
          line: 9,
        },
        {
          kind: 'index.created',
          table: { name: 'gpx_file_tags' },
          index: { name: 'index_gpx_file_tags_on_tag', columns: ['tag'] },
        },
      ]);
    });

    it('when existence checks guard statements and a literal array is looped over, then they are read with if-(not-)exists, and other conditions stay unparsed', async () => {
      const project = await givenRailsProject(fixtureSources('rails', 'guarded')).whenParsed();
      const notes = { name: 'notes' };
      const payloads = project.payloads('20240502000000');
      expect(payloads[0]).toEqual({ kind: 'table.created', table: notes, ifNotExists: true });
      expect(
        payloads.filter((payload) => payload.kind === 'constraint.added').map((p) => p.constraint),
      ).toEqual([{ name: 'notes_pkey', type: 'primary-key', columns: ['user_id', 'id'] }]);
      expect(payloads.slice(-5)).toEqual([
        {
          kind: 'column.added',
          table: notes,
          column: column('visible', 'boolean', 'boolean'),
        },
        {
          kind: 'index.created',
          table: notes,
          index: { name: 'index_notes_on_user_id', columns: ['user_id'] },
          ifNotExists: true,
        },
        {
          kind: 'index.created',
          table: notes,
          index: { name: 'index_notes_on_created_at', columns: ['created_at'] },
          ifNotExists: true,
        },
        {
          kind: 'migration.unparsed',
          reason:
            'line 17: schema statements inside if cannot be read statically: if connection.adapter_name == "PostgreSQL" execute "CREATE INDEX notes_body_trgm…',
          line: 17,
        },
        {
          kind: 'data.migrated',
          operation: 'code',
          description: 'Note.where(visible: nil).in_batches.update_all(visible: true)',
        },
      ]);
      expect(project.contexts('20240502000000').at(-3)?.line).toBe(15);
    });
  });

  describe('given SQL built at run time, helpers with arguments and loops over variables (dynamic fixture)', () => {
    it('when a helper is called with literals and a literal hash is looped over, then the SQL they build is read as data changes', async () => {
      const project = await givenRailsProject(fixtureSources('rails', 'dynamic')).whenParsed();
      const calculators = { name: 'calculators' };
      expect(project.payloads('20240601000000')).toEqual([
        {
          kind: 'data.migrated',
          operation: 'update',
          description:
            "UPDATE calculators SET type = 'Calculator::DefaultTax' WHERE type = 'Spree::DefaultTax'",
          table: calculators,
          hasWhere: true,
        },
        {
          kind: 'data.migrated',
          operation: 'update',
          description: "UPDATE calculators SET type = 'Calculator::FlatRate' WHERE type = 'flat'",
          table: calculators,
          hasWhere: true,
        },
        {
          kind: 'data.migrated',
          operation: 'update',
          description:
            "UPDATE calculators SET type = 'Calculator::PerItem' WHERE type = 'per item'",
          table: calculators,
          hasWhere: true,
        },
        {
          kind: 'data.migrated',
          operation: 'insert',
          description:
            "INSERT INTO payment_methods (type, environment) VALUES ('Credit', '#{Rails.env}')",
          table: { name: 'payment_methods' },
        },
      ]);
      expect(project.contexts('20240601000000').map((context) => context?.line)).toEqual([
        30, 14, 14, 21,
      ]);
    });

    it('when a class method loops over the class instance variable, then the loop is unrolled', async () => {
      const project = await givenRailsProject(fixtureSources('rails', 'dynamic')).whenParsed();
      const payloads = project.payloads('20240602000000');
      expect(
        payloads.map((p) => [
          p.kind,
          (p.table as { name: string } | undefined)?.name ??
            (p.tables as { name: string }[] | undefined)?.[0]?.name ??
            p.description,
        ]),
      ).toEqual([
        ['column.added', 'current_nodes'],
        ['constraint.added', 'nodes'],
        ['data.migrated', 'tbl.classify.constantize.update_all(version: 1)'],
        ['column.added', 'current_ways'],
        ['constraint.added', 'ways'],
        ['data.migrated', 'tbl.classify.constantize.update_all(version: 1)'],
        [payloads.at(-1)!.kind, 'ways'],
      ]);
      expect(payloads[1]).toMatchObject({
        constraint: { name: 'nodes_changeset_fkey', type: 'foreign-key' },
      });
      // TRUNCATE is read by the SQL adapter: whatever it makes of it, it is not opaque.
      expect(['data.migrated', 'table.truncated']).toContain(payloads.at(-1)!.kind);
    });

    it('when paperclip, schemas, enum renames and statements inside change_table are used, then each has its events', async () => {
      const project = await givenRailsProject(fixtureSources('rails', 'dynamic')).whenParsed();
      const payloads = project.payloads('20240603000000');
      expect(payloads.map((p) => p.kind)).toEqual([
        'column.added',
        'column.added',
        'column.added',
        'column.added',
        'schema.created',
        'enum.altered',
        'column.dropped',
        'column.added',
      ]);
      expect(
        payloads.slice(0, 4).map((p) => {
          const c = p.column as { name: string; type: { sql: string } };
          return `${c.name} ${c.type.sql}`;
        }),
      ).toEqual([
        'avatar_file_name varchar',
        'avatar_content_type varchar',
        'avatar_file_size bigint',
        'avatar_updated_at timestamp(6)',
      ]);
      expect(payloads.slice(4, 7)).toEqual([
        { kind: 'schema.created', name: 'billing' },
        { kind: 'enum.altered', name: 'mood', newName: 'feeling' },
        { kind: 'column.dropped', table: { name: 'users' }, column: 'legacy_avatar' },
      ]);
    });
  });

  describe('given every Rails column type (types fixture)', () => {
    it('when create_table is parsed, then each type has its PostgreSQL spelling', async () => {
      const project = await givenRailsProject(fixtureSources('rails', 'types')).whenParsed();
      const columns = project
        .payloads()
        .filter((payload) => payload.kind === 'column.added')
        .map((payload) => payload.column as { name: string; type: { sql: string } });
      expect(Object.fromEntries(columns.map((c) => [c.name, c.type.sql]))).toEqual({
        id: 'bigint',
        a_string: 'varchar',
        a_short_string: 'varchar(40)',
        a_text: 'text',
        an_integer: 'integer',
        a_small_integer: 'smallint',
        a_big_integer: 'bigint',
        a_bigint: 'bigint',
        a_float: 'double precision',
        a_decimal: 'numeric',
        a_money_amount: 'numeric(10,2)',
        a_numeric: 'numeric(6)',
        a_boolean: 'boolean',
        a_date: 'date',
        a_datetime: 'timestamp(6)',
        a_precise_datetime: 'timestamp(3)',
        an_imprecise_datetime: 'timestamp',
        a_timestamp: 'timestamp(6)',
        a_timestamptz: 'timestamptz',
        a_time: 'time',
        a_binary: 'bytea',
        a_json: 'json',
        a_jsonb: 'jsonb',
        a_uuid: 'uuid',
        an_inet: 'inet',
        a_citext: 'citext',
        an_hstore: 'hstore',
        integers: 'integer[]',
        a_raw_type: 'varchar(20)',
        a_custom_type: 'ltree',
        a_generated: 'varchar',
      });
      expect(project.payloads()[0]).toEqual({
        kind: 'table.created',
        table: { name: 'samples' },
        replaceExisting: true,
      });
      expect(columns[0]).toEqual(
        column('id', 'bigint', 'bigint', { nullable: false, primaryKey: true, identity: 'serial' }),
      );
      expect(columns.at(-1)).toEqual(
        column('a_generated', 'varchar', 'virtual', {
          generated: { expression: 'lower(a_string)', stored: true },
        }),
      );
    });
  });

  describe('given migrations written for older Rails (legacy fixture)', () => {
    it('when each is parsed, then keys, references, timestamps and index names follow its version', async () => {
      const project = await givenRailsProject(fixtureSources('rails', 'legacy')).whenParsed();
      const summary = (name: string) =>
        project.payloads(name).map((payload) => {
          const definition = payload.column as
            { name: string; type: { sql: string }; nullable: boolean } | undefined;
          const index = payload.index as { name: string } | undefined;
          return definition
            ? `${definition.name} ${definition.type.sql}${definition.nullable ? '' : ' not null'}`
            : index
              ? `index ${index.name}`
              : String(payload.kind);
        });
      expect(summary('20150101000000')).toEqual([
        'table.created',
        'id integer not null',
        'gizmo_id integer',
        'made_at timestamp',
        'created_at timestamp',
        'updated_at timestamp',
      ]);
      expect(summary('20170601000000')).toEqual([
        'table.created',
        'id uuid not null',
        'widget_type varchar',
        'widget_id integer',
        'made_at timestamp',
        'created_at timestamp not null',
        'updated_at timestamp not null',
        'index index_gadgets_on_widget_type_and_widget_id',
      ]);
      expect(project.payloads('20170601000000')[1]).toMatchObject({
        column: {
          default: { kind: 'expression', expression: 'uuid_generate_v4()', volatility: 'volatile' },
        },
      });
      expect(summary('20200101000000')).toEqual([
        'table.created',
        'id bigint not null',
        'gadget_id uuid',
        'made_at timestamp',
        'shelved boolean',
        'created_at timestamp(6) not null',
        'updated_at timestamp(6) not null',
        'constraint.added',
        'index index_parts_on_gadget_id',
      ]);
      expect(summary('20220101000000')).toEqual([
        'index index_parts_on_gadget_id_and_made_at_and_created_at_and_shelved',
        'checked_at timestamp(6)',
      ]);
      expect(summary('20240101000000')).toEqual([
        'index idx_on_gadget_id_made_at_created_at_shelved_0bc5b07cb3',
        'shipped_at timestamp(6)',
      ]);
    });
  });

  describe('robustness', () => {
    it('given a migration without change or up, when parsed, then it yields no events', async () => {
      const project = await whenChangeIsParsed('    remove_column :a, :b', { method: 'down' });
      expect(project.events()).toEqual([]);
    });

    it('given files outside migration folders, when parsed, then they are not part of the project', async () => {
      const project = await givenRailsProject([
        sourceOf('db/schema.rb', 'ActiveRecord::Schema.define do\nend\n'),
        sourceOf('app/models/user.rb', 'class User < ApplicationRecord\nend\n'),
      ]).whenParsed();
      expect(project.project).toEqual({ framework: 'rails', migrations: [] });
    });

    it('given the same sources in any order, when parsed twice, then the result is identical', async () => {
      const sources = fixtureSources('rails', 'blog');
      const first = await givenRailsProject(sources).whenParsed();
      const second = await givenRailsProject([...sources].reverse()).whenParsed();
      expect(second.project).toEqual(first.project);
    });

    it('given a helper that calls itself, when parsed, then the recursion is reported, not followed', async () => {
      const project = await givenRailsProject([
        railsMigration('db/migrate/1_loop.rb', '    again', {
          classBody: '  def again\n    again\n  end\n',
        }),
      ]).whenParsed();
      expect(project.problems()).toEqual(['line 3: again calls itself']);
    });
  });
});
