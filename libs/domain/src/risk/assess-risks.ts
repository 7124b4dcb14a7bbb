import {
  compareRiskLevels,
  DEFAULT_RISK_POLICY,
  type RiskFinding,
  type RiskLevel,
  type RiskPolicy,
  type SchemaEvent,
} from '@schematrace/contracts';
import { sameMigration } from '../history/migration-groups';
import { SchemaDraft } from '../schema/schema-draft';
import { applyEvent } from '../schema/evolve';
import { EMPTY_SCHEMA, type SchemaState } from '../schema/schema-state';
import { statementOf } from './event-facts';
import { MigrationTracker, type RuleContext } from './rule-context';
import type { RiskRule, RuleHit } from './risk-rule';
import { RISK_RULES, RULE_SET_VERSION } from './rule-set';
import { resolveTarget } from './target-version';

export interface RiskAssessment {
  readonly findings: readonly RiskFinding[];
  /** The schema after the last event assessed. */
  readonly state: SchemaState;
}

export interface AssessOptions {
  readonly policy?: RiskPolicy;
  /** The schema before the first event (a snapshot), when assessing part of a history. */
  readonly from?: SchemaState;
  readonly rules?: readonly RiskRule[];
}

/**
 * Runs every enabled rule over a history, in apply order. Each rule sees the event, the schema
 * just before it, the earlier events of its migration and the project's policy. Events of one
 * migration are contiguous in a history, so a new migration identity starts a new context.
 */
export function assessRisks(
  events: Iterable<SchemaEvent>,
  options: AssessOptions = {},
): RiskAssessment {
  const policy = options.policy ?? DEFAULT_RISK_POLICY;
  const target = resolveTarget(policy.target);
  const rules = enabledRules(options.rules ?? RISK_RULES, policy);
  const byKind = new Map<string, RiskRule[]>();
  for (const rule of rules)
    for (const kind of rule.kinds) byKind.set(kind, [...(byKind.get(kind) ?? []), rule]);
  const finishing = rules.filter((rule) => rule.finish !== undefined);

  const draft = new SchemaDraft(options.from ?? EMPTY_SCHEMA);
  let position = (options.from ?? EMPTY_SCHEMA).position;
  const findings: RiskFinding[] = [];
  let migration: MigrationTracker | undefined;

  const finishMigration = (): void => {
    if (!migration) return;
    for (const rule of finishing) {
      const hits = rule.finish!(migration, { migration, policy, target });
      for (const hit of hits) findings.push(toFinding(rule, hit, hit.event, migration.key, policy));
    }
  };

  for (const event of events) {
    if (!migration || !sameMigration(migration.identity, event.migration)) {
      finishMigration();
      migration = new MigrationTracker(event.migration);
    }
    const context: RuleContext = { before: draft.view(position), migration, policy, target };
    for (const rule of byKind.get(event.kind) ?? []) {
      const result = rule.check!(event, context);
      if (!result) continue;
      const hits: readonly RuleHit[] = Array.isArray(result) ? result : [result as RuleHit];
      for (const hit of hits) findings.push(toFinding(rule, hit, event, migration.key, policy));
    }
    migration.observe(event);
    position += 1;
    applyEvent(draft, event, position, false);
  }
  finishMigration();
  return { findings, state: draft.toState(position) };
}

function enabledRules(rules: readonly RiskRule[], policy: RiskPolicy): RiskRule[] {
  return rules.filter((rule) => {
    const enabled = policy.rules[rule.id]?.enabled;
    return rule.optIn ? enabled === true : enabled !== false;
  });
}

function toFinding(
  rule: RiskRule,
  hit: RuleHit,
  event: SchemaEvent | undefined,
  migration: string,
  policy: RiskPolicy,
): RiskFinding {
  const subject = hit.event ?? event;
  const level: RiskLevel = policy.rules[rule.id]?.level ?? hit.level ?? rule.level;
  return {
    ruleId: rule.id,
    level,
    eventId: subject?.id ?? '',
    migration,
    message: hit.message,
    safeAlternative: rule.safeAlternative,
    acknowledged: subject ? isAcknowledged(subject, rule) : false,
    ruleSetVersion: RULE_SET_VERSION,
  };
}

/** Suppression markers may name our rule id or the anchoring linter's own id. */
function isAcknowledged(event: SchemaEvent, rule: RiskRule): boolean {
  const acknowledged = statementOf(event)?.acknowledged;
  if (!acknowledged) return false;
  if (acknowledged.includes('*') || acknowledged.includes(rule.id)) return true;
  const anchorIds = rule.anchors.map((anchor) => anchor.split(' ').pop()!);
  return acknowledged.some((id) => anchorIds.includes(id));
}

/** The most severe level among findings that were not acknowledged, if any. */
export function highestLevel(findings: readonly RiskFinding[]): RiskLevel | undefined {
  let highest: RiskLevel | undefined;
  for (const finding of findings) {
    if (finding.acknowledged) continue;
    if (!highest || compareRiskLevels(finding.level, highest) > 0) highest = finding.level;
  }
  return highest;
}
