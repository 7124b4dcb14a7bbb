import type { SchemaEvent, SchemaEventOf, TableRef } from '@schematrace/contracts';
import { objectKey, type ColumnState, type TableState } from '../../schema/schema-state';
import { columnBefore, existingTable, isNewColumn, isNewTable } from '../event-facts';
import { isBinaryCoercible, parseType } from '../postgres-types';
import { ruleFor, type RiskRule, type RuleHit } from '../risk-rule';
import { columnKey, MigrationTracker, type RuleContext } from '../rule-context';
import { atLeast } from '../target-version';

/** §1b of the rule catalogue: renames and type changes that break running code. */

const renameTable: RiskRule = {
  id: 'rename-table',
  level: 'high',
  title: 'Table renamed',
  rationale:
    'Application versions still running (and any reports, jobs or replicas reading the table) keep using the old name and fail until they are all replaced.',
  safeAlternative:
    'Point the ORM model at the old table name instead; or leave a view with the old name behind; or create the new table, write to both, backfill, switch reads, then drop the old one.',
  anchors: ['SQ renaming-table', 'SM rename_table', 'DML RENAME_TABLE', 'AT BC101', 'BB 102'],
  kinds: [],
  // Decided once the whole migration is seen: a view re-created under the old name later in
  // the migration keeps old readers working.
  finish(migration) {
    return replay(migration.identity, migration.events, (event, tracker, index) => {
      if (event.kind !== 'table.renamed') return undefined;
      const { table, newName } = event.payload;
      if (tracker.newTables.has(objectKey(table))) return undefined;
      const shim = migration.events
        .slice(index + 1)
        .some(
          (later) =>
            later.kind === 'view.created' &&
            objectKey({ schema: later.payload.schema, name: later.payload.name }) ===
              objectKey(table),
        );
      if (shim) return undefined;
      return { message: `renames table ${objectKey(table)} to ${newName}`, event };
    });
  },
};

const renameColumn: RiskRule = {
  id: 'rename-column',
  level: 'high',
  title: 'Column renamed',
  rationale:
    'Running application versions read and write the column by its old name, and every such query fails until they are all replaced.',
  safeAlternative:
    'Keep the column name and alias it in the ORM (Django db_column, Rails alias_attribute); or add the new column, write to both, backfill, switch reads, then drop the old one.',
  anchors: ['SQ renaming-column', 'SM rename_column', 'DML RENAME_COLUMN', 'AT BC102', 'BB 104'],
  kinds: [],
  // Decided at the end of the migration: re-adding the old name as a virtual generated column
  // keeps old readers working.
  finish(migration) {
    return replay(migration.identity, migration.events, (event, tracker, index) => {
      if (event.kind !== 'column.renamed') return undefined;
      const { table, column, newName } = event.payload;
      if (tracker.newTables.has(objectKey(table))) return undefined;
      if (tracker.newColumns.has(columnKey(table, column))) return undefined;
      const shim = migration.events
        .slice(index + 1)
        .some(
          (later) =>
            later.kind === 'column.added' &&
            objectKey(later.payload.table) === objectKey(table) &&
            later.payload.column.name === column &&
            later.payload.column.generated !== undefined &&
            !later.payload.column.generated.stored,
        );
      if (shim) return undefined;
      return { message: `renames column ${objectKey(table)}.${column} to ${newName}`, event };
    });
  },
};

/** Walks a migration's events, with what the migration had created before each one. */
function replay(
  identity: SchemaEvent['migration'],
  events: readonly SchemaEvent[],
  visit: (event: SchemaEvent, tracker: MigrationTracker, index: number) => RuleHit | undefined,
): RuleHit[] {
  const tracker = new MigrationTracker(identity);
  const hits: RuleHit[] = [];
  events.forEach((event, index) => {
    const hit = visit(event, tracker, index);
    if (hit) hits.push(hit);
    tracker.observe(event);
  });
  return hits;
}

const RENAMABLE_OBJECTS = [
  'schema.renamed',
  'table.schema_changed',
  'view.altered',
  'sequence.altered',
  'enum.altered',
  'domain.altered',
] as const;

const renameSchemaOrObject = ruleFor({
  id: 'rename-schema-or-object',
  level: 'high',
  title: 'Schema, view, sequence or type renamed or moved',
  rationale:
    'Code, views, defaults and grants that name the object by its old name or schema stop finding it as soon as the migration runs.',
  safeAlternative:
    'Create the object under its new name next to the old one, move every user over, and remove the old one in a later deploy.',
  anchors: ['SM rename_schema', 'SQ renaming-object', 'SQ ban-set-schema'],
  kinds: RENAMABLE_OBJECTS,
  check(event, context) {
    switch (event.kind) {
      case 'schema.renamed':
        return createdInMigration(context, 'schema.created', undefined, event.payload.name)
          ? undefined
          : { message: `renames schema ${event.payload.name} to ${event.payload.newName}` };
      case 'table.schema_changed': {
        const { table, newSchema } = event.payload;
        if (isNewTable(context, table)) return undefined;
        return { message: `moves table ${objectKey(table)} to schema ${newSchema}` };
      }
      default: {
        const payload = event.payload as {
          schema?: string;
          name: string;
          newName?: string;
          newSchema?: string;
        };
        if (payload.newName === undefined && payload.newSchema === undefined) return undefined;
        const [noun] = event.kind.split('.') as [string];
        if (createdInMigration(context, `${noun}.created`, payload.schema, payload.name))
          return undefined;
        const name = objectKey(payload);
        const moves = [
          ...(payload.newName ? [`renames it to ${payload.newName}`] : []),
          ...(payload.newSchema ? [`moves it to schema ${payload.newSchema}`] : []),
        ];
        return { message: `${noun} ${name}: ${moves.join(' and ')}` };
      }
    }
  },
});

