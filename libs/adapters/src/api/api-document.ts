import { z } from 'zod';
import { OriginalEventType } from '@schematrace/contracts';

/**
 * A change written through the original SchemaTrace REST API (`POST /models/`, `POST /events/`,
 * `POST /events/bulk`). The gateway turns each write into one of these documents and submits it
 * as a migration file, so API writes travel the same pipeline as scanned migrations.
 */
export const API_DOCUMENT_DIR = '.schematrace/api';

export const ApiOperation = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('create_model'),
    table: z.string().min(1),
    description: z.string().nullable().optional(),
  }),
  z.object({
    op: z.literal('event'),
    table: z.string().min(1),
    eventType: OriginalEventType,
    field: z.string().min(1),
    /** The original API's free-form metadata: type, nullable, unique, default, new_name, ... */
    metadata: z.record(z.string(), z.unknown()).default({}),
  }),
]);
export type ApiOperation = z.infer<typeof ApiOperation>;

export const ApiDocument = z.object({
  schematraceApi: z.literal(1),
  /** When the change happened, as the client said (the original `timestamp`). */
  createdAt: z.iso.datetime({ offset: true, local: true }),
  operations: z.array(ApiOperation).min(1),
});
export type ApiDocument = z.infer<typeof ApiDocument>;

/** Where the gateway files a document: sortable by time, unique by id. */
export function apiDocumentPath(createdAt: string, id: string): string {
  const stamp = createdAt
    .replace(/[^0-9]/g, '')
    .slice(0, 17)
    .padEnd(17, '0');
  return `${API_DOCUMENT_DIR}/${stamp}_${id}.json`;
}
