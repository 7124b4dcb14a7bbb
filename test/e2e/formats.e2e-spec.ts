import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SchemaResponse } from '@schematrace/contracts';
import { cli } from './cli-runner';
import { startStack, type RunningStack } from './running-stack';

/**
 * One small project per migration format, each creating `authors` and `books` and then changing
 * them, so every adapter is exercised through the whole pipeline.
 */
const PROJECTS: Record<string, Record<string, string>> = {
  flyway: {
    'db/migration/V1__authors.sql':
      'create table authors (id bigserial primary key, name varchar(80) not null);',
    'db/migration/V2__books.sql': [
      'create table books (id bigserial primary key, title text not null, author_id bigint references authors (id));',
      'create index concurrently books_title_idx on books (title);',
    ].join('\n'),
    'db/migration/V3__isbn.sql': 'alter table books add column isbn varchar(13);',
  },
  alembic: {
    'alembic/versions/a1_authors.py': [
      'revision = "a1"',
      'down_revision = None',
      '',
      'from alembic import op',
      'import sqlalchemy as sa',
      '',
      '',
      'def upgrade():',
      '    op.create_table("authors", sa.Column("id", sa.BigInteger(), primary_key=True), sa.Column("name", sa.String(80), nullable=False))',
      '',
    ].join('\n'),
    'alembic/versions/b2_books.py': [
      'revision = "b2"',
      'down_revision = "a1"',
      '',
      'from alembic import op',
      'import sqlalchemy as sa',
      '',
      '',
      'def upgrade():',
      '    op.create_table(',
      '        "books",',
      '        sa.Column("id", sa.BigInteger(), primary_key=True),',
      '        sa.Column("title", sa.Text(), nullable=False),',
      '        sa.Column("author_id", sa.BigInteger(), sa.ForeignKey("authors.id")),',
      '    )',
      '    op.add_column("books", sa.Column("isbn", sa.String(13)))',
      '',
      '',
      'def downgrade():',
      '    op.drop_table("books")',
      '',
    ].join('\n'),
  },
  rails: {
    'db/migrate/20260101000000_create_authors.rb': [
      'class CreateAuthors < ActiveRecord::Migration[7.1]',
      '  def change',
      '    create_table :authors do |t|',
      '      t.string :name, null: false',
      '    end',
      '  end',
      'end',
      '',
    ].join('\n'),
    'db/migrate/20260102000000_create_books.rb': [
      'class CreateBooks < ActiveRecord::Migration[7.1]',
      '  def change',
      '    create_table :books do |t|',
      '      t.text :title, null: false',
      '      t.references :author, foreign_key: true',
      '    end',
      '    add_column :books, :isbn, :string, limit: 13',
      '  end',
      'end',
      '',
    ].join('\n'),
  },
  prisma: {
    'prisma/migrations/20260101000000_init/migration.sql': [
      'CREATE TABLE "authors" ("id" SERIAL NOT NULL, "name" TEXT NOT NULL, CONSTRAINT "authors_pkey" PRIMARY KEY ("id"));',
      'CREATE TABLE "books" ("id" SERIAL NOT NULL, "title" TEXT NOT NULL, "author_id" INTEGER NOT NULL, CONSTRAINT "books_pkey" PRIMARY KEY ("id"));',
    ].join('\n'),
    'prisma/migrations/20260102000000_isbn/migration.sql':
      'ALTER TABLE "books" ADD COLUMN "isbn" VARCHAR(13);',
  },
};

describe('one project per migration format through the whole pipeline', () => {
  let stack: RunningStack;
  let workspace: string;

  beforeAll(async () => {
    stack = await startStack('formats');
    workspace = await mkdtemp(path.join(tmpdir(), 'schematrace-formats-'));
  });

  afterAll(async () => {
    await stack?.stop();
    if (workspace) await rm(workspace, { recursive: true, force: true });
  });

  it.each(Object.keys(PROJECTS))(
    '%s: ends with its tables and the column added last',
    async (format) => {
      const repo = path.join(workspace, format);
      for (const [file, content] of Object.entries(PROJECTS[format]!)) {
        await mkdir(path.dirname(path.join(repo, file)), { recursive: true });
        await writeFile(path.join(repo, file), content);
      }

      const scan = await cli(stack.gateway.url, 'scan', repo, '--project', format);
      expect(scan.stderr).toBe('');
      expect(scan.code).toBe(0);

      const response = await fetch(`${stack.gateway.url}/v1/projects/${format}/schema`);
      const schema = (await response.json()) as SchemaResponse;

      expect(schema.tables.map((table) => table.name)).toEqual(['authors', 'books']);
      const books = schema.tables.find((table) => table.name === 'books')!;
      expect(books.columns.at(-1)).toMatchObject({
        name: 'isbn',
        type: { sql: 'varchar(13)' },
        nullable: true,
      });
      expect(schema.anomalies).toEqual([]);
    },
  );
});
