import type { ColumnDefault } from '@schematrace/contracts';
import { fieldStorage, type ColumnSpec } from './django-fields';
import { createIndexName, foreignKeyName, postgresConstraintName } from './django-names';
import { renameJoinTables, joinTables, objectsOf, type SchemaScope } from './django-schema-events';
import type { FieldState, ModelState } from './django-state';

/**
 * `AlterField` as Django's `_alter_field` runs it on PostgreSQL, turned into the precise changes:
 * drops of what no longer applies, rename, type, default, nullability (with the backfill UPDATE
 * when a column becomes NOT NULL with a default), then the new unique/index/check/foreign key.
 * Nothing is emitted when no database-relevant attribute changed (help_text, choices, ...).
 *
 * `newField` is the definition the database operation uses; `stateField` the one kept in the state
 * (they differ when `preserve_default=False`: the default only fills existing rows).
 */
export function alterField(
  scope: SchemaScope,
  model: ModelState,
  oldField: FieldState,
  newField: FieldState,
  stateField: FieldState,
): { unsupported?: string } {
  const { state, events } = scope;
  const oldStorage = fieldStorage(oldField.call);
  const newStorage = fieldStorage(newField.call);
  if (oldStorage !== 'column' || newStorage !== 'column') {
    if (oldStorage === 'column' || newStorage === 'column') {
      return {
        unsupported: 'AlterField between a many-to-many field and a column (Django refuses it)',
      };
    }
    // Only the model's own join tables depend on its fields.
    const before = joinTables(state, [model]);
    state.replaceField(model, oldField, stateField);
    renameJoinTables(events, before, joinTables(state, [model]));
    return {};
  }
  const old = state.columnSpec(model, oldField)!;
  const next = state.columnSpec(model, newField)!;
  const kept = state.columnSpec(model, stateField)!;
  const table = { name: state.tableOf(model) };
  const objects = objectsOf(model, oldField.name);
  const oldColumn = old.definition.name;
  const column = next.definition.name;
  const typeChanged = old.definition.type.sql !== next.definition.type.sql;
  const dropped = new Set<string>();
  const dropIndex = (name: string | undefined) => {
    if (name === undefined || dropped.has(name)) return;
    dropped.add(name);
    // PostgreSQL's schema editor drops indexes with IF EXISTS.
    events.emit('index.dropped', { table, name, ifExists: true });
  };

  // Relations pointing at this column follow a type change (Django's `rels_to_update`).
  const dependents =
    typeChanged && (old.definition.primaryKey || isToFieldTarget(scope, model, oldField))
      ? referencingColumns(scope, model, oldField)
      : [];
  for (const dependent of dependents) {
    if (dependent.foreignKeyName)
      events.emit('constraint.dropped', { table: dependent.table, name: dependent.foreignKeyName });
  }

  const fkTargetChanged =
    old.foreignKey?.target.table !== next.foreignKey?.target.table ||
    old.foreignKey?.target.column !== next.foreignKey?.target.column;
  const fkDropped =
    old.foreignKey?.constraint === true &&
    (!next.foreignKey?.constraint || typeChanged || fkTargetChanged);
  if (fkDropped) {
    const target = old.foreignKey.target;
    events.emit('constraint.dropped', {
      table,
      name:
        objects.foreignKey ?? foreignKeyName(table.name, oldColumn, target.table, target.column),
    });
    delete objects.foreignKey;
  }
  if (old.definition.unique && !next.definition.unique) {
    events.emit('constraint.dropped', {
      table,
      name: objects.unique ?? postgresConstraintName(table.name, oldColumn, 'key'),
    });
    delete objects.unique;
  }
  if (old.indexed && !next.indexed) {
    // Django drops every plain btree index on the column, which includes the `_like` one.
    dropIndex(objects.index ?? createIndexName(table.name, [oldColumn]));
    if (old.likeIndexed)
      dropIndex(objects.likeIndex ?? createIndexName(table.name, [oldColumn], '_like'));
    delete objects.index;
    delete objects.likeIndex;
  }
  if (old.check !== undefined && old.check !== next.check) {
    events.emit('constraint.dropped', {
      table,
      name: objects.check ?? postgresConstraintName(table.name, oldColumn, 'check'),
    });
    delete objects.check;
  }
  if (oldColumn !== column)
    events.emit('column.renamed', { table, column: oldColumn, newName: column });
  if (typeChanged) {
    if (leavesTextFamily(old, next)) {
      dropIndex(createIndexName(table.name, [oldColumn], '_like'));
      delete objects.likeIndex;
    }
    events.emit('column.type_changed', {
      table,
      column,
      type: next.definition.type,
      ...usingClause(column, old, next),
    });
  }
  const oldNullable = old.definition.nullable;
  const newNullable = next.definition.nullable;
  if (oldNullable && !newNullable && next.backfill !== undefined) {
    events.emit('data.migrated', {
      operation: 'update',
      description: `UPDATE "${table.name}" SET "${column}" = ${next.backfill} WHERE "${column}" IS NULL`,
      table,
      hasWhere: true,
    });
  }
  if (!sameDefault(old.definition.default, kept.definition.default)) {
    events.emit('column.default_changed', { table, column, default: kept.definition.default });
  }
  if (oldNullable !== newNullable) {
    events.emit('column.nullability_changed', { table, column, nullable: newNullable });
  }
  if (!old.definition.unique && next.definition.unique) {
    objects.unique = createIndexName(table.name, [column], '_uniq');
    events.emit('constraint.added', {
      table,
      constraint: { name: objects.unique, type: 'unique', columns: [column] },
    });
  }
  if (!old.indexed && next.indexed) {
    objects.index = createIndexName(table.name, [column]);
    events.emit('index.created', { table, index: { name: objects.index, columns: [column] } });
  }
  const likeAdded =
    next.likeIndexed &&
    ((!(old.indexed || old.definition.unique || old.definition.primaryKey) && next.indexed) ||
      (!old.definition.unique && next.definition.unique));
  if (likeAdded) {
    objects.likeIndex = createIndexName(table.name, [column], '_like');
    events.emit('index.created', { table, index: { name: objects.likeIndex, columns: [column] } });
  }
  if (old.definition.unique && !(next.indexed || next.definition.unique) && old.likeIndexed) {
    dropIndex(createIndexName(table.name, [oldColumn], '_like'));
    delete objects.likeIndex;
  }
  if (next.check !== undefined && old.check !== next.check) {
    objects.check = createIndexName(table.name, [column], '_check');
    events.emit('constraint.added', {
      table,
      constraint: { name: objects.check, type: 'check', columns: [column], expression: next.check },
    });
  }
  if (next.foreignKey?.constraint && (fkDropped || !old.foreignKey?.constraint)) {
    const { target, onDelete } = next.foreignKey;
    objects.foreignKey = foreignKeyName(table.name, column, target.table, target.column);
    events.emit('constraint.added', {
      table,
      constraint: {
        name: objects.foreignKey,
        type: 'foreign-key',
        columns: [column],
        references: { table: { name: target.table }, columns: [target.column], onDelete },
      },
    });
  }
  if ((old.definition.comment ?? null) !== (next.definition.comment ?? null)) {
    events.emit('column.comment_changed', {
      table,
      column,
      comment: next.definition.comment ?? null,
    });
  }

  state.replaceField(model, oldField, stateField);
  for (const dependent of dependents) {
    const type = { sql: relatedSql(scope, model, stateField), framework: dependent.framework };
    events.emit('column.type_changed', {
      table: dependent.table,
      column: dependent.column,
      type,
      using: `"${dependent.column}"::${type.sql}`,
    });
  }
  for (const dependent of dependents) {
    if (!dependent.foreignKeyName) continue;
    const target = { table: state.tableOf(model), column };
    events.emit('constraint.added', {
      table: dependent.table,
      constraint: {
        name: foreignKeyName(dependent.table.name, dependent.column, target.table, target.column),
        type: 'foreign-key',
        columns: [dependent.column],
        references: {
          table: { name: target.table },
          columns: [target.column],
          onDelete: dependent.onDelete,
        },
      },
    });
  }
  return {};
}

