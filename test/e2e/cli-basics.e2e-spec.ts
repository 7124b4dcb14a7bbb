import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ProjectView, TablesResponse } from '@schematrace/contracts';
import { cliWith } from './cli-runner';
import { startStack, type RunningStack } from './running-stack';

const EXAMPLE = path.resolve(__dirname, '../../examples/django-shop');

/** The original verbs — config, init, scan, projects, models, events, open — as a user meets them. */
describe('the CLI from nothing to a scanned project (real Kafka, PostgreSQL, Redis)', () => {
  let stack: RunningStack;
  let home: string;
  let configFile: string;
  /** The CLI as a user runs it: only what `config` stored, no flags. */
  const run = (...argv: string[]) => cliWith({ env: { SCHEMATRACE_CONFIG: configFile } }, ...argv);

  beforeAll(async () => {
    stack = await startStack('cli_basics');
    home = await mkdtemp(path.join(tmpdir(), 'schematrace-cli-'));
    configFile = path.join(home, 'schematrace', 'config.json');
  });

  afterAll(async () => {
    await stack?.stop();
    if (home) await rm(home, { recursive: true, force: true });
  });

  it('stores the API URL and key, shows where each setting comes from, and never prints the key', async () => {
    expect((await run('config', '--set-api-url', stack.gateway.url)).code).toBe(0);
    const saved = await run('config', '--set-api-key', 'st_secret_value');
    expect(saved).toMatchObject({ code: 0 });
    expect(saved.stdout).toContain(`saved api key to ${configFile}`);

    const shown = await run('config', '--show');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`api url          ${stack.gateway.url}  (from the config file)`);
    expect(shown.stdout).toContain('api key          set (not shown)  (from the config file)');
    expect(shown.stdout).not.toContain('st_secret_value');
    // The file holds a key: readable by its owner only.
    expect((await stat(configFile)).mode & 0o777).toBe(0o600);

    const overridden = await cliWith(
      { env: { SCHEMATRACE_CONFIG: configFile, SCHEMATRACE_API_KEY: 'st_other' } },
      'config',
      '--json',
    );
    expect(JSON.parse(overridden.stdout)).toMatchObject({
      apiKey: { set: true, source: 'environment' },
      apiUrl: { value: stack.gateway.url, source: 'config file' },
    });
    expect(overridden.stdout).not.toContain('st_other');

    // The local stack has no keys yet, so it ignores the stored one; keep the file clean anyway.
    const stored = JSON.parse(await readFile(configFile, 'utf8')) as Record<string, unknown>;
    expect(stored).toEqual({ apiUrl: stack.gateway.url, apiKey: 'st_secret_value' });
  });

  it('refuses a setting that is not a URL, naming the option', async () => {
    const refused = await run('config', '--set-api-url', 'localhost');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--set-api-url needs a URL');
  });

  it('init creates the project and makes it the default; a second init finds it', async () => {
    const first = await run('init', '--project', 'shop', '--description', 'the example shop');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('created project shop');

    const again = await run('init', '--project', 'shop', '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ created: false, project: { key: 'shop' } });
    expect((await run('config', '--json')).stdout).toContain('"value": "shop"');
  });

  it('scans into the default project, then lists it with its events', async () => {
    const scan = await run('scan', EXAMPLE);
    expect(scan.code).toBe(0);
    expect(scan.stdout).toContain('shop: 5 new, 0 modified, 0 removed, 0 unchanged migration(s)');

    const listed = await run('projects');
    expect(listed.code).toBe(0);
    const [heading, row] = listed.stdout.split('\n');
    expect(heading).toMatch(/^ID\s+PROJECT\s+EVENTS\s+CREATED\s+DESCRIPTION$/);
    expect(row).toMatch(/^\s*\d+\s+shop \*\s+\d+\s+\d{4}-\d\d-\d\d\s+the example shop$/);

    const json = JSON.parse((await run('projects', '--json')).stdout) as ProjectView[];
    expect(json.map((project) => project.key)).toEqual(['shop']);
    expect(json[0]!.events).toBeGreaterThan(0);
  });

  it('lists the tables of a project, the dropped ones on request', async () => {
    const models = await run('models');
    expect(models.code).toBe(0);
    expect(models.stdout).toMatch(/^TABLE\s+MODEL\s+COLUMNS\s+ADDED AT\s+REMOVED AT$/m);
    expect(models.stdout).toMatch(/^catalog_product\s+catalog\.Product\s+\d+\s+#\d+$/m);

    const all = JSON.parse(
      (await run('models', 'shop', '--include-removed', '--json')).stdout,
    ) as TablesResponse;
    const now = JSON.parse((await run('models', 'shop', '--json')).stdout) as TablesResponse;
    expect(all.tables.length).toBeGreaterThanOrEqual(now.tables.length);
    expect(now.tables.every((table) => table.removedSequence === null)).toBe(true);
  });

  it("lists one table's events, as a table or as JSON lines", async () => {
    const events = await run('events', 'catalog_product');
    expect(events.code).toBe(0);
    expect(events.stdout).toMatch(/^SEQ\s+DATE\s+MIGRATION\s+CHANGE$/m);
    expect(events.stdout).toMatch(/catalog\/0001_initial\s+creates table catalog_product/);

    const lines = (
      await run('events', 'catalog_product', '--kind', 'column.added', '--json')
    ).stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { sequence: number; kind: string });
    expect(lines.length).toBeGreaterThan(0);
    expect(new Set(lines.map((line) => line.kind))).toEqual(new Set(['column.added']));
  });

  it('analyzes a folder in-process, with no server at all', async () => {
    const analyzed = await cliWith(
      { env: { SCHEMATRACE_CONFIG: configFile } },
      '--api-url',
      'http://127.0.0.1:9',
      'analyze',
      EXAMPLE,
      '--format',
      'json',
      '--no-git',
    );
    expect(analyzed.code).toBe(0);
    const report = JSON.parse(analyzed.stdout) as {
      formatVersion: number;
      summary: { migrations: number; events: number };
      timeline: unknown[];
    };
    expect(report.formatVersion).toBe(1);
    expect(report.summary).toMatchObject({ migrations: 5, events: 39 });
    expect(report.timeline).toHaveLength(5);
  });

  it('prints the API docs URL where no browser can open', async () => {
    const opened = await run('open');
    expect(opened).toMatchObject({ code: 0, stdout: `${stack.gateway.url}/docs\n` });
    expect(JSON.parse((await run('open', '--json')).stdout)).toEqual({
      url: `${stack.gateway.url}/docs`,
      opened: false,
    });
    // The page is there to open.
    expect((await fetch(`${stack.gateway.url}/docs`)).status).toBe(200);
  });

  it('explains failures: no project, an unknown project, an unreachable server', async () => {
    const noProject = await cliWith(
      { env: { SCHEMATRACE_CONFIG: path.join(home, 'none.json') } },
      '--api-url',
      stack.gateway.url,
      'models',
    );
    expect(noProject.code).toBe(2);
    expect(noProject.stderr).toContain('no project given: pass --project <name>');

    const unknown = await run('models', 'nope');
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toContain('nope');

    const unreachable = await run('--api-url', 'http://127.0.0.1:9', 'projects');
    expect(unreachable.code).toBe(3);
    expect(unreachable.stderr).toContain('cannot reach the SchemaTrace API at http://127.0.0.1:9');
  });
});
