import type { ColumnDefinition, EventKind, SchemaEventOf, TableRef } from '@schematrace/contracts';
import type { SchemaDraft } from './schema-draft';
import {
  objectKey,
  type ColumnState,
  type EventRef,
  type IndexState,
  type TableState,
} from './schema-state';

/** A change either applies (nothing returned) or names why the event does not fit. */
export type Outcome = string | undefined;

/** The kinds folded here; the type is derived from the list, so the two cannot disagree. */
const TABLE_EVENTS = [
  'table.created',
  'table.dropped',
  'table.renamed',
  'table.comment_changed',
  'table.schema_changed',
  'table.option_changed',
  'table.partition_attached',
  'column.added',
  'column.dropped',
  'column.renamed',
  'column.type_changed',
  'column.nullability_changed',
  'column.default_changed',
  'column.comment_changed',
  'index.created',
  'index.dropped',
  'index.renamed',
  'constraint.added',
  'constraint.dropped',
  'constraint.validated',
  'constraint.renamed',
  'trigger.created',
  'trigger.dropped',
  'policy.created',
  'policy.dropped',
] as const satisfies readonly EventKind[];
type TableEvent = (typeof TABLE_EVENTS)[number];

export const TABLE_EVENT_KINDS: ReadonlySet<string> = new Set(TABLE_EVENTS);

