import { RISK_RULES, RULE_SET_VERSION } from './rule-set';
import type { RiskRule } from './risk-rule';

/**
 * The rule set as a Markdown page (docs/risk-rules.md): id, level, what it catches, why, the
 * safer way, and the equivalent rules of other linters. Generated, so it cannot drift from the
 * code; a unit test compares the committed page with this output.
 */
export function renderRuleCatalogue(rules: readonly RiskRule[] = RISK_RULES): string {
  const lines = [
    '# Risk rules',
    '',
    `Rule set version ${RULE_SET_VERSION}: ${rules.length} rules. Generated from \`libs/domain/src/risk/rules\`; do not edit by hand`,
    '(`UPDATE_GOLDENS=1 npm run test:unit -- rule-catalogue` rewrites it).',
    '',
    'Levels: **critical** loses whole objects for good; **high** holds a long blocking lock on a live table, fails',
    'for certain on a populated table, or breaks application versions still running; **medium** takes a brief or',
    'conditional lock, can fail recoverably, or weakens integrity; **low** is hygiene. A project policy can turn',
    'any rule off (or an opt-in rule on) and change its level. Anchors name the equivalent rule of Squawk (SQ),',
    'strong_migrations (SM), django-migration-linter (DML), Atlas (AT) and Bytebase (BB).',
    '',
    '| Rule | Level | Catches |',
    '|---|---|---|',
    ...rules.map(
      (rule) =>
        `| [\`${rule.id}\`](#${rule.id}) | ${rule.level}${rule.optIn ? ' (opt-in)' : ''} | ${rule.title} |`,
    ),
    '',
  ];
  for (const rule of rules) {
    lines.push(
      `## ${rule.id}`,
      '',
      `**${rule.level}**${rule.optIn ? ', opt-in' : ''}. ${rule.title}.`,
      '',
      `Why: ${rule.rationale}`,
      '',
      `Safer: ${rule.safeAlternative}`,
      '',
      `Looks at: ${rule.kinds.length > 0 ? rule.kinds.map((kind) => `\`${kind}\``).join(', ') : 'the whole migration'}. Anchors: ${rule.anchors.join('; ')}.`,
      '',
    );
  }
  return lines.join('\n');
}
