import type { OrmModel } from '@schematrace/contracts';
import {
  asBoolean,
  asString,
  kwarg,
  lastSegment,
  type PyCall,
  type PyValue,
} from '../python/python-value';
import {
  columnName,
  columnSpec,
  isManyToMany,
  isPrimaryKey,
  isRelation,
  relatedType,
  relationTarget,
  type ColumnSpec,
  type FieldContext,
  type RelatedColumn,
} from './django-fields';
import { defaultTableName, manyToManyTableName } from './django-names';

/** The settings a migration file cannot tell and a project may override. */
export interface DjangoSettings {
  /** `settings.AUTH_USER_MODEL`, `app_label.ModelName`. */
  readonly authUserModel: string;
  /** `DEFAULT_AUTO_FIELD`: the pk Django adds to a model that declares none. */
  readonly defaultAutoField: 'AutoField' | 'BigAutoField' | 'SmallAutoField';
}

export const DEFAULT_DJANGO_SETTINGS: DjangoSettings = {
  authUserModel: 'auth.User',
  defaultAutoField: 'BigAutoField',
};

export interface FieldState {
  readonly name: string;
  readonly call: PyCall;
}

/** One `unique_together` / `index_together` entry and the name its constraint or index got. */
export interface ComposedIndex {
  readonly fields: readonly string[];
  readonly name: string;
}

/** A `Meta.indexes` or `Meta.constraints` entry, by its (mandatory) name. */
export interface NamedObject {
  readonly name: string;
  readonly call: PyCall;
}

/** Names of the database objects created for one field, as they were created. */
export interface FieldObjects {
  index?: string;
  likeIndex?: string;
  unique?: string;
  foreignKey?: string;
  check?: string;
}

export interface ModelState {
  readonly app: string;
  name: string;
  /**
   * Changed only through ProjectState (`addField`, `replaceField`, `removeField`, renames), which
   * keeps its index of relations up to date.
   */
  readonly fields: readonly FieldState[];
  dbTable?: string;
  managed: boolean;
  proxy: boolean;
  swappable?: string;
  /** Keys of concrete parent models (multi-table inheritance). */
  parents: string[];
  uniqueTogether: ComposedIndex[];
  indexTogether: ComposedIndex[];
  indexes: NamedObject[];
  constraints: NamedObject[];
  orderWithRespectTo?: string;
  tableComment?: string;
  /** PostgreSQL keeps an object's name when its table or column is renamed, so remember them. */
  objects: Record<string, FieldObjects>;
}

/** Tables of django.contrib models, for relations to apps whose migrations are not scanned. */
const CONTRIB_MODELS: Readonly<Record<string, { table: string; column: string; type: string }>> = {
  'auth.user': { table: 'auth_user', column: 'id', type: 'integer' },
  'auth.group': { table: 'auth_group', column: 'id', type: 'integer' },
  'auth.permission': { table: 'auth_permission', column: 'id', type: 'integer' },
  'contenttypes.contenttype': { table: 'django_content_type', column: 'id', type: 'integer' },
  'sites.site': { table: 'django_site', column: 'id', type: 'integer' },
  'admin.logentry': { table: 'django_admin_log', column: 'id', type: 'integer' },
  'sessions.session': { table: 'django_session', column: 'session_key', type: 'varchar(40)' },
  'flatpages.flatpage': { table: 'django_flatpage', column: 'id', type: 'integer' },
  'redirects.redirect': { table: 'django_redirect', column: 'id', type: 'integer' },
};

export function modelKey(app: string, name: string): string {
  return `${app}.${name.toLowerCase()}`;
}

/**
 * Django's project state for one scan: every model as the migrations applied so far define it.
 * Mutable, replayed in apply order; `clone` gives SeparateDatabaseAndState its scratch copy.
 */
