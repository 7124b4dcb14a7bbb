import { ApiClient } from './api-client';

/** What commands need from the outside world, injected so tests run the CLI in-process. */
export interface CliContext {
  api(): ApiClient;
  out(line: string): void;
  err(line: string): void;
}

export function createContext(
  env: Readonly<Record<string, string | undefined>>,
  streams: { out: (text: string) => void; err: (text: string) => void },
  options: { apiUrl?: string } = {},
): CliContext {
  let client: ApiClient | undefined;
  return {
    api: () =>
      (client ??= new ApiClient(
        options.apiUrl ?? env.SCHEMATRACE_API_URL ?? 'http://127.0.0.1:8000',
        env.SCHEMATRACE_API_KEY,
      )),
    out: (line) => streams.out(`${line}\n`),
    err: (line) => streams.err(`${line}\n`),
  };
}