function createdInMigration(
  context: RuleContext,
  kind: string,
  schema: string | undefined,
  name: string,
): boolean {
  return context.migration.events.some((earlier) => {
    if (earlier.kind !== kind) return false;
    const payload = earlier.payload as { schema?: string; name: string };
    return objectKey(payload) === objectKey({ schema, name });
  });
}

const renameEnumValue = ruleFor({
  id: 'rename-enum-value',
  level: 'high',
  title: 'Enum value renamed',
  rationale:
    'Running code still writes and compares the old label, which no longer exists, so its writes fail and its comparisons silently stop matching.',
  safeAlternative:
    'Add the new label next to the old one, make the code accept both, move the rows over, then stop using the old label.',
  anchors: ['SM rename_enum_value'],
  kinds: ['enum.altered'],
  check(event, context) {
    const { renamedValue, schema, name } = event.payload;
    if (!renamedValue) return undefined;
    if (createdInMigration(context, 'enum.created', schema, name)) return undefined;
    return {
      message: `renames value ${renamedValue.from} of enum ${objectKey({ schema, name })} to ${renamedValue.to}`,
    };
  },
});

type TypeChange = SchemaEventOf<'column.type_changed'>;

/** Is the type change free of a rewrite (the catalogue's binary-coercible changes)? */
function isCheapTypeChange(event: TypeChange, context: RuleContext, before: ColumnState): boolean {
  const table = context.before.tables[objectKey(event.payload.table)];
  if (!usesColumnOnly(event.payload.using, before.name, event.payload.type.sql)) return false;
  return isBinaryCoercible(before.type.sql, event.payload.type.sql, {
    engine: context.target.engine,
    pg12: atLeast(context.target, 12),
    sessionTimeZoneUtc: context.policy.settings.sessionTimeZoneUtc,
    indexed: table ? isIndexed(table, before.name) : false,
  });
}

