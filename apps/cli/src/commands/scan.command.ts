import path from 'node:path';
import type { Command } from 'commander';
import {
  RISK_LEVELS,
  type ProjectView,
  type RiskLevel,
  type RisksResponse,
  type ScannedFile,
  type ScanStatusResponse,
  type SubmitScanResponse,
} from '@schematrace/contracts';
import { CliError } from '../api-client';
import type { CliContext } from '../cli-context';
import { oneOf } from './option-values';
import { ProgressReport } from '../output/progress';
import { collectScan } from '../scanning/collect-scan';
import { kafkaAddress } from '../settings/kafka-address';
import { renderScanSummary, summarizeScan } from '../scanning/scan-summary';

const CLIENT = { name: 'schematrace-cli', version: '0.1.0' };
const POLL_MS = 250;

interface ScanOptions {
  project?: string;
  framework: string;
  git: boolean;
  kafka?: boolean;
  brokers?: string;
  topicPrefix?: string;
  wait: boolean;
  timeout: string;
  failOn?: string;
  json?: boolean;
}

type Finding = RisksResponse['findings'][number];

export function registerScan(program: Command, context: CliContext): void {
  program
    .command('scan')
    .description(
      'find every migration under <dir>, submit them with their git facts, and report what changed',
    )
    .argument('<dir>', 'folder to scan (a repository, or one migrations folder)')
    .option(
      '-p, --project <name>',
      'project the migrations belong to (created on first scan; default: the default project)',
    )
    .option(
      '--framework <name>',
      'auto, or only one format: django, alembic, sql, flyway, rails, prisma, ...',
      'auto',
    )
    .option('--no-git', 'do not read commit facts from git')
    .option('--kafka', 'publish straight to the scans topic instead of through the gateway')
    .option('--brokers <list>', 'with --kafka: brokers, comma-separated (default $KAFKA_BROKERS)')
    .option('--topic-prefix <prefix>', 'with --kafka: topic prefix (default $KAFKA_TOPIC_PREFIX)')
    .option('--no-wait', 'return once the scan is accepted, without waiting for it to be processed')
    .option('--timeout <seconds>', 'how long to wait for processing', '120')
    .option('--fail-on <level>', `exit 1 when a new finding reaches: ${RISK_LEVELS.join(', ')}`)
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ schematrace scan ./shop --project shop\n  $ schematrace scan . --fail-on high     # in CI',
    )
    .action(async (dir: string, options: ScanOptions) => {
      const failOn = riskLevel(options.failOn);
      const project = context.project(options.project);
      const timeoutMs = Number(options.timeout) * 1000;
      if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
        throw new CliError(`--timeout must be a number of seconds, not "${options.timeout}"`, 2);
      const root = path.resolve(dir);
      const progress = new ProgressReport(
        (text) => context.write(text),
        options.json ? 'off' : context.isTty ? 'bar' : 'lines',
      );

      progress.update(`reading migrations under ${root}`, 0, 1);
      const files = await collectScan(root, { framework: options.framework, git: options.git });
      progress.finish();
      if (files.length === 0) throw new CliError(`no migration files found under ${root}`, 2);

      const before = options.wait ? await eventsSoFar(context, project) : 0;
      const accepted = await submit(context, project, files, options);
      if (!options.json)
        context.out(`submitted ${files.length} migration file(s) as scan ${accepted.scanId}`);
      if (!options.wait) {
        if (options.json) context.out(JSON.stringify(accepted, null, 2));
        return;
      }

      const deadline = Date.now() + timeoutMs;
      const status = await waitUntilProjected(
        context,
        project,
        accepted.scanId,
        deadline,
        progress,
      );
      const findings = await newFindings(context, project, status, before, deadline, progress);
      progress.finish();
      const summary = summarizeScan(
        status,
        {
          submitted: files.length,
          modifiedSinceAdded: files.filter((file) => file.modifiedSinceAdded).length,
        },
        findings,
        failOn,
      );
      context.out(
        options.json ? JSON.stringify(summary, null, 2) : renderScanSummary(summary, context.style),
      );
      if (summary.failOn?.reached)
        throw new CliError(`new risk findings reached --fail-on ${summary.failOn.level}`, 1);
    });
}

