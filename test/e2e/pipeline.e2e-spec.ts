import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EventsResponse, SchemaResponse } from '@schematrace/contracts';
import { cli } from './cli-runner';
import { PRODUCT_WEIGHT_MIGRATION } from './example-shop-migrations';
import { startStack, type RunningStack } from './running-stack';

const EXAMPLE = path.resolve(__dirname, '../../examples/django-shop');

describe('a Django scan through the whole pipeline (real Kafka, PostgreSQL, Redis)', () => {
  let stack: RunningStack;
  let repo: string;

  beforeAll(async () => {
    stack = await startStack('pipeline');
    repo = await mkdtemp(path.join(tmpdir(), 'schematrace-e2e-'));
    await cp(EXAMPLE, repo, { recursive: true });
  });

  afterAll(async () => {
    await stack?.stop();
    if (repo) await rm(repo, { recursive: true, force: true });
  });

  const get = async <T>(route: string): Promise<T> => {
    const response = await fetch(`${stack.gateway.url}${route}`);
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };
  const table = (schema: SchemaResponse, name: string) =>
    schema.tables.find((candidate) => candidate.name === name);
  const columns = (schema: SchemaResponse, name: string) =>
    Object.fromEntries(
      (table(schema, name)?.columns ?? []).map((column) => [column.name, column.type.sql]),
    );

  it('scans the migrations, then serves the current schema', async () => {
    const scan = await cli(stack.gateway.url, 'scan', repo, '--project', 'shop');

    expect(scan.stderr).toBe('');
    expect(scan.code).toBe(0);
    expect(scan.stdout).toContain('shop: 5 new, 0 modified, 0 removed, 0 unchanged migration(s)');

    const schema = await get<SchemaResponse>('/v1/projects/shop/schema');
    expect(schema.tables.map((candidate) => candidate.name)).toEqual([
      'catalog_category',
      'catalog_product',
      'orders_order',
      'orders_orderline',
    ]);
    expect(columns(schema, 'catalog_product')).toEqual({
      id: 'bigint',
      name: 'varchar(120)',
      price: 'numeric(12,2)',
      category_id: 'bigint',
      sku: 'varchar(32)',
    });
    expect(columns(schema, 'orders_order')).toEqual({ id: 'bigint', placed_at: 'timestamptz' });
    expect(
      table(schema, 'orders_orderline')?.columns.find((c) => c.name === 'product_id')?.references,
    ).toMatchObject({
      table: { name: 'catalog_product' },
      column: 'id',
    });
    expect(schema.anomalies).toEqual([]);
  });

  it('serves the schema as it was at an earlier sequence number', async () => {
    const { events } = await get<EventsResponse>('/v1/projects/shop/events');
    const rename = events.find(({ event }) => event.kind === 'column.renamed');
    expect(rename).toBeDefined();

    const before = await get<SchemaResponse>(`/v1/projects/shop/schema?at=${rename!.sequence - 1}`);
    const after = await get<SchemaResponse>(`/v1/projects/shop/schema?at=${rename!.sequence}`);

    expect(before.sequence).toBe(rename!.sequence - 1);
    expect(Object.keys(columns(before, 'catalog_product'))).toEqual(
      expect.arrayContaining(['title', 'legacy_code']),
    );
    expect(Object.keys(columns(after, 'catalog_product'))).toEqual(
      expect.arrayContaining(['name', 'legacy_code']),
    );
    expect(columns(after, 'catalog_product')).not.toHaveProperty('title');
  });

  it('adds nothing when the same folder is scanned again', async () => {
    const { events: before } = await get<EventsResponse>('/v1/projects/shop/events');

    const rescan = await cli(stack.gateway.url, 'scan', repo, '--project', 'shop');

    expect(rescan.code).toBe(0);
    expect(rescan.stdout).toContain(
      '0 new, 0 modified, 0 removed, 5 unchanged migration(s); 0 event(s) added',
    );
    const { events: after } = await get<EventsResponse>('/v1/projects/shop/events');
    expect(after).toEqual(before);
  });

  it('adds only the new migration when one is added, numbered after the others', async () => {
    const { events: before } = await get<EventsResponse>('/v1/projects/shop/events');
    await writeFile(
      path.join(repo, PRODUCT_WEIGHT_MIGRATION.path),
      PRODUCT_WEIGHT_MIGRATION.content,
    );

    const scan = await cli(stack.gateway.url, 'scan', repo, '--project', 'shop');

    expect(scan.stdout).toContain(
      '1 new, 0 modified, 0 removed, 5 unchanged migration(s); 2 event(s) added',
    );
    const { events: after } = await get<EventsResponse>('/v1/projects/shop/events');
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length).map(({ sequence, event }) => [sequence, event.kind])).toEqual(
      [
        [before.length + 1, 'migration.added'],
        [before.length + 2, 'column.added'],
      ],
    );
  });

  it('prints the history through the CLI', async () => {
    const log = await cli(stack.gateway.url, 'log', 'shop');

    expect(log.code).toBe(0);
    expect(log.stdout).toContain('catalog/0001_initial');
    expect(log.stdout).toContain('creates table catalog_product');
    expect(log.stdout).toContain('renames column catalog_product.title to name');
  });
});
