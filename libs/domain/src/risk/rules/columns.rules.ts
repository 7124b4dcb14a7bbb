import type { TableRef } from '@schematrace/contracts';
import { objectKey } from '../../schema/schema-state';
import { existingTable, isNewColumn, isNewTable } from '../event-facts';
import { hasDatabaseDefault, isSerialType, isVolatileDefault, parseType } from '../postgres-types';
import { ruleFor, type RiskRule } from '../risk-rule';
import type { RuleContext } from '../rule-context';
import { atLeast, isMysqlFamily } from '../target-version';

/** §1c of the rule catalogue: adding columns, defaults and NOT NULL. */

const addColumnVolatileDefault = ruleFor({
  id: 'add-column-volatile-default',
  level: 'high',
  title: 'Column added with a default that rewrites the table',
  rationale:
    'A default computed per row (random(), gen_random_uuid(), clock_timestamp(), ...) — or, before PostgreSQL 11, any default — must be written into every existing row, so the table is rewritten under an ACCESS EXCLUSIVE lock.',
  safeAlternative:
    'Add the column without a default, then SET DEFAULT (it applies to new rows only) and backfill the existing rows in batches.',
  anchors: [
    'SQ adding-field-with-default',
    'SM add_column_default',
    'AT PG302',
    'BB column.default-disallow-volatile',
  ],
  kinds: ['column.added'],
  check(event, context) {
    const { table, column } = event.payload;
    if (context.target.engine !== 'postgresql' || isNewTable(context, table)) return undefined;
    if (!hasDatabaseDefault(column.default)) return undefined;
    // A sequence-backed column is add-auto-increment-column's concern.
    if (column.identity || isSerialType(column.type.sql)) return undefined;
    const name = `${objectKey(table)}.${column.name}`;
    if (isVolatileDefault(column.default))
      return { message: `adds ${name} with a volatile default, rewriting every row` };
    if (!atLeast(context.target, 11))
      return {
        message: `adds ${name} with a default, which PostgreSQL before 11 writes into every row`,
      };
    return undefined;
  },
});

const addColumnExpressionDefaultMysql = ruleFor({
  id: 'add-column-expression-default-mysql',
  level: 'high',
  title: 'Column added with an expression default (MySQL)',
  rationale:
    'MySQL and MariaDB cannot add a column whose default is an expression instantly: the table is copied and writes wait until it is done.',
  safeAlternative:
    'Add the column without a default (or with a constant one), set the expression default afterwards, and backfill in batches.',
  anchors: ['SM add_column_default_callable'],
  kinds: ['column.added'],
  check(event, context) {
    const { table, column } = event.payload;
    if (!isMysqlFamily(context.target) || isNewTable(context, table)) return undefined;
    if (column.default.kind !== 'expression' || column.default.level === 'app') return undefined;
    return {
      message: `adds ${objectKey(table)}.${column.name} with default ${column.default.expression}, copying the table`,
    };
  },
});

const addRequiredColumn = ruleFor({
  id: 'add-required-column',
  level: 'high',
  title: 'NOT NULL column added without a database default',
  rationale:
    'On a table with rows PostgreSQL and SQLite refuse the change (MySQL silently fills in the type’s zero value), and inserts from application versions that do not know the column fail.',
  safeAlternative:
    'Add the column as nullable (or with a constant database default, cheap on PostgreSQL 11+), backfill it, then make it NOT NULL through a validated CHECK constraint.',
  anchors: [
    'SQ adding-required-field',
    'DML NOT_NULL',
    'AT MF103',
    'AT MY101',
    'BB column.require-default',
  ],
  kinds: ['column.added'],
  check(event, context) {
    const { table, column } = event.payload;
    if (column.nullable || isNewTable(context, table)) return undefined;
    // Values come from the sequence or the expression, never from the writer.
    if (column.identity || column.generated || isSerialType(column.type.sql)) return undefined;
    if (hasDatabaseDefault(column.default)) return undefined;
    const name = `${objectKey(table)}.${column.name}`;
    return isMysqlFamily(context.target)
      ? {
          message: `adds NOT NULL column ${name} without a default: existing rows get a zero value`,
        }
      : { message: `adds NOT NULL column ${name} without a default: fails if the table has rows` };
  },
});

const addAutoIncrementColumn = ruleFor({
  id: 'add-auto-increment-column',
  level: 'high',
  title: 'Auto-increment column added to an existing table',
  rationale:
    'Every existing row needs a generated value: PostgreSQL rewrites the table under an ACCESS EXCLUSIVE lock, MySQL blocks writes, and with statement-based replication replicas may number the rows differently.',
  safeAlternative:
    'Create a new table with the column, copy the data over in batches while writing to both, then switch to it.',
  anchors: ['SM add_column_auto_incrementing', 'AT PG310', 'AT MY141'],
  kinds: ['column.added'],
  check(event, context) {
    const { table, column } = event.payload;
    if (isNewTable(context, table)) return undefined;
    if (!column.identity && !isSerialType(column.type.sql)) return undefined;
    return { message: `adds auto-increment column ${objectKey(table)}.${column.name}` };
  },
});