function sameDefault(a: ColumnDefault, b: ColumnDefault): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** PostgreSQL drops the `_like` index when a varchar/text/citext column leaves that family. */
function leavesTextFamily(old: ColumnSpec, next: ColumnSpec): boolean {
  if (!(old.indexed || old.definition.unique || old.definition.primaryKey)) return false;
  const before = old.definition.type.sql;
  const after = next.definition.type.sql;
  return ['varchar', 'text', 'citext'].some(
    (family) => before.startsWith(family) && !after.startsWith(family),
  );
}

/**
 * Django adds `USING "col"::type` when the base type changes (varchar(50) → varchar(100) keeps
 * the same base type and needs no cast).
 */
function usingClause(column: string, old: ColumnSpec, next: ColumnSpec): { using?: string } {
  const base = (sql: string) => {
    const paren = sql.indexOf('(');
    return paren < 0 ? sql : sql.slice(0, paren);
  };
  const before = old.definition.type.sql;
  const after = next.definition.type.sql;
  const differs =
    before.endsWith(']') || after.endsWith(']') ? before !== after : base(before) !== base(after);
  return differs ? { using: `"${column}"::${after}` } : {};
}

interface DependentColumn {
  readonly table: { name: string };
  readonly column: string;
  readonly framework: string;
  readonly foreignKeyName?: string;
  readonly onDelete: 'cascade' | 'set null' | 'set default' | 'no action';
}

