import { constraintShape, indexDefinition, type ColumnOf } from './django-constraints';
import type { ColumnInput, IndexInput, OperationEvents } from './django-events';
import { addFieldDefault, columnName, fieldStorage, type ColumnSpec } from './django-fields';
import { createIndexName, foreignKeyName, postgresConstraintName } from './django-names';
import {
  type FieldObjects,
  type FieldState,
  type JoinTable,
  type ModelState,
  type ProjectState,
} from './django-state';

/**
 * The events of Django's schema editor on PostgreSQL, in the order it runs the statements:
 * the table, its columns with their inline UNIQUE/CHECK, then the deferred foreign keys,
 * composed uniques and indexes.
 */
export interface SchemaScope {
  readonly state: ProjectState;
  readonly events: OperationEvents;
}

export function columnOfModel(state: ProjectState, model: ModelState): ColumnOf {
  return (name) => {
    const field = state.field(model, name);
    return field ? columnName(field.name, field.call) : name;
  };
}

/**
 * `CreateModel`: `create_model` of the model and of its auto-created join tables. Inline in
 * CREATE TABLE: columns with their UNIQUE/CHECK and plain Meta.constraints; deferred after it:
 * unique_together, foreign keys, index-backed unique constraints, field indexes, index_together,
 * Meta.indexes; then the join tables.
 */
export function createTable({ state, events }: SchemaScope, model: ModelState): void {
  const table = state.tableOf(model);
  const tableRef = { name: table };
  events.emit('table.created', { table: tableRef, model: { app: model.app, name: model.name } });
  const columns: { field: FieldState; spec: ColumnSpec }[] = [];
  for (const field of model.fields) {
    const spec = fieldStorage(field.call) === 'column' ? state.columnSpec(model, field) : undefined;
    if (!spec) continue;
    columns.push({ field, spec });
    events.emit('column.added', { table: tableRef, column: spec.definition });
  }
  if (model.tableComment !== undefined) {
    events.emit('table.comment_changed', { table: tableRef, comment: model.tableComment });
  }
  for (const { field, spec } of columns) {
    Object.assign(objectsOf(model, field.name), inlineConstraints({ state, events }, table, spec));
  }
  const columnOf = columnOfModel(state, model);
  const uniqueIndexes: IndexInput[] = [];
  for (const constraint of model.constraints) {
    const shape = constraintShape(constraint.call, columnOf);
    if (shape.kind === 'constraint')
      events.emit('constraint.added', { table: tableRef, constraint: shape.definition });
    else uniqueIndexes.push(shape.definition);
  }
  model.uniqueTogether = model.uniqueTogether.map((entry) => {
    const cols = entry.fields.map(columnOf);
    const name = createIndexName(table, cols, '_uniq');
    events.emit('constraint.added', {
      table: tableRef,
      constraint: { name, type: 'unique', columns: cols },
    });
    return { ...entry, name };
  });
  for (const { field, spec } of columns) {
    const name = addForeignKey({ state, events }, table, spec);
    if (name) objectsOf(model, field.name).foreignKey = name;
  }
  for (const index of uniqueIndexes) events.emit('index.created', { table: tableRef, index });
  for (const { field, spec } of columns) {
    Object.assign(objectsOf(model, field.name), addFieldIndexes({ state, events }, table, spec));
  }
  model.indexTogether = model.indexTogether.map((entry) => {
    const cols = entry.fields.map(columnOf);
    const name = createIndexName(table, cols, '_idx');
    events.emit('index.created', { table: tableRef, index: { name, columns: cols } });
    return { ...entry, name };
  });
  for (const index of model.indexes) {
    events.emit('index.created', { table: tableRef, index: indexDefinition(index.call, columnOf) });
  }
  for (const field of model.fields) {
    if (fieldStorage(field.call) === 'join-table') createJoinTable({ state, events }, model, field);
  }
}

/**
 * `AddField` of a concrete column (`add_field`): ADD COLUMN with inline UNIQUE/CHECK/REFERENCES and
 * the temporary DEFAULT that fills the rows already there, DROP DEFAULT, then the indexes.
 */
