import type { RiskRule } from './risk-rule';
import { COLUMN_RULES } from './rules/columns.rules';
import { COMPATIBILITY_RULES } from './rules/compatibility.rules';
import { CONSTRAINT_RULES } from './rules/constraints.rules';
import { DESTRUCTIVE_RULES } from './rules/destructive.rules';
import { INDEX_RULES } from './rules/indexes.rules';
import { MAINTENANCE_RULES } from './rules/maintenance.rules';
import { TRANSACTION_RULES } from './rules/transactions.rules';

/**
 * The version of the rule set. Stored findings carry it, so the worker can recompute them when
 * it changes: bump it whenever a rule is added, removed, or decides differently.
 */
export const RULE_SET_VERSION = '1.0.0';

/** Every rule, in the order of the catalogue (design/RISK-RULES.md §1). */
export const RISK_RULES: readonly RiskRule[] = [
  ...DESTRUCTIVE_RULES,
  ...COMPATIBILITY_RULES,
  ...COLUMN_RULES,
  ...INDEX_RULES,
  ...CONSTRAINT_RULES,
  ...TRANSACTION_RULES,
  ...MAINTENANCE_RULES,
];

export function findRule(id: string): RiskRule | undefined {
  return RISK_RULES.find((rule) => rule.id === id);
}
