import { EntitySchema } from '@mikro-orm/core';

/**
 * The projector's position per project. The schema state after it lives in the projector's
 * memory and in snapshots, not here: rewriting megabytes of state per batch was most of a
 * batch's cost. `revision` changes with every write, so a projector knows whether the state
 * it holds is still the head's.
 */
export interface ProjectHead {
  project: string;
  lastSequence: number;
  revision: string;
  updatedAt: Date;
}

export const ProjectHeadEntity = new EntitySchema<ProjectHead>({
  name: 'ProjectHead',
  tableName: 'project_heads',
  properties: {
    project: { type: 'string', length: 100, primary: true },
    lastSequence: { type: 'bigint', mapToPk: false },
    revision: { type: 'uuid' },
    updatedAt: { type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()' },
  },
});
