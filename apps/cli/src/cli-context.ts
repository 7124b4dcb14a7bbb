import { ApiClient } from './api-client';
import { terminalStyle, wantsColour, type TerminalStyle } from './analysis/terminal-style';

/** What commands need from the outside world, injected so tests run the CLI in-process. */
export interface CliContext {
  api(): ApiClient;
  out(line: string): void;
  err(line: string): void;
  /** Colours for the output stream: on for a terminal, off when piped or NO_COLOR is set. */
  readonly style: TerminalStyle;
  now(): Date;
}

export function createContext(
  env: Readonly<Record<string, string | undefined>>,
  streams: {
    out: (text: string) => void;
    err: (text: string) => void;
    isTty?: boolean;
    now?: () => Date;
  },
  options: { apiUrl?: string } = {},
): CliContext {
  let client: ApiClient | undefined;
  return {
    api: () =>
      (client ??= new ApiClient(
        options.apiUrl ?? env.SCHEMATRACE_API_URL ?? 'http://127.0.0.1:8000',
        env.SCHEMATRACE_API_KEY,
      )),
    style: terminalStyle(wantsColour(env, streams.isTty ?? false)),
    now: streams.now ?? (() => new Date()),
    out: (line) => streams.out(`${line}\n`),
    err: (line) => streams.err(`${line}\n`),
  };
}
