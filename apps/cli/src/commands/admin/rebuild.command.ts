import type { Command } from 'commander';
import type { RebuildJob, RebuildStatusResponse } from '@schematrace/contracts';
import { CliError } from '../../api-client';
import type { CliContext } from '../../cli-context';
import { renderTable } from '../../output/table';
import { wholeNumber } from '../option-values';

type RebuildReport = NonNullable<RebuildStatusResponse['report']>;
type Comparison = RebuildReport['before'][number];

const POLL_MS = 500;

export function registerRebuild(admin: Command, context: CliContext): void {
  admin
    .command('rebuild')
    .description(
      'rebuild the read models by replaying schema-events, then switch each project to the rebuilt copy',
    )
    .option('-p, --project <name>', 'rebuild one project (default: every project)')
    .option('--dry-run', 'compare the rebuilt copy with the live read models; switch nothing')
    .option('--no-wait', 'return once the rebuild is accepted, without following it')
    .option('--timeout <seconds>', 'how long to follow the rebuild', '600')
    .option('--json', 'print the rebuild status as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ schematrace admin rebuild --project shop --dry-run\n  $ schematrace admin rebuild',
    )
    .action(
      async (options: {
        project?: string;
        dryRun?: boolean;
        wait: boolean;
        timeout: string;
        json?: boolean;
      }) => {
        const timeoutMs = wholeNumber('--timeout', options.timeout, 1) * 1000;
        const request: RebuildJob = {
          ...(options.project ? { project: options.project } : {}),
          dryRun: options.dryRun ?? false,
        };
        const accepted = await context
          .api()
          .post<RebuildStatusResponse>('/v1/admin/rebuilds', request);
        if (!options.wait) {
          context.out(
            options.json
              ? JSON.stringify(accepted, null, 2)
              : `rebuild ${accepted.id} requested (${scopeOf(request)}); follow it with GET /v1/admin/rebuilds/${accepted.id}`,
          );
          return;
        }
        if (!options.json)
          context.out(context.style.dim(`rebuild ${accepted.id} requested (${scopeOf(request)})`));
        const status = await followRebuild(context, accepted.id, timeoutMs);
        if (options.json) context.out(JSON.stringify(status, null, 2));
        else if (status.state === 'completed') context.out(describe(context, status));
        if (status.state === 'failed')
          throw new CliError(`rebuild ${status.id} failed: ${status.failedReason ?? 'no reason'}`);
      },
    );
}

async function followRebuild(
  context: CliContext,
  id: string,
  timeoutMs: number,
): Promise<RebuildStatusResponse> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await context
      .api()
      .get<RebuildStatusResponse>(`/v1/admin/rebuilds/${encodeURIComponent(id)}`);
    if (status.state === 'completed' || status.state === 'failed') return status;
    if (Date.now() > deadline)
      throw new CliError(
        `rebuild ${id} is still ${status.state} after ${timeoutMs / 1000}s; is the projector running? (its /health)`,
        5,
      );
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function scopeOf(request: RebuildJob): string {
  const which = request.project ? `project ${request.project}` : 'every project';
  return request.dryRun ? `${which}, dry run` : which;
}

function describe(context: CliContext, status: RebuildStatusResponse): string {
  const report = status.report;
  if (!report) return `rebuild ${status.id} ${status.state}, without a report`;
  const after = new Map(report.after.map((comparison) => [comparison.project, comparison]));
  const switched = new Set(report.switched);
  const table = renderTable(
    [
      { heading: 'PROJECT', value: (row: Comparison) => row.project },
      { heading: 'BEFORE', value: (row) => comparisonText(row) },
      {
        heading: 'SWITCHED',
        value: (row) =>
          status.request.dryRun ? 'no (dry run)' : switched.has(row.project) ? 'yes' : 'no',
      },
      { heading: 'AFTER', value: (row) => comparisonText(after.get(row.project)) },
    ],
    report.before,
    context.style.bold,
  );
  const differing = report.after.filter((comparison) => !comparison.equal).length;
  const verdict =
    report.before.length === 0
      ? 'no projects to rebuild'
      : differing === 0
        ? 'every project equal after the rebuild'
        : `${differing} project(s) still differ from the rebuilt copy`;
  return [
    `rebuild ${status.id} completed: ${report.events} event(s) replayed; ${verdict}`,
    ...(report.before.length > 0 ? ['', table] : []),
  ].join('\n');
}

/** "equal", or which read-model tables differ and by how many rows. */
function comparisonText(comparison: Comparison | undefined): string {
  if (!comparison) return '-';
  if (comparison.equal) return 'equal';
  const tables = Object.entries(comparison.differences)
    .filter(([, count]) => count !== 0)
    .map(([table, count]) => `${table} ${count}`);
  return `differs (${tables.join(', ')})`;
}
