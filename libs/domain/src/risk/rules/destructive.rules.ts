import type { SchemaEvent } from '@schematrace/contracts';
import { objectKey } from '../../schema/schema-state';
import { columnBefore, isNewColumn, isNewTable } from '../event-facts';
import { ruleFor, type RiskRule } from '../risk-rule';

/** §1a of the rule catalogue: changes that lose data or whole objects. */

const dropTable = ruleFor({
  id: 'drop-table',
  level: 'critical',
  title: 'Table dropped',
  rationale:
    'Every row of the table is gone for good, and any code still querying it fails from the moment the migration runs.',
  safeAlternative:
    'Remove every use of the table from the code and deploy that first; back the table up (or check it is empty), then drop it in a later migration.',
  anchors: ['SQ ban-drop-table', 'DML DROP_TABLE', 'AT DS102', 'BB 103'],
  kinds: ['table.dropped'],
  check(event, context) {
    if (isNewTable(context, event.payload.table)) return undefined;
    return { message: `drops table ${objectKey(event.payload.table)} and all its rows` };
  },
});

const dropColumn = ruleFor({
  id: 'drop-column',
  level: 'high',
  title: 'Column dropped',
  rationale:
    'The data in the column is lost, and ORMs that cache or enumerate columns (Rails, Django) keep asking for it until every running process restarts.',
  safeAlternative:
    'Make the ORM ignore the column (Rails ignored_columns, django-deprecate-fields), deploy, drop it in a later migration, then remove the ignore.',
  anchors: ['SQ ban-drop-column', 'SM remove_column', 'DML DROP_COLUMN', 'AT DS103', 'BB 105'],
  kinds: ['column.dropped'],
  check(event, context) {
    const { table, column } = event.payload;
    if (isNewColumn(context, table, column)) return undefined;
    const generated = columnBefore(context, table, column)?.generated;
    // A virtual generated column holds no data of its own.
    if (generated && !generated.stored) return undefined;
    return { message: `drops column ${objectKey(table)}.${column} and its data` };
  },
});

const dropSchemaOrDatabase = ruleFor({
  id: 'drop-schema-or-database',
  level: 'critical',
  title: 'Schema or database dropped',
  rationale: 'Everything inside the schema or database is gone with it.',
  safeAlternative:
    'Never from application migrations: do it from an operations runbook, after a backup.',
  anchors: ['SQ ban-drop-database', 'SQ ban-drop-schema', 'AT DS101', 'BB 101'],
  kinds: ['schema.dropped', 'database.dropped'],
  check(event) {
    const noun = event.kind === 'schema.dropped' ? 'schema' : 'database';
    return { message: `drops ${noun} ${event.payload.name} and everything in it` };
  },
});

const OTHER_DROPS = [
  'view.dropped',
  'sequence.dropped',
  'domain.dropped',
  'extension.dropped',
  'function.dropped',
  'policy.dropped',
  'enum.dropped',
] as const;

const dropOtherObject = ruleFor({
  id: 'drop-other-object',
  level: 'medium',
  title: 'View, sequence, type, extension, function or policy dropped',
  rationale:
    'Objects that depend on it break: views, column defaults that draw from a sequence, columns of an extension’s types, code that calls a function.',
  safeAlternative: 'Remove what depends on it and its uses in the code first; drop it later.',
  anchors: [
    'SQ ban-drop-sequence',
    'SQ ban-drop-domain',
    'SQ ban-drop-extension',
    'SQ ban-drop-policy',
    'BB 103',
  ],
  kinds: OTHER_DROPS,
  check(event) {
    const [noun] = event.kind.split('.') as [string];
    const name = 'name' in event.payload ? event.payload.name : '';
    return { message: `drops ${noun} ${name}` };
  },
});

const truncateTable = ruleFor({
  id: 'truncate-table',
  level: 'high',
  title: 'Table truncated',
  rationale:
    'TRUNCATE removes every row at once; with CASCADE it silently empties every table that references it too.',
  safeAlternative: 'Delete the rows meant to go, in batches with a WHERE clause; never CASCADE.',
  anchors: ['SQ ban-truncate-cascade', 'BB statement.disallow-truncate'],
  kinds: ['table.truncated'],
  check(event, context) {
    const tables = event.payload.tables.filter((table) => !isNewTable(context, table));
    if (tables.length === 0) return undefined;
    const names = tables.map(objectKey).join(', ');
    return event.payload.cascade
      ? {
          message: `truncates ${names} and, by CASCADE, every table referencing it`,
          level: 'critical',
        }
      : { message: `truncates ${names}` };
  },
});

const CASCADING = [
  'table.dropped',
  'column.dropped',
  'constraint.dropped',
  'schema.dropped',
  'view.dropped',
  'sequence.dropped',
  'domain.dropped',
  'enum.dropped',
  'extension.dropped',
  'function.dropped',
  'trigger.dropped',
] as const;

