import { Migration } from '@mikro-orm/migrations';

export class Migration20261125121155 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "consumer_checkpoints" ("consumer_group" varchar(200) not null, "topic" varchar(200) not null, "partition" int not null, "offset" bigint not null, "updated_at" timestamptz not null default now(), constraint "consumer_checkpoints_pkey" primary key ("consumer_group", "topic", "partition"));`,
    );

    this.addSql(
      `create table "migration_ledger" ("project" varchar(100) not null, "path" text not null, "checksum" varchar(64) not null, "content" text not null, "framework" varchar(20) null, "git" jsonb null, "present" boolean not null default true, "first_scan_id" varchar(64) not null, "last_scan_id" varchar(64) not null, "updated_at" timestamptz not null default now(), constraint "migration_ledger_pkey" primary key ("project", "path"));`,
    );

    this.addSql(
      `create table "projects" ("id" serial primary key, "key" varchar(100) not null, "description" text null, "created_at" timestamptz not null default now());`,
    );
    this.addSql(`alter table "projects" add constraint "projects_key_unique" unique ("key");`);

    this.addSql(
      `create table "project_heads" ("project" varchar(100) not null, "last_sequence" bigint not null, "state" jsonb not null, "updated_at" timestamptz not null default now(), constraint "project_heads_pkey" primary key ("project"));`,
    );

    this.addSql(
      `create table "scans" ("scan_id" varchar(64) not null, "project" varchar(100) not null, "status" varchar(20) not null, "part_count" int not null, "new_count" int not null default 0, "modified_count" int not null default 0, "removed_count" int not null default 0, "unchanged_count" int not null default 0, "received_at" timestamptz not null default now(), "ingested_at" timestamptz null, constraint "scans_pkey" primary key ("scan_id"));`,
    );
    this.addSql(`create index "scans_project_index" on "scans" ("project");`);

    this.addSql(
      `create table "scan_parts" ("scan_id" varchar(64) not null, "part_index" int not null, "files" jsonb not null, constraint "scan_parts_pkey" primary key ("scan_id", "part_index"));`,
    );

    this.addSql(
      `create table "scan_progress" ("scan_id" varchar(64) not null, "project" varchar(100) not null, "expected" int not null, "projected" int not null, "last_sequence" bigint not null, "updated_at" timestamptz not null default now(), constraint "scan_progress_pkey" primary key ("scan_id"));`,
    );

    this.addSql(
      `create table "schema_columns" ("project" varchar(100) not null, "table_key" text not null, "name" text not null, "added_sequence" bigint not null, "definition" jsonb not null, "changed_sequence" bigint not null, "removed_sequence" bigint null, constraint "schema_columns_pkey" primary key ("project", "table_key", "name", "added_sequence"));`,
    );

    this.addSql(
      `create table "schema_events" ("id" uuid not null, "project" varchar(100) not null, "sequence" bigint not null, "kind" varchar(40) not null, "scan_id" varchar(64) not null, "migration_path" text not null, "migration_name" text not null, "occurred_at" timestamptz not null, "event" jsonb not null, "recorded_at" timestamptz not null default now(), constraint "schema_events_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "schema_events_project_kind_index" on "schema_events" ("project", "kind");`,
    );
    this.addSql(
      `alter table "schema_events" add constraint "schema_events_project_sequence_unique" unique ("project", "sequence");`,
    );

    this.addSql(
      `create table "schema_snapshots" ("project" varchar(100) not null, "sequence" bigint not null, "state" jsonb not null, "created_at" timestamptz not null default now(), constraint "schema_snapshots_pkey" primary key ("project", "sequence"));`,
    );

    this.addSql(
      `create table "schema_tables" ("project" varchar(100) not null, "table_key" text not null, "added_sequence" bigint not null, "name" text not null, "model" jsonb null, "removed_sequence" bigint null, constraint "schema_tables_pkey" primary key ("project", "table_key", "added_sequence"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "consumer_checkpoints" cascade;`);

    this.addSql(`drop table if exists "migration_ledger" cascade;`);

    this.addSql(`drop table if exists "projects" cascade;`);

    this.addSql(`drop table if exists "project_heads" cascade;`);

    this.addSql(`drop table if exists "scans" cascade;`);

    this.addSql(`drop table if exists "scan_parts" cascade;`);

    this.addSql(`drop table if exists "scan_progress" cascade;`);

    this.addSql(`drop table if exists "schema_columns" cascade;`);

    this.addSql(`drop table if exists "schema_events" cascade;`);

    this.addSql(`drop table if exists "schema_snapshots" cascade;`);

    this.addSql(`drop table if exists "schema_tables" cascade;`);
  }
}