function riskLevel(text: string | undefined): RiskLevel | undefined {
  return text === undefined ? undefined : oneOf('--fail-on', text, RISK_LEVELS);
}

async function submit(
  context: CliContext,
  project: string,
  files: readonly ScannedFile[],
  options: ScanOptions,
): Promise<SubmitScanResponse> {
  if (!options.kafka)
    return context.api().submitScan(project, { client: CLIENT, files: [...files] });
  const { brokers, topicPrefix } = kafkaAddress(context.env, options);
  // Loaded on use: the Kafka client is heavy, and only --kafka needs it.
  const { publishScan } = await import('@schematrace/messaging');
  try {
    const published = await publishScan(
      { brokers, clientId: 'schematrace-cli', topicPrefix },
      { project, client: CLIENT, files },
    );
    return { ...published, project, files: files.length, status: 'accepted' };
  } catch (error) {
    throw new CliError(
      `cannot publish to Kafka at ${brokers.join(',')} (${(error as Error).message}); check --brokers or KAFKA_BROKERS`,
      3,
    );
  }
}

/** The project's last sequence before this scan: its events after it are the scan's. */
async function eventsSoFar(context: CliContext, project: string): Promise<number> {
  try {
    return (await context.api().get<ProjectView>(`/v1/projects/${encodeURIComponent(project)}`))
      .events;
  } catch (error) {
    if (error instanceof CliError && error.status === 404) return 0; // created by this scan
    throw error;
  }
}

async function waitUntilProjected(
  context: CliContext,
  project: string,
  scanId: string,
  deadline: number,
  progress: ProgressReport,
): Promise<ScanStatusResponse> {
  for (;;) {
    let status: ScanStatusResponse | undefined;
    try {
      status = await context.api().scanStatus(project, scanId);
    } catch (error) {
      // Published straight to Kafka: the project appears once ingestion takes the scan in.
      if (!(error instanceof CliError) || error.status !== 404) throw error;
    }
    if (status?.status === 'projected') return status;
    const expected = status?.events.expected;
    progress.update(
      status === undefined || status.status === 'accepted'
        ? 'waiting for ingestion'
        : status.status === 'ingested'
          ? 'parsing migrations'
          : `recording events: ${status.events.projected} of ${expected ?? '?'}`,
      status?.events.projected ?? 0,
      expected ?? 1,
    );
    if (Date.now() > deadline)
      throw new CliError(
        `scan ${scanId} is still ${status?.status ?? 'on its way'} after the timeout; check the services with npm run stack:status`,
        5,
      );
    await sleep(POLL_MS);
  }
}

/**
 * The findings on the events this scan added, once the worker's (debounced) assessment covers
 * them. Other scans of the project running at the same time would count here too.
 */
async function newFindings(
  context: CliContext,
  project: string,
  status: ScanStatusResponse,
  before: number,
  deadline: number,
  progress: ProgressReport,
): Promise<Finding[]> {
  const last = status.lastSequence ?? before;
  if (last <= before) return [];
  for (;;) {
    const findings: Finding[] = [];
    let covered = true;
    for await (const page of context.api().riskPages(project)) {
      covered = (page.assessment?.lastSequence ?? 0) >= last;
      if (!covered) break;
      findings.push(...page.findings.filter((finding) => finding.sequence > before));
    }
    if (covered) return findings;
    progress.update('assessing risks', 0, 1);
    if (Date.now() > deadline)
      throw new CliError(
        `the risks of scan ${status.scanId} are not assessed yet after the timeout; is the worker running? (npm run stack:status)`,
        5,
      );
    await sleep(POLL_MS);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
