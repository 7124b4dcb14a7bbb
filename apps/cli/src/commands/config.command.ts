import type { Command } from 'commander';
import { CliError } from '../api-client';
import type { CliContext } from '../cli-context';
import type { Setting, StoredSettings } from '../settings/cli-settings';
import { readSettings, writeSettings } from '../settings/settings-file';

interface ConfigOptions {
  setApiUrl?: string;
  setApiKey?: string;
  setDefaultProject?: string;
  show?: boolean;
  json?: boolean;
}

export function registerConfig(program: Command, context: CliContext): void {
  program
    .command('config')
    .description(
      'store the API URL, API key and default project, or show the settings in force (the default)',
    )
    .option('--set-api-url <url>', 'the gateway to talk to')
    .option('--set-api-key <key>', 'the API key to send (stored readable by you only)')
    .option('--set-default-project <name>', 'the project verbs use when none is given')
    .option('--show', 'show the settings in force and where each comes from')
    .option('--json', 'print the settings as JSON (the key only as set or not)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ schematrace config --set-api-url http://localhost:8000\n  $ schematrace config --show',
    )
    .action(async (options: ConfigOptions) => {
      const changes: StoredSettings = {
        ...(options.setApiUrl !== undefined ? { apiUrl: checkedUrl(options.setApiUrl) } : {}),
        ...(options.setApiKey !== undefined ? { apiKey: options.setApiKey } : {}),
        ...(options.setDefaultProject !== undefined
          ? { defaultProject: options.setDefaultProject }
          : {}),
      };
      if (Object.keys(changes).length > 0) {
        // Read again: the file may have changed since this process started.
        const stored = await readSettings(context.settingsFile);
        await writeSettings(context.settingsFile, { ...stored, ...changes });
        if (!options.json)
          context.out(
            `saved ${Object.keys(changes).map(settingName).join(', ')} to ${context.settingsFile}`,
          );
        if (!options.show && !options.json) return;
      }
      showSettings(context, options.json ?? false);
    });
}

function showSettings(context: CliContext, json: boolean): void {
  const settings = context.settings();
  if (json) {
    context.out(
      JSON.stringify(
        {
          file: context.settingsFile,
          apiUrl: settings.apiUrl,
          apiKey: { set: settings.apiKey.value !== undefined, source: settings.apiKey.source },
          defaultProject: settings.defaultProject,
        },
        null,
        2,
      ),
    );
    return;
  }
  context.out(`config file      ${context.settingsFile}`);
  context.out(`api url          ${settings.apiUrl.value}${origin(settings.apiUrl)}`);
  context.out(
    `api key          ${settings.apiKey.value === undefined ? 'not set' : 'set (not shown)'}${origin(settings.apiKey)}`,
  );
  context.out(
    `default project  ${settings.defaultProject.value ?? 'none'}${origin(settings.defaultProject)}`,
  );
}

/** Says where a value came from, and that the environment wins over the file. */
function origin(setting: Setting<unknown>): string {
  switch (setting.source) {
    case 'environment':
      return '  (from the environment, overriding the config file)';
    case 'flag':
      return '  (from --api-url)';
    case 'config file':
      return '  (from the config file)';
    case 'default':
      return '';
  }
}

function settingName(key: string): string {
  return { apiUrl: 'api url', apiKey: 'api key', defaultProject: 'default project' }[key] ?? key;
}

function checkedUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CliError(`--set-api-url needs a URL such as http://localhost:8000, not "${text}"`, 2);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new CliError(`--set-api-url needs an http:// or https:// URL, not "${text}"`, 2);
  return text.replace(/\/+$/, '');
}