export class ProjectState {
  private readonly models: Map<string, ModelState>;
  /** Each model's place in `models` (a Map's insertion order), to list models as `all()` does. */
  private readonly position = new Map<ModelState, number>();
  private nextPosition = 0;
  /** What each model was indexed under: the keys its relations resolve to, its parents' keys. */
  private readonly indexed = new Map<ModelState, { targets: Set<string>; parents: string[] }>();
  /** Models by the keys their relations resolve to. */
  private readonly referrers = new Map<string, Set<ModelState>>();
  /** Models by the keys of their concrete parents. */
  private readonly childrenOf = new Map<string, Set<ModelState>>();

  constructor(
    readonly settings: DjangoSettings = DEFAULT_DJANGO_SETTINGS,
    models: Map<string, ModelState> = new Map(),
  ) {
    this.models = models;
    for (const model of models.values()) {
      this.position.set(model, this.nextPosition++);
      this.index(model);
    }
  }

  clone(): ProjectState {
    return new ProjectState(this.settings, structuredClone(this.models));
  }

  get(app: string, name: string): ModelState | undefined {
    return this.models.get(modelKey(app, name));
  }

  byKey(key: string): ModelState | undefined {
    return this.models.get(key);
  }

  all(): ModelState[] {
    return [...this.models.values()];
  }

  /** The given models that are in the state, once each, in the order `all()` lists them. */
  ordered(models: Iterable<ModelState>): ModelState[] {
    return [...new Set(models)]
      .filter((model) => this.position.has(model))
      .sort((a, b) => this.position.get(a)! - this.position.get(b)!);
  }

  add(model: ModelState): void {
    const key = modelKey(model.app, model.name);
    const replaced = this.models.get(key);
    const position = replaced ? this.position.get(replaced)! : this.nextPosition++;
    if (replaced) this.unindex(replaced);
    this.models.set(key, model);
    this.position.set(model, position);
    this.index(model);
  }

  remove(app: string, name: string): void {
    const key = modelKey(app, name);
    const model = this.models.get(key);
    if (model) this.unindex(model);
    this.models.delete(key);
  }

  /** Adds a field at the end (or the start) of the model's fields. */
  addField(model: ModelState, field: FieldState, at: 'start' | 'end' = 'end'): void {
    this.setFields(model, at === 'start' ? [field, ...model.fields] : [...model.fields, field]);
  }

  replaceField(model: ModelState, field: FieldState, replacement: FieldState): void {
    this.setFields(
      model,
      model.fields.map((candidate) => (candidate === field ? replacement : candidate)),
    );
  }

  removeField(model: ModelState, field: FieldState): void {
    this.setFields(
      model,
      model.fields.filter((candidate) => candidate !== field),
    );
  }

  /** The one way fields change (models outside the state too), so the index stays exact. */
  private setFields(model: ModelState, fields: readonly FieldState[]): void {
    (model as { fields: readonly FieldState[] }).fields = fields;
    if (this.position.has(model)) this.index(model);
  }

  /** (Re)indexes a model of the state: the keys its relations and parents point at. */
  private index(model: ModelState): void {
    this.unindex(model, false);
    const targets = new Set<string>();
    for (const field of model.fields) {
      if (!isRelation(field.call) && !isManyToMany(field.call)) continue;
      const key = this.resolveModelKey(model, relationTarget(field.call));
      if (key !== undefined) targets.add(key);
    }
    const parents = [...model.parents];
    this.indexed.set(model, { targets, parents });
    for (const key of targets) addTo(this.referrers, key, model);
    for (const parent of parents) addTo(this.childrenOf, parent, model);
  }

  /** Drops a model from the index; `leaving` when it leaves the state. */
  private unindex(model: ModelState, leaving = true): void {
    const indexed = this.indexed.get(model);
    for (const key of indexed?.targets ?? []) removeFrom(this.referrers, key, model);
    for (const parent of indexed?.parents ?? []) removeFrom(this.childrenOf, parent, model);
    this.indexed.delete(model);
    if (leaving) this.position.delete(model);
  }

  /** The model an operation names, or a stand-in when earlier migrations did not define it. */
  getOrPlaceholder(app: string, name: string): ModelState {
    return this.get(app, name) ?? placeholderModel(app, name);
  }

