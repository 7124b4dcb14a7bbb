import { z } from 'zod';
import {
  ColumnDefinition,
  ColumnDefault,
  ColumnType,
  ConstraintDefinition,
  IndexDefinition,
  OrmModel,
  StatementContext,
  TableRef,
} from './schema-objects';

const onTable = { table: TableRef, context: StatementContext.optional() };

/** The payload of each event kind. Keys are the `kind` values of EVENTS.md. */
export const EventPayloads = {
  'table.created': z.object({
    ...onTable,
    model: OrmModel.optional(),
    ifNotExists: z.boolean().default(false),
    replaceExisting: z.boolean().default(false),
  }),
  'table.dropped': z.object({
    ...onTable,
    ifExists: z.boolean().default(false),
    cascade: z.boolean().default(false),
  }),
  'table.renamed': z.object({ ...onTable, newName: z.string().min(1), model: OrmModel.optional() }),
  'table.comment_changed': z.object({ ...onTable, comment: z.string().nullable() }),

  'column.added': z.object({ ...onTable, column: ColumnDefinition }),
  'column.dropped': z.object({
    ...onTable,
    column: z.string().min(1),
    ifExists: z.boolean().default(false),
    cascade: z.boolean().default(false),
  }),
  'column.renamed': z.object({ ...onTable, column: z.string().min(1), newName: z.string().min(1) }),
  'column.type_changed': z.object({
    ...onTable,
    column: z.string().min(1),
    type: ColumnType,
    using: z.string().optional(),
  }),
  'column.nullability_changed': z.object({
    ...onTable,
    column: z.string().min(1),
    nullable: z.boolean(),
  }),
  'column.default_changed': z.object({
    ...onTable,
    column: z.string().min(1),
    default: ColumnDefault,
  }),
  'column.comment_changed': z.object({
    ...onTable,
    column: z.string().min(1),
    comment: z.string().nullable(),
  }),

  'index.created': z.object({
    ...onTable,
    index: IndexDefinition,
    ifNotExists: z.boolean().default(false),
  }),
  'index.dropped': z.object({
    table: TableRef.optional(),
    context: StatementContext.optional(),
    name: z.string().min(1),
    concurrently: z.boolean().default(false),
    ifExists: z.boolean().default(false),
  }),
  'index.renamed': z.object({
    table: TableRef.optional(),
    context: StatementContext.optional(),
    name: z.string().min(1),
    newName: z.string().min(1),
  }),

  'constraint.added': z.object({ ...onTable, constraint: ConstraintDefinition }),
  'constraint.dropped': z.object({
    ...onTable,
    name: z.string().min(1),
    ifExists: z.boolean().default(false),
  }),
  'constraint.validated': z.object({ ...onTable, name: z.string().min(1) }),

  'enum.created': z.object({ ...namedObject(), values: z.array(z.string()) }),
  'enum.altered': z.object({
    ...namedObject(),
    addedValue: z.string().optional(),
    renamedValue: z.object({ from: z.string(), to: z.string() }).optional(),
  }),
  'enum.dropped': z.object({ ...namedObject(), cascade: z.boolean().default(false) }),
  'view.created': z.object({
    ...namedObject(),
    definition: z.string(),
    replaceExisting: z.boolean().default(false),
  }),
  'view.altered': z.object({
    ...namedObject(),
    definition: z.string().optional(),
    newName: z.string().optional(),
  }),
  'view.dropped': z.object({ ...namedObject(), cascade: z.boolean().default(false) }),
  'sequence.created': z.object({ ...namedObject() }),
  'sequence.altered': z.object({ ...namedObject(), newName: z.string().optional() }),
  'sequence.dropped': z.object({ ...namedObject(), cascade: z.boolean().default(false) }),
  'extension.created': z.object({ ...namedObject() }),
  'extension.altered': z.object({ ...namedObject(), version: z.string().optional() }),
  'extension.dropped': z.object({ ...namedObject(), cascade: z.boolean().default(false) }),

  'sql.executed': z.object({
    statement: z.string(),
    reason: z.string().optional(),
    context: StatementContext.optional(),
  }),
  'data.migrated': z.object({
    operation: z.enum(['insert', 'update', 'delete', 'code']),
    description: z.string(),
    table: TableRef.optional(),
    hasWhere: z.boolean().optional(),
    context: StatementContext.optional(),
  }),

  /**
   * A migration entered the code base. First event of every new migration, even one with no
   * schema operations (a Django merge migration), so the timeline lists every migration and a
   * scan always yields events.
   */
  'migration.added': z.object({ events: z.number().int().nonnegative() }),
  'migration.unparsed': z.object({
    reason: z.string().min(1),
    line: z.number().int().positive().optional(),
  }),
  'migration.modified': z.object({ previousChecksum: z.string(), checksum: z.string() }),
  'migration.removed': z.object({ checksum: z.string() }),
} as const;

function namedObject() {
  return {
    schema: z.string().optional(),
    name: z.string().min(1),
    context: StatementContext.optional(),
  };
}

export type EventKind = keyof typeof EventPayloads;
export const EVENT_KINDS = Object.keys(EventPayloads) as EventKind[];
export type EventPayload<K extends EventKind> = z.infer<(typeof EventPayloads)[K]>;