const dropWithCascade = ruleFor({
  id: 'drop-with-cascade',
  level: 'high',
  title: 'DROP … CASCADE',
  rationale:
    'CASCADE silently drops whatever depends on the object (views, foreign keys, defaults), which the migration does not show.',
  safeAlternative:
    'Drop the dependent objects explicitly, each in its own statement, then the object.',
  anchors: ['BB statement.disallow-rm-tbl-cascade'],
  kinds: CASCADING,
  check(event) {
    if (!('cascade' in event.payload) || !event.payload.cascade) return undefined;
    return { message: `${describeDrop(event)} with CASCADE, taking its dependents along unseen` };
  },
});

function describeDrop(event: SchemaEvent): string {
  const payload = event.payload as {
    table?: { name: string; schema?: string };
    name?: string;
    column?: string;
  };
  const [noun] = event.kind.split('.') as [string];
  if (event.kind === 'column.dropped' && payload.table)
    return `drops column ${objectKey(payload.table)}.${payload.column}`;
  if (event.kind === 'table.dropped' && payload.table)
    return `drops table ${objectKey(payload.table)}`;
  return `drops ${noun} ${payload.name ?? ''}`.trimEnd();
}

const createTableReplacesExisting = ruleFor({
  id: 'create-table-replaces-existing',
  level: 'high',
  title: 'Table created over an existing one',
  rationale:
    'Creating a table with force (Rails `force: true`) or after DROP IF EXISTS destroys an existing table of that name and its data.',
  safeAlternative:
    'Create the table without force; drop the old one explicitly, reviewed, if it must go.',
  anchors: ['SM create_table'],
  kinds: ['table.created'],
  check(event, context) {
    const { table } = event.payload;
    if (event.payload.replaceExisting)
      return {
        message: `creates table ${objectKey(table)} replacing any existing table of that name`,
      };
    // DROP TABLE IF EXISTS followed by CREATE TABLE of the same name, in one migration.
    const dropped = context.migration.events.some(
      (earlier) =>
        earlier.kind === 'table.dropped' &&
        earlier.payload.ifExists &&
        objectKey(earlier.payload.table) === objectKey(table),
    );
    return dropped
      ? { message: `drops (if it exists) and re-creates table ${objectKey(table)}` }
      : undefined;
  },
});

const dropConstraint = ruleFor({
  id: 'drop-constraint',
  level: 'medium',
  title: 'Constraint dropped',
  rationale:
    'The guarantee it gave (a foreign key, a check, a primary key, uniqueness) is gone, and adding it back on live data later is slow and may fail.',
  safeAlternative:
    'Make the application enforce the rule first; if you revert, re-add the constraint as NOT VALID and validate it separately.',
  anchors: ['AT CD101', 'AT CD102', 'AT CD103', 'SQ ban-drop-constraint'],
  kinds: ['constraint.dropped'],
  check(event, context) {
    const { table, name } = event.payload;
    if (isNewTable(context, table)) return undefined;
    const type = context.before.tables[objectKey(table)]?.constraints.find(
      (constraint) => constraint.name === name,
    )?.type;
    return { message: `drops ${type ? `${type} ` : ''}constraint ${name} on ${objectKey(table)}` };
  },
});

const dropNotNull = ruleFor({
  id: 'drop-not-null',
  level: 'medium',
  title: 'NOT NULL removed',
  rationale:
    'Readers that assume a value (the application, reports, PL/pgSQL, code rolled back to an earlier version) meet NULLs they do not handle.',
  safeAlternative:
    'Keep the column NOT NULL with a sentinel value, or add a new nullable column and migrate to it.',
  anchors: ['SQ ban-drop-not-null'],
  kinds: ['column.nullability_changed'],
  check(event, context) {
    const { table, column, nullable } = event.payload;
    if (!nullable || isNewColumn(context, table, column)) return undefined;
    return { message: `allows NULL in ${objectKey(table)}.${column}` };
  },
});

const dropDefaultOnRequiredColumn = ruleFor({
  id: 'drop-default-on-required-column',
  level: 'high',
  title: 'Default removed from a NOT NULL column',
  rationale:
    'Application versions still running that omit the column on INSERT start failing with a NOT NULL violation.',
  safeAlternative:
    'Keep a database-level default (Django db_default, SQLAlchemy server_default) until every writer sets the column.',
  anchors: ['DML NOT_NULL'],
  kinds: ['column.default_changed'],
  check(event, context) {
    const { table, column } = event.payload;
    if (event.payload.default.kind !== 'none') return undefined;
    if (isNewTable(context, table)) return undefined;
    const before = columnBefore(context, table, column);
    // An ORM-only default never reached the database: removing it changes nothing there.
    if (!before || before.nullable || before.default.kind === 'none') return undefined;
    if (before.default.level === 'app') return undefined;
    return { message: `removes the default of NOT NULL column ${objectKey(table)}.${column}` };
  },
});

export const DESTRUCTIVE_RULES: readonly RiskRule[] = [
  dropTable,
  dropColumn,
  dropSchemaOrDatabase,
  dropOtherObject,
  truncateTable,
  dropWithCascade,
  createTableReplacesExisting,
  dropConstraint,
  dropNotNull,
  dropDefaultOnRequiredColumn,
];
