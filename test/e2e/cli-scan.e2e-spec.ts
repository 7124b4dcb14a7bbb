import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { EventsResponse } from '@schematrace/contracts';
import { cli, cliWith } from './cli-runner';
import { eventually } from './eventually';
import { startStack, type RunningStack } from './running-stack';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const EXAMPLE = path.join(ROOT, 'examples/django-shop');

/** A Django migration creating one model with the given fields (`name: Field(...)` pairs). */
function djangoMigration(model: string, fields: readonly string[], dependency?: string): string {
  return [
    'from django.db import migrations, models',
    '',
    '',
    'class Migration(migrations.Migration):',
    `    dependencies = [${dependency ? `("shop", "${dependency}")` : ''}]`,
    '',
    '    operations = [',
    '        migrations.CreateModel(',
    `            name="${model}",`,
    '            fields=[',
    '                ("id", models.BigAutoField(primary_key=True, serialize=False)),',
    ...fields.map((field) => `                ${field},`),
    '            ],',
    '        ),',
    '    ]',
    '',
  ].join('\n');
}

describe('schematrace scan (real Kafka, PostgreSQL, Redis)', () => {
  let stack: RunningStack;
  let work: string;
  /** `schematrace scan …` against this stack's gateway. */
  const scan = (...argv: string[]) => cli(stack.gateway.url, 'scan', ...argv);

  beforeAll(async () => {
    stack = await startStack('cli_scan');
    work = await mkdtemp(path.join(tmpdir(), 'schematrace-scan-'));
  });

  afterAll(async () => {
    await stack?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  describe('a git repository built commit by commit', () => {
    let repo: string;
    const git = async (...args: string[]) => (await run('git', args, { cwd: repo })).stdout.trim();
    const commitAs = async (author: string, message: string) => {
      await git('add', '-A');
      await git(
        '-c',
        `user.name=${author}`,
        '-c',
        `user.email=${author.toLowerCase()}@example.com`,
        'commit',
        '-q',
        '-m',
        message,
      );
      return git('rev-parse', 'HEAD');
    };
    const migrations = () => path.join(repo, 'shop', 'migrations');
    let firstCommit: string;
    let secondCommit: string;

    beforeAll(async () => {
      repo = path.join(work, 'repo');
      await mkdir(migrations(), { recursive: true });
      await git('init', '-q');
      await writeFile(path.join(migrations(), '__init__.py'), '');
      await writeFile(
        path.join(migrations(), '0001_initial.py'),
        djangoMigration('Product', ['("title", models.CharField(max_length=80))']),
      );
      firstCommit = await commitAs('Ada', 'Add products\n\nThe catalogue starts here.');
      await writeFile(
        path.join(migrations(), '0002_customer.py'),
        djangoMigration('Customer', ['("email", models.EmailField())'], '0001_initial'),
      );
      secondCommit = await commitAs('Grace', 'Add customers');
      // An applied migration edited afterwards: what the scan must point out.
      await writeFile(
        path.join(migrations(), '0001_initial.py'),
        djangoMigration('Product', ['("title", models.CharField(max_length=120))']),
      );
      await commitAs('Linus', 'Widen product titles in place');
    });

    it('attaches to each migration the commit that added it, and flags the edited one', async () => {
      const scanned = await scan(repo, '--project', 'gitshop', '--json');
      expect(scanned.code).toBe(0);
      const summary = JSON.parse(scanned.stdout) as {
        migrations: Record<string, number>;
        files: { submitted: number; modifiedSinceAdded: number };
      };
      expect(summary.migrations).toEqual({ new: 2, modified: 0, removed: 0, unchanged: 0 });
      expect(summary.files).toEqual({ submitted: 2, modifiedSinceAdded: 1 });

      const response = await fetch(`${stack.gateway.url}/v1/projects/gitshop/events?limit=1000`);
      const { events } = (await response.json()) as EventsResponse;
      const gitOf = (name: string) =>
        events.find(({ event }) => event.migration.name === name)?.event.migration.git;
      expect(gitOf('0001_initial')).toEqual({
        commit: firstCommit,
        authorName: 'Ada',
        authorEmail: 'ada@example.com',
        committedAt: expect.any(String) as unknown,
        message: 'Add products\n\nThe catalogue starts here.',
      });
      expect(gitOf('0002_customer')).toMatchObject({ commit: secondCommit, authorName: 'Grace' });
    });

    it('reports a migration edited since the last scan as modified', async () => {
      await writeFile(
        path.join(migrations(), '0002_customer.py'),
        djangoMigration(
          'Customer',
          ['("email", models.EmailField())', '("name", models.CharField(max_length=60))'],
          '0001_initial',
        ),
      );
      await commitAs('Grace', 'Customers get a name');

      const scanned = await scan(repo, '--project', 'gitshop');
      expect(scanned.code).toBe(0);
      expect(scanned.stdout).toContain(
        'gitshop: 0 new, 1 modified, 0 removed, 1 unchanged migration(s)',
      );
      expect(scanned.stdout).toContain(
        '2 migration file(s) were edited after the commit that added them',
      );
    });

    it('leaves git out on request', async () => {
      const scanned = await scan(repo, '--project', 'nogit', '--no-git');
      expect(scanned.code).toBe(0);
      const { events } = (await (
        await fetch(`${stack.gateway.url}/v1/projects/nogit/events?limit=1000`)
      ).json()) as EventsResponse;
      expect(events.length).toBeGreaterThan(0);
      expect(events.every(({ event }) => event.migration.git === undefined)).toBe(true);
    });
  });

  it('counts the new findings by level and fails a CI job with --fail-on', async () => {
    const scanned = await scan(EXAMPLE, '--project', 'ci', '--fail-on', 'high');

    expect(scanned.code).toBe(1);
    expect(scanned.stdout).toMatch(/^new risk findings: \d+ high, \d+ medium, \d+ low$/m);
    expect(scanned.stderr).toContain('new risk findings reached --fail-on high');

    // The same scan again changes nothing, so nothing new can fail the job.
    const again = await scan(EXAMPLE, '--project', 'ci', '--fail-on', 'high');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('no new risk findings');
  });

  it('only scans the chosen framework, and refuses one it does not know', async () => {
    const none = await scan(EXAMPLE, '--project', 'x', '--framework', 'rails');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no migration files found');

    const unknown = await scan(EXAMPLE, '--project', 'x', '--framework', 'cobol');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--framework must be auto or one of');
  });

  it('publishes straight to Kafka with --kafka, and still reports through the gateway', async () => {
    const scanned = await cliWith(
      {
        apiUrl: stack.gateway.url,
        env: {
          KAFKA_BROKERS: stack.environment.brokers.join(','),
          KAFKA_TOPIC_PREFIX: stack.environment.topicPrefix,
        },
      },
      'scan',
      EXAMPLE,
      '--project',
      'direct',
      '--kafka',
    );

    expect(scanned).toMatchObject({ code: 0, stderr: '' });
    expect(scanned.stdout).toContain('direct: 5 new, 0 modified, 0 removed, 0 unchanged');
    const projects = (await (await fetch(`${stack.gateway.url}/v1/projects`)).json()) as {
      key: string;
    }[];
    expect(projects.map((project) => project.key)).toContain('direct');
  });

  it('draws a progress bar and the summary in a real terminal (tmux)', async () => {
    // The installed command runs the compiled CLI: compile what this checkout holds.
    await run('npm', ['run', 'build'], { cwd: ROOT, timeout: 180_000 });
    const session = `schematrace-e2e-${process.pid}`;
    const raw = path.join(work, 'terminal.raw');
    const ready = path.join(work, 'terminal.ready');
    const script = [
      // Start only once the pane's output is being recorded.
      `while [ ! -e ${JSON.stringify(ready)} ]; do sleep 0.05; done`,
      `cd ${JSON.stringify(ROOT)}`,
      `SCHEMATRACE_CONFIG=${JSON.stringify(path.join(work, 'none.json'))} node bin/schematrace.js --api-url ${stack.gateway.url} scan examples/django-shop --project tty`,
      'echo "exit code: $?"',
      'sleep 60',
    ].join('; ');
    await run('tmux', [
      'new-session',
      '-d',
      '-s',
      session,
      '-x',
      '160',
      '-y',
      '40',
      'bash',
      '-c',
      script,
    ]);
    try {
      await run('tmux', ['pipe-pane', '-o', '-t', session, `cat >> ${JSON.stringify(raw)}`]);
      await writeFile(ready, '');
      const pane = async () => (await run('tmux', ['capture-pane', '-p', '-t', session])).stdout;
      await eventually(async () => (await pane()).includes('exit code:'), 'the scan ends', 60_000);

      const screen = await pane();
      expect(screen).toContain('exit code: 0');
      expect(screen).toMatch(/^tty: 5 new, 0 modified, 0 removed, 0 unchanged migration\(s\)/m);
      expect(screen).toMatch(/^new risk findings: /m);
      // What the terminal received: a bar redrawn in place with carriage returns, and colour.
      const received = await readFile(raw, 'utf8').catch(() => '');
      expect(received).toMatch(/\r\[[█░]{24}\] +\d+%/);
      expect(received).toContain('\u001b[');
      // The bar's line is cleared before the summary: no bar is left on the screen.
      expect(screen).not.toMatch(/[█░]{24}/);
    } finally {
      await run('tmux', ['kill-session', '-t', session]).catch(() => undefined);
    }
  });
});
