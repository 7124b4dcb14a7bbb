import type { ColumnDefinition, SchemaEvent } from '@schematrace/contracts';
import {
  tableKey,
  type Anomaly,
  type ColumnState,
  type EventRef,
  type SchemaState,
  type TableState,
} from './schema-state';

type TableChange = (table: TableState, ref: EventRef) => TableState | string;

/**
 * Folds one event into the schema. Pure: returns a new state sharing every untouched table.
 * An event that does not fit (a missing table or column, a duplicate) leaves the schema as it
 * was and is recorded as an anomaly.
 */
export function evolve(state: SchemaState, event: SchemaEvent, sequence?: number): SchemaState {
  const ref: EventRef = { eventId: event.id, kind: event.kind, ...(sequence ? { sequence } : {}) };
  const position = sequence ?? state.position + 1;
  const next = apply(state, event, ref);
  if (typeof next === 'string') {
    const anomaly: Anomaly = { eventId: event.id, reason: next, ...(sequence ? { sequence } : {}) };
    return { ...state, anomalies: [...state.anomalies, anomaly], position };
  }
  return { ...next, position };
}

export function fold(events: Iterable<SchemaEvent>, from: SchemaState): SchemaState {
  let state = from;
  for (const event of events) state = evolve(state, event);
  return state;
}

function apply(state: SchemaState, event: SchemaEvent, ref: EventRef): SchemaState | string {
  switch (event.kind) {
    case 'table.created': {
      const { table, model } = event.payload;
      const key = tableKey(table);
      if (state.tables[key] && !event.payload.replaceExisting) {
        return event.payload.ifNotExists ? state : `table ${key} already exists`;
      }
      const created: TableState = {
        ...(table.schema ? { schema: table.schema } : {}),
        name: table.name,
        ...(model ? { model } : {}),
        columns: [],
        indexes: [],
        constraints: [],
        createdBy: ref,
        changedBy: [],
      };
      return withTables(state, { ...state.tables, [key]: created });
    }
    case 'table.dropped': {
      const key = tableKey(event.payload.table);
      if (!state.tables[key]) return event.payload.ifExists ? state : `table ${key} does not exist`;
      const { [key]: _dropped, ...rest } = state.tables;
      return withTables(state, rest);
    }
    case 'table.renamed': {
      const key = tableKey(event.payload.table);
      const table = state.tables[key];
      if (!table) return `table ${key} does not exist`;
      const renamed = { ...event.payload.table, name: event.payload.newName };
      const newKey = tableKey(renamed);
      if (state.tables[newKey]) return `table ${newKey} already exists`;
      const { [key]: _old, ...rest } = state.tables;
      const model = event.payload.model ?? table.model;
      return withTables(state, {
        ...rest,
        [newKey]: {
          ...table,
          name: renamed.name,
          ...(model ? { model } : {}),
          changedBy: [...table.changedBy, ref],
        },
      });
    }
    case 'column.added':
      return changeTable(state, event.payload.table, ref, (table) => {
        if (findColumn(table, event.payload.column.name)) {
          return `column ${table.name}.${event.payload.column.name} already exists`;
        }
        const column: ColumnState = { ...event.payload.column, createdBy: ref, changedBy: [] };
        return { ...table, columns: [...table.columns, column] };
      });
    case 'column.dropped':
      return changeTable(state, event.payload.table, ref, (table) => {
        if (!findColumn(table, event.payload.column)) {
          return event.payload.ifExists
            ? table
            : `column ${table.name}.${event.payload.column} does not exist`;
        }
        // PostgreSQL drops the column's indexes and constraints with it.
        const name = event.payload.column;
        return {
          ...table,
          columns: table.columns.filter((column) => column.name !== name),
          indexes: table.indexes.filter((index) => !index.columns.includes(name)),
          constraints: table.constraints.filter((constraint) => !constraint.columns.includes(name)),
        };
      });
    case 'column.renamed': {
      const { column: from, newName: to } = event.payload;
      const renamed = changeColumn(state, event.payload.table, from, ref, (_column, table) =>
        findColumn(table, to) ? `column ${table.name}.${to} already exists` : { name: to },
      );
      if (typeof renamed === 'string') return renamed;
      // Indexes and constraints follow the column, as they do in the database.
      const rename = (columns: readonly string[]) =>
        columns.map((column) => (column === from ? to : column));
      const key = tableKey(event.payload.table);
      const table = renamed.tables[key]!;
      return withTables(renamed, {
        ...renamed.tables,
        [key]: {
          ...table,
          indexes: table.indexes.map((index) => ({ ...index, columns: rename(index.columns) })),
          constraints: table.constraints.map((constraint) => ({
            ...constraint,
            columns: rename(constraint.columns),
          })),
        },
      });
    }
    case 'column.type_changed':
      return changeColumn(state, event.payload.table, event.payload.column, ref, () => ({
        type: event.payload.type,
      }));
    case 'column.nullability_changed':
      return changeColumn(state, event.payload.table, event.payload.column, ref, () => ({
        nullable: event.payload.nullable,
      }));
    case 'column.default_changed':
      return changeColumn(state, event.payload.table, event.payload.column, ref, () => ({
        default: event.payload.default,
      }));
    case 'column.comment_changed':
      return changeColumn(state, event.payload.table, event.payload.column, ref, () =>
        event.payload.comment === null
          ? { comment: undefined }
          : { comment: event.payload.comment },
      );
    case 'table.comment_changed':
      return changeTable(state, event.payload.table, ref, (table) => table);
    case 'index.created':
      return changeTable(state, event.payload.table, ref, (table) =>
        table.indexes.some((index) => index.name === event.payload.index.name)
          ? event.payload.ifNotExists
            ? table
            : `index ${event.payload.index.name} already exists`
          : { ...table, indexes: [...table.indexes, { ...event.payload.index, createdBy: ref }] },
      );
    case 'index.dropped': {
      const owner = ownerOfIndex(state, event.payload.name);
      if (!owner)
        return event.payload.ifExists ? state : `index ${event.payload.name} does not exist`;
      return changeTable(state, owner, ref, (table) => ({
        ...table,
        indexes: table.indexes.filter((index) => index.name !== event.payload.name),
      }));
    }
    case 'index.renamed': {
      const owner = ownerOfIndex(state, event.payload.name);
      if (!owner) return `index ${event.payload.name} does not exist`;
      return changeTable(state, owner, ref, (table) => ({
        ...table,
        indexes: table.indexes.map((index) =>
          index.name === event.payload.name ? { ...index, name: event.payload.newName } : index,
        ),
      }));
    }
    case 'constraint.added':
      return changeTable(state, event.payload.table, ref, (table) =>
        table.constraints.some((constraint) => constraint.name === event.payload.constraint.name)
          ? `constraint ${event.payload.constraint.name} already exists on ${table.name}`
          : {
              ...table,
              constraints: [...table.constraints, { ...event.payload.constraint, createdBy: ref }],
            },
      );
    case 'constraint.dropped':
      return changeTable(state, event.payload.table, ref, (table) =>
        table.constraints.some((constraint) => constraint.name === event.payload.name)
          ? {
              ...table,
              constraints: table.constraints.filter(
                (constraint) => constraint.name !== event.payload.name,
              ),
            }
          : event.payload.ifExists
            ? table
            : `constraint ${event.payload.name} does not exist on ${table.name}`,
      );
    case 'constraint.validated':
      return changeTable(state, event.payload.table, ref, (table) => ({
        ...table,
        constraints: table.constraints.map((constraint) =>
          constraint.name === event.payload.name ? { ...constraint, notValid: false } : constraint,
        ),
      }));
    default:
      // Other objects (enums, views, ...) and opaque work do not change the tables model yet.
      return state;
  }
}

