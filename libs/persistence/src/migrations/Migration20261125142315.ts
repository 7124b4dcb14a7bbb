import { Migration } from '@mikro-orm/migrations';

export class Migration20261125142315 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "project_policies" ("project" varchar(100) not null, "policy" jsonb not null, "updated_at" timestamptz not null default now(), constraint "project_policies_pkey" primary key ("project"));`,
    );

    this.addSql(
      `create table "risk_assessments" ("project" varchar(100) not null, "rule_set_version" varchar(40) not null, "policy_hash" varchar(64) not null, "last_sequence" bigint not null, "finding_count" int not null default 0, "assessed_at" timestamptz not null default now(), constraint "risk_assessments_pkey" primary key ("project"));`,
    );

    this.addSql(
      `create table "risk_findings" ("project" varchar(100) not null, "event_id" uuid not null, "rule_id" varchar(100) not null, "hit" int not null, "sequence" bigint not null, "level" varchar(10) not null, "migration" text not null, "message" text not null, "safe_alternative" text not null, "acknowledged" boolean not null default false, "rule_set_version" varchar(40) not null, constraint "risk_findings_pkey" primary key ("project", "event_id", "rule_id", "hit"));`,
    );
    this.addSql(
      `create index "risk_findings_project_level_index" on "risk_findings" ("project", "level");`,
    );
    this.addSql(
      `create index "risk_findings_project_rule_id_index" on "risk_findings" ("project", "rule_id");`,
    );
    this.addSql(
      `create index "risk_findings_project_sequence_index" on "risk_findings" ("project", "sequence");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "project_policies" cascade;`);

    this.addSql(`drop table if exists "risk_assessments" cascade;`);

    this.addSql(`drop table if exists "risk_findings" cascade;`);
  }
}
