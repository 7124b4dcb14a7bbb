import { z } from 'zod';
import { ProjectKey } from './scan-request';

/** read < write < admin; a key may be limited to one project (admin keys never are). */
export const ApiKeyScope = z.enum(['read', 'write', 'admin']);
export type ApiKeyScope = z.infer<typeof ApiKeyScope>;

export const CreateApiKeyRequest = z
  .object({
    scope: ApiKeyScope,
    project: ProjectKey.optional(),
    label: z.string().max(200).optional(),
  })
  .refine((request) => !(request.scope === 'admin' && request.project), {
    message: 'an admin key cannot be limited to one project',
    path: ['project'],
  });
export type CreateApiKeyRequest = z.infer<typeof CreateApiKeyRequest>;

export const ApiKeyView = z.object({
  id: z.string(),
  scope: ApiKeyScope,
  project: z.string().nullable(),
  label: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type ApiKeyView = z.infer<typeof ApiKeyView>;

/** The key itself is shown once, when it is created; only its hash is stored. */
export const CreatedApiKey = ApiKeyView.extend({ key: z.string() });
export type CreatedApiKey = z.infer<typeof CreatedApiKey>;
