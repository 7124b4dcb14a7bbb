import {
  asItems,
  asString,
  asStringKeyed,
  asStrings,
  bindArguments,
  isCall,
  kwarg,
  lastSegment,
  toPythonSource,
  truthy,
  type PyCall,
  type PyValue,
} from '../python/python-value';
import { alterField } from './django-alter-field';
import { constraintShape, indexDefinition } from './django-constraints';
import type { OperationEvents } from './django-events';
import type { CodeFacts } from './django-run-python';
import { fieldStorage, isPrimaryKey } from './django-fields';
import { createIndexName } from './django-names';
import {
  addColumn,
  columnOfModel,
  createJoinTable,
  createTable,
  dropColumn,
  dropJoinTable,
  joinTables,
  renameJoinTables,
} from './django-schema-events';
import {
  emptyModel,
  modelKey,
  modelKeyFromLabel,
  type ComposedIndex,
  type FieldState,
  type ModelState,
  type ProjectState,
} from './django-state';

/** What an operation works on: the migration's app, the replayed state and its event sink. */
export interface OperationContext {
  readonly app: string;
  readonly state: ProjectState;
  readonly events: OperationEvents;
  /** Functions the migration file defines, for what RunPython's code does. */
  readonly functions?: ReadonlyMap<string, CodeFacts>;
  /**
   * Run by another operation (SeparateDatabaseAndState's database_operations): Django only honours
   * `atomic=` on the migration's own operations.
   */
  readonly nested?: boolean;
}

type Handler = (call: PyCall, context: OperationContext) => void;

/**
 * Applies one entry of `operations` to the state and emits its events. Problems are reported as
 * `migration.unparsed` drafts; nothing throws for bad input.
 */
export function runOperation(operation: PyValue, context: OperationContext): void {
  if (!isCall(operation)) {
    context.events.unknownReversibility();
    context.events.unparsed(
      `line ${operation.line}: operation is not a call: ${excerpt(toPythonSource(operation))}`,
      operation.line,
    );
    return;
  }
  const name = lastSegment(operation.callee);
  const handler = Object.hasOwn(HANDLERS, name) ? HANDLERS[name] : undefined;
  if (!handler) {
    context.events.unknownReversibility();
    context.events.unparsed(
      `line ${operation.line}: unsupported operation ${name}`,
      operation.line,
    );
    return;
  }
  const transaction = context.events.currentTransaction;
  context.events.at(operation.line);
  handler(operation, context);
  context.events.at(operation.line, transaction);
}

/** The operations Django ships (django.db.migrations and django.contrib.postgres.operations). */
const HANDLERS: Readonly<Record<string, Handler>> = {
  CreateModel: createModel,
  DeleteModel: deleteModel,
  RenameModel: renameModel,
  AlterModelTable: alterModelTable,
  AlterModelTableComment: alterModelTableComment,
  AlterUniqueTogether: (call, context) => alterTogether(call, context, 'unique'),
  AlterIndexTogether: (call, context) => alterTogether(call, context, 'index'),
  AlterModelOptions: alterModelOptions,
  AlterModelManagers: () => undefined,
  AlterOrderWithRespectTo: alterOrderWithRespectTo,
  AddField: addField,
  RemoveField: removeField,
  AlterField: alterFieldOperation,
  RenameField: renameField,
  AddIndex: (call, context) => addIndex(call, context, false),
  AddIndexConcurrently: (call, context) => addIndex(call, context, true),
  RemoveIndex: (call, context) => removeIndex(call, context, false),
  RemoveIndexConcurrently: (call, context) => removeIndex(call, context, true),
  RenameIndex: renameIndex,
  AddConstraint: (call, context) => addConstraint(call, context, false),
  AddConstraintNotValid: (call, context) => addConstraint(call, context, true),
  RemoveConstraint: removeConstraint,
  AlterConstraint: alterConstraint,
  ValidateConstraint: validateConstraint,
  RunSQL: runSql,
  RunPython: runPython,
  SeparateDatabaseAndState: separateDatabaseAndState,
  CreateExtension: (call, context) => createExtension(call, context, undefined),
  BloomExtension: (call, context) => createExtension(call, context, 'bloom'),
  BtreeGinExtension: (call, context) => createExtension(call, context, 'btree_gin'),
  BtreeGistExtension: (call, context) => createExtension(call, context, 'btree_gist'),
  CITextExtension: (call, context) => createExtension(call, context, 'citext'),
  CryptoExtension: (call, context) => createExtension(call, context, 'pgcrypto'),
  HStoreExtension: (call, context) => createExtension(call, context, 'hstore'),
  TrigramExtension: (call, context) => createExtension(call, context, 'pg_trgm'),
  UnaccentExtension: (call, context) => createExtension(call, context, 'unaccent'),
};

