import { Migration } from '@mikro-orm/migrations';

/**
 * The head no longer stores the schema state (the projector keeps it in memory and restores it
 * from snapshots): it gets a revision instead, and the table comment the original API shows as
 * a model's description moves from the head's state onto the table's row.
 */
export class Migration20261125160058 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "schema_tables" add column "comment" text null;`);
    this.addSql(
      `update "schema_tables" t set "comment" = h."state"->'tables'->t."table_key"->>'comment'
         from "project_heads" h
        where h."project" = t."project" and t."removed_sequence" is null;`,
    );

    this.addSql(
      `alter table "project_heads" add column "revision" uuid not null default gen_random_uuid();`,
    );
    this.addSql(`alter table "project_heads" alter column "revision" drop default;`);
    this.addSql(`alter table "project_heads" drop column "state";`);
  }

  /** The old head state cannot be recovered here: after going down, rebuild the read models. */
  override async down(): Promise<void> {
    this.addSql(`alter table "project_heads" drop column "revision";`);
    this.addSql(`alter table "project_heads" add column "state" jsonb not null default '{}';`);
    this.addSql(`alter table "schema_tables" drop column "comment";`);
  }
}
