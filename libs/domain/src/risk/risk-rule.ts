import type { EventKind, RiskLevel, SchemaEvent } from '@schematrace/contracts';
import type { MigrationContext, RuleContext } from './rule-context';

/** What a rule found: the message names the objects; the rest comes from the rule. */
export interface RuleHit {
  readonly message: string;
  /** When the danger is worse (or milder) than the rule's usual level, e.g. a CASCADE. */
  readonly level?: RiskLevel;
  /** For hits raised at the end of a migration: the event they belong to. */
  readonly event?: SchemaEvent;
}

/**
 * A risk rule: a pure function of an event and its context. Ids are stable (stored findings and
 * policies refer to them); the anchors name the equivalent rules of established linters.
 */
export interface RiskRule {
  readonly id: string;
  readonly level: RiskLevel;
  readonly title: string;
  /** Why this is dangerous, for a developer reading the finding. */
  readonly rationale: string;
  readonly safeAlternative: string;
  readonly anchors: readonly string[];
  /** Runs only when the project's policy turns it on (rules that are noisy for most teams). */
  readonly optIn?: boolean;
  /** The event kinds the rule looks at; the engine calls `check` only for those. */
  readonly kinds: readonly EventKind[];
  check?(event: SchemaEvent, context: RuleContext): RuleHit | readonly RuleHit[] | undefined;
  /** Called once a migration's events are all seen, for rules about the migration as a whole. */
  finish?(migration: MigrationContext, context: Omit<RuleContext, 'before'>): readonly RuleHit[];
}

/** Typed `check` for rules about one event kind. */
export function ruleFor<K extends EventKind>(
  rule: Omit<RiskRule, 'kinds' | 'check'> & {
    readonly kinds: readonly K[];
    check(
      event: Extract<SchemaEvent, { kind: K }>,
      context: RuleContext,
    ): RuleHit | readonly RuleHit[] | undefined;
  },
): RiskRule {
  return rule;
}
