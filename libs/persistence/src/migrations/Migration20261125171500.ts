import { Migration } from '@mikro-orm/migrations';

/**
 * Snapshots are read and written whole and never queried inside: plain json skips jsonb's
 * parsing on write and its conversion back to text on read.
 */
export class Migration20261125171500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "schema_snapshots" alter column "state" type json using "state"::json;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "schema_snapshots" alter column "state" type jsonb using "state"::jsonb;`,
    );
  }
}