  tableOf(model: ModelState): string {
    return model.dbTable ?? defaultTableName(model.app, model.name);
  }

  /** Does Django create and alter a table for this model (not proxy, unmanaged or swapped out)? */
  hasTable(model: ModelState): boolean {
    if (!model.managed || model.proxy) return false;
    if (model.swappable === 'AUTH_USER_MODEL') {
      return modelKeyFromLabel(this.settings.authUserModel) === modelKey(model.app, model.name);
    }
    return true;
  }

  field(model: ModelState, name: string): FieldState | undefined {
    const lower = name.toLowerCase();
    return model.fields.find((field) => field.name.toLowerCase() === lower);
  }

  primaryKey(model: ModelState): FieldState | undefined {
    return model.fields.find((field) => isPrimaryKey(field.call));
  }

  /** Resolves a relation's `to` (`'app.Model'`, `'Model'`, `'self'`, `settings.AUTH_USER_MODEL`). */
  resolveModelKey(from: ModelState, to: PyValue | undefined): string | undefined {
    if (to?.type === 'name' && lastSegment(to.name) === 'AUTH_USER_MODEL') {
      return modelKeyFromLabel(this.settings.authUserModel);
    }
    const label = asString(to);
    if (label === undefined) return undefined;
    if (label === 'self') return modelKey(from.app, from.name);
    const dot = label.indexOf('.');
    return dot < 0 ? modelKey(from.app, label) : modelKeyFromLabel(label);
  }

  fieldContext(model: ModelState): FieldContext {
    return {
      table: this.tableOf(model),
      relatedColumn: (to, toField) => this.relatedColumn(model, to, toField),
    };
  }

  columnSpec(model: ModelState, field: FieldState): ColumnSpec | undefined {
    return columnSpec(field.name, field.call, this.fieldContext(model));
  }

  relatedColumn(
    from: ModelState,
    to: PyValue | undefined,
    toField: string | undefined,
    depth = 0,
  ): RelatedColumn | undefined {
    const key = this.resolveModelKey(from, to);
    if (key === undefined) return undefined;
    const target = this.models.get(key);
    if (!target) return externalColumn(key, toField);
    const field = toField === undefined ? this.primaryKey(target) : this.field(target, toField);
    const table = this.tableOf(target);
    const model: OrmModel = { app: target.app, name: target.name };
    if (!field) return { table, column: toField ?? 'id', type: 'bigint', model };
    // A pk that is itself a relation (multi-table inheritance) takes its parent's pk type.
    const type = relatedType(field.call, () =>
      depth > 8
        ? undefined
        : this.relatedColumn(
            target,
            relationTarget(field.call),
            asString(kwarg(field.call, 'to_field')),
            depth + 1,
          )?.type,
    );
    return { table, column: columnName(field.name, field.call), type, model };
  }

  /** Fields of any model whose relation points at `model` (optionally at one field of it). */
  referencesTo(model: ModelState, fieldName?: string): { model: ModelState; field: FieldState }[] {
    const key = modelKey(model.app, model.name);
    const pk = this.primaryKey(model)?.name;
    const found: { model: ModelState; field: FieldState }[] = [];
    for (const other of this.ordered(this.referrers.get(key) ?? [])) {
      for (const field of other.fields) {
        if (!isRelation(field.call) && !isManyToMany(field.call)) continue;
        if (this.resolveModelKey(other, relationTarget(field.call)) !== key) continue;
        const toField = asString(kwarg(field.call, 'to_field')) ?? pk;
        if (fieldName === undefined || toField?.toLowerCase() === fieldName.toLowerCase()) {
          found.push({ model: other, field });
        }
      }
    }
    return found;
  }