function isToFieldTarget(scope: SchemaScope, model: ModelState, field: FieldState): boolean {
  return scope.state.referencesTo(model, field.name).length > 0;
}

/** Columns of other tables (and join tables) whose type is copied from the altered column. */
function referencingColumns(
  scope: SchemaScope,
  model: ModelState,
  field: FieldState,
): DependentColumn[] {
  const { state } = scope;
  const dependents: DependentColumn[] = [];
  for (const { model: other, field: relation } of state.referencesTo(model, field.name)) {
    if (!state.hasTable(other)) continue;
    const join = state.joinTable(other, relation);
    if (join) {
      const selfReferential = join.from.table === join.to.table;
      const sides = selfReferential ? [join.fromColumn, join.toColumn] : [join.toColumn];
      for (const column of sides) {
        dependents.push({
          table: { name: join.table },
          column,
          framework: 'ForeignKey',
          ...(join.constraint
            ? { foreignKeyName: foreignKeyName(join.table, column, join.to.table, join.to.column) }
            : {}),
          onDelete: 'no action',
        });
      }
      continue;
    }
    const spec = state.columnSpec(other, relation);
    if (!spec?.foreignKey) continue;
    const table = state.tableOf(other);
    dependents.push({
      table: { name: table },
      column: spec.definition.name,
      framework: spec.internalType,
      ...(spec.foreignKey.constraint
        ? {
            foreignKeyName:
              other.objects[relation.name]?.foreignKey ??
              foreignKeyName(
                table,
                spec.definition.name,
                spec.foreignKey.target.table,
                spec.foreignKey.target.column,
              ),
          }
        : {}),
      onDelete: spec.foreignKey.onDelete,
    });
  }
  return dependents;
}

/** The referencing type of the altered field after the change. */
function relatedSql(scope: SchemaScope, model: ModelState, field: FieldState): string {
  const related = scope.state.relatedColumn(
    model,
    { type: 'str', value: 'self', line: field.call.line },
    field.name,
  );
  return related?.type ?? 'bigint';
}