export function addColumn(
  { state, events }: SchemaScope,
  model: ModelState,
  field: FieldState,
): ColumnSpec | undefined {
  const spec = state.columnSpec(model, field);
  if (!spec) return undefined;
  const table = state.tableOf(model);
  const temporary = addFieldDefault(field.call);
  const column = temporary ? { ...spec.definition, default: temporary } : spec.definition;
  events.emit('column.added', { table: { name: table }, column });
  const objects = objectsOf(model, field.name);
  Object.assign(objects, inlineConstraints({ state, events }, table, spec));
  const fk = addForeignKey({ state, events }, table, spec);
  if (fk) objects.foreignKey = fk;
  if (temporary) {
    // Django keeps defaults out of the database: the column is left without one.
    events.emit('column.default_changed', {
      table: { name: table },
      column: column.name,
      default: { kind: 'none' },
    });
  }
  Object.assign(objects, addFieldIndexes({ state, events }, table, spec));
  return spec;
}

/** `RemoveField`: Django drops the column's foreign keys, then the column (CASCADE). */
export function dropColumn(
  { state, events }: SchemaScope,
  model: ModelState,
  field: FieldState,
): void {
  const table = { name: state.tableOf(model) };
  const spec = state.columnSpec(model, field);
  if (!spec) return;
  const objects = model.objects[field.name];
  if (spec.foreignKey?.constraint) {
    const name =
      objects?.foreignKey ??
      foreignKeyName(
        table.name,
        spec.definition.name,
        spec.foreignKey.target.table,
        spec.foreignKey.target.column,
      );
    events.emit('constraint.dropped', { table, name });
  }
  events.emit('column.dropped', { table, column: spec.definition.name, cascade: true });
  delete model.objects[field.name];
}

/** The auto-created through table of a ManyToManyField: id, two references, unique pair. */
export function createJoinTable(
  { state, events }: SchemaScope,
  model: ModelState,
  field: FieldState,
): void {
  const join = state.joinTable(model, field);
  if (!join) return;
  const table = { name: join.table };
  const idType =
    join.idClass === 'AutoField'
      ? 'integer'
      : join.idClass === 'SmallAutoField'
        ? 'smallint'
        : 'bigint';
  events.emit('table.created', { table, model: { app: model.app, name: join.modelName } });
  events.emit('column.added', {
    table,
    column: {
      name: 'id',
      type: { sql: idType, framework: join.idClass },
      nullable: false,
      unique: false,
      primaryKey: true,
      default: { kind: 'none' },
      identity: 'by-default',
    },
  });
  const sides = [
    { column: join.fromColumn, target: join.from },
    { column: join.toColumn, target: join.to },
  ];
  for (const side of sides) {
    const column: ColumnInput = {
      name: side.column,
      type: { sql: side.target.type, framework: 'ForeignKey' },
      nullable: false,
      unique: false,
      primaryKey: false,
      default: { kind: 'none' },
      ...(join.constraint
        ? {
            references: {
              table: { name: side.target.table },
              column: side.target.column,
              onDelete: 'no action',
            },
          }
        : {}),
    };
    events.emit('column.added', { table, column });
  }
  if (join.constraint) {
    for (const side of sides) {
      events.emit('constraint.added', {
        table,
        constraint: {
          name: foreignKeyName(join.table, side.column, side.target.table, side.target.column),
          type: 'foreign-key',
          columns: [side.column],
          references: {
            table: { name: side.target.table },
            columns: [side.target.column],
            onDelete: 'no action',
          },
        },
      });
    }
  }
  const pair = [join.fromColumn, join.toColumn];
  events.emit('constraint.added', {
    table,
    constraint: { name: createIndexName(join.table, pair, '_uniq'), type: 'unique', columns: pair },
  });
  for (const side of sides) {
    events.emit('index.created', {
      table,
      index: { name: createIndexName(join.table, [side.column]), columns: [side.column] },
    });
    if (side.target.type.startsWith('varchar') || side.target.type.startsWith('text')) {
      events.emit('index.created', {
        table,
        index: {
          name: createIndexName(join.table, [side.column], '_like'),
          columns: [side.column],
        },
      });
    }
  }
}

