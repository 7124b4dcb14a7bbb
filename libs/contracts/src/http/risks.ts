import { z } from 'zod';
import { RiskFinding } from '../risk/risk-finding';
import { RiskLevel } from '../risk/risk-level';
import { RiskPolicy } from '../risk/risk-policy';

export const RisksQuery = z.object({
  /** This level and the more severe ones. */
  min_level: RiskLevel.optional(),
  rule: z.string().min(1).max(100).optional(),
  /** The previous page's `next`. */
  cursor: z
    .string()
    .regex(/^\d+:[a-z0-9-]+:\d+$/, 'the `next` value of the previous page')
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const RisksResponse = z.object({
  project: z.string(),
  /** The rule set and the last event the findings cover; absent before the first assessment. */
  assessment: z
    .object({ ruleSetVersion: z.string(), lastSequence: z.number().int(), assessedAt: z.string() })
    .optional(),
  findings: z.array(RiskFinding.extend({ sequence: z.number().int() })),
  next: z.string().nullable(),
});
export type RisksResponse = z.infer<typeof RisksResponse>;

export const PolicyResponse = z.object({
  project: z.string(),
  policy: RiskPolicy,
  /** False when the project has no policy of its own and the defaults apply. */
  stored: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type PolicyResponse = z.infer<typeof PolicyResponse>;

export const MigrationSummary = z.object({
  migration: z.string(),
  framework: z.string(),
  path: z.string(),
  occurredAt: z.string(),
  occurredAtSource: z.string(),
  git: z
    .object({
      commit: z.string(),
      author: z.string(),
      committedAt: z.string(),
      message: z.string(),
    })
    .optional(),
  firstSequence: z.number().int(),
  lastSequence: z.number().int(),
  summary: z.string(),
  changes: z.number().int(),
  highestRisk: RiskLevel.nullable(),
});
export type MigrationSummary = z.infer<typeof MigrationSummary>;

export const MigrationsResponse = z.object({
  project: z.string(),
  migrations: z.array(MigrationSummary),
});
export type MigrationsResponse = z.infer<typeof MigrationsResponse>;

export const MigrationDetail = MigrationSummary.extend({
  changeDescriptions: z.array(
    z.object({ sequence: z.number().int(), kind: z.string(), description: z.string() }),
  ),
  risks: z.array(z.string()),
  findings: z.array(RiskFinding),
});
export type MigrationDetail = z.infer<typeof MigrationDetail>;