// ---------------------------------------------------------------------------------------------
// Models

function createModel(call: PyCall, context: OperationContext): void {
  const { app, state, events } = context;
  const args = bindArguments(call, ['name', 'fields', 'options', 'bases', 'managers']);
  const name = asString(args.name);
  if (!name) return problem(context, call, 'CreateModel without a literal name');
  const model = emptyModel(app, name);
  for (const item of asItems(args.fields) ?? []) {
    const [fieldName, definition] = asItems(item) ?? [];
    const label = asString(fieldName);
    if (label === undefined || !isCall(definition)) {
      problem(
        context,
        call,
        `field ${excerpt(toPythonSource(item))} of CreateModel ${name} is not a literal field`,
        item.line,
      );
      continue;
    }
    state.addField(model, { name: label, call: definition });
  }
  const options = asStringKeyed(args.options) ?? new Map<string, PyValue>();
  applyModelOptions(model, options);
  for (const base of asItems(args.bases) ?? []) {
    const label = asString(base);
    if (label !== undefined)
      model.parents.push(label.includes('.') ? modelKeyFromLabel(label) : modelKey(app, label));
  }
  addImplicitFields(state, model, call.line);
  state.add(model);
  if (state.hasTable(model)) createTable({ state, events }, model);
}

function applyModelOptions(model: ModelState, options: ReadonlyMap<string, PyValue>): void {
  const dbTable = asString(options.get('db_table'));
  if (dbTable) model.dbTable = dbTable;
  if (options.has('managed')) model.managed = truthy(options.get('managed')) !== false;
  if (options.has('proxy')) model.proxy = truthy(options.get('proxy')) === true;
  const swappable = asString(options.get('swappable'));
  if (swappable) model.swappable = swappable;
  model.uniqueTogether = together(options.get('unique_together')).map((fields) => ({
    fields,
    name: '',
  }));
  model.indexTogether = together(options.get('index_together')).map((fields) => ({
    fields,
    name: '',
  }));
  model.indexes = namedCalls(options.get('indexes'));
  model.constraints = namedCalls(options.get('constraints'));
  const order = asString(options.get('order_with_respect_to'));
  if (order) model.orderWithRespectTo = order;
  const comment = asString(options.get('db_table_comment'));
  if (comment !== undefined) model.tableComment = comment;
}

/** The pk Django adds when none is declared, and the `_order` column of order_with_respect_to. */
function addImplicitFields(state: ProjectState, model: ModelState, line: number): void {
  const synthetic = (callee: string, kwargs: Record<string, PyValue>): PyCall => ({
    type: 'call',
    callee,
    args: [],
    kwargs,
    line,
  });
  const yes: PyValue = { type: 'bool', value: true, line };
  if (!model.proxy && !model.fields.some((field) => isPrimaryKey(field.call))) {
    const parent = model.parents[0];
    if (parent) {
      const parentName = parent.slice(parent.indexOf('.') + 1);
      state.addField(
        model,
        {
          name: `${parentName}_ptr`,
          call: synthetic('models.OneToOneField', {
            auto_created: yes,
            parent_link: yes,
            primary_key: yes,
            serialize: { type: 'bool', value: false, line },
            on_delete: { type: 'name', name: 'django.db.models.deletion.CASCADE', line },
            to: { type: 'str', value: parent, line },
          }),
        },
        'start',
      );
    } else {
      state.addField(
        model,
        {
          name: 'id',
          call: synthetic(`models.${state.settings.defaultAutoField}`, {
            auto_created: yes,
            primary_key: yes,
          }),
        },
        'start',
      );
    }
  }
  if (model.orderWithRespectTo && !state.field(model, '_order')) {
    state.addField(model, { name: '_order', call: synthetic('OrderWrt', {}) });
  }
}

