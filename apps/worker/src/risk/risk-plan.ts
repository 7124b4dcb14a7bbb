import { createHash } from 'node:crypto';
import type {
  RiskFinding,
  RiskPolicy,
  RiskRecomputeReason,
  SchemaEvent,
} from '@schematrace/contracts';
import type { ProjectRiskStatus, StoredRiskFinding } from '@schematrace/persistence';

/**
 * A stable fingerprint of a policy: the same rules, levels, target and settings give the same
 * hash whatever the key order, so an assessment can tell whether it used the current policy.
 */
export function policyHash(policy: RiskPolicy): string {
  return createHash('sha256').update(canonicalJson(policy)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Why a project's stored findings no longer answer for it, if they do not: never assessed or
 * assessed by another rule set, under another policy, or before its latest events.
 */
export function recomputeReason(
  status: ProjectRiskStatus,
  currentPolicyHash: string,
  ruleSetVersion: string,
): RiskRecomputeReason | undefined {
  const { assessment } = status;
  if (!assessment || assessment.ruleSetVersion !== ruleSetVersion) return 'rule-set';
  if (assessment.policyHash !== currentPolicyHash) return 'policy';
  if (assessment.lastSequence < status.headSequence) return 'events';
  return undefined;
}

/**
 * The domain's findings as stored rows: each gets its event's sequence and a hit number among
 * the findings of the same rule on the same event. A finding about a migration as a whole with
 * no event of its own is filed under the last event of that migration.
 */
export function storedFindings(
  findings: readonly RiskFinding[],
  events: readonly { readonly sequence: number; readonly event: SchemaEvent }[],
): StoredRiskFinding[] {
  const sequences = new Map<string, number>();
  const lastOfMigration = new Map<string, { id: string; sequence: number }>();
  for (const { sequence, event } of events) {
    sequences.set(event.id, sequence);
    lastOfMigration.set(`${event.migration.app}/${event.migration.name}`, {
      id: event.id,
      sequence,
    });
  }
  const hits = new Map<string, number>();
  const stored: StoredRiskFinding[] = [];
  for (const finding of findings) {
    const fallback = lastOfMigration.get(finding.migration);
    const eventId = sequences.has(finding.eventId) ? finding.eventId : fallback?.id;
    if (eventId === undefined) continue; // no event at all to attach it to: nothing to show
    const key = `${eventId}\u0000${finding.ruleId}`;
    const hit = hits.get(key) ?? 0;
    hits.set(key, hit + 1);
    stored.push({ ...finding, eventId, sequence: sequences.get(eventId)!, hit });
  }
  return stored;
}
