import { ApiClient, CliError } from './api-client';
import { terminalStyle, wantsColour, type TerminalStyle } from './analysis/terminal-style';
import { resolveSettings, type CliSettings, type StoredSettings } from './settings/cli-settings';

/** What commands need from the outside world, injected so tests run the CLI in-process. */
export interface CliContext {
  api(): ApiClient;
  /** The settings in force (flags, environment, config file, defaults) and where each came from. */
  settings(): CliSettings;
  /** The config file `schematrace config` writes. */
  readonly settingsFile: string;
  /** The project a verb works on: the one given, else the default one, else a usage error. */
  project(given?: string): string;
  out(line: string): void;
  err(line: string): void;
  /** Raw text to stdout, no newline added (a progress bar redrawing its line). */
  write(text: string): void;
  /** Colours for the output stream: on for a terminal, off when piped or NO_COLOR is set. */
  readonly style: TerminalStyle;
  /** stdout is a terminal (progress bars, opening a browser). */
  readonly isTty: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
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
  options: { apiUrl?: string; stored?: StoredSettings; settingsFile?: string } = {},
): CliContext {
  let client: ApiClient | undefined;
  const settings = () => resolveSettings(options.stored ?? {}, env, { apiUrl: options.apiUrl });
  return {
    api: () => {
      const current = settings();
      return (client ??= new ApiClient(current.apiUrl.value, current.apiKey.value));
    },
    settings,
    settingsFile: options.settingsFile ?? '',
    project: (given) => {
      const project = given ?? settings().defaultProject.value;
      if (!project)
        throw new CliError(
          'no project given: pass --project <name>, or set a default with schematrace init --project <name>',
          2,
        );
      return project;
    },
    style: terminalStyle(wantsColour(env, streams.isTty ?? false)),
    isTty: streams.isTty ?? false,
    env,
    now: streams.now ?? (() => new Date()),
    out: (line) => streams.out(`${line}\n`),
    write: (text) => streams.out(text),
    err: (line) => streams.err(`${line}\n`),
  };
}
