import os from 'node:os';
import path from 'node:path';

/** What `schematrace config` stores; every field optional. */
export interface StoredSettings {
  readonly apiUrl?: string;
  readonly apiKey?: string;
  readonly defaultProject?: string;
}

/** Where a setting's value came from, so `config --show` can say what overrides what. */
export type SettingSource = 'flag' | 'environment' | 'config file' | 'default';

export interface Setting<T> {
  readonly value: T;
  readonly source: SettingSource;
}

export interface CliSettings {
  readonly apiUrl: Setting<string>;
  readonly apiKey: Setting<string | undefined>;
  readonly defaultProject: Setting<string | undefined>;
}

export const DEFAULT_API_URL = 'http://127.0.0.1:8000';

/**
 * The settings in force: a flag over the environment (SCHEMATRACE_API_URL, SCHEMATRACE_API_KEY,
 * SCHEMATRACE_PROJECT) over the config file over the default.
 */
export function resolveSettings(
  stored: StoredSettings,
  env: Readonly<Record<string, string | undefined>>,
  flags: { readonly apiUrl?: string } = {},
): CliSettings {
  return {
    apiUrl: pick(flags.apiUrl, env.SCHEMATRACE_API_URL, stored.apiUrl) ?? {
      value: DEFAULT_API_URL,
      source: 'default',
    },
    apiKey: pick(undefined, env.SCHEMATRACE_API_KEY, stored.apiKey) ?? {
      value: undefined,
      source: 'default',
    },
    defaultProject: pick(undefined, env.SCHEMATRACE_PROJECT, stored.defaultProject) ?? {
      value: undefined,
      source: 'default',
    },
  };
}

function pick(
  flag: string | undefined,
  environment: string | undefined,
  stored: string | undefined,
): Setting<string> | undefined {
  if (flag) return { value: flag, source: 'flag' };
  if (environment) return { value: environment, source: 'environment' };
  if (stored) return { value: stored, source: 'config file' };
  return undefined;
}

/** $SCHEMATRACE_CONFIG, else $XDG_CONFIG_HOME/schematrace/config.json, else ~/.config/…. */
export function settingsPath(env: Readonly<Record<string, string | undefined>>): string {
  if (env.SCHEMATRACE_CONFIG) return path.resolve(env.SCHEMATRACE_CONFIG);
  const base = env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), '.config');
  return path.join(base, 'schematrace', 'config.json');
}
