import { EntitySchema } from '@mikro-orm/core';
import type { RiskLevel } from '@schematrace/contracts';

/** A project's risk policy as last replaced (validated against RiskPolicy before it is stored). */
export interface ProjectPolicy {
  project: string;
  policy: unknown;
  updatedAt: Date;
}

export const ProjectPolicyEntity = new EntitySchema<ProjectPolicy>({
  name: 'ProjectPolicy',
  tableName: 'project_policies',
  properties: {
    project: { type: 'string', length: 100, primary: true },
    policy: { type: 'json' },
    updatedAt: { type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()' },
  },
});

/**
 * One finding of the latest assessment of a project. `hit` numbers the findings one rule
 * raised on one event (a rule may report several objects of one statement).
 */
export interface RiskFindingRow {
  project: string;
  eventId: string;
  ruleId: string;
  hit: number;
  sequence: number;
  level: RiskLevel;
  migration: string;
  message: string;
  safeAlternative: string;
  acknowledged: boolean;
  ruleSetVersion: string;
}

export const RiskFindingEntity = new EntitySchema<RiskFindingRow>({
  name: 'RiskFinding',
  tableName: 'risk_findings',
  indexes: [
    { properties: ['project', 'level'] },
    { properties: ['project', 'ruleId'] },
    { properties: ['project', 'sequence'] },
  ],
  properties: {
    project: { type: 'string', length: 100, primary: true },
    eventId: { type: 'uuid', primary: true },
    ruleId: { type: 'string', length: 100, primary: true },
    hit: { type: 'integer', primary: true },
    sequence: { type: 'bigint', mapToPk: false },
    level: { type: 'string', length: 10 },
    migration: { type: 'text' },
    message: { type: 'text' },
    safeAlternative: { type: 'text' },
    acknowledged: { type: 'boolean', default: false },
    ruleSetVersion: { type: 'string', length: 40 },
  },
});

/** What the stored findings of a project cover: which rules, which policy, up to which event. */
export interface RiskAssessmentRow {
  project: string;
  ruleSetVersion: string;
  policyHash: string;
  lastSequence: number;
  findingCount: number;
  assessedAt: Date;
}

export const RiskAssessmentEntity = new EntitySchema<RiskAssessmentRow>({
  name: 'RiskAssessment',
  tableName: 'risk_assessments',
  properties: {
    project: { type: 'string', length: 100, primary: true },
    ruleSetVersion: { type: 'string', length: 40 },
    policyHash: { type: 'string', length: 64 },
    lastSequence: { type: 'bigint', mapToPk: false },
    findingCount: { type: 'integer', default: 0 },
    assessedAt: { type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()' },
  },
});
