import {
  compareRiskLevels,
  RISK_LEVELS,
  type DiffResponse,
  type LineageResponse,
  type MigrationDetail,
  type RiskFinding,
  type RisksResponse,
} from '@schematrace/contracts';
import type { TerminalStyle } from '../analysis/terminal-style';
import { renderTable } from './table';

/** A finding as `risks` lists it: one page's shape, pages merged. */
export type ListedFinding = RisksResponse['findings'][number];

/** Both ends of the diff, then the API's own text, `+` lines bold and `-` lines red. */
export function renderDiff(response: DiffResponse, style: TerminalStyle): string {
  const end = (side: DiffResponse['from']) => `${side.point} (sequence ${side.sequence})`;
  const lines = response.text.split('\n').map((line) => {
    const sign = line.trimStart().charAt(0);
    if (sign === '+') return style.bold(line);
    // The red of a high risk: removals are what break readers.
    if (sign === '-') return style.level('high', line);
    return line;
  });
  return [
    style.bold(`${response.project}: ${end(response.from)} → ${end(response.to)}`),
    ...lines,
  ].join('\n');
}

/** The steps of a table's or column's life, with the name it had at each, through renames. */
export function renderLineage(response: LineageResponse, style: TerminalStyle): string {
  const now = response.currentName ? `now ${response.currentName}` : 'no longer exists';
  const table = renderTable(
    [
      { heading: 'SEQ', value: (step) => step.sequence, align: 'right' },
      { heading: 'LIFE', value: (step) => step.incarnation, align: 'right' },
      { heading: 'NAME', value: stepName },
      { heading: 'CHANGE', value: (step) => step.description },
    ],
    response.steps,
    style.bold,
  );
  return [`${style.bold(response.subject)}  (${now})`, table].join('\n');
}

function stepName(step: LineageResponse['steps'][number]): string {
  const { nameBefore, nameAfter } = step;
  if (nameBefore && nameAfter && nameBefore !== nameAfter) return `${nameBefore} → ${nameAfter}`;
  return nameAfter ?? nameBefore ?? '';
}

/** Findings as a table in history order, then how many there are of each level. */
export function renderRisks(findings: readonly ListedFinding[], style: TerminalStyle): string {
  if (findings.length === 0) return 'no risks found';
  const table = renderTable(
    [
      { heading: 'LEVEL', value: (finding) => finding.level, style: levelStyle(style) },
      { heading: 'RULE', value: (finding) => finding.ruleId },
      { heading: 'MIGRATION', value: (finding) => finding.migration },
      { heading: 'MESSAGE', value: (finding) => finding.message },
    ],
    findings,
    style.bold,
  );
  return [table, '', countByLevel(findings, style)].join('\n');
}

/** `2 critical, 1 high, 3 low`: most severe first, levels with none left out. */
export function countByLevel(findings: readonly RiskFinding[], style: TerminalStyle): string {
  const counts = [...RISK_LEVELS]
    .reverse()
    .map((level) => ({ level, count: findings.filter((f) => f.level === level).length }))
    .filter(({ count }) => count > 0)
    .map(({ level, count }) => `${count} ${style.level(level)}`);
  return `${findings.length} finding(s): ${counts.join(', ')}`;
}

/** The migration's paragraph, its changes, then each risk with the safer way to do it. */
export function renderExplanation(detail: MigrationDetail, style: TerminalStyle): string {
  const lines = [
    `${style.bold(detail.migration)}  (${detail.framework}, ${detail.path})`,
    detail.summary,
  ];
  if (detail.changeDescriptions.length > 0) {
    lines.push('', style.bold('Changes'));
    const width = Math.max(...detail.changeDescriptions.map((c) => String(c.sequence).length));
    for (const change of detail.changeDescriptions)
      lines.push(`  ${String(change.sequence).padStart(width)}  ${change.description}`);
  }
  lines.push('', style.bold('Risks'));
  if (detail.findings.length === 0) lines.push('  none');
  const ordered = [...detail.findings].sort((a, b) => compareRiskLevels(b.level, a.level));
  const width = Math.max(0, ...ordered.map((finding) => finding.level.length));
  for (const finding of ordered) {
    const accepted = finding.acknowledged ? '  (accepted by the author)' : '';
    lines.push(
      `  ${style.level(finding.level, finding.level.padEnd(width))}  ${finding.ruleId}: ${finding.message}${accepted}`,
      `  ${' '.repeat(width)}  ${style.dim(`safer: ${finding.safeAlternative}`)}`,
    );
  }
  return lines.join('\n');
}

const levelStyle =
  (style: TerminalStyle) =>
  (text: string, finding: ListedFinding): string =>
    style.level(finding.level, text);
