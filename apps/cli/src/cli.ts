import { Command, CommanderError } from 'commander';
import { CliError } from './api-client';
import { createContext, type CliContext } from './cli-context';
import { registerAnalyze } from './commands/analyze.command';
import { registerAdmin } from './commands/admin.command';
import { registerAt } from './commands/at.command';
import { registerDiff } from './commands/diff.command';
import { registerExplain } from './commands/explain.command';
import { registerHistory } from './commands/history.command';
import { registerRisks } from './commands/risks.command';
import { registerConfig } from './commands/config.command';
import { registerEvents } from './commands/events.command';
import { registerInit } from './commands/init.command';
import { registerModels } from './commands/models.command';
import { registerOpen } from './commands/open.command';
import { registerProjects } from './commands/projects.command';
import { registerLog } from './commands/log.command';
import { registerScan } from './commands/scan.command';
import { settingsPath } from './settings/cli-settings';
import { readSettings } from './settings/settings-file';

/** Every verb, in the order `--help` lists them. */
export const COMMANDS: readonly ((program: Command, context: CliContext) => void)[] = [
  registerConfig,
  registerInit,
  registerScan,
  registerProjects,
  registerModels,
  registerEvents,
  registerLog,
  registerAt,
  registerDiff,
  registerHistory,
  registerRisks,
  registerExplain,
  registerAnalyze,
  registerAdmin,
  registerOpen,
];

export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** stdout is a terminal (colours, progress bars). */
  readonly isTty?: boolean;
  /** The clock; tests pin it so reports that show scan times are stable. */
  readonly now?: () => Date;
}

/**
 * Runs one CLI invocation and returns its exit code (0 ok, 1 failure or a finding at the
 * --fail-on level, 2 usage, 3 server unreachable, 4 not found, 5 timed out, 6 not allowed:
 * no key, a refused key, or a key without the permission). Never calls process.exit, so tests
 * run it in-process.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = new Command('schematrace')
    .description(
      'SchemaTrace: an event-sourced audit log of your database schema, from your migrations',
    )
    .option(
      '--api-url <url>',
      'gateway URL (default $SCHEMATRACE_API_URL or http://127.0.0.1:8000)',
    )
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  try {
    const settingsFile = settingsPath(io.env);
    const stored = await readSettings(settingsFile);
    const context = createContext(io.env, io, {
      get apiUrl() {
        return program.opts<{ apiUrl?: string }>().apiUrl;
      },
      stored,
      settingsFile,
    });
    for (const register of COMMANDS) register(program, context);
    await program.parseAsync(['node', 'schematrace', ...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof CliError) {
      io.err(`schematrace: ${error.message}\n`);
      return error.exitCode;
    }
    io.err(
      `schematrace: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}