/** Folds an event about a table or one of its parts into the draft. */
export function evolveTable(
  draft: SchemaDraft,
  event: SchemaEventOf<TableEvent>,
  ref: EventRef,
): Outcome {
  switch (event.kind) {
    case 'table.created': {
      const { table, model } = event.payload;
      const key = objectKey(table);
      if (draft.table(key) && !event.payload.replaceExisting)
        return event.payload.ifNotExists ? undefined : `table ${key} already exists`;
      draft.setTable(key, {
        ...(table.schema ? { schema: table.schema } : {}),
        name: table.name,
        ...(model ? { model } : {}),
        ...(event.payload.partitioned ? { partitioned: true } : {}),
        options: {},
        columns: [],
        indexes: [],
        constraints: [],
        triggers: [],
        policies: [],
        createdBy: ref,
        changedBy: [],
      });
      return undefined;
    }
    case 'table.dropped': {
      const key = objectKey(event.payload.table);
      if (!draft.table(key))
        return event.payload.ifExists ? undefined : `table ${key} does not exist`;
      draft.deleteTable(key);
      if (event.payload.cascade) dropReferencesTo(draft, event.payload.table, ref);
      return undefined;
    }
    case 'table.renamed':
      return moveTable(
        draft,
        event.payload.table,
        { ...event.payload.table, name: event.payload.newName },
        ref,
        event.payload.model,
      );
    case 'table.schema_changed':
      return moveTable(
        draft,
        event.payload.table,
        { ...event.payload.table, schema: event.payload.newSchema },
        ref,
      );
    case 'table.comment_changed':
      return changeTable(draft, event.payload.table, ref, (table) => {
        const { comment: _old, ...rest } = table;
        return event.payload.comment === null ? rest : { ...rest, comment: event.payload.comment };
      });
    case 'table.option_changed':
      return changeTable(draft, event.payload.table, ref, (table) => {
        const { option, value } = event.payload;
        const options: Record<string, string> = { ...table.options };
        // Options that undo another remove it rather than being recorded themselves.
        const undoes: Partial<Record<typeof option, string>> = {
          logged: 'unlogged',
          'trigger-enabled': 'trigger-disabled',
        };
        const undone = undoes[option];
        if (undone) delete options[undone];
        else options[option] = value ?? 'true';
        return { ...table, options };
      });
    case 'table.partition_attached':
      return changeTable(draft, event.payload.table, ref, (table) =>
        table.partitioned ? table : { ...table, partitioned: true },
      );
    case 'column.added':
      return changeParts(draft, event.payload.table, (table) => {
        const { column } = event.payload;
        if (findColumn(table, column.name))
          return event.payload.ifNotExists
            ? table
            : `column ${table.name}.${column.name} already exists`;
        return {
          ...table,
          columns: [...table.columns, { ...column, createdBy: ref, changedBy: [] }],
        };
      });
    case 'column.dropped':
      return changeParts(draft, event.payload.table, (table) => {
        const name = event.payload.column;
        if (!findColumn(table, name))
          return event.payload.ifExists ? table : `column ${table.name}.${name} does not exist`;
        // PostgreSQL drops the column's indexes and constraints with it.
        return {
          ...table,
          columns: table.columns.filter((column) => column.name !== name),
          indexes: table.indexes.filter((index) => !index.columns.includes(name)),
          constraints: table.constraints.filter((constraint) => !constraint.columns.includes(name)),
        };
      });
    case 'column.renamed': {
      const { column: from, newName: to } = event.payload;
      return changeParts(draft, event.payload.table, (table) => {
        const column = findColumn(table, from);
        if (!column) return `column ${table.name}.${from} does not exist`;
        if (findColumn(table, to)) return `column ${table.name}.${to} already exists`;
        // Indexes and constraints follow the column, as they do in the database.
        const rename = (columns: readonly string[]) =>
          columns.map((name) => (name === from ? to : name));
        return {
          ...table,
          columns: replace(table.columns, column, {
            ...column,
            name: to,
            changedBy: [...column.changedBy, ref],
          }),
          indexes: table.indexes.map((index) =>
            index.columns.includes(from) ? { ...index, columns: rename(index.columns) } : index,
          ),
          constraints: table.constraints.map((constraint) =>
            constraint.columns.includes(from)
              ? { ...constraint, columns: rename(constraint.columns) }
              : constraint,
          ),
        };
      });
    }
    case 'column.type_changed':
      return changeColumn(draft, event.payload.table, event.payload.column, ref, () => ({
        type: event.payload.type,
      }));
    case 'column.nullability_changed':
      return changeColumn(draft, event.payload.table, event.payload.column, ref, () => ({
        nullable: event.payload.nullable,
      }));
    case 'column.default_changed':
      return changeColumn(draft, event.payload.table, event.payload.column, ref, () => ({
        default: event.payload.default,
      }));
    case 'column.comment_changed':
      return changeColumn(draft, event.payload.table, event.payload.column, ref, () =>
        event.payload.comment === null
          ? { comment: undefined }
          : { comment: event.payload.comment },
      );
    case 'index.created':
      return changeParts(draft, event.payload.table, (table) => {
        const { index } = event.payload;
        if (table.indexes.some((existing) => existing.name === index.name))
          return event.payload.ifNotExists ? table : `index ${index.name} already exists`;
        return {
          ...table,
          indexes: [...table.indexes, { ...index, createdBy: ref, changedBy: [] }],
        };
      });
    case 'index.dropped': {
      const owner = draft.ownerOfIndex({
        ...schemaOf(event.payload.table),
        name: event.payload.name,
      });
      if (!owner)
        return event.payload.ifExists ? undefined : `index ${event.payload.name} does not exist`;
      return changeParts(draft, draft.table(owner), (table) => ({
        ...table,
        indexes: table.indexes.filter((index) => index.name !== event.payload.name),
      }));
    }
    case 'index.renamed': {
      const owner = draft.ownerOfIndex({
        ...schemaOf(event.payload.table),
        name: event.payload.name,
      });
      if (!owner) return `index ${event.payload.name} does not exist`;
      return changeParts(draft, draft.table(owner), (table) => {
        const index = table.indexes.find((candidate) => candidate.name === event.payload.name)!;
        const renamed: IndexState = {
          ...index,
          name: event.payload.newName,
          changedBy: [...index.changedBy, ref],
        };
        return { ...table, indexes: replace(table.indexes, index, renamed) };
      });
    }
    case 'constraint.added':
      return changeParts(draft, event.payload.table, (table) => {
        const { constraint } = event.payload;
        if (table.constraints.some((existing) => existing.name === constraint.name))
          return `constraint ${constraint.name} already exists on ${table.name}`;
        return {
          ...table,
          constraints: [...table.constraints, { ...constraint, createdBy: ref, changedBy: [] }],
        };
      });
    case 'constraint.dropped':
      return changeParts(draft, event.payload.table, (table) => {
        if (!table.constraints.some((constraint) => constraint.name === event.payload.name))
          return event.payload.ifExists
            ? table
            : `constraint ${event.payload.name} does not exist on ${table.name}`;
        return {
          ...table,
          constraints: table.constraints.filter(
            (constraint) => constraint.name !== event.payload.name,
          ),
        };
      });
    case 'constraint.validated':
    case 'constraint.renamed':
      return changeParts(draft, event.payload.table, (table) => {
        const constraint = table.constraints.find(
          (candidate) => candidate.name === event.payload.name,
        );
        if (!constraint) return `constraint ${event.payload.name} does not exist on ${table.name}`;
        const patch =
          event.kind === 'constraint.validated'
            ? { notValid: false }
            : { name: event.payload.newName };
        return {
          ...table,
          constraints: replace(table.constraints, constraint, {
            ...constraint,
            ...patch,
            changedBy: [...constraint.changedBy, ref],
          }),
        };
      });
    case 'trigger.created':
      return changeParts(draft, event.payload.table, (table) => {
        const existing = table.triggers.find((trigger) => trigger.name === event.payload.name);
        if (existing && !event.payload.replaceExisting)
          return `trigger ${event.payload.name} already exists on ${table.name}`;
        const trigger = {
          name: event.payload.name,
          ...(event.payload.function ? { function: event.payload.function } : {}),
          createdBy: existing?.createdBy ?? ref,
          changedBy: existing ? [...existing.changedBy, ref] : [],
        };
        return {
          ...table,
          triggers: existing
            ? replace(table.triggers, existing, trigger)
            : [...table.triggers, trigger],
        };
      });
    case 'trigger.dropped':
    case 'policy.dropped': {
      const part = event.kind === 'trigger.dropped' ? 'triggers' : 'policies';
      return changeParts(draft, event.payload.table, (table) => {
        if (!table[part].some((candidate) => candidate.name === event.payload.name))
          return event.payload.ifExists
            ? table
            : `${part === 'triggers' ? 'trigger' : 'policy'} ${event.payload.name} does not exist on ${table.name}`;
        return {
          ...table,
          [part]: table[part].filter((candidate) => candidate.name !== event.payload.name),
        };
      });
    }
    case 'policy.created':
      return changeParts(draft, event.payload.table, (table) =>
        table.policies.some((policy) => policy.name === event.payload.name)
          ? `policy ${event.payload.name} already exists on ${table.name}`
          : {
              ...table,
              policies: [
                ...table.policies,
                { name: event.payload.name, createdBy: ref, changedBy: [] },
              ],
            },
      );
  }
}

