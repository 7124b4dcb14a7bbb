import path from 'node:path';
import type { Command } from 'commander';
import { createAdapters } from '@schematrace/adapters';
import type { ScanStatusResponse } from '@schematrace/contracts';
import { CliError } from '../api-client';
import type { CliContext } from '../cli-context';
import { findMigrations } from '../scanning/find-migrations';

const CLIENT = { name: 'schematrace-cli', version: '0.1.0' };

export function registerScan(program: Command, context: CliContext): void {
  program
    .command('scan')
    .description('find the migrations under <dir> and submit them for processing')
    .argument('<dir>', 'folder to scan (a repository, or one migrations folder)')
    .requiredOption(
      '-p, --project <name>',
      'project the migrations belong to (created on first scan)',
    )
    .option('--no-wait', 'return once the scan is accepted, without waiting for it to be processed')
    .option('--timeout <seconds>', 'how long to wait for processing', '120')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nExample:\n  $ schematrace scan ./shop --project shop')
    .action(
      async (
        dir: string,
        options: { project: string; wait: boolean; timeout: string; json?: boolean },
      ) => {
        const root = path.resolve(dir);
        const files = await findMigrations(root, await createAdapters());
        if (files.length === 0) throw new CliError(`no migration files found under ${root}`, 2);
        const accepted = await context.api().submitScan(options.project, { client: CLIENT, files });
        if (!options.json)
          context.out(`submitted ${files.length} migration file(s) as scan ${accepted.scanId}`);
        if (!options.wait) {
          if (options.json) context.out(JSON.stringify(accepted));
          return;
        }
        const status = await waitForScan(
          context,
          options.project,
          accepted.scanId,
          Number(options.timeout) * 1000,
        );
        if (options.json) context.out(JSON.stringify(status));
        else context.out(summary(status));
      },
    );
}

async function waitForScan(
  context: CliContext,
  project: string,
  scanId: string,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await context.api().scanStatus(project, scanId);
    if (status.status === 'projected') return status;
    if (Date.now() > deadline) {
      throw new CliError(
        `scan ${scanId} is still ${status.status} after ${timeoutMs / 1000}s; check the services' /health`,
        5,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function summary(status: ScanStatusResponse): string {
  const m = status.migrations;
  const counts = m
    ? `${m.new} new, ${m.modified} modified, ${m.removed} removed, ${m.unchanged} unchanged`
    : '';
  const failures = status.failures.map(
    (failure) => `\n  could not read ${failure.path}: ${failure.reason}`,
  );
  return `processed: ${counts}; ${status.events.projected} event(s) added${
    status.lastSequence ? `, project now at sequence ${status.lastSequence}` : ''
  }${failures.join('')}`;
}
