import type { Command } from 'commander';
import { RISK_LEVELS, type RiskLevel } from '@schematrace/contracts';
import type { CliContext } from '../cli-context';
import { oneOf } from './option-values';
import { renderRisks, type ListedFinding } from '../output/render-queries';

export function registerRisks(program: Command, context: CliContext): void {
  program
    .command('risks')
    .description("list a project's risk findings in history order, with a count per level")
    .argument('<project>', 'project name')
    .option('--min-level <level>', `only this level and worse: ${RISK_LEVELS.join(', ')}`)
    .option('--rule <id>', 'only the findings of this rule (e.g. drop-column)')
    .option('--json', 'print { findings: [...] } as JSON, every page merged')
    .addHelpText('after', '\nExample:\n  $ schematrace risks shop --min-level high')
    .action(
      async (project: string, options: { minLevel?: string; rule?: string; json?: boolean }) => {
        const minLevel = riskLevel(options.minLevel);
        const findings = await allFindings(context, project, minLevel, options.rule);
        context.out(
          options.json
            ? JSON.stringify({ findings }, null, 2)
            : renderRisks(findings, context.style),
        );
      },
    );
}

function riskLevel(text: string | undefined): RiskLevel | undefined {
  return text === undefined ? undefined : oneOf('--min-level', text, RISK_LEVELS);
}

/** Every page merged. */
async function allFindings(
  context: CliContext,
  project: string,
  minLevel: RiskLevel | undefined,
  rule: string | undefined,
): Promise<ListedFinding[]> {
  const findings: ListedFinding[] = [];
  const filters = { ...(minLevel ? { min_level: minLevel } : {}), ...(rule ? { rule } : {}) };
  for await (const page of context.api().riskPages(project, filters))
    findings.push(...page.findings);
  return findings;
}