function deleteModel(call: PyCall, context: OperationContext): void {
  const { state, events } = context;
  const model = modelArgument(call, context, ['name']);
  if (!model) return;
  if (state.hasTable(model)) {
    for (const field of model.fields) {
      if (fieldStorage(field.call) === 'join-table') dropJoinTable({ state, events }, model, field);
    }
    events.emit('table.dropped', { table: { name: state.tableOf(model) }, cascade: true });
  }
  state.remove(model.app, model.name);
}

function renameModel(call: PyCall, context: OperationContext): void {
  const { app, state, events } = context;
  const args = bindArguments(call, ['old_name', 'new_name']);
  const oldName = asString(args.old_name);
  const newName = asString(args.new_name);
  if (!oldName || !newName) return problem(context, call, 'RenameModel without literal names');
  const model = ensureModel(state, app, oldName);
  const oldKey = modelKey(app, oldName);
  const newKey = modelKey(app, newName);
  // Join tables name the model's table, the model (`<model>_id`) and the model they point at:
  // only the model's own, those of models pointing at it and of a model it replaces may change.
  const pointing = state.referencesTo(model).map((reference) => reference.model);
  const replaced = state.byKey(newKey);
  const before = joinTables(state, [model, ...pointing, ...(replaced ? [replaced] : [])]);
  const oldTable = state.tableOf(model);
  state.renameModel(model, newName);
  if (!state.hasTable(model)) return;
  const newTable = state.tableOf(model);
  if (oldTable !== newTable) {
    events.emit('table.renamed', {
      table: { name: oldTable },
      newName: newTable,
      model: { app: model.app, name: model.name },
    });
  }
  renameJoinTables(events, before, joinTables(state, [model, ...pointing]), (key) =>
    key.startsWith(`${oldKey}:`) ? `${newKey}:${key.slice(oldKey.length + 1)}` : key,
  );
}

function alterModelTable(call: PyCall, context: OperationContext): void {
  const { state, events } = context;
  const model = modelArgument(call, context, ['name', 'table']);
  if (!model) return;
  const table = bindArguments(call, ['name', 'table']).table;
  // A join table is named after its own model's table only.
  const before = joinTables(state, [model]);
  const oldTable = state.tableOf(model);
  const newTable = asString(table);
  if (newTable) model.dbTable = newTable;
  else delete model.dbTable;
  if (!state.hasTable(model)) return;
  if (oldTable !== state.tableOf(model)) {
    events.emit('table.renamed', { table: { name: oldTable }, newName: state.tableOf(model) });
  }
  renameJoinTables(events, before, joinTables(state, [model]));
}

function alterModelTableComment(call: PyCall, context: OperationContext): void {
  const { state, events } = context;
  const model = modelArgument(call, context, ['name', 'table_comment']);
  if (!model) return;
  const comment =
    asString(bindArguments(call, ['name', 'table_comment']).table_comment) || undefined;
  if (comment === undefined) delete model.tableComment;
  else model.tableComment = comment;
  if (state.hasTable(model)) {
    events.emit('table.comment_changed', {
      table: { name: state.tableOf(model) },
      comment: comment ?? null,
    });
  }
}

function alterModelOptions(call: PyCall, context: OperationContext): void {
  const model = modelArgument(call, context, ['name', 'options']);
  if (!model) return;
  const options = asStringKeyed(bindArguments(call, ['name', 'options']).options);
  // Only `managed` of the options AlterModelOptions may carry matters to the schema; Django does
  // not create or drop the table for it.
  if (options?.has('managed')) model.managed = truthy(options.get('managed')) !== false;
}

