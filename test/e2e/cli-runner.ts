import { runCli } from '../../apps/cli/src/cli';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the schematrace CLI in-process against a gateway, capturing what a terminal would show. */
export async function cli(apiUrl: string, ...argv: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['--api-url', apiUrl, ...argv], {
    env: {},
    out: (text) => (stdout += text),
    err: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}