function schemaOf(table: TableRef | undefined): { schema?: string } {
  return table?.schema ? { schema: table.schema } : {};
}

function findColumn(table: TableState, name: string): ColumnState | undefined {
  return table.columns.find((column) => column.name === name);
}

function replace<T>(items: readonly T[], old: T, replacement: T): T[] {
  return items.map((item) => (item === old ? replacement : item));
}

/** A change to the table itself: recorded in the table's own `changedBy`. */
function changeTable(
  draft: SchemaDraft,
  ref: TableRef,
  event: EventRef,
  change: (table: TableState) => TableState,
): Outcome {
  return changeParts(draft, ref, (table) => {
    const changed = change(table);
    return changed === table ? table : { ...changed, changedBy: [...table.changedBy, event] };
  });
}

/**
 * A change to a table's columns, indexes, constraints, triggers or policies: recorded on the
 * part it changes, so a table's `changedBy` stays short however busy its columns are.
 */
function changeParts(
  draft: SchemaDraft,
  ref: TableRef | undefined,
  change: (table: TableState) => TableState | string,
): Outcome {
  if (!ref) return 'the event names no table';
  const key = objectKey(ref);
  const table = draft.table(key);
  if (!table) return `table ${key} does not exist`;
  const changed = change(table);
  if (typeof changed === 'string') return changed;
  if (changed !== table) draft.setTable(key, changed);
  return undefined;
}

