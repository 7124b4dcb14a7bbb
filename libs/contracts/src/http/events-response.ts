import { z } from 'zod';
import { SchemaEvent } from '../events/schema-event';

export const EventsQuery = z.object({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** `GET /v1/projects/{project}/events`: the event log in sequence order. */
export const EventsResponse = z.object({
  project: z.string(),
  events: z.array(z.object({ sequence: z.number().int().positive(), event: SchemaEvent })),
  /** Pass as `after` for the next page; null on the last page. */
  next: z.number().int().nullable(),
});
export type EventsResponse = z.infer<typeof EventsResponse>;
