import { EntitySchema } from '@mikro-orm/core';

/** An API key: only its SHA-256 hash is stored; `id` is the public part of the key. */
export interface ApiKeyRow {
  id: string;
  hash: string;
  scope: 'read' | 'write' | 'admin';
  /** Null: every project. */
  project: string | null;
  label: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

export const ApiKeyEntity = new EntitySchema<ApiKeyRow>({
  name: 'ApiKey',
  tableName: 'api_keys',
  properties: {
    id: { type: 'string', length: 12, primary: true },
    hash: { type: 'string', length: 64 },
    scope: { type: 'string', length: 10 },
    project: { type: 'string', length: 100, nullable: true },
    label: { type: 'text', nullable: true },
    createdAt: { type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()' },
    revokedAt: { type: 'Date', columnType: 'timestamptz', nullable: true },
  },
});
