import { z } from 'zod';
import { SchemaEvent } from '../events/schema-event';

import { RiskLevel } from '../risk/risk-level';

/**
 * `GET /v1/projects/{project}/events`: `after` is the cursor (a sequence number; pass the
 * previous page's `next`); the filters combine.
 */
export const EventsQuery = z.object({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  /** Events naming this table. */
  table: z.string().min(1).max(200).optional(),
  /** One kind or several, comma-separated (`column.added,column.dropped`). */
  kind: z
    .string()
    .regex(/^[a-z_.]+(,[a-z_.]+)*$/, 'event kinds separated by commas')
    .transform((value) => value.split(','))
    .optional(),
  /** Only events with a risk finding at or above this level. */
  risk: RiskLevel.optional(),
  /** Entered the code base at or after / at or before these times (ISO 8601). */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

/** `GET /v1/projects/{project}/events`: the event log in sequence order. */
export const EventsResponse = z.object({
  project: z.string(),
  events: z.array(z.object({ sequence: z.number().int().positive(), event: SchemaEvent })),
  /** Pass as `after` for the next page; null on the last page. */
  next: z.number().int().nullable(),
});
export type EventsResponse = z.infer<typeof EventsResponse>;
