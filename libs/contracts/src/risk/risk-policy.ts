import { z } from 'zod';
import { RiskLevel } from './risk-level';

/** The database the migrations run against; some rules depend on its engine and version. */
export const TargetDatabase = z.object({
  engine: z.enum(['postgresql', 'mysql', 'mariadb']).default('postgresql'),
  /** `16`, `14.2`, `8.0.35`: major[.minor[.patch]]. */
  version: z
    .string()
    .regex(/^\d+(\.\d+){0,2}$/, 'a version such as 16, 14.2 or 8.0.35')
    .default('16'),
});
export type TargetDatabase = z.infer<typeof TargetDatabase>;

export const RuleOverride = z.object({
  enabled: z.boolean().optional(),
  level: RiskLevel.optional(),
});
export type RuleOverride = z.infer<typeof RuleOverride>;

/**
 * A project's risk policy: which rules run, at which level, against which database, and the
 * facts about the deployment that migrations cannot show.
 */
export const RiskPolicy = z.object({
  target: TargetDatabase.default({ engine: 'postgresql', version: '16' }),
  /** Per rule id: turn it off, or change its level. */
  rules: z.record(z.string(), RuleOverride).default({}),
  settings: z
    .object({
      /** lock_timeout is set on the migration role or connection, so files need not set it. */
      lockTimeoutConfigured: z.boolean().default(false),
      /** statement_timeout is set on the migration role or connection. */
      statementTimeoutConfigured: z.boolean().default(false),
      /** Rails `partial_inserts` is on (the default before Rails 7). */
      railsPartialInserts: z.boolean().default(false),
      /** The migration session runs with time zone UTC (timestamp ↔ timestamptz is then safe). */
      sessionTimeZoneUtc: z.boolean().default(false),
      /** Longest identifier the database keeps (PostgreSQL: 63 bytes). */
      maxIdentifierBytes: z.number().int().positive().default(63),
    })
    .default({
      lockTimeoutConfigured: false,
      statementTimeoutConfigured: false,
      railsPartialInserts: false,
      sessionTimeZoneUtc: false,
      maxIdentifierBytes: 63,
    }),
});
export type RiskPolicy = z.infer<typeof RiskPolicy>;
export type RiskPolicyInput = z.input<typeof RiskPolicy>;

export const DEFAULT_RISK_POLICY: RiskPolicy = RiskPolicy.parse({});