function withTables(state: SchemaState, tables: SchemaState['tables']): SchemaState {
  return { ...state, tables };
}

function findColumn(table: TableState, name: string): ColumnState | undefined {
  return table.columns.find((column) => column.name === name);
}

function ownerOfIndex(state: SchemaState, name: string): TableState | undefined {
  return Object.values(state.tables).find((table) =>
    table.indexes.some((index) => index.name === name),
  );
}

function changeTable(
  state: SchemaState,
  ref: { schema?: string; name: string } | undefined,
  event: EventRef,
  change: TableChange,
): SchemaState | string {
  if (!ref) return 'the event names no table';
  const key = tableKey(ref);
  const table = state.tables[key];
  if (!table) return `table ${key} does not exist`;
  const changed = change(table, event);
  if (typeof changed === 'string') return changed;
  if (changed === table) return state;
  return withTables(state, {
    ...state.tables,
    [key]: { ...changed, changedBy: [...table.changedBy, event] },
  });
}

function changeColumn(
  state: SchemaState,
  tableRef: { schema?: string; name: string },
  columnName: string,
  event: EventRef,
  change: (column: ColumnState, table: TableState) => Partial<ColumnDefinition> | string,
): SchemaState | string {
  return changeTable(state, tableRef, event, (table) => {
    const column = findColumn(table, columnName);
    if (!column) return `column ${table.name}.${columnName} does not exist`;
    const patch = change(column, table);
    if (typeof patch === 'string') return patch;
    const changed: ColumnState = { ...column, ...patch, changedBy: [...column.changedBy, event] };
    return {
      ...table,
      columns: table.columns.map((candidate) => (candidate === column ? changed : candidate)),
    };
  });
}