function alterTogether(call: PyCall, context: OperationContext, kind: 'unique' | 'index'): void {
  const { state, events } = context;
  const parameter = kind === 'unique' ? 'unique_together' : 'index_together';
  const model = modelArgument(call, context, ['name', parameter]);
  if (!model) return;
  const wanted = together(bindArguments(call, ['name', parameter])[parameter]);
  const current = kind === 'unique' ? model.uniqueTogether : model.indexTogether;
  const signature = (fields: readonly string[]) => fields.join('\u0000');
  const wantedSignatures = new Set(wanted.map(signature));
  const currentSignatures = new Set(current.map((entry) => signature(entry.fields)));
  const table = { name: state.tableOf(model) };
  const columnOf = columnOfModel(state, model);
  const withTable = state.hasTable(model);
  const kept: ComposedIndex[] = [];
  for (const entry of current) {
    if (wantedSignatures.has(signature(entry.fields))) {
      kept.push(entry);
      continue;
    }
    if (!withTable) continue;
    const columns = entry.fields.map(columnOf);
    const name =
      entry.name || createIndexName(table.name, columns, kind === 'unique' ? '_uniq' : '_idx');
    if (kind === 'unique') events.emit('constraint.dropped', { table, name });
    else events.emit('index.dropped', { table, name, ifExists: true });
  }
  for (const fields of wanted) {
    if (currentSignatures.has(signature(fields))) continue;
    const columns = fields.map(columnOf);
    const name = createIndexName(table.name, columns, kind === 'unique' ? '_uniq' : '_idx');
    kept.push({ fields, name });
    if (!withTable) continue;
    if (kind === 'unique')
      events.emit('constraint.added', { table, constraint: { name, type: 'unique', columns } });
    else events.emit('index.created', { table, index: { name, columns } });
  }
  if (kind === 'unique') model.uniqueTogether = kept;
  else model.indexTogether = kept;
}

function alterOrderWithRespectTo(call: PyCall, context: OperationContext): void {
  const { state, events } = context;
  const model = modelArgument(call, context, ['name', 'order_with_respect_to']);
  if (!model) return;
  const order = asString(
    bindArguments(call, ['name', 'order_with_respect_to']).order_with_respect_to,
  );
  const existing = state.field(model, '_order');
  const table = { name: state.tableOf(model) };
  if (order && !existing) {
    const field: FieldState = {
      name: '_order',
      call: { type: 'call', callee: 'OrderWrt', args: [], kwargs: {}, line: call.line },
    };
    state.addField(model, field);
    if (state.hasTable(model)) {
      // Django fills existing rows with 0 while adding the column.
      const withDefault: FieldState = {
        ...field,
        call: { ...field.call, kwargs: { default: { type: 'int', value: 0, line: call.line } } },
      };
      addColumn({ state, events }, model, withDefault);
    }
  } else if (!order && existing) {
    if (state.hasTable(model))
      events.emit('column.dropped', { table, column: '_order', cascade: true });
    state.removeField(model, existing);
  }
  if (order) model.orderWithRespectTo = order;
  else delete model.orderWithRespectTo;
}

// ---------------------------------------------------------------------------------------------
// Fields

function addField(call: PyCall, context: OperationContext): void {
  const { state, events } = context;
  const args = bindArguments(call, ['model_name', 'name', 'field', 'preserve_default']);
  const model = modelArgument(call, context, ['model_name']);
  const name = asString(args.name);
  if (!model) return;
  if (!name || !isCall(args.field))
    return problem(context, call, 'AddField without a literal name and field');
  const preserveDefault = truthy(args.preserve_default) !== false;
  const databaseField: FieldState = { name, call: args.field };
  const stateField: FieldState = preserveDefault
    ? databaseField
    : { name, call: withoutDefault(args.field) };
  state.addField(model, stateField);
  if (!state.hasTable(model)) return;
  const storage = fieldStorage(args.field);
  if (storage === 'join-table') {
    createJoinTable({ state, events }, model, stateField);
    return;
  }
  if (storage !== 'column') return;
  // Django adds the column with its default for the rows already there, then drops it.
  addColumn({ state, events }, model, databaseField);
}

