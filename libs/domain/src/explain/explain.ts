import type { MigrationIdentity, RiskFinding, SchemaEvent } from '@schematrace/contracts';
import { compareRiskLevels } from '@schematrace/contracts';
import { findRule } from '../risk/rule-set';
import { describeEvent } from './describe-event';

/** Kinds that say something about the migration rather than change the schema. */
const LIFECYCLE = new Set(['migration.added']);

/**
 * One sentence for an event: what changed, in which migration, when, by whom and why (the
 * commit message), then one sentence per risk with the danger and the safer way.
 */
export function explainEvent(event: SchemaEvent, findings: readonly RiskFinding[] = []): string {
  const what = `${capitalise(describeEvent(event))}.`;
  const origin = `(${migrationLabel(event.migration)}, ${provenance(event)})`;
  return [`${what.slice(0, -1)} ${origin}.`, ...findings.map(explainFinding)].join(' ');
}

/** A finding as a sentence: level, rule, what was found, why it matters, what to do instead. */
export function explainFinding(finding: RiskFinding): string {
  const rule = findRule(finding.ruleId);
  const why = rule ? ` ${rule.rationale}` : '';
  const acknowledged = finding.acknowledged ? ' The author marked this risk as accepted.' : '';
  return `Risk ${finding.level} (${finding.ruleId}): ${capitalise(finding.message)}.${why} Safer: ${finding.safeAlternative}${acknowledged}`;
}

export interface MigrationExplanation {
  readonly migration: string;
  /** A paragraph: when, who, why, what changed and the highest risk. */
  readonly summary: string;
  /** One line per schema event, in order. */
  readonly changes: readonly string[];
  /** One sentence per finding, most severe first. */
  readonly risks: readonly string[];
}

/** A migration's story: its events (in order) and the findings raised on them. */
export function explainMigration(
  events: readonly SchemaEvent[],
  findings: readonly RiskFinding[] = [],
): MigrationExplanation {
  const first = events[0];
  if (!first) throw new Error('a migration to explain needs at least one event');
  const changes = events.filter((event) => !LIFECYCLE.has(event.kind)).map(describeEvent);
  const ordered = [...findings].sort((a, b) => compareRiskLevels(b.level, a.level));
  const counted =
    changes.length === 0
      ? 'changes no schema'
      : `makes ${plural(changes.length, 'change')}: ${changes.join('; ')}`;
  const riskText =
    ordered.length === 0
      ? 'No risk found.'
      : `${plural(ordered.length, 'risk')}, the highest ${ordered[0]!.level} (${ordered[0]!.ruleId}).`;
  return {
    migration: `${first.migration.app}/${first.migration.name}`,
    summary: `Migration ${migrationLabel(first.migration)}, ${provenance(first)}, ${counted}. ${riskText}`,
    changes,
    risks: ordered.map(explainFinding),
  };
}

function migrationLabel(migration: MigrationIdentity): string {
  return `${migration.app}/${migration.name} (${migration.framework})`;
}

/** When the change entered the code base, by whom and why, as far as it is known. */
function provenance(event: SchemaEvent): string {
  const git = event.migration.git;
  if (git) {
    const message = git.message.trim().split('\n')[0];
    return `committed ${day(git.committedAt)} by ${git.authorName} in ${git.commit.slice(0, 7)}${message ? `: "${message}"` : ''}`;
  }
  switch (event.occurredAtSource) {
    case 'filename':
      return `dated ${day(event.occurredAt)} by its file name`;
    case 'scan':
      return `first seen by a scan on ${day(event.occurredAt)}, no git history`;
    default:
      return `on ${day(event.occurredAt)}`;
  }
}

const day = (iso: string) => iso.slice(0, 10);
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
