import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../cli';

const REPO = path.resolve(__dirname, '../../../..');
const GOLDENS = path.join(REPO, 'apps/cli/test-fixtures/analyze');
const FIXTURES = path.join(REPO, 'libs/adapters/test-fixtures');
/** Set UPDATE_GOLDENS=1 to rewrite the golden files after an intended change. */
const UPDATE = process.env.UPDATE_GOLDENS === '1';

// Each run loads every grammar and parses a project: seconds when the machine is busy.
jest.setTimeout(30_000);

async function analyze(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['analyze', ...args], {
    env: {},
    out: (text) => (stdout += text),
    err: (text) => (stderr += text),
    now: () => new Date('2026-01-15T12:00:00Z'),
  });
  return { code, stdout, stderr };
}

function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDENS, name);
  if (UPDATE) writeFileSync(file, actual);
  if (!existsSync(file))
    throw new Error(`no golden ${name}: run with UPDATE_GOLDENS=1 to create it`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('schematrace analyze', () => {
  it.each([
    ['django', path.join(REPO, 'examples/django-shop')],
    ['alembic', path.join(FIXTURES, 'alembic/shop')],
    ['flyway', path.join(FIXTURES, 'sql/flyway')],
    ['golang-migrate', path.join(FIXTURES, 'sql/golang-migrate')],
    ['prisma', path.join(FIXTURES, 'sql/prisma')],
    ['rails', path.join(FIXTURES, 'rails/blog')],
  ])('reports the %s fixture project as golden JSON', async (name, dir) => {
    const { code, stdout, stderr } = await analyze(dir, '--format', 'json', '--no-git');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { formatVersion: number; timeline: unknown[] };
    expect(report.formatVersion).toBe(1);
    expect(report.timeline.length).toBeGreaterThan(0);
    expectGolden(`${name}.json`, stdout);
  });

  it('renders Markdown and a plain table when piped', async () => {
    const dir = path.join(REPO, 'examples/django-shop');
    expectGolden('django.md', (await analyze(dir, '--format', 'markdown', '--no-git')).stdout);
    const table = await analyze(dir, '--no-git');
    expect(table.stdout).not.toContain('\u001b[');
    expectGolden('django.txt', table.stdout);
  });

  it('shows the schema at a point', async () => {
    const dir = path.join(REPO, 'examples/django-shop');
    const { code, stdout } = await analyze(
      dir,
      '--no-git',
      '--json',
      '--at',
      'catalog/0001_initial',
    );
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      point: { description: string };
      schema: { tables: { name: string; columns: { name: string }[] }[] };
    };
    expect(report.point.description).toBe('migration catalog/0001_initial');
    const product = report.schema.tables.find((table) => table.name === 'catalog_product')!;
    expect(product.columns.map((column) => column.name)).toContain('title');
    expect(report.schema.tables.map((table) => table.name)).not.toContain('orders_order');
  });

  it('exits 1 when a finding reaches --fail-on, 0 below it', async () => {
    const dir = path.join(REPO, 'examples/django-shop');
    const failing = await analyze(dir, '--no-git', '--json', '--fail-on', 'high');
    expect(failing.code).toBe(1);
    expect(failing.stderr).toContain('a finding reached high (--fail-on high)');
    const passing = await analyze(dir, '--no-git', '--json', '--fail-on', 'critical');
    expect(passing.code).toBe(0);
  });

  it('follows a policy: rules turned off and levels changed', async () => {
    const dir = path.join(REPO, 'examples/django-shop');
    const policy = path.join(GOLDENS, 'policy.json');
    const { stdout } = await analyze(dir, '--no-git', '--json', '--policy', policy);
    const report = JSON.parse(stdout) as {
      timeline: { findings: { ruleId: string; level: string }[] }[];
    };
    const findings = report.timeline.flatMap((entry) => entry.findings);
    expect(findings.map((finding) => finding.ruleId)).not.toContain('missing-lock-timeout');
    const drops = findings.filter((finding) => finding.ruleId === 'drop-column');
    expect(drops.length).toBeGreaterThan(0);
    expect(drops.every((finding) => finding.level === 'critical')).toBe(true);
  });

  it.each([
    [['--at', 'nope'], /--at nope: no migration named nope/],
    [['--target', 'oracle@19'], /--target oracle@19: expected/],
    [['--policy', '/does/not/exist.json'], /--policy \/does\/not\/exist.json: no such file/],
  ])('explains bad options %j with exit code 2', async (args, message) => {
    const { code, stderr } = await analyze(
      path.join(REPO, 'examples/django-shop'),
      '--no-git',
      ...args,
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('says when a folder holds no migrations', async () => {
    const { code, stderr } = await analyze(path.join(REPO, 'bench'), '--no-git');
    expect(code).toBe(2);
    expect(stderr).toContain('no migration files found');
  });
});
