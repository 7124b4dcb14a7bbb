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
export const SchemaResponse = z.object({
  project: z.string(),
  /** The last event sequence number folded into this schema (0 when there are no events). */
  sequence: z.number().int().nonnegative(),
  tables: z.array(TableView),
  /** Events that did not fit the schema at their point (dropping a missing column, ...). */
  anomalies: z.array(
    z.object({ eventId: z.string(), sequence: z.number().int().optional(), reason: z.string() }),
  ),
});
export type SchemaResponse = z.infer<typeof SchemaResponse>;

export const SchemaQuery = z.object({
  at: z.coerce.number().int().nonnegative().optional(),
});