/** A USING clause other than the column itself (or a plain cast of it) computes new values. */
function usesColumnOnly(using: string | undefined, column: string, type: string): boolean {
  if (using === undefined) return true;
  const plain = using.replace(/\s+/g, '').replace(/"/g, '').toLowerCase();
  const name = column.toLowerCase();
  return plain === name || plain === `${name}::${type.replace(/\s+/g, '').toLowerCase()}`;
}

function mentions(expression: string | undefined, column: string): boolean {
  if (!expression) return false;
  const escaped = column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9_])"?${escaped}"?($|[^A-Za-z0-9_])`).test(expression);
}

function isIndexed(table: TableState, column: string): boolean {
  return (
    table.indexes.some(
      (index) =>
        index.columns.includes(column) ||
        index.expressions.some((expression) => mentions(expression, column)),
    ) ||
    table.constraints.some(
      (constraint) =>
        (constraint.type === 'unique' ||
          constraint.type === 'primary-key' ||
          constraint.type === 'exclusion') &&
        constraint.columns.includes(column),
    ) ||
    table.columns.some(
      (candidate) => candidate.name === column && (candidate.unique || candidate.primaryKey),
    )
  );
}

function checksOn(table: TableState, column: string): string[] {
  return table.constraints
    .filter(
      (constraint) =>
        constraint.type === 'check' &&
        (constraint.columns.includes(column) || mentions(constraint.expression, column)),
    )
    .map((constraint) => constraint.name);
}

/** MySQL ENUM ↔ ENUM and SET ↔ SET changes are left to mysql-enum-set-rewrite. */
function isMysqlLabelChange(context: RuleContext, before: string, after: string): boolean {
  if (context.target.engine === 'postgresql') return false;
  const from = parseType(before).base;
  return (from === 'enum' || from === 'set') && parseType(after).base === from;
}

const changeColumnType = ruleFor({
  id: 'change-column-type',
  level: 'high',
  title: 'Column type changed',
  rationale:
    'Most type changes make PostgreSQL rewrite the table and rebuild its indexes under an ACCESS EXCLUSIVE lock (MySQL copies it and blocks writes), and clients reading the column may not understand the new type.',
  safeAlternative:
    'Add a column of the new type, keep both written (trigger or application), backfill in batches, switch reads over, then drop the old column.',
  anchors: [
    'SQ changing-column-type',
    'SM change_column',
    'DML ALTER_COLUMN',
    'AT PG301',
    'AT MY130',
    'BB column.disallow-change-type',
  ],
  kinds: ['column.type_changed'],
  check(event, context) {
    const { table, column, type } = event.payload;
    if (isNewTable(context, table)) return undefined;
    const before = columnBefore(context, table, column);
    const name = `${objectKey(table)}.${column}`;
    if (!before)
      return { message: `changes the type of ${name} to ${type.sql} (type before unknown)` };
    if (isMysqlLabelChange(context, before.type.sql, type.sql)) return undefined;
    if (isCheapTypeChange(event, context, before)) return undefined;
    return { message: `changes the type of ${name} from ${before.type.sql} to ${type.sql}` };
  },
});

const changeTypeSideEffects = ruleFor({
  id: 'change-type-side-effects',
  level: 'high',
  title: 'Cheap type change with an expensive side effect',
  rationale:
    'The type change itself needs no rewrite, but what comes with it does: setting NOT NULL in the same statement scans the table, check constraints on the column are re-checked row by row, and a new collation rebuilds the column’s indexes, all under an ACCESS EXCLUSIVE lock.',
  safeAlternative:
    'Change the type alone. Set NOT NULL separately through a validated CHECK constraint; drop the checks first and re-add them NOT VALID, validating later; change collation through a new column and index.',
  anchors: ['SM change_column_with_not_null', 'SM change_column_constraint', 'AT PG301'],
  kinds: ['column.type_changed', 'column.nullability_changed'],
  check(event, context) {
    const { table, column } = event.payload;
    if (isNewTable(context, table) || context.target.engine !== 'postgresql') return undefined;
    const state = existingTable(context, table);
    const name = `${objectKey(table)}.${column}`;
    if (event.kind === 'column.nullability_changed') {
      // Rails change_column(..., null: false), Django AlterField: one statement, two events.
      // The type before the change is no longer in the schema at hand, so the combination is
      // reported whether or not the type change itself rewrites the table.
      if (event.payload.nullable || !state) return undefined;
      const previous = context.migration.events.at(-1);
      if (previous?.kind !== 'column.type_changed') return undefined;
      if (!sameColumn(previous.payload, table, column) || !sameLine(previous, event))
        return undefined;
      return {
        message: `sets NOT NULL on ${name} in the same step as its type change, scanning every row under the lock`,
      };
    }
    const before = columnBefore(context, table, column);
    if (!before || !state || !isCheapTypeChange(event, context, before)) return undefined;
    const checks = checksOn(state, column);
    if (checks.length > 0)
      return {
        message: `changes the type of ${name}, re-checking ${checks.join(', ')} on every row`,
      };
    const from = parseType(before.type.sql).collation;
    const to = parseType(event.payload.type.sql).collation;
    if (to !== undefined && from !== to && isIndexed(state, column))
      return { message: `changes the collation of indexed column ${name} to ${to}` };
    return undefined;
  },
});

function sameColumn(payload: { table: TableRef; column: string }, table: TableRef, column: string) {
  return objectKey(payload.table) === objectKey(table) && payload.column === column;
}

function sameLine(a: SchemaEvent, b: SchemaEvent): boolean {
  const left = (a.payload as { context?: { line?: number } }).context?.line;
  const right = (b.payload as { context?: { line?: number } }).context?.line;
  return left === undefined || right === undefined || left === right;
}

const WRITE_RESTRICTIONS = [
  'constraint.added',
  'column.nullability_changed',
  'index.created',
] as const;

const newWriteRestriction = ruleFor({
  id: 'new-write-restriction',
  level: 'medium',
  title: 'New restriction on writes to an existing table',
  rationale:
    'During a rolling deploy, and after a rollback, application versions that know nothing of the new constraint keep writing; rows they write that break it now fail.',
  safeAlternative:
    'Deploy code that already satisfies the constraint first, and add the constraint in a later deploy.',
  anchors: ['SQ ban-new-write-restriction', 'DML ADD_UNIQUE'],
  optIn: true,
  kinds: WRITE_RESTRICTIONS,
  check(event, context) {
    const { table } = event.payload;
    if (isNewTable(context, table)) return undefined;
    const onColumns = (columns: readonly string[]) =>
      columns.length > 0 && columns.every((column) => isNewColumn(context, table, column));
    switch (event.kind) {
      case 'column.nullability_changed':
        if (event.payload.nullable || isNewColumn(context, table, event.payload.column))
          return undefined;
        return { message: `makes ${objectKey(table)}.${event.payload.column} NOT NULL` };
      case 'index.created': {
        const { index } = event.payload;
        if (!index.unique || (index.expressions.length === 0 && onColumns(index.columns)))
          return undefined;
        return { message: `adds unique index ${index.name} on ${objectKey(table)}` };
      }
      default: {
        const { constraint } = event.payload;
        if (constraint.expression === undefined && onColumns(constraint.columns)) return undefined;
        return {
          message: `adds ${constraint.type} constraint ${constraint.name} on ${objectKey(table)}`,
        };
      }
    }
  },
});

export const COMPATIBILITY_RULES: readonly RiskRule[] = [
  renameTable,
  renameColumn,
  renameSchemaOrObject,
  renameEnumValue,
  changeColumnType,
  changeTypeSideEffects,
  newWriteRestriction,
];
