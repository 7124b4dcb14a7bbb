import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { Option } from 'commander';
import {
  compareRiskLevels,
  decode,
  describeIssues,
  RISK_LEVELS,
  RiskPolicy,
  type RiskLevel,
} from '@schematrace/contracts';
import {
  analyzeHistory,
  HistoryPointError,
  parseHistoryPoint,
  type HistoryPoint,
} from '@schematrace/domain';
import { CliError } from '../api-client';
import type { CliContext } from '../cli-context';
import { readLocalHistory } from '../analysis/local-history';
import { renderAnalysisMarkdown, renderAnalysisTable } from '../analysis/render-analysis';
import { commitTime } from '../scanning/git-history';

interface AnalyzeOptions {
  readonly at?: string;
  readonly format: 'table' | 'json' | 'markdown';
  readonly json?: boolean;
  readonly failOn?: RiskLevel;
  readonly policy?: string;
  readonly target?: string;
  readonly git: boolean;
}

export function registerAnalyze(program: Command, context: CliContext): void {
  program
    .command('analyze')
    .description(
      'parse the migrations under <dir> and report their timeline, risks and resulting schema — no server needed',
    )
    .argument('<dir>', 'folder to analyse (a repository, or one migrations folder)')
    .option(
      '--at <point>',
      'show the schema at a point: sequence number, migration, commit or date',
    )
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['table', 'json', 'markdown'])
        .default('table'),
    )
    .option('--json', 'same as --format json')
    .addOption(
      new Option('--fail-on <level>', 'exit with code 1 when a finding reaches this level').choices(
        [...RISK_LEVELS],
      ),
    )
    .option('--policy <file>', 'risk policy (JSON): rules to turn off or re-level, target database')
    .option(
      '--target <engine@version>',
      'target database, e.g. postgresql@14.2 (overrides the policy)',
    )
    .option('--no-git', 'do not read git history for commit facts')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ schematrace analyze .',
        '  $ schematrace analyze ./shop --at 2024-05-01 --format markdown',
        '  $ schematrace analyze . --fail-on high --json > report.json',
      ].join('\n'),
    )
    .action(async (dir: string, options: AnalyzeOptions) => {
      const policy = await loadPolicy(options);
      const history = await readLocalHistory(dir, { git: options.git, now: context.now() });
      if (history.files === 0)
        throw new CliError(`no migration files found under ${history.root}`, 2);
      const at =
        options.at === undefined
          ? undefined
          : await resolvePoint(options.at, history.root, options.git);
      let report;
      try {
        report = analyzeHistory(history.events, { policy, ...(at ? { at } : {}) });
      } catch (error) {
        if (error instanceof HistoryPointError)
          throw new CliError(`--at ${options.at}: ${error.message}`, 2);
        throw error;
      }
      const format = options.json ? 'json' : options.format;
      if (format === 'json') context.out(JSON.stringify(report, null, 2));
      else if (format === 'markdown') context.out(renderAnalysisMarkdown(report));
      else context.out(renderAnalysisTable(report, context.style));
      const highest = report.summary.highest;
      if (options.failOn && highest && compareRiskLevels(highest, options.failOn) >= 0)
        throw new CliError(`a finding reached ${highest} (--fail-on ${options.failOn})`, 1);
    });
}

async function loadPolicy(options: AnalyzeOptions): Promise<RiskPolicy> {
  let raw: unknown = {};
  if (options.policy) {
    try {
      raw = JSON.parse(await readFile(options.policy, 'utf8'));
    } catch (error) {
      const code = (error as { code?: string }).code;
      const reason =
        code === 'ENOENT'
          ? 'no such file'
          : ((error as { message?: string }).message ?? String(error));
      throw new CliError(`--policy ${options.policy}: ${reason}`, 2);
    }
  }
  const parsed = decode(RiskPolicy, raw);
  if (!parsed.ok)
    throw new CliError(`--policy ${options.policy}: ${describeIssues(parsed.issues)}`, 2);
  if (!options.target) return parsed.value;
  const match = /^(postgresql|mysql|mariadb)@(\d+(\.\d+){0,2})$/.exec(options.target);
  if (!match)
    throw new CliError(
      `--target ${options.target}: expected <postgresql|mysql|mariadb>@<version>, e.g. postgresql@16`,
      2,
    );
  return {
    ...parsed.value,
    target: { engine: match[1] as RiskPolicy['target']['engine'], version: match[2]! },
  };
}

/** A commit that added no migration still names a time: ask git for it. */
async function resolvePoint(text: string, root: string, git: boolean): Promise<HistoryPoint> {
  let point: HistoryPoint;
  try {
    point = parseHistoryPoint(text);
  } catch (error) {
    throw new CliError(
      `--at ${text}: ${error instanceof Error ? error.message : String(error)}`,
      2,
    );
  }
  if (point.kind !== 'commit' || !git) return point;
  const at = await commitTime(root, point.commit);
  return at ? { kind: 'time', at } : point;
}
