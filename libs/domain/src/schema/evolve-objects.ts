import type { EventKind, SchemaEventOf } from '@schematrace/contracts';
import type { Outcome } from './evolve-tables';
import type { SchemaDraft } from './schema-draft';
import {
  objectKey,
  OBJECT_RECORDS,
  type EnumState,
  type EventRef,
  type NamedObjectState,
  type ObjectRecord,
} from './schema-state';

/** The kinds folded here; the type is derived from the list, so the two cannot disagree. */
const OBJECT_EVENTS = [
  'schema.created',
  'schema.dropped',
  'schema.renamed',
  'enum.created',
  'enum.altered',
  'enum.dropped',
  'domain.created',
  'domain.altered',
  'domain.dropped',
  'view.created',
  'view.altered',
  'view.dropped',
  'sequence.created',
  'sequence.altered',
  'sequence.dropped',
  'extension.created',
  'extension.altered',
  'extension.dropped',
  'function.created',
  'function.dropped',
] as const satisfies readonly EventKind[];
type ObjectEvent = (typeof OBJECT_EVENTS)[number];

export const OBJECT_EVENT_KINDS: ReadonlySet<string> = new Set(OBJECT_EVENTS);

const RECORD_OF: Record<string, ObjectRecord> = {
  schema: 'schemas',
  enum: 'enums',
  domain: 'domains',
  view: 'views',
  sequence: 'sequences',
  extension: 'extensions',
  function: 'functions',
};

/** Folds an event about a schema, enum, domain, view, sequence, extension or function. */
export function evolveObject(
  draft: SchemaDraft,
  event: SchemaEventOf<ObjectEvent>,
  ref: EventRef,
): Outcome {
  const [noun] = event.kind.split('.') as [string];
  const record = RECORD_OF[noun]!;
  switch (event.kind) {
    case 'schema.created':
      return create(
        draft,
        record,
        { name: event.payload.name },
        ref,
        event.payload.ifNotExists,
        false,
      );
    case 'schema.dropped': {
      const outcome = drop(draft, record, { name: event.payload.name }, event.payload.ifExists);
      if (outcome === undefined && event.payload.cascade)
        dropSchemaContents(draft, event.payload.name);
      return outcome;
    }
    case 'schema.renamed':
      return renameSchema(draft, event.payload.name, event.payload.newName, ref);
    case 'enum.created':
      return create(draft, record, { ...named(event.payload), values: event.payload.values }, ref);
    case 'domain.created':
      return create(
        draft,
        record,
        {
          ...named(event.payload),
          type: event.payload.type,
          nullable: event.payload.nullable,
          ...(event.payload.default ? { default: event.payload.default } : {}),
          checks: event.payload.checks,
        },
        ref,
      );
    case 'view.created':
      return create(
        draft,
        record,
        {
          ...named(event.payload),
          definition: event.payload.definition,
          materialized: event.payload.materialized,
        },
        ref,
        false,
        event.payload.replaceExisting,
      );
    case 'sequence.created':
    case 'extension.created':
      return create(draft, record, named(event.payload), ref, event.payload.ifNotExists);
    case 'function.created':
      return create(
        draft,
        record,
        {
          ...named(event.payload),
          routine: event.payload.routine,
          ...(event.payload.language ? { language: event.payload.language } : {}),
        },
        ref,
        false,
        event.payload.replaceExisting,
      );
    case 'enum.altered':
      return alter(draft, record, event.payload, ref, (current) => {
        const enumState = current as EnumState;
        const { addedValue, position, renamedValue, values, ifNotExists } = event.payload;
        if (values) return { values };
        if (renamedValue) {
          if (!enumState.values.includes(renamedValue.from))
            return `enum ${enumState.name} has no value ${renamedValue.from}`;
          return {
            values: enumState.values.map((value) =>
              value === renamedValue.from ? renamedValue.to : value,
            ),
          };
        }
        if (addedValue === undefined) return {};
        if (enumState.values.includes(addedValue))
          return ifNotExists ? {} : `enum ${enumState.name} already has value ${addedValue}`;
        const next = [...enumState.values];
        const anchor = position ? next.indexOf(position.value) : -1;
        if (position && anchor < 0) return `enum ${enumState.name} has no value ${position.value}`;
        next.splice(
          anchor < 0 ? next.length : position!.placement === 'before' ? anchor : anchor + 1,
          0,
          addedValue,
        );
        return { values: next };
      });
    case 'domain.altered':
      return alter(draft, record, event.payload, ref, (current) => {
        const domain = current as NamedObjectState & { checks: readonly string[] };
        const { addedCheck, nullable, default: defaultValue } = event.payload;
        return {
          ...(addedCheck ? { checks: [...domain.checks, addedCheck.expression] } : {}),
          ...(nullable === undefined ? {} : { nullable }),
          ...(defaultValue ? { default: defaultValue } : {}),
        };
      });
    case 'view.altered':
      return alter(draft, record, event.payload, ref, () =>
        event.payload.definition ? { definition: event.payload.definition } : {},
      );
    case 'sequence.altered':
      return alter(draft, record, event.payload, ref, () =>
        event.payload.type ? { type: event.payload.type } : {},
      );
    case 'extension.altered':
      return alter(draft, record, event.payload, ref, () =>
        event.payload.version ? { version: event.payload.version } : {},
      );
    case 'enum.dropped':
    case 'domain.dropped':
    case 'view.dropped':
    case 'sequence.dropped':
    case 'extension.dropped':
    case 'function.dropped':
      return drop(draft, record, event.payload, event.payload.ifExists);
  }
}

