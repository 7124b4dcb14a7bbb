import { z } from 'zod';
import { ProjectKey } from './scan-request';

/**
 * The original SchemaTrace API (the Python prototype's paths and field names), kept working on
 * the same data. Request bodies are as lenient as the original's; responses use its names.
 */

const Timestamp = z.iso.datetime({ offset: true, local: true });

export const OriginalProjectCreate = z.object({
  name: ProjectKey,
  description: z.string().nullable().optional(),
});

export const OriginalProject = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  created_at: z.string(),
});
export type OriginalProject = z.infer<typeof OriginalProject>;

export const OriginalModelCreate = z.object({
  name: z.string().min(1).max(200),
  description: z.string().nullable().optional(),
  project_id: z.coerce.number().int().positive(),
});

export const OriginalModel = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  project_id: z.number().int(),
  created_at: z.string(),
});
export type OriginalModel = z.infer<typeof OriginalModel>;

export const OriginalField = z.object({
  name: z.string(),
  field_type: z.string(),
  nullable: z.boolean(),
  unique: z.boolean(),
  default_value: z.string().nullable(),
  added_at: z.string(),
  removed_at: z.string().nullable().optional(),
});
export type OriginalField = z.infer<typeof OriginalField>;

export const OriginalModelFull = OriginalModel.extend({ fields: z.array(OriginalField) });
export type OriginalModelFull = z.infer<typeof OriginalModelFull>;

export const OriginalEventType = z.enum([
  'ADD_COLUMN',
  'REMOVE_COLUMN',
  'CHANGE_TYPE',
  'CHANGE_NULLABLE',
  'ADD_INDEX',
  'REMOVE_INDEX',
  'RENAME_COLUMN',
]);

export const OriginalRiskLevel = z.enum(['low', 'medium', 'high']);

export const OriginalEventCreate = z.object({
  model_id: z.coerce.number().int().positive(),
  event_type: OriginalEventType,
  field_name: z.string().min(1),
  timestamp: Timestamp.optional(),
  metadata: z.record(z.string(), z.unknown()).default({}),
  /** Accepted for compatibility; SchemaTrace computes risk itself with its rules. */
  risk_level: OriginalRiskLevel.optional(),
});
export type OriginalEventCreate = z.infer<typeof OriginalEventCreate>;

export const OriginalEventsBulk = z.object({
  events: z.array(OriginalEventCreate).min(1).max(1000),
});

export const OriginalEvent = z.object({
  id: z.number().int(),
  model_id: z.number().int(),
  event_type: OriginalEventType,
  field_name: z.string(),
  timestamp: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  risk_level: OriginalRiskLevel,
});
export type OriginalEvent = z.infer<typeof OriginalEvent>;

export const OriginalModelsQuery = z.object({ project_id: z.coerce.number().int().positive() });
export const OriginalFullQuery = z.object({
  include_removed: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((value) => value === 'true' || value === '1'),
});
export const NumericId = z.coerce.number().int().positive();
