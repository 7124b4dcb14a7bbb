import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import type { CliContext } from '../cli-context';

export function registerOpen(program: Command, context: CliContext): void {
  program
    .command('open')
    .description("open the API's interactive documentation in a browser (or print its URL)")
    .option('--print', 'only print the URL')
    .option('--json', 'print {url, opened} as JSON')
    .addHelpText('after', '\nExample:\n  $ schematrace open')
    .action(async (options: { print?: boolean; json?: boolean }) => {
      const url = new URL('/docs', context.settings().apiUrl.value).toString();
      const opened =
        !options.print && !options.json && context.isTty && (await openInBrowser(url, context.env));
      if (options.json) context.out(JSON.stringify({ url, opened }));
      else context.out(opened ? `opened ${url}` : url);
    });
}

/**
 * Hands the URL to the desktop's opener; false where there is none (no display, a CI job, an
 * SSH session), so the caller prints the URL instead.
 */
async function openInBrowser(
  url: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<boolean> {
  const opener =
    process.platform === 'darwin'
      ? ['open', url]
      : process.platform === 'win32'
        ? ['cmd', '/c', 'start', '', url]
        : env.DISPLAY || env.WAYLAND_DISPLAY
          ? ['xdg-open', url]
          : undefined;
  if (!opener) return false;
  return new Promise((resolve) => {
    const child = spawn(opener[0]!, opener.slice(1), { detached: true, stdio: 'ignore' });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}
