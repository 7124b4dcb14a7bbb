/**
 * What a migration's Rails version changes in the schema it produces. `Migration[5.0]` keeps
 * behaving as Rails 5.0 did under any later Rails (Active Record's compatibility layers), so the
 * version in the superclass, not the installed Rails, decides.
 */
export interface RailsBehaviour {
  /** As written (`7.1`); `4.2` for a bare `ActiveRecord::Migration` (only Rails < 5 allowed it). */
  readonly version: string;
  /** Before 5.1: `id` is `serial` (integer) and references are integer columns. */
  readonly integerKeys: boolean;
  /** The default of a `uuid` primary key. */
  readonly uuidDefault: string;
  /** From 5.0: references get an index unless `index: false`. */
  readonly referencesIndexed: boolean;
  /** Before 5.0: `timestamps` are nullable unless `null: false`. */
  readonly timestampsNullable: boolean;
  /** From 6.0: `timestamps` are `timestamp(6)`. */
  readonly timestampsPrecision: number | undefined;
  /** From 7.0: every `datetime` column is `timestamp(6)` unless `precision:` says otherwise. */
  readonly datetimePrecision: number | undefined;
  /** Before 7.1: index names are never shortened. */
  readonly legacyIndexNames: boolean;
  /** Before 6.1: a polymorphic reference's index is named after both columns. */
  readonly legacyPolymorphicIndexNames: boolean;
  /**
   * Up to 5.1: `change_column` with `null:` runs `change_column_null`, which backfills NULLs with
   * the `default:` given.
   */
  readonly changeColumnBackfills: boolean;
}

/** The newest version this adapter knows; later ones behave like it. */
export const CURRENT_RAILS_VERSION = '8.1';

export function railsBehaviour(written: string | undefined): RailsBehaviour {
  const version = written ?? '4.2';
  const at = (major: number, minor: number) => compare(version, major, minor) >= 0;
  return {
    version,
    integerKeys: !at(5, 1),
    uuidDefault: at(5, 1) ? 'gen_random_uuid()' : 'uuid_generate_v4()',
    referencesIndexed: at(5, 0),
    timestampsNullable: !at(5, 0),
    timestampsPrecision: at(6, 0) ? 6 : undefined,
    datetimePrecision: at(7, 0) ? 6 : undefined,
    legacyIndexNames: !at(7, 1),
    legacyPolymorphicIndexNames: !at(6, 1),
    changeColumnBackfills: !at(5, 2),
  };
}

function compare(version: string, major: number, minor: number): number {
  const [a = 0, b = 0] = version.split('.').map((part) => Number.parseInt(part, 10) || 0);
  return a !== major ? a - major : b - minor;
}
