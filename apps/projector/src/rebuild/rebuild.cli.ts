/*
 * The operator's rebuild command:
 *
 *   npm run rebuild                       # every project
 *   npm run rebuild -- --project shop     # one project
 *   npm run rebuild -- --dry-run          # compare the rebuilt copy with the live one, switch nothing
 *
 * Replays `schema-events` into a fresh copy of the read models while the services keep serving,
 * switches each project to it once it has caught up, and prints a JSON report. Exit code 0 when
 * every project's live read models equal the rebuilt copy afterwards, 1 otherwise, 2 on bad usage.
 */
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadServiceConfig } from '@schematrace/config';
import { kafkaProbe } from '@schematrace/messaging';
import { postgresProbe } from '@schematrace/persistence';
import { InfrastructureUnavailableError, preflight, redisProbe } from '@schematrace/platform';
import { ProjectorModule } from '../projector.module';
import { ReadModelRebuildService } from './read-model-rebuild.service';

async function main(argv: string[]): Promise<number> {
  let options: { project?: string; 'dry-run'?: boolean };
  try {
    ({ values: options } = parseArgs({
      args: argv,
      options: { project: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    }));
  } catch {
    process.stderr.write('usage: rebuild [--project <key>] [--dry-run]\n');
    return 2;
  }
  const { project } = options;
  const dryRun = options['dry-run'] === true;
  const config = loadServiceConfig('projector');
  await preflight(config, [kafkaProbe, postgresProbe, redisProbe]);
  const app = await NestFactory.createApplicationContext(
    ProjectorModule.forService(config, { rebuildJobs: false }),
    {
      logger: ['error', 'warn'],
    },
  );
  try {
    const report = await app.get(ReadModelRebuildService).rebuild({
      ...(project ? { project } : {}),
      dryRun,
    });
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    const settled = dryRun ? report.before : report.after;
    return settled.every((comparison) => comparison.equal) ? 0 : 1;
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const known = error instanceof ConfigError || error instanceof InfrastructureUnavailableError;
    process.stderr.write(
      `rebuild: ${known ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