function named(payload: { schema?: string; name: string }): { schema?: string; name: string } {
  return {
    ...(payload.schema && payload.schema !== 'public' ? { schema: payload.schema } : {}),
    name: payload.name,
  };
}

function create(
  draft: SchemaDraft,
  record: ObjectRecord,
  object: { schema?: string; name: string } & Record<string, unknown>,
  ref: EventRef,
  ifNotExists = false,
  replaceExisting = false,
): Outcome {
  const key = objectKey(object);
  const existing = draft.object(record, key);
  if (existing && !replaceExisting)
    return ifNotExists ? undefined : `${noun(record)} ${key} already exists`;
  draft.setObject(record, key, {
    ...object,
    createdBy: existing?.createdBy ?? ref,
    changedBy: existing ? [...existing.changedBy, ref] : [],
  });
  return undefined;
}

function drop(
  draft: SchemaDraft,
  record: ObjectRecord,
  object: { schema?: string; name: string },
  ifExists: boolean,
): Outcome {
  const key = objectKey(object);
  if (!draft.object(record, key))
    return ifExists ? undefined : `${noun(record)} ${key} does not exist`;
  draft.deleteObject(record, key);
  return undefined;
}

/** Changes an object in place, then renames or moves it when the event says so. */
function alter(
  draft: SchemaDraft,
  record: ObjectRecord,
  payload: { schema?: string; name: string; newName?: string; newSchema?: string },
  ref: EventRef,
  change: (current: NamedObjectState) => Record<string, unknown> | string,
): Outcome {
  const key = objectKey(payload);
  const current = draft.object(record, key);
  if (!current) return `${noun(record)} ${key} does not exist`;
  const patch = change(current);
  if (typeof patch === 'string') return patch;
  const target = named({
    schema: payload.newSchema ?? payload.schema,
    name: payload.newName ?? payload.name,
  });
  const newKey = objectKey(target);
  if (newKey !== key && draft.object(record, newKey))
    return `${noun(record)} ${newKey} already exists`;
  const { schema: _schema, ...rest } = current;
  const changed = { ...rest, ...patch, ...target, changedBy: [...current.changedBy, ref] };
  if (newKey !== key) draft.deleteObject(record, key);
  draft.setObject(record, newKey, changed);
  return undefined;
}

function noun(record: ObjectRecord): string {
  return Object.entries(RECORD_OF).find(([, candidate]) => candidate === record)![0];
}

/** `DROP SCHEMA ... CASCADE`: everything inside goes with it. */
function dropSchemaContents(draft: SchemaDraft, schema: string): void {
  for (const [key, table] of Object.entries(draft.tables))
    if (table.schema === schema) draft.deleteTable(key);
  for (const record of OBJECT_RECORDS)
    for (const [key, object] of Object.entries(draft.objects(record)))
      if (object.schema === schema) draft.deleteObject(record, key);
}

function renameSchema(draft: SchemaDraft, from: string, to: string, ref: EventRef): Outcome {
  if (!draft.object('schemas', from)) return `schema ${from} does not exist`;
  if (draft.object('schemas', to)) return `schema ${to} already exists`;
  const schema = draft.object('schemas', from)!;
  draft.deleteObject('schemas', from);
  draft.setObject('schemas', to, { ...schema, name: to, changedBy: [...schema.changedBy, ref] });
  for (const [key, table] of Object.entries(draft.tables)) {
    if (table.schema !== from) continue;
    draft.deleteTable(key);
    draft.setTable(objectKey({ schema: to, name: table.name }), { ...table, schema: to });
  }
  for (const record of OBJECT_RECORDS) {
    if (record === 'schemas') continue;
    for (const [key, object] of Object.entries(draft.objects(record))) {
      if (object.schema !== from) continue;
      draft.deleteObject(record, key);
      draft.setObject(record, objectKey({ schema: to, name: object.name }), {
        ...object,
        schema: to,
      });
    }
  }
  return undefined;
}