function changeColumn(
  draft: SchemaDraft,
  tableRef: TableRef,
  columnName: string,
  event: EventRef,
  change: (column: ColumnState) => Partial<ColumnDefinition>,
): Outcome {
  return changeParts(draft, tableRef, (table) => {
    const column = findColumn(table, columnName);
    if (!column) return `column ${table.name}.${columnName} does not exist`;
    // A comment set to undefined is left out rather than deleted: `delete` slows the object.
    const requested = change(column);
    const { comment: commentPatch, ...patch } = requested;
    const { comment: oldComment, ...rest } = column;
    const comment = 'comment' in requested ? commentPatch : oldComment;
    const changed: ColumnState = {
      ...rest,
      ...patch,
      ...(comment === undefined ? {} : { comment }),
      changedBy: [...column.changedBy, event],
    };
    return { ...table, columns: replace(table.columns, column, changed) };
  });
}

/** Renames a table or moves it to another schema; foreign keys elsewhere follow it. */
function moveTable(
  draft: SchemaDraft,
  from: TableRef,
  to: TableRef,
  ref: EventRef,
  model?: TableState['model'],
): Outcome {
  const key = objectKey(from);
  const table = draft.table(key);
  if (!table) return `table ${key} does not exist`;
  const newKey = objectKey(to);
  if (newKey === key) return undefined;
  if (draft.table(newKey)) return `table ${newKey} already exists`;
  // Built without `delete`, which would slow every later read of the object.
  const { schema: _schema, model: oldModel, ...rest } = table;
  const newModel = model ?? oldModel;
  const moved: TableState = {
    ...rest,
    name: to.name,
    ...(to.schema && to.schema !== 'public' ? { schema: to.schema } : {}),
    ...(newModel ? { model: newModel } : {}),
    changedBy: [...table.changedBy, ref],
  };
  draft.deleteTable(key);
  draft.setTable(newKey, moved);
  retargetReferences(draft, key, moved);
  return undefined;
}

const refersTo = (reference: { table: TableRef } | undefined, key: string): boolean =>
  reference !== undefined && objectKey(reference.table) === key;

function retargetReferences(draft: SchemaDraft, oldKey: string, moved: TableState): void {
  const target: TableRef = { ...schemaOf(moved), name: moved.name };
  for (const key of draft.tablesReferencing(oldKey)) {
    const table = draft.table(key)!;
    const columns = table.columns.some((column) => refersTo(column.references, oldKey));
    const constraints = table.constraints.some((constraint) =>
      refersTo(constraint.references, oldKey),
    );
    if (!columns && !constraints) continue;
    draft.setTable(key, {
      ...table,
      columns: table.columns.map((column) =>
        refersTo(column.references, oldKey)
          ? { ...column, references: { ...column.references!, table: target } }
          : column,
      ),
      constraints: table.constraints.map((constraint) =>
        refersTo(constraint.references, oldKey)
          ? { ...constraint, references: { ...constraint.references!, table: target } }
          : constraint,
      ),
    });
  }
}

/** `DROP TABLE ... CASCADE` takes the foreign keys that pointed at the table with it. */
function dropReferencesTo(draft: SchemaDraft, dropped: TableRef, ref: EventRef): void {
  const droppedKey = objectKey(dropped);
  for (const key of draft.tablesReferencing(droppedKey)) {
    const table = draft.table(key)!;
    if (!table.constraints.some((constraint) => refersTo(constraint.references, droppedKey)))
      continue;
    draft.setTable(key, {
      ...table,
      constraints: table.constraints.filter(
        (constraint) => !refersTo(constraint.references, droppedKey),
      ),
      changedBy: [...table.changedBy, ref],
    });
  }
}