function removeField(call: PyCall, context: OperationContext): void {
  const { state, events } = context;
  const model = modelArgument(call, context, ['model_name', 'name']);
  const name = asString(bindArguments(call, ['model_name', 'name']).name);
  if (!model) return;
  if (!name) return problem(context, call, 'RemoveField without a literal name');
  const field = state.field(model, name);
  if (!field)
    return problem(
      context,
      call,
      `RemoveField ${describe(model)}.${name}: the field is not defined by earlier migrations`,
    );
  if (state.hasTable(model)) {
    const storage = fieldStorage(field.call);
    if (storage === 'join-table') dropJoinTable({ state, events }, model, field);
    else if (storage === 'column') dropColumn({ state, events }, model, field);
  }
  state.removeField(model, field);
  delete model.objects[field.name];
}

function alterFieldOperation(call: PyCall, context: OperationContext): void {
  const { state, events } = context;
  const args = bindArguments(call, ['model_name', 'name', 'field', 'preserve_default']);
  const model = modelArgument(call, context, ['model_name']);
  const name = asString(args.name);
  if (!model) return;
  if (!name || !isCall(args.field))
    return problem(context, call, 'AlterField without a literal name and field');
  const preserveDefault = truthy(args.preserve_default) !== false;
  const existing = state.field(model, name);
  const newField: FieldState = { name: existing?.name ?? name, call: args.field };
  const stateField: FieldState = preserveDefault
    ? newField
    : { ...newField, call: withoutDefault(args.field) };
  if (!existing) {
    state.addField(model, stateField);
    return problem(
      context,
      call,
      `AlterField ${describe(model)}.${name}: the previous definition is unknown (not defined by earlier migrations)`,
    );
  }
  if (!state.hasTable(model)) {
    state.replaceField(model, existing, stateField);
    return;
  }
  const result = alterField({ state, events }, model, existing, newField, stateField);
  if (result.unsupported) {
    state.replaceField(model, existing, stateField);
    problem(context, call, `${describe(model)}.${name}: ${result.unsupported}`);
  }
}

function renameField(call: PyCall, context: OperationContext): void {
  const { state, events } = context;
  const args = bindArguments(call, ['model_name', 'old_name', 'new_name']);
  const model = modelArgument(call, context, ['model_name']);
  const oldName = asString(args.old_name);
  const newName = asString(args.new_name);
  if (!model) return;
  if (!oldName || !newName) return problem(context, call, 'RenameField without literal names');
  const field = state.field(model, oldName);
  if (!field) {
    return problem(
      context,
      call,
      `RenameField ${describe(model)}.${oldName}: the field is not defined by earlier migrations`,
    );
  }
  // Only the model's own join tables are named after its fields.
  const before = joinTables(state, [model]);
  const oldSpec =
    fieldStorage(field.call) === 'column' ? state.columnSpec(model, field) : undefined;
  state.renameField(model, field.name, newName);
  const renamed = state.field(model, newName);
  if (!state.hasTable(model) || !renamed) return;
  const newSpec = oldSpec ? state.columnSpec(model, renamed) : undefined;
  const table = { name: state.tableOf(model) };
  if (oldSpec && newSpec && oldSpec.definition.name !== newSpec.definition.name) {
    events.emit('column.renamed', {
      table,
      column: oldSpec.definition.name,
      newName: newSpec.definition.name,
    });
  }
  const prefix = `${modelKey(model.app, model.name)}:`;
  renameJoinTables(events, before, joinTables(state, [model]), (key) =>
    key === `${prefix}${field.name}` ? `${prefix}${newName}` : key,
  );
}

// ---------------------------------------------------------------------------------------------
// Indexes and constraints

function addIndex(call: PyCall, context: OperationContext, concurrently: boolean): void {
  const { state, events } = context;
  const args = bindArguments(call, ['model_name', 'index']);
  const model = modelArgument(call, context, ['model_name']);
  if (!model) return;
  if (!isCall(args.index)) return problem(context, call, 'AddIndex without a literal index');
  const name = asString(kwarg(args.index, 'name'));
  if (!name) return problem(context, call, 'AddIndex of an index without a literal name');
  model.indexes.push({ name, call: args.index });
  if (state.hasTable(model)) {
    const index = indexDefinition(args.index, columnOfModel(state, model), concurrently);
    events.emit('index.created', { table: { name: state.tableOf(model) }, index });
  }
}