const addStoredGeneratedColumn = ruleFor({
  id: 'add-stored-generated-column',
  level: 'high',
  title: 'Stored generated column added to an existing table',
  rationale:
    'The value is computed and written for every existing row, so the table is rewritten while writes (PostgreSQL: reads too) are blocked.',
  safeAlternative:
    'Add a plain nullable column kept up to date by a trigger or the application, and backfill it in batches (on MySQL a VIRTUAL column is cheap).',
  anchors: [
    'SM add_column_generated_stored',
    'SQ adding-field-with-default',
    'AT PG309',
    'AT MY140',
  ],
  kinds: ['column.added'],
  check(event, context) {
    const { table, column } = event.payload;
    if (!column.generated?.stored || isNewTable(context, table)) return undefined;
    return { message: `adds stored generated column ${objectKey(table)}.${column.name}` };
  },
});

const setNotNullExistingColumn = ruleFor({
  id: 'set-not-null-existing-column',
  level: 'high',
  title: 'NOT NULL set on an existing column',
  rationale:
    'PostgreSQL scans the whole table under an ACCESS EXCLUSIVE lock to prove no NULL is left, and the migration fails if one is; MySQL rebuilds the table.',
  safeAlternative:
    'Add CHECK (column IS NOT NULL) NOT VALID, backfill, VALIDATE it in a separate transaction, then SET NOT NULL (PostgreSQL 12+ skips the scan) and drop the check.',
  anchors: [
    'SQ adding-not-nullable-field',
    'SM change_column_null',
    'DML NOT_NULL',
    'AT MF104',
    'AT PG303',
    'BB statement.disallow-add-not-null',
  ],
  kinds: ['column.nullability_changed'],
  check(event, context) {
    const { table, column, nullable } = event.payload;
    if (nullable || isNewTable(context, table)) return undefined;
    const name = `${objectKey(table)}.${column}`;
    if (isMysqlFamily(context.target))
      return { message: `makes ${name} NOT NULL, rebuilding the table`, level: 'medium' };
    if (atLeast(context.target, 12) && hasValidatedNotNullCheck(context, table, column))
      return undefined;
    return { message: `makes ${name} NOT NULL, scanning the table under an exclusive lock` };
  },
});

/** A validated CHECK (column IS NOT NULL) lets PostgreSQL 12+ skip the scan. */
function hasValidatedNotNullCheck(context: RuleContext, table: TableRef, column: string): boolean {
  const state = existingTable(context, table);
  if (!state) return false;
  const escaped = column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^\\(*\\s*"?${escaped}"?\\s+is\\s+not\\s+null\\s*\\)*$`, 'i');
  return state.constraints.some(
    (constraint) =>
      constraint.type === 'check' &&
      !constraint.notValid &&
      constraint.expression !== undefined &&
      pattern.test(constraint.expression.trim()),
  );
}

const changeDefaultPartialInserts = ruleFor({
  id: 'change-default-partial-inserts',
  level: 'low',
  title: 'Default changed while Rails partial inserts are on',
  rationale:
    'With partial inserts, Rails leaves out columns whose value equals the default it cached at boot; processes started before the change keep omitting them, so new rows get the new default instead of the value the code meant.',
  safeAlternative:
    'Turn partial inserts off (config.active_record.partial_inserts = false) before changing column defaults.',
  anchors: ['SM change_column_default', 'SQ ban-set-default'],
  kinds: ['column.default_changed'],
  check(event, context) {
    const { table, column } = event.payload;
    if (event.migration.framework !== 'rails' || !context.policy.settings.railsPartialInserts)
      return undefined;
    if (isNewColumn(context, table, column)) return undefined;
    return { message: `changes the default of ${objectKey(table)}.${column}` };
  },
});

const preferJsonb = ruleFor({
  id: 'prefer-jsonb',
  level: 'medium',
  title: 'json column instead of jsonb',
  rationale:
    'PostgreSQL’s json type has no equality operator, so DISTINCT, GROUP BY, UNION and unique indexes fail on it; it is also re-parsed on every access.',
  safeAlternative: 'Use jsonb: it has equality, indexes (GIN) and faster reads.',
  anchors: ['SM add_column_json'],
  kinds: ['column.added', 'column.type_changed'],
  check(event, context) {
    if (context.target.engine !== 'postgresql') return undefined;
    const { table } = event.payload;
    const [column, type] =
      event.kind === 'column.added'
        ? [event.payload.column.name, event.payload.column.type.sql]
        : [event.payload.column, event.payload.type.sql];
    if (parseType(type).base !== 'json') return undefined;
    return { message: `stores ${objectKey(table)}.${column} as json rather than jsonb` };
  },
});

export const COLUMN_RULES: readonly RiskRule[] = [
  addColumnVolatileDefault,
  addColumnExpressionDefaultMysql,
  addRequiredColumn,
  addAutoIncrementColumn,
  addStoredGeneratedColumn,
  setNotNullExistingColumn,
  changeDefaultPartialInserts,
  preferJsonb,
];
