import { EntitySchema } from '@mikro-orm/core';

/** The projector's position per project: last sequence and the schema state after it. */
export interface ProjectHead {
  project: string;
  lastSequence: number;
  state: unknown;
  updatedAt: Date;
}

export const ProjectHeadEntity = new EntitySchema<ProjectHead>({
  name: 'ProjectHead',
  tableName: 'project_heads',
  properties: {
    project: { type: 'string', length: 100, primary: true },
    lastSequence: { type: 'bigint', mapToPk: false },
    state: { type: 'json' },
    updatedAt: { type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()' },
  },
});
