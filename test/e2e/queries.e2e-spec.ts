import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type {
  DiffResponse,
  EventsResponse,
  LineageResponse,
  MigrationDetail,
  MigrationsResponse,
  PolicyResponse,
  RisksResponse,
  ScanStatusResponse,
  SchemaResponse,
  TablesResponse,
} from '@schematrace/contracts';
import { cli } from './cli-runner';
import { startStack, type RunningStack } from './running-stack';

const EXAMPLE = path.resolve(__dirname, '../../examples/django-shop');

/** The v1 query API over a scanned project, through every real service. */
describe('querying a scanned project (real Kafka, PostgreSQL, Redis)', () => {
  let stack: RunningStack;

  beforeAll(async () => {
    stack = await startStack('queries');
    const scan = await cli(stack.gateway.url, 'scan', EXAMPLE, '--project', 'shop');
    expect(scan.code).toBe(0);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function get<T>(route: string, status = 200): Promise<T> {
    const response = await fetch(`${stack.gateway.url}${route}`);
    expect({ route, status: response.status }).toEqual({ route, status });
    return (await response.json()) as T;
  }

  it('answers the schema at a migration, and the diff between two points', async () => {
    const before = await get<SchemaResponse>(
      '/v1/projects/shop/schema?at=catalog/0002_product_sku',
    );
    expect(before.point).toBe('migration catalog/0002_product_sku');
    const product = before.tables.find((table) => table.name === 'catalog_product')!;
    expect(product.columns.map((column) => column.name)).toContain('title');

    const diff = await get<DiffResponse>('/v1/projects/shop/diff?from=catalog/0002_product_sku');
    expect(diff.text).toContain('~ column name (was title)');
    expect(diff.text).toContain('- column legacy_code');
    expect(diff.text).toContain('+ table orders_order');

    const bad = await get<{ error: { code: string; issues: { path: string }[] } }>(
      '/v1/projects/shop/schema?at=migration:nope',
      400,
    );
    expect(bad.error.issues[0]!.path).toBe('at');
  });

  it('follows a column through its rename', async () => {
    const lineage = await get<LineageResponse>(
      '/v1/projects/shop/tables/catalog_product/columns/name/history',
    );
    expect(lineage.currentName).toBe('catalog_product.name');
    expect(lineage.steps.map((step) => step.description)).toEqual([
      'adds column catalog_product.title varchar(120) not null',
      'renames column catalog_product.title to name',
    ]);
  });

  it('lists tables with removed columns when asked', async () => {
    const current = await get<TablesResponse>('/v1/projects/shop/tables/catalog_product');
    expect(current.tables[0]!.columns.map((column) => column.name)).not.toContain('legacy_code');
    const all = await get<TablesResponse>(
      '/v1/projects/shop/tables/catalog_product?include_removed=true',
    );
    const legacy = all.tables[0]!.columns.find((column) => column.name === 'legacy_code');
    expect(legacy?.removedAt).toEqual(expect.any(String));
  });

  it('filters the event log by table and kind, with a cursor', async () => {
    const first = await get<EventsResponse>(
      '/v1/projects/shop/events?table=catalog_product&kind=column.added,column.renamed&limit=2',
    );
    expect(first.events).toHaveLength(2);
    expect(first.next).not.toBeNull();
    const rest = await get<EventsResponse>(
      `/v1/projects/shop/events?table=catalog_product&kind=column.added,column.renamed&after=${first.next}`,
    );
    const kinds = [...first.events, ...rest.events].map(({ event }) => event.kind);
    expect(new Set(kinds)).toEqual(new Set(['column.added', 'column.renamed']));
    expect(kinds).toHaveLength(7);
  });

  it('explains migrations and serves the risks the worker computed', async () => {
    const migrations = await get<MigrationsResponse>('/v1/projects/shop/migrations');
    expect(migrations.migrations.map((migration) => migration.migration)).toEqual([
      'catalog/0001_initial',
      'catalog/0002_product_sku',
      'catalog/0003_rename_title_drop_legacy',
      'orders/0001_initial',
      'orders/0002_remove_order_note',
    ]);
    // The worker recomputes risks a moment after projection (debounced): wait for it.
    let risks: RisksResponse | undefined;
    for (let attempt = 0; attempt < 100 && !risks?.assessment; attempt++) {
      risks = await get<RisksResponse>('/v1/projects/shop/risks?min_level=high');
      if (!risks.assessment) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(risks!.assessment?.ruleSetVersion).toBe('1.0.0');
    expect(risks!.findings.map((finding) => finding.ruleId)).toContain('drop-column');
    expect(
      risks!.findings.every((finding) => finding.level === 'high' || finding.level === 'critical'),
    ).toBe(true);

    const risky = await get<EventsResponse>('/v1/projects/shop/events?risk=high&limit=1000');
    const highIds = new Set(risks!.findings.map((finding) => finding.eventId));
    expect(risky.events.length).toBeGreaterThan(0);
    expect(risky.events.map(({ event }) => event.id).sort()).toEqual([...highIds].sort());

    const detail = await get<MigrationDetail>(
      `/v1/projects/shop/migrations/${encodeURIComponent('orders/0002_remove_order_note')}`,
    );
    expect(detail.changeDescriptions.map((change) => change.description)).toEqual([
      'drops column orders_order.note with CASCADE',
    ]);
    expect(detail.risks.join(' ')).toContain('Risk high (drop-column)');

    // A migration read alone says what the list says of it, for every migration.
    const listing = await get<MigrationsResponse>('/v1/projects/shop/migrations');
    for (const listed of listing.migrations) {
      const alone = await get<MigrationDetail>(
        `/v1/projects/shop/migrations/${encodeURIComponent(listed.migration)}`,
      );
      expect(alone).toMatchObject(listed);
    }
  });

  it('reports the files of a scan that could not be read', async () => {
    const repo = await mkdtemp(path.join(tmpdir(), 'schematrace-broken-'));
    try {
      await mkdir(path.join(repo, 'app/migrations'), { recursive: true });
      await writeFile(path.join(repo, 'app/migrations/__init__.py'), '');
      await writeFile(
        path.join(repo, 'app/migrations/0001_initial.py'),
        [
          'from django.db import migrations',
          'from app.helpers import build_operations',
          '',
          'class Migration(migrations.Migration):',
          '    dependencies = []',
          '    operations = build_operations()',
          '',
        ].join('\n'),
      );
      const scan = await cli(stack.gateway.url, 'scan', repo, '--project', 'broken', '--json');
      expect(scan.code).toBe(0);
      const status = JSON.parse(scan.stdout) as ScanStatusResponse;
      expect(status.status).toBe('projected');
      expect(status.failures).toEqual([
        {
          path: 'app/migrations/0001_initial.py',
          reason: expect.stringContaining('line') as unknown,
        },
      ]);
    } finally {
      await rm(repo, { recursive: true, force: true });
    }
  });

  it('serves the default policy until one is stored', async () => {
    const policy = await get<PolicyResponse>('/v1/projects/shop/policy');
    expect(policy).toMatchObject({ stored: false, policy: { target: { engine: 'postgresql' } } });
  });
});
