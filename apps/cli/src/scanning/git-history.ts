import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { GitFacts } from '@schematrace/contracts';

const run = promisify(execFile);

/** What git knows about one migration file. */
export interface FileHistory {
  /** The commit that added the file. */
  readonly added: GitFacts;
  /** Changed by a later commit: the migration was edited after it was added. */
  readonly modifiedSince: boolean;
}

const RECORD = '\u001e';
const FIELD = '\u001f';

/**
 * Reads, in one `git log` over the repository, the commit that added each of the given files
 * and whether a later commit changed it. Paths are relative to `root` (forward slashes).
 * Returns an empty map when `root` is not inside a git work tree, or git is not installed:
 * git facts are a bonus, never a reason to fail a scan.
 */
export async function readGitHistory(
  root: string,
  paths: readonly string[],
): Promise<Map<string, FileHistory>> {
  const histories = new Map<string, FileHistory>();
  if (paths.length === 0) return histories;
  let prefix: string;
  try {
    prefix = (await git(root, ['rev-parse', '--show-prefix'])).trim();
  } catch {
    return histories;
  }
  const wanted = new Map(paths.map((path) => [`${prefix}${path}`, path]));
  let log: string;
  try {
    log = await git(root, [
      'log',
      '--reverse',
      '--no-renames',
      '--name-status',
      `--format=${RECORD}%H${FIELD}%an${FIELD}%ae${FIELD}%cI${FIELD}%B${FIELD}`,
      '--',
      '.',
    ]);
  } catch {
    return histories; // a repository without commits yet
  }
  for (const record of log.split(RECORD)) {
    if (record.trim() === '') continue;
    const fields = record.split(FIELD);
    const [commit, authorName, authorEmail, committedAt, message] = fields as [
      string,
      string,
      string,
      string,
      string,
    ];
    const changes = (fields[5] ?? '').split('\n');
    for (const change of changes) {
      const [status, ...rest] = change.split('\t');
      const file = wanted.get(rest.join('\t'));
      if (!file || !status) continue;
      const known = histories.get(file);
      if (status.startsWith('A') && !known) {
        histories.set(file, {
          added: { commit, authorName, authorEmail, committedAt, message: message.trim() },
          modifiedSince: false,
        });
      } else if (status.startsWith('M') && known) {
        histories.set(file, { ...known, modifiedSince: true });
      }
    }
  }
  return histories;
}

async function git(cwd: string, args: readonly string[]): Promise<string> {
  const { stdout } = await run('git', [...args], { cwd, maxBuffer: 512 * 1024 * 1024 });
  return stdout;
}

/** The commit time of a commit (any revision git understands), or undefined. */
export async function commitTime(root: string, revision: string): Promise<string | undefined> {
  try {
    const time = (
      await git(root, ['show', '-s', '--format=%cI', `${revision}^{commit}`, '--'])
    ).trim();
    return time === '' ? undefined : new Date(time).toISOString();
  } catch {
    return undefined;
  }
}
