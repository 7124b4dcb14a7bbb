import { z } from 'zod';
import {
  ColumnDefinition,
  ConstraintDefinition,
  IndexDefinition,
  OrmModel,
} from '../events/schema-objects';

/** The event that created or changed a schema element. */
export const EventRef = z.object({
  eventId: z.string(),
  kind: z.string(),
  sequence: z.number().int().optional(),
});

export const ColumnView = ColumnDefinition.extend({
  createdBy: EventRef,
  changedBy: z.array(EventRef),
});

const provenance = { createdBy: EventRef, changedBy: z.array(EventRef) };

export const TableView = z.object({
  schema: z.string().optional(),
  name: z.string(),
  model: OrmModel.optional(),
  comment: z.string().optional(),
  partitioned: z.boolean().optional(),
  options: z.record(z.string(), z.string()),
  columns: z.array(ColumnView),
  indexes: z.array(IndexDefinition.extend(provenance)),
  constraints: z.array(ConstraintDefinition.extend(provenance)),
  triggers: z.array(z.object({ name: z.string(), function: z.string().optional(), ...provenance })),
  policies: z.array(z.object({ name: z.string(), ...provenance })),
  ...provenance,
});
export type TableView = z.infer<typeof TableView>;

/** `GET /v1/projects/{project}/schema[?at=<sequence>]`. */
const NamedObjectView = z.looseObject({
  schema: z.string().optional(),
  name: z.string(),
  ...provenance,
});

export const SchemaResponse = z.object({
  project: z.string(),
  /** The point asked for, as understood (`event #12`, `migration shop/0003`, a time). */
  point: z.string().optional(),
  /** The last event sequence number folded into this schema (0 when there are no events). */
  sequence: z.number().int().nonnegative(),
  tables: z.array(TableView),
  /** Enums, views, sequences, extensions, domains, functions and schemas, by kind. */
  objects: z.record(z.string(), z.array(NamedObjectView)),
  /** Events that did not fit the schema at their point (dropping a missing column, ...). */
  anomalies: z.array(
    z.object({ eventId: z.string(), sequence: z.number().int().optional(), reason: z.string() }),
  ),
});
export type SchemaResponse = z.infer<typeof SchemaResponse>;

/**
 * `at`: a sequence number (`42`), a migration (`app/name`, `migration:<name>`), a time
 * (`2024-05-01`, ISO timestamp) or a commit (`commit:<sha>`); see docs for their meaning.
 */
export const SchemaQuery = z.object({ at: z.string().min(1).max(200).optional() });

export const DiffQuery = z.object({
  from: z.string().min(1).max(200),
  to: z.string().min(1).max(200).optional(),
});

export const DiffResponse = z.object({
  project: z.string(),
  from: z.object({ point: z.string(), sequence: z.number().int() }),
  to: z.object({ point: z.string(), sequence: z.number().int() }),
  /** One line per change (`+` added, `-` removed, `~` changed). */
  text: z.string(),
  /** The structured diff: added, removed and changed elements with before and after. */
  diff: z.unknown(),
});
export type DiffResponse = z.infer<typeof DiffResponse>;

export const LineageResponse = z.object({
  project: z.string(),
  subject: z.string(),
  currentName: z.string().optional(),
  steps: z.array(
    z.object({
      sequence: z.number().int(),
      incarnation: z.number().int(),
      nameBefore: z.string().optional(),
      nameAfter: z.string().optional(),
      description: z.string(),
      event: z.unknown(),
    }),
  ),
});
export type LineageResponse = z.infer<typeof LineageResponse>;

export const TablesQuery = z.object({
  include_removed: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((value) => value === 'true' || value === '1'),
});

/** One life of a table under one name: from the event that created (or renamed) it to the one that ended it. */
export const TableInterval = z.object({
  name: z.string(),
  model: OrmModel.optional(),
  addedSequence: z.number().int(),
  removedSequence: z.number().int().nullable(),
  createdAt: z.string(),
  columns: z.array(
    z.object({
      name: z.string(),
      definition: z.unknown(),
      addedAt: z.string(),
      removedAt: z.string().nullable(),
    }),
  ),
});
export type TableInterval = z.infer<typeof TableInterval>;

export const TablesResponse = z.object({ project: z.string(), tables: z.array(TableInterval) });
export type TablesResponse = z.infer<typeof TablesResponse>;
