import { z } from 'zod';
import { RiskLevel } from './risk-level';

/**
 * One rule's verdict on one event. Findings are derived, not facts: they are stored apart from
 * the events and recomputed when the rule set or the project's policy changes.
 */
export const RiskFinding = z.object({
  ruleId: z.string().min(1),
  level: RiskLevel,
  eventId: z.string(),
  /** `app/name` of the migration, for grouping without the event at hand. */
  migration: z.string(),
  message: z.string().min(1),
  safeAlternative: z.string().min(1),
  /** The author explicitly accepted this risk (safety_assured, squawk-ignore, ...). */
  acknowledged: z.boolean().default(false),
  ruleSetVersion: z.string().min(1),
});
export type RiskFinding = z.infer<typeof RiskFinding>;
