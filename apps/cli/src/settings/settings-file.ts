import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CliError } from '../api-client';
import type { StoredSettings } from './cli-settings';

/** The stored settings; none when the file does not exist yet. */
export async function readSettings(file: string): Promise<StoredSettings> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new Error('not a JSON object');
    const { apiUrl, apiKey, defaultProject } = parsed as Record<string, unknown>;
    return {
      ...(typeof apiUrl === 'string' ? { apiUrl } : {}),
      ...(typeof apiKey === 'string' ? { apiKey } : {}),
      ...(typeof defaultProject === 'string' ? { defaultProject } : {}),
    };
  } catch (error) {
    throw new CliError(
      `the config file ${file} is not valid JSON (${(error as Error).message}); fix or delete it`,
      2,
    );
  }
}

/** Writes the settings readable by their owner only (they may hold an API key). */
export async function writeSettings(file: string, settings: StoredSettings): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const partial = `${file}.${process.pid}.tmp`;
  await writeFile(partial, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
  await chmod(partial, 0o600);
  await rename(partial, file);
}
