import {
  OBJECT_RECORDS,
  type NamedObjectState,
  type ObjectRecord,
  type Provenance,
  type SchemaState,
  type TableState,
  objectKey,
} from '../schema/schema-state';

/** One element present at both points whose definition differs. */
export interface ElementChange<T> {
  readonly before: T;
  readonly after: T;
  /** The definition fields that differ (`type`, `nullable`, `name`, ...). */
  readonly fields: readonly string[];
}

export interface PartDiff<T> {
  readonly added: readonly T[];
  readonly removed: readonly T[];
  readonly changed: readonly ElementChange<T>[];
}

const TABLE_PARTS = ['columns', 'indexes', 'constraints', 'triggers', 'policies'] as const;
type TablePart = (typeof TABLE_PARTS)[number];

export interface TableChange extends ElementChange<TableState> {
  readonly parts: { readonly [P in TablePart]: PartDiff<TableState[P][number]> };
}

export interface SchemaDiff {
  readonly from: number;
  readonly to: number;
  readonly tables: {
    readonly added: readonly TableState[];
    readonly removed: readonly TableState[];
    readonly changed: readonly TableChange[];
  };
  readonly objects: { readonly [R in ObjectRecord]: PartDiff<SchemaState[R][string]> };
}

/**
 * What changed between two schemas. Elements are matched by the event that created them, so a
 * renamed table or column shows as changed (`name` among its fields), not as removed and added;
 * definitions are compared without their provenance.
 */
export function diffSchemas(before: SchemaState, after: SchemaState): SchemaDiff {
  const tables = diffElements(Object.values(before.tables), Object.values(after.tables));
  const changed: TableChange[] = [];
  for (const change of tables.changed) {
    const parts = Object.fromEntries(
      TABLE_PARTS.map((part) => [part, diffElements(change.before[part], change.after[part])]),
    ) as TableChange['parts'];
    const fields = [
      ...change.fields.filter((field) => !(TABLE_PARTS as readonly string[]).includes(field)),
    ];
    if (fields.length === 0 && TABLE_PARTS.every((part) => isEmptyPart(parts[part]))) continue;
    changed.push({ ...change, fields, parts });
  }
  const objects = Object.fromEntries(
    OBJECT_RECORDS.map((record) => [
      record,
      diffElements(Object.values(before[record]), Object.values(after[record])),
    ]),
  ) as SchemaDiff['objects'];
  return {
    from: before.position,
    to: after.position,
    tables: { added: tables.added, removed: tables.removed, changed },
    objects,
  };
}

export function isEmptyDiff(diff: SchemaDiff): boolean {
  return (
    diff.tables.added.length === 0 &&
    diff.tables.removed.length === 0 &&
    diff.tables.changed.length === 0 &&
    OBJECT_RECORDS.every((record) => isEmptyPart(diff.objects[record]))
  );
}

/** Applies a diff to the schema it was taken from, giving the schema it was taken to. */
export function applyDiff(state: SchemaState, diff: SchemaDiff): SchemaState {
  const tables: Record<string, TableState> = { ...state.tables };
  for (const table of diff.tables.removed) delete tables[objectKey(table)];
  for (const { before } of diff.tables.changed) delete tables[objectKey(before)];
  for (const table of [...diff.tables.added, ...diff.tables.changed.map((change) => change.after)])
    tables[objectKey(table)] = table;
  const next: Record<string, unknown> = { ...state, tables, position: diff.to };
  for (const record of OBJECT_RECORDS) {
    const objects: Record<string, NamedObjectState> = { ...state[record] };
    const part = diff.objects[record] as PartDiff<NamedObjectState>;
    for (const object of part.removed) delete objects[objectKey(object)];
    for (const { before } of part.changed) delete objects[objectKey(before)];
    for (const object of [...part.added, ...part.changed.map((change) => change.after)])
      objects[objectKey(object)] = object;
    next[record] = objects;
  }
  return next as unknown as SchemaState;
}

function isEmptyPart(part: PartDiff<unknown>): boolean {
  return part.added.length === 0 && part.removed.length === 0 && part.changed.length === 0;
}

type Element = Provenance & { readonly name: string };

function diffElements<T extends Element>(before: readonly T[], after: readonly T[]): PartDiff<T> {
  const identity = (element: T) => element.createdBy.eventId || element.name;
  const earlier = new Map(before.map((element) => [identity(element), element]));
  const added: T[] = [];
  const changed: ElementChange<T>[] = [];
  for (const element of after) {
    const previous = earlier.get(identity(element));
    if (!previous) {
      added.push(element);
      continue;
    }
    earlier.delete(identity(element));
    if (previous === element) continue;
    const fields = changedFields(previous, element);
    if (fields.length > 0) changed.push({ before: previous, after: element, fields });
  }
  return { added, removed: [...earlier.values()], changed };
}

const PROVENANCE = new Set(['createdBy', 'changedBy']);

function changedFields(before: object, after: object): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const fields: string[] = [];
  for (const key of keys) {
    if (PROVENANCE.has(key)) continue;
    const left = (before as Record<string, unknown>)[key];
    const right = (after as Record<string, unknown>)[key];
    if (left !== right && !sameDefinition(left, right)) fields.push(key);
  }
  return fields.sort();
}

/** Deep equality of definitions, ignoring the provenance of nested elements. */
function sameDefinition(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null)
    return false;
  if (Array.isArray(left) !== Array.isArray(right)) return false;
  if (Array.isArray(left)) {
    const other = right as unknown[];
    return (
      left.length === other.length &&
      left.every((item, index) => sameDefinition(item, other[index]))
    );
  }
  return changedFields(left, right).length === 0;
}
