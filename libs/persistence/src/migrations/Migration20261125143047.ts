import { Migration } from '@mikro-orm/migrations';

export class Migration20261125143047 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "api_keys" ("id" varchar(12) not null, "hash" varchar(64) not null, "scope" varchar(10) not null, "project" varchar(100) null, "label" text null, "created_at" timestamptz not null default now(), "revoked_at" timestamptz null, constraint "api_keys_pkey" primary key ("id"));`,
    );

    this.addSql(`alter table "schema_events" add column "number" bigserial;`);
    this.addSql(
      `alter table "schema_events" add constraint "schema_events_number_unique" unique ("number");`,
    );

    this.addSql(`alter table "schema_tables" add column "model_id" bigserial not null;`);
    this.addSql(
      `alter table "schema_tables" add constraint "schema_tables_model_id_unique" unique ("model_id");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "api_keys" cascade;`);

    this.addSql(`alter table "schema_events" drop constraint "schema_events_number_unique";`);
    this.addSql(`alter table "schema_events" drop column "number";`);

    this.addSql(`alter table "schema_tables" drop constraint "schema_tables_model_id_unique";`);
    this.addSql(`alter table "schema_tables" drop column "model_id";`);
  }
}
