import { RISK_LEVELS, compareRiskLevels, type RiskFinding } from '@schematrace/contracts';
import type { AnalysisReport, SchemaSummaryTable } from '@schematrace/domain';
import type { TerminalStyle } from './terminal-style';

/** The report for a terminal: timeline with risks, then the schema, then the totals. */
export function renderAnalysisTable(report: AnalysisReport, style: TerminalStyle): string {
  const lines: string[] = [];
  lines.push(style.bold(`Timeline (${report.timeline.length} migrations)`));
  for (const entry of report.timeline) {
    const when = entry.occurredAt.slice(0, 10);
    const who = entry.git ? ` ${entry.git.author} ${entry.git.commit.slice(0, 7)}` : '';
    const marker = entry.includedAtPoint ? ' ' : style.dim('·');
    lines.push(
      `${marker}${String(entry.order).padStart(4)}  ${when}  ${style.bold(entry.migration)} ${style.dim(`(${entry.framework}${who})`)}`,
    );
    for (const change of entry.changes) lines.push(`          ${change.description}`);
    for (const finding of sortFindings(entry.findings)) {
      const acknowledged = finding.acknowledged ? style.dim(' (accepted)') : '';
      lines.push(
        `          ${style.level(finding.level, `▲ ${finding.level.toUpperCase()}`)} ${finding.ruleId}: ${finding.message}${acknowledged}`,
      );
      lines.push(style.dim(`            safer: ${finding.safeAlternative}`));
    }
  }
  lines.push('');
  const heading = report.point
    ? `Schema at ${report.point.description} (event #${report.point.lastSequence})`
    : 'Schema';
  lines.push(style.bold(`${heading}: ${report.schema.tables.length} tables`));
  for (const table of report.schema.tables) lines.push(...renderTable(table));
  for (const [kind, names] of Object.entries(report.schema.objects))
    lines.push(`  ${kind}: ${names.join(', ')}`);
  lines.push('');
  lines.push(summaryLine(report, style));
  return lines.join('\n');
}

function renderTable(table: SchemaSummaryTable): string[] {
  const width = Math.max(...table.columns.map((column) => column.name.length), 4);
  const lines = [`  ${table.name}`];
  for (const column of table.columns) {
    const flags = [
      column.nullable ? 'null' : 'not null',
      column.primaryKey ? 'pk' : '',
      column.unique ? 'unique' : '',
      column.default === undefined ? '' : `default ${column.default}`,
      column.references ? `→ ${column.references}` : '',
    ].filter(Boolean);
    lines.push(`    ${column.name.padEnd(width)}  ${column.type}  ${flags.join(', ')}`.trimEnd());
  }
  for (const index of table.indexes) lines.push(`    index ${index}`);
  for (const constraint of table.constraints) lines.push(`    constraint ${constraint}`);
  return lines;
}

function summaryLine(report: AnalysisReport, style: TerminalStyle): string {
  const { summary } = report;
  const levels = RISK_LEVELS.filter((level) => summary.findings[level] > 0)
    .reverse()
    .map((level) => style.level(level, `${summary.findings[level]} ${level}`));
  const risks = levels.length === 0 ? 'no risks' : levels.join(', ');
  const extras = [
    summary.acknowledged ? `${summary.acknowledged} accepted` : '',
    summary.unparsed ? `${summary.unparsed} unparsed` : '',
    summary.anomalies ? `${summary.anomalies} anomalies` : '',
  ].filter(Boolean);
  return `${summary.migrations} migrations, ${summary.events} events: ${risks}${extras.length ? ` (${extras.join(', ')})` : ''}; rules ${report.ruleSetVersion}`;
}

/** The report as Markdown, for a pull-request comment or a CI summary. */
export function renderAnalysisMarkdown(report: AnalysisReport): string {
  const lines: string[] = ['# SchemaTrace analysis', ''];
  const { summary } = report;
  lines.push(
    `${summary.migrations} migrations, ${summary.events} events. Findings: ${RISK_LEVELS.slice()
      .reverse()
      .map((level) => `${summary.findings[level]} ${level}`)
      .join(
        ', ',
      )}${summary.acknowledged ? ` (${summary.acknowledged} accepted)` : ''}. Rule set ${report.ruleSetVersion}.`,
    '',
  );
  const risky = report.timeline.filter((entry) => entry.findings.length > 0);
  lines.push('## Risks', '');
  if (risky.length === 0) lines.push('No risks found.', '');
  for (const entry of risky) {
    lines.push(`### ${entry.migration}`, '', `\`${entry.path}\``, '');
    for (const finding of sortFindings(entry.findings)) {
      lines.push(
        `- **${finding.level}** \`${finding.ruleId}\`: ${finding.message}${finding.acknowledged ? ' _(accepted)_' : ''}  `,
      );
      lines.push(`  Safer: ${finding.safeAlternative}`);
    }
    lines.push('');
  }
  lines.push(
    '## Timeline',
    '',
    '| # | Migration | Date | Changes | Risks |',
    '|---|---|---|---|---|',
  );
  for (const entry of report.timeline) {
    const highest = sortFindings(entry.findings)[0]?.level ?? '';
    lines.push(
      `| ${entry.order} | ${escape(entry.migration)} | ${entry.occurredAt.slice(0, 10)} | ${entry.changes.length} | ${highest} |`,
    );
  }
  lines.push('', report.point ? `## Schema at ${report.point.description}` : '## Schema', '');
  for (const table of report.schema.tables) {
    lines.push(`### ${table.name}`, '', '| Column | Type | Null | Default |', '|---|---|---|---|');
    for (const column of table.columns)
      lines.push(
        `| ${escape(column.name)} | ${escape(column.type)} | ${column.nullable ? 'yes' : 'no'} | ${escape(column.default ?? '')} |`,
      );
    lines.push('');
  }
  return lines.join('\n');
}

function sortFindings(findings: readonly RiskFinding[]): RiskFinding[] {
  return [...findings].sort((a, b) => compareRiskLevels(b.level, a.level));
}

const escape = (text: string) => text.replace(/\|/g, '\\|');