function removeIndex(call: PyCall, context: OperationContext, concurrently: boolean): void {
  const { state, events } = context;
  const model = modelArgument(call, context, ['model_name', 'name']);
  const name = asString(bindArguments(call, ['model_name', 'name']).name);
  if (!model) return;
  if (!name) return problem(context, call, 'RemoveIndex without a literal name');
  model.indexes = model.indexes.filter((index) => index.name !== name);
  if (state.hasTable(model)) {
    events.emit('index.dropped', {
      table: { name: state.tableOf(model) },
      name,
      ifExists: true,
      ...(concurrently ? { concurrently } : {}),
    });
  }
}

function renameIndex(call: PyCall, context: OperationContext): void {
  const { state, events } = context;
  const args = bindArguments(call, ['model_name', 'new_name', 'old_name', 'old_fields']);
  const model = modelArgument(call, context, ['model_name']);
  const newName = asString(args.new_name);
  if (!model) return;
  if (!newName) return problem(context, call, 'RenameIndex without a literal new_name');
  let oldName = asString(args.old_name);
  if (oldName) {
    model.indexes = model.indexes.map((index) =>
      index.name === oldName
        ? {
            name: newName,
            call: {
              ...index.call,
              kwargs: {
                ...index.call.kwargs,
                name: { type: 'str', value: newName, line: call.line },
              },
            },
          }
        : index,
    );
  } else {
    // Renaming an unnamed index_together index: it becomes a named Meta.indexes entry.
    const fields = asStrings(args.old_fields);
    if (!fields) return problem(context, call, 'RenameIndex needs old_name or literal old_fields');
    const entry = model.indexTogether.find(
      (candidate) => candidate.fields.join('\u0000') === fields.join('\u0000'),
    );
    oldName =
      entry?.name ||
      createIndexName(state.tableOf(model), fields.map(columnOfModel(state, model)), '_idx');
    model.indexTogether = model.indexTogether.filter((candidate) => candidate !== entry);
    const line = call.line;
    model.indexes.push({
      name: newName,
      call: {
        type: 'call',
        callee: 'models.Index',
        args: [],
        kwargs: {
          fields: {
            type: 'list',
            items: fields.map((value) => ({ type: 'str' as const, value, line })),
            line,
          },
          name: { type: 'str', value: newName, line },
        },
        line,
      },
    });
  }
  if (state.hasTable(model) && oldName !== newName) {
    events.emit('index.renamed', { table: { name: state.tableOf(model) }, name: oldName, newName });
  }
}

function addConstraint(call: PyCall, context: OperationContext, notValid: boolean): void {
  const { state, events } = context;
  const args = bindArguments(call, ['model_name', 'constraint']);
  const model = modelArgument(call, context, ['model_name']);
  if (!model) return;
  if (!isCall(args.constraint))
    return problem(context, call, 'AddConstraint without a literal constraint');
  const name = asString(kwarg(args.constraint, 'name'));
  if (!name) return problem(context, call, 'AddConstraint of a constraint without a literal name');
  model.constraints.push({ name, call: args.constraint });
  if (!state.hasTable(model)) return;
  const table = { name: state.tableOf(model) };
  const shape = constraintShape(args.constraint, columnOfModel(state, model), notValid);
  if (shape.kind === 'constraint')
    events.emit('constraint.added', { table, constraint: shape.definition });
  else events.emit('index.created', { table, index: shape.definition });
}

function removeConstraint(call: PyCall, context: OperationContext): void {
  const { state, events } = context;
  const model = modelArgument(call, context, ['model_name', 'name']);
  const name = asString(bindArguments(call, ['model_name', 'name']).name);
  if (!model) return;
  if (!name) return problem(context, call, 'RemoveConstraint without a literal name');
  const existing = model.constraints.find((constraint) => constraint.name === name);
  model.constraints = model.constraints.filter((constraint) => constraint !== existing);
  if (!state.hasTable(model)) return;
  const table = { name: state.tableOf(model) };
  const shape = existing ? constraintShape(existing.call, columnOfModel(state, model)) : undefined;
  if (shape?.kind === 'index') events.emit('index.dropped', { table, name, ifExists: true });
  else events.emit('constraint.dropped', { table, name });
}

