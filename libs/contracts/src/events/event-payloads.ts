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
const dropFlags = { ifExists: z.boolean().default(false), cascade: z.boolean().default(false) };

/** The payload of each event kind. Keys are the `kind` values of EVENTS.md. */
export const EventPayloads = {
  'table.created': z.object({
    ...onTable,
    model: OrmModel.optional(),
    ifNotExists: z.boolean().default(false),
    replaceExisting: z.boolean().default(false),
    /** `PARTITION BY ...`: the table holds no rows itself, its partitions do. */
    partitioned: z.boolean().default(false),
  }),
  'table.dropped': z.object({
    ...onTable,
    ifExists: z.boolean().default(false),
    cascade: z.boolean().default(false),
  }),
  'table.renamed': z.object({ ...onTable, newName: z.string().min(1), model: OrmModel.optional() }),
  'table.comment_changed': z.object({ ...onTable, comment: z.string().nullable() }),

  'table.truncated': z.object({
    tables: z.array(TableRef).min(1),
    context: StatementContext.optional(),
    cascade: z.boolean().default(false),
  }),
  /** `ALTER TABLE ... SET SCHEMA`: the table keeps its name in another schema. */
  'table.schema_changed': z.object({ ...onTable, newSchema: z.string().min(1) }),
  /** Storage and behaviour options that change no column: logged, access method, RLS, ... */
  'table.option_changed': z.object({
    ...onTable,
    option: z.enum([
      'logged',
      'unlogged',
      'access-method',
      'tablespace',
      'replica-identity',
      'storage-parameters',
      'row-level-security',
      'trigger-disabled',
      'trigger-enabled',
      'cluster-on',
    ]),
    value: z.string().optional(),
  }),
  'table.partition_attached': z.object({ ...onTable, partition: TableRef }),
  'table.partition_detached': z.object({
    ...onTable,
    partition: TableRef,
    concurrently: z.boolean().default(false),
  }),
  /** An explicit `LOCK TABLE` (mode as PostgreSQL names it, e.g. ACCESS EXCLUSIVE). */
  'table.locked': z.object({
    tables: z.array(TableRef).min(1),
    context: StatementContext.optional(),
    mode: z.string().min(1),
  }),
  /** VACUUM, ANALYZE, CLUSTER and pg_repack-style rewrites. */
  'table.maintained': z.object({
    table: TableRef.optional(),
    context: StatementContext.optional(),
    operation: z.enum(['vacuum', 'vacuum-full', 'analyze', 'cluster']),
  }),

  'column.added': z.object({
    ...onTable,
    column: ColumnDefinition,
    ifNotExists: z.boolean().default(false),
  }),
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
  /** `REINDEX`: the index, or every index of a table, schema or database, is built again. */
  'index.rebuilt': z.object({
    target: z.enum(['index', 'table', 'schema', 'database', 'system']),
    schema: z.string().optional(),
    name: z.string().min(1),
    concurrently: z.boolean().default(false),
    context: StatementContext.optional(),
  }),
  'index.renamed': z.object({
    table: TableRef.optional(),
    context: StatementContext.optional(),
    name: z.string().min(1),
    newName: z.string().min(1),
  }),

  'constraint.added': z.object({ ...onTable, constraint: ConstraintDefinition }),
  'constraint.dropped': z.object({ ...onTable, name: z.string().min(1), ...dropFlags }),
  'constraint.validated': z.object({ ...onTable, name: z.string().min(1) }),
  'constraint.renamed': z.object({
    ...onTable,
    name: z.string().min(1),
    newName: z.string().min(1),
  }),

  'schema.created': z.object({
    name: z.string().min(1),
    ifNotExists: z.boolean().default(false),
    context: StatementContext.optional(),
  }),
  'schema.dropped': z.object({
    name: z.string().min(1),
    ...dropFlags,
    context: StatementContext.optional(),
  }),
  'schema.renamed': z.object({
    name: z.string().min(1),
    newName: z.string().min(1),
    context: StatementContext.optional(),
  }),
  'database.dropped': z.object({
    name: z.string().min(1),
    ifExists: z.boolean().default(false),
    context: StatementContext.optional(),
  }),

  'enum.created': z.object({ ...namedObject(), values: z.array(z.string()) }),
  'enum.altered': z.object({
    ...namedObject(),
    addedValue: z.string().optional(),
    /** Where the added value goes; without it PostgreSQL appends it at the end. */
    position: z.object({ placement: z.enum(['before', 'after']), value: z.string() }).optional(),
    ifNotExists: z.boolean().default(false),
    renamedValue: z.object({ from: z.string(), to: z.string() }).optional(),
    /** The whole list of values after the change, where the format states it (Rails, MySQL). */
    values: z.array(z.string()).optional(),
    newName: z.string().optional(),
    newSchema: z.string().optional(),
  }),
  'enum.dropped': z.object({ ...namedObject(), ...dropFlags }),
  'domain.created': z.object({
    ...namedObject(),
    type: ColumnType,
    nullable: z.boolean().default(true),
    default: ColumnDefault.optional(),
    checks: z.array(z.string()).default([]),
  }),
  'domain.altered': z.object({
    ...namedObject(),
    addedCheck: z.object({ name: z.string().optional(), expression: z.string() }).optional(),
    notValid: z.boolean().default(false),
    droppedConstraint: z.string().optional(),
    nullable: z.boolean().optional(),
    default: ColumnDefault.optional(),
    newName: z.string().optional(),
  }),
  'domain.dropped': z.object({ ...namedObject(), ...dropFlags }),
  'view.created': z.object({
    ...namedObject(),
    definition: z.string(),
    materialized: z.boolean().default(false),
    replaceExisting: z.boolean().default(false),
  }),
  'view.altered': z.object({
    ...namedObject(),
    materialized: z.boolean().default(false),
    definition: z.string().optional(),
    newName: z.string().optional(),
    newSchema: z.string().optional(),
  }),
  'view.dropped': z.object({
    ...namedObject(),
    materialized: z.boolean().default(false),
    ...dropFlags,
  }),
  'sequence.created': z.object({ ...namedObject(), ifNotExists: z.boolean().default(false) }),
  'sequence.altered': z.object({
    ...namedObject(),
    newName: z.string().optional(),
    newSchema: z.string().optional(),
    /** `ALTER SEQUENCE ... AS bigint`. */
    type: z.string().optional(),
  }),
  'sequence.dropped': z.object({ ...namedObject(), ...dropFlags }),
  'extension.created': z.object({ ...namedObject(), ifNotExists: z.boolean().default(false) }),
  'extension.altered': z.object({ ...namedObject(), version: z.string().optional() }),
  'extension.dropped': z.object({ ...namedObject(), ...dropFlags }),
  /** Functions and procedures: tracked by name, their bodies are not analysed. */
  'function.created': z.object({
    ...namedObject(),
    routine: z.enum(['function', 'procedure']).default('function'),
    language: z.string().optional(),
    replaceExisting: z.boolean().default(false),
  }),
  'function.dropped': z.object({
    ...namedObject(),
    routine: z.enum(['function', 'procedure']).default('function'),
    ...dropFlags,
  }),
  'trigger.created': z.object({
    ...onTable,
    name: z.string().min(1),
    function: z.string().optional(),
    replaceExisting: z.boolean().default(false),
  }),
  'trigger.dropped': z.object({ ...onTable, name: z.string().min(1), ...dropFlags }),
  'policy.created': z.object({ ...onTable, name: z.string().min(1) }),
  'policy.dropped': z.object({
    ...onTable,
    name: z.string().min(1),
    ifExists: z.boolean().default(false),
  }),

  /** BEGIN / COMMIT / ROLLBACK / SAVEPOINT written in the migration itself. */
  'transaction.controlled': z.object({
    action: z.enum(['begin', 'commit', 'rollback', 'savepoint', 'release', 'rollback-to']),
    context: StatementContext.optional(),
  }),
  /** `SET [LOCAL] name = value`; `value` null for `RESET`. */
  'session.setting_changed': z.object({
    name: z.string().min(1),
    value: z.string().nullable(),
    local: z.boolean().default(false),
    context: StatementContext.optional(),
  }),

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
    /** Work done in batches (Rails in_batches, a loop with a LIMIT), where it can be told. */
    batched: z.boolean().optional(),
    /** Django RunPython code importing the app's current models instead of apps.get_model. */
    usesLiveModels: z.boolean().optional(),
    /** Whether the step can be reversed (RunPython reverse_code, RunSQL reverse_sql). */
    reversible: z.boolean().optional(),
    context: StatementContext.optional(),
  }),

  /**
   * A migration entered the code base. First event of every new migration, even one with no
   * schema operations (a Django merge migration), so the timeline lists every migration and a
   * scan always yields events.
   */
  'migration.added': z.object({
    events: z.number().int().nonnegative(),
    /** Whether the migration can be rolled back (a down/downgrade, reversible operations). */
    reversible: z.boolean().optional(),
    /** Whether the framework runs the migration inside one transaction by default. */
    transactional: z.boolean().optional(),
  }),
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
