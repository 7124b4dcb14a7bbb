import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../apps/cli/src/cli';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A config file no test run has written: the developer's own settings never leak in. */
const NO_SETTINGS = path.join(os.tmpdir(), `schematrace-e2e-${process.pid}`, 'absent.json');

/** Runs the schematrace CLI in-process against a gateway, capturing what a terminal would show. */
export async function cli(apiUrl: string, ...argv: string[]): Promise<CliResult> {
  return cliWith({ apiUrl }, ...argv);
}

/** As `cli`, with an environment (config file, keys) and no `--api-url` unless given. */
export async function cliWith(
  options: { apiUrl?: string; env?: Readonly<Record<string, string>> },
  ...argv: string[]
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const flags = options.apiUrl ? ['--api-url', options.apiUrl] : [];
  const code = await runCli([...flags, ...argv], {
    env: { SCHEMATRACE_CONFIG: NO_SETTINGS, ...options.env },
    out: (text) => (stdout += text),
    err: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}