/** Django 5.2 AlterConstraint changes only attributes without a database effect. */
function alterConstraint(call: PyCall, context: OperationContext): void {
  const args = bindArguments(call, ['model_name', 'name', 'constraint']);
  const model = modelArgument(call, context, ['model_name']);
  const name = asString(args.name);
  if (!model || !name || !isCall(args.constraint)) return;
  const replacement = args.constraint;
  model.constraints = model.constraints.map((constraint) =>
    constraint.name === name ? { name, call: replacement } : constraint,
  );
}

function validateConstraint(call: PyCall, context: OperationContext): void {
  const { state, events } = context;
  const model = modelArgument(call, context, ['model_name', 'name']);
  const name = asString(bindArguments(call, ['model_name', 'name']).name);
  if (!model) return;
  if (!name) return problem(context, call, 'ValidateConstraint without a literal name');
  if (state.hasTable(model))
    events.emit('constraint.validated', { table: { name: state.tableOf(model) }, name });
}

// ---------------------------------------------------------------------------------------------
// Opaque work and special operations

function runSql(call: PyCall, context: OperationContext): void {
  const args = bindArguments(call, ['sql', 'reverse_sql', 'state_operations', 'hints', 'elidable']);
  // RunSQL.noop is a reverse too; only a missing (None) reverse_sql makes Django refuse.
  const reversible = args.reverse_sql !== undefined && args.reverse_sql.type !== 'none';
  if (!reversible) context.events.irreversible();
  const statements = sqlStatements(args.sql);
  if (statements === undefined) {
    problem(
      context,
      call,
      `RunSQL with SQL that is not a literal: ${excerpt(args.sql ? toPythonSource(args.sql) : '')}`,
    );
  } else {
    // Each string runs on its own (Django splits a single string into statements); the SQL
    // adapter reads it, on the lines of its literal. The state stays Django's: SQL changes none.
    for (const { text, line } of statements) context.events.sql(text, line, { reversible });
  }
  for (const operation of asItems(args.state_operations) ?? []) {
    runOperation(operation, { ...context, events: context.events.silenced() });
  }
}

/** One SQL text of RunSQL and the line where its string literal starts. */
interface SqlText {
  readonly text: string;
  readonly line: number;
}

/** The statements of RunSQL's `sql`: a string, or a list of strings / `(sql, params)` pairs. */
function sqlStatements(sql: PyValue | undefined): SqlText[] | undefined {
  if (sql === undefined) return undefined;
  if (isNoop(sql)) return [];
  if (sql.type === 'str') return [{ text: sql.value, line: sql.line }];
  const items = asItems(sql);
  if (!items) return undefined;
  const statements: SqlText[] = [];
  for (const item of items) {
    if (isNoop(item)) continue;
    if (item.type === 'str') {
      statements.push({ text: item.value, line: item.line });
      continue;
    }
    const [text, params] = asItems(item) ?? [];
    if (text?.type !== 'str') return undefined;
    // With parameters the driver substitutes `%s` / `%(name)s` (and `%%` is a `%`).
    const withParams = params !== undefined && params.type !== 'none';
    statements.push({
      text: withParams ? serverParameters(text.value) : text.value,
      line: text.line,
    });
  }
  return statements;
}

/**
 * `%s` / `%(name)s` placeholders as PostgreSQL's `$1`, `$2`, ... (what the server parses once the
 * driver binds them), and `%%` as `%`.
 */
function serverParameters(sql: string): string {
  const numbers = new Map<string, number>();
  let positional = 0;
  return sql.replace(/%(?:%|s|\(([^)]*)\)s)/g, (match: string, name: string | undefined) => {
    if (match === '%%') return '%';
    if (name === undefined) return `$${++positional}`;
    if (!numbers.has(name)) numbers.set(name, numbers.size + 1);
    return `$${numbers.get(name)}`;
  });
}