  /** The auto-created join table of a many-to-many field and its two columns. */
  joinTable(model: ModelState, field: FieldState): JoinTable | undefined {
    if (!isManyToMany(field.call) || kwarg(field.call, 'through') !== undefined) return undefined;
    const targetKey = this.resolveModelKey(model, relationTarget(field.call));
    const target = targetKey === undefined ? undefined : this.models.get(targetKey);
    const targetName =
      target?.name ?? (targetKey ? targetKey.slice(targetKey.indexOf('.') + 1) : 'target');
    const selfReferential = targetKey === modelKey(model.app, model.name);
    const from = model.name.toLowerCase();
    const to = targetName.toLowerCase();
    return {
      table:
        asString(kwarg(field.call, 'db_table')) ??
        manyToManyTableName(this.tableOf(model), field.name),
      modelName: `${model.name}_${field.name}`,
      fromColumn: selfReferential ? `from_${from}_id` : `${from}_id`,
      toColumn: selfReferential ? `to_${to}_id` : `${to}_id`,
      from: this.relatedColumn(
        model,
        { type: 'str', value: 'self', line: field.call.line },
        undefined,
      ) ?? {
        table: this.tableOf(model),
        column: 'id',
        type: 'bigint',
      },
      to: this.relatedColumn(model, relationTarget(field.call), undefined) ?? {
        table: defaultTableName(model.app, targetName),
        column: 'id',
        type: 'bigint',
      },
      constraint: asBoolean(kwarg(field.call, 'db_constraint')) !== false,
      idClass: this.joinTableIdClass(model),
    };
  }

  /** Django gives a join table the app's default auto field; the owner's own pk is the best hint. */
  private joinTableIdClass(model: ModelState): string {
    const pk = this.primaryKey(model);
    if (pk && truthyBool(kwarg(pk.call, 'auto_created'))) {
      const cls = lastSegment(pk.call.callee);
      if (cls === 'AutoField' || cls === 'BigAutoField' || cls === 'SmallAutoField') return cls;
    }
    return this.settings.defaultAutoField;
  }

  renameModel(model: ModelState, newName: string): void {
    const oldKey = modelKey(model.app, model.name);
    const newKey = modelKey(model.app, newName);
    // Relations that name the model (not 'self') are rewritten to the new label, as Django does.
    const pointing = new Set<FieldState>();
    const referrers = this.ordered(this.referrers.get(oldKey) ?? []);
    for (const other of referrers) {
      for (const field of other.fields) {
        const to = relationTarget(field.call);
        if (!isRelation(field.call) && !isManyToMany(field.call)) continue;
        if (asString(to) !== 'self' && this.resolveModelKey(other, to) === oldKey)
          pointing.add(field);
      }
    }
    const children = [...(this.childrenOf.get(oldKey) ?? [])];
    // The Map drops the old key and appends the new one (or takes the place of a model there).
    this.unindex(model);
    this.models.delete(oldKey);
    const replaced = this.models.get(newKey);
    const position = replaced ? this.position.get(replaced)! : this.nextPosition++;
    if (replaced) this.unindex(replaced);
    model.name = newName;
    this.models.set(newKey, model);
    this.position.set(model, position);
    this.index(model);
    for (const child of children) {
      if (!this.position.has(child)) continue;
      child.parents = child.parents.map((parent) => (parent === oldKey ? newKey : parent));
      this.index(child);
    }
    const label = `${model.app}.${newName.toLowerCase()}`;
    for (const other of referrers) {
      if (!this.position.has(other)) continue;
      this.setFields(
        other,
        other.fields.map((field) =>
          pointing.has(field) ? { ...field, call: withTarget(field.call, label) } : field,
        ),
      );
    }
  }