export function dropJoinTable(
  { state, events }: SchemaScope,
  model: ModelState,
  field: FieldState,
): void {
  const join = state.joinTable(model, field);
  if (join) events.emit('table.dropped', { table: { name: join.table }, cascade: true });
}

/**
 * The auto-created join tables of these models (those of the state with a table, in the state's
 * model order), keyed by `<model key>:<field name>`. A rename or table change only affects the
 * join tables of the models it names, so callers pass just those instead of the whole project.
 */
export function joinTables(
  state: ProjectState,
  models: Iterable<ModelState>,
): Map<string, JoinTable> {
  const tables = new Map<string, JoinTable>();
  for (const model of state.ordered(models)) {
    if (!state.hasTable(model)) continue;
    for (const field of model.fields) {
      const join = state.joinTable(model, field);
      if (join) tables.set(`${model.app}.${model.name.toLowerCase()}:${field.name}`, join);
    }
  }
  return tables;
}

/**
 * Renames that follow a model or field rename: a join table named after the model's table or the
 * field, and its columns named after the models (`<model>_id`).
 */
export function renameJoinTables(
  events: OperationEvents,
  before: Map<string, JoinTable>,
  after: Map<string, JoinTable>,
  renamedKey: (key: string) => string = (key) => key,
): void {
  for (const [key, old] of before) {
    const now = after.get(renamedKey(key));
    if (!now) continue;
    if (old.table !== now.table)
      events.emit('table.renamed', { table: { name: old.table }, newName: now.table });
    const table = { name: now.table };
    if (old.fromColumn !== now.fromColumn) {
      events.emit('column.renamed', { table, column: old.fromColumn, newName: now.fromColumn });
    }
    if (old.toColumn !== now.toColumn) {
      events.emit('column.renamed', { table, column: old.toColumn, newName: now.toColumn });
    }
  }
}

/** Inline UNIQUE and CHECK of a column definition: PostgreSQL names them `<table>_<column>_key|check`. */
function inlineConstraints({ events }: SchemaScope, table: string, spec: ColumnSpec): FieldObjects {
  const objects: FieldObjects = {};
  const column = spec.definition.name;
  if (spec.definition.unique) {
    objects.unique = postgresConstraintName(table, column, 'key');
    events.emit('constraint.added', {
      table: { name: table },
      constraint: { name: objects.unique, type: 'unique', columns: [column] },
    });
  }
  if (spec.check) {
    objects.check = postgresConstraintName(table, column, 'check');
    events.emit('constraint.added', {
      table: { name: table },
      constraint: { name: objects.check, type: 'check', columns: [column], expression: spec.check },
    });
  }
  return objects;
}

export function addForeignKey(
  { events }: SchemaScope,
  table: string,
  spec: ColumnSpec,
): string | undefined {
  if (!spec.foreignKey?.constraint) return undefined;
  const { target, onDelete } = spec.foreignKey;
  const column = spec.definition.name;
  const name = foreignKeyName(table, column, target.table, target.column);
  events.emit('constraint.added', {
    table: { name: table },
    constraint: {
      name,
      type: 'foreign-key',
      columns: [column],
      references: { table: { name: target.table }, columns: [target.column], onDelete },
    },
  });
  return name;
}

/** The field's own index (`db_index`) and PostgreSQL's `_like` pattern-ops index for text. */
export function addFieldIndexes(
  { events }: SchemaScope,
  table: string,
  spec: ColumnSpec,
): FieldObjects {
  const objects: FieldObjects = {};
  const column = spec.definition.name;
  if (spec.indexed) {
    objects.index = createIndexName(table, [column]);
    events.emit('index.created', {
      table: { name: table },
      index: { name: objects.index, columns: [column] },
    });
  }
  if (spec.likeIndexed) {
    objects.likeIndex = createIndexName(table, [column], '_like');
    events.emit('index.created', {
      table: { name: table },
      index: { name: objects.likeIndex, columns: [column] },
    });
  }
  return objects;
}

export function objectsOf(model: ModelState, field: string): FieldObjects {
  model.objects[field] ??= {};
  return model.objects[field];
}