function isNoop(value: PyValue): boolean {
  return value.type === 'name' && lastSegment(value.name) === 'noop';
}

function runPython(call: PyCall, context: OperationContext): void {
  const args = bindArguments(call, ['code', 'reverse_code', 'atomic', 'hints', 'elidable']);
  const code = args.code ? toPythonSource(args.code) : '?';
  const reversible = args.reverse_code !== undefined && args.reverse_code.type !== 'none';
  const reverse = reversible ? toPythonSource(args.reverse_code!) : undefined;
  const description = `RunPython ${code}${reverse ? ` (reverse: ${reverse})` : ' (irreversible)'}`;
  const events = context.events;
  if (!reversible) events.irreversible();
  // In a non-atomic migration, RunPython(atomic=True) still runs in its own transaction. In an
  // atomic one, atomic=False changes nothing on PostgreSQL: the migration's transaction is open.
  if (!context.nested && !events.currentTransaction.inTransaction && truthy(args.atomic) === true) {
    events.ownTransaction(call.line);
  }
  const facts = args.code?.type === 'name' ? context.functions?.get(args.code.name) : undefined;
  events.emit('data.migrated', {
    operation: 'code',
    description,
    reversible,
    ...(facts ? { usesLiveModels: facts.usesLiveModels, batched: facts.batched } : {}),
  });
}

function separateDatabaseAndState(call: PyCall, context: OperationContext): void {
  const args = bindArguments(call, ['database_operations', 'state_operations']);
  // Database operations run against a copy of the state; only state_operations change the state.
  const scratch = context.state.clone();
  for (const operation of asItems(args.database_operations) ?? []) {
    runOperation(operation, { ...context, state: scratch, nested: true });
  }
  for (const operation of asItems(args.state_operations) ?? []) {
    runOperation(operation, { ...context, events: context.events.silenced() });
  }
}

function createExtension(
  call: PyCall,
  context: OperationContext,
  fixedName: string | undefined,
): void {
  const name = fixedName ?? asString(bindArguments(call, ['name']).name);
  if (!name) return problem(context, call, 'CreateExtension without a literal name');
  context.events.emit('extension.created', { name });
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** The model named by the operation's first parameter (`name` or `model_name`). */
function modelArgument(
  call: PyCall,
  context: OperationContext,
  parameters: string[],
): ModelState | undefined {
  const parameter = parameters[0]!;
  const name = asString(bindArguments(call, parameters)[parameter]);
  if (!name) {
    problem(context, call, `${lastSegment(call.callee)} without a literal ${parameter}`);
    return undefined;
  }
  return ensureModel(context.state, context.app, name);
}

/** A model the scan never saw created (its app is not scanned) still gets Django's conventions. */
function ensureModel(state: ProjectState, app: string, name: string): ModelState {
  const existing = state.get(app, name);
  if (existing) return existing;
  const placeholder = emptyModel(app, name);
  state.add(placeholder);
  return placeholder;
}

function problem(context: OperationContext, call: PyCall, what: string, line = call.line): void {
  context.events.unparsed(`line ${line}: ${what}`, line);
}

function describe(model: ModelState): string {
  return `${model.app}.${model.name}`;
}

function together(value: PyValue | undefined): string[][] {
  const items = asItems(value);
  if (!items || items.length === 0) return [];
  // Django accepts a single tuple of names as shorthand for one group.
  const flat = asStrings(value);
  if (flat) return [flat];
  return items.map(asStrings).filter((fields): fields is string[] => fields !== undefined);
}

function namedCalls(value: PyValue | undefined): { name: string; call: PyCall }[] {
  return (asItems(value) ?? [])
    .filter(isCall)
    .map((call) => ({ name: asString(kwarg(call, 'name')) ?? '', call }));
}

function withoutDefault(call: PyCall): PyCall {
  const kwargs = Object.fromEntries(
    Object.entries(call.kwargs).filter(([key]) => key !== 'default'),
  );
  return { ...call, kwargs };
}

function excerpt(text: string): string {
  const oneLine = text.split('\n').join(' ');
  return oneLine.length > 60 ? `${oneLine.slice(0, 60)}…` : oneLine;
}