  renameField(model: ModelState, oldName: string, newName: string): void {
    const lower = oldName.toLowerCase();
    const rename = (name: string) => (name.toLowerCase() === lower ? newName : name);
    this.setFields(
      model,
      model.fields.map((field) =>
        field.name.toLowerCase() === lower ? { ...field, name: newName } : field,
      ),
    );
    model.uniqueTogether = model.uniqueTogether.map((entry) => ({
      ...entry,
      fields: entry.fields.map(rename),
    }));
    model.indexTogether = model.indexTogether.map((entry) => ({
      ...entry,
      fields: entry.fields.map(rename),
    }));
    model.indexes = model.indexes.map((entry) => ({
      ...entry,
      call: withRenamedFields(entry.call, rename),
    }));
    model.constraints = model.constraints.map((entry) => ({
      ...entry,
      call: withRenamedFields(entry.call, rename),
    }));
    if (model.orderWithRespectTo !== undefined)
      model.orderWithRespectTo = rename(model.orderWithRespectTo);
    const objects = model.objects[oldName];
    if (objects && oldName !== newName) {
      model.objects[newName] = objects;
      delete model.objects[oldName];
    }
    // Relations that name this field with `to_field=` follow the rename.
    for (const { model: other, field } of this.referencesTo(model, oldName)) {
      if (asString(kwarg(field.call, 'to_field')) === undefined) continue;
      this.replaceField(other, field, {
        ...field,
        call: withKeyword(field.call, 'to_field', {
          type: 'str',
          value: newName,
          line: field.call.line,
        }),
      });
    }
  }
}

export interface JoinTable {
  readonly table: string;
  /** The auto-created through model, e.g. `Book_tags`. */
  readonly modelName: string;
  readonly fromColumn: string;
  readonly toColumn: string;
  readonly from: RelatedColumn;
  readonly to: RelatedColumn;
  readonly constraint: boolean;
  readonly idClass: string;
}

export function modelKeyFromLabel(label: string): string {
  const dot = label.indexOf('.');
  return dot < 0
    ? label.toLowerCase()
    : `${label.slice(0, dot)}.${label.slice(dot + 1).toLowerCase()}`;
}

export function emptyModel(app: string, name: string): ModelState {
  return {
    app,
    name,
    fields: [],
    managed: true,
    proxy: false,
    parents: [],
    uniqueTogether: [],
    indexTogether: [],
    indexes: [],
    constraints: [],
    objects: {},
  };
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const values = map.get(key);
  if (values) values.add(value);
  else map.set(key, new Set([value]));
}

function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const values = map.get(key);
  if (!values) return;
  values.delete(value);
  if (values.size === 0) map.delete(key);
}

function placeholderModel(app: string, name: string): ModelState {
  return emptyModel(app, name);
}

function externalColumn(key: string, toField: string | undefined): RelatedColumn {
  const dot = key.indexOf('.');
  const app = key.slice(0, dot);
  const name = key.slice(dot + 1);
  const contrib = CONTRIB_MODELS[key];
  if (contrib && (toField === undefined || toField === contrib.column)) {
    return {
      table: contrib.table,
      column: contrib.column,
      type: contrib.type,
      model: { app, name },
    };
  }
  // A model of an app outside the scan: Django's conventions, and the modern default pk (bigint).
  return {
    table: defaultTableName(app, name),
    column: toField ?? 'id',
    type: toField === undefined ? 'bigint' : 'unknown',
    model: { app, name },
  };
}

function truthyBool(value: PyValue | undefined): boolean {
  return value?.type === 'bool' ? value.value : false;
}

/** The same field call pointing at another model. */
function withTarget(call: PyCall, label: string): PyCall {
  const value: PyValue = { type: 'str', value: label, line: call.line };
  if (kwarg(call, 'to') !== undefined || call.args.length === 0)
    return withKeyword(call, 'to', value);
  return { ...call, args: [value, ...call.args.slice(1)] };
}

function withKeyword(call: PyCall, name: string, value: PyValue): PyCall {
  return { ...call, kwargs: { ...call.kwargs, [name]: value } };
}

/** Renames field references in `fields=[...]` of an Index or UniqueConstraint (keeping `-` for DESC). */
function withRenamedFields(call: PyCall, rename: (name: string) => string): PyCall {
  const fields = kwarg(call, 'fields');
  if (!fields || (fields.type !== 'list' && fields.type !== 'tuple')) return call;
  const items = fields.items.map((item) => {
    const name = asString(item);
    if (name === undefined) return item;
    const descending = name.startsWith('-');
    const renamed = rename(descending ? name.slice(1) : name);
    return { ...item, value: descending ? `-${renamed}` : renamed } as PyValue;
  });
  return withKeyword(call, 'fields', { ...fields, items });
}
