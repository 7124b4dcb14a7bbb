import {
  RISK_LEVELS,
  type RiskLevel,
  type RisksResponse,
  type ScanStatusResponse,
} from '@schematrace/contracts';
import type { TerminalStyle } from '../analysis/terminal-style';

type Finding = RisksResponse['findings'][number];

/** What `scan` reports once its scan is queryable: the shape of `scan --json` (README). */
export interface ScanSummary {
  readonly scanId: string;
  readonly project: string;
  readonly status: ScanStatusResponse['status'];
  readonly files: { readonly submitted: number; readonly modifiedSinceAdded: number };
  readonly migrations: { new: number; modified: number; removed: number; unchanged: number };
  readonly eventsAdded: number;
  readonly lastSequence: number | null;
  /** New findings on the scan's events by level, acknowledged ones apart. */
  readonly findings: Readonly<Record<RiskLevel, number>>;
  readonly acknowledged: number;
  readonly failures: ScanStatusResponse['failures'];
  /** Set when `--fail-on` was given: whether an unacknowledged finding reached that level. */
  readonly failOn?: { readonly level: RiskLevel; readonly reached: boolean };
}

export function summarizeScan(
  status: ScanStatusResponse,
  files: { submitted: number; modifiedSinceAdded: number },
  newFindings: readonly Finding[],
  failOn?: RiskLevel,
): ScanSummary {
  const findings = Object.fromEntries(RISK_LEVELS.map((level) => [level, 0])) as Record<
    RiskLevel,
    number
  >;
  let acknowledged = 0;
  for (const finding of newFindings) {
    if (finding.acknowledged) acknowledged += 1;
    else findings[finding.level] += 1;
  }
  return {
    scanId: status.scanId,
    project: status.project,
    status: status.status,
    files,
    migrations: status.migrations ?? { new: 0, modified: 0, removed: 0, unchanged: 0 },
    eventsAdded: status.events.projected,
    lastSequence: status.lastSequence ?? null,
    findings,
    acknowledged,
    failures: status.failures,
    ...(failOn
      ? {
          failOn: {
            level: failOn,
            reached: RISK_LEVELS.slice(RISK_LEVELS.indexOf(failOn)).some(
              (level) => findings[level] > 0,
            ),
          },
        }
      : {}),
  };
}

/** The summary as a person reads it: counts first, then what needs attention. */
export function renderScanSummary(summary: ScanSummary, style: TerminalStyle): string {
  const m = summary.migrations;
  const lines = [
    `${style.bold(summary.project)}: ${m.new} new, ${m.modified} modified, ${m.removed} removed, ${m.unchanged} unchanged migration(s); ${summary.eventsAdded} event(s) added${
      summary.lastSequence === null ? '' : ` (now at sequence ${summary.lastSequence})`
    }`,
  ];
  const levels = [...RISK_LEVELS]
    .reverse()
    .filter((level) => summary.findings[level] > 0)
    .map((level) => style.level(level, `${summary.findings[level]} ${level}`));
  lines.push(
    levels.length > 0
      ? `new risk findings: ${levels.join(', ')}${summary.acknowledged > 0 ? ` (${summary.acknowledged} acknowledged)` : ''}`
      : `no new risk findings${summary.acknowledged > 0 ? ` (${summary.acknowledged} acknowledged)` : ''}`,
  );
  if (summary.files.modifiedSinceAdded > 0)
    lines.push(
      `${summary.files.modifiedSinceAdded} migration file(s) were edited after the commit that added them`,
    );
  for (const failure of summary.failures)
    lines.push(`could not read ${failure.path}: ${failure.reason}`);
  if (levels.length > 0)
    lines.push(style.dim(`details: schematrace risks ${summary.project} --min-level medium`));
  if (summary.failOn?.reached)
    lines.push(`failing: a finding reached --fail-on ${summary.failOn.level}`);
  return lines.join('\n');
}
