import { EntitySchema } from '@mikro-orm/core';

/** A project whose migrations are tracked; `key` is the name used in URLs and on topics. */
export interface Project {
  id: number;
  key: string;
  description: string | null;
  createdAt: Date;
}

export const ProjectEntity = new EntitySchema<Project>({
  name: 'Project',
  tableName: 'projects',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    key: { type: 'string', length: 100, unique: true },
    description: { type: 'text', nullable: true },
    createdAt: { type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()' },
  },
});
