import path from 'node:path';
import { Client } from 'pg';
import type { RebuildStatusResponse } from '@schematrace/contracts';
import { ReadModelRebuildService } from '../../apps/projector/src/rebuild/read-model-rebuild.service';
import { cli } from './cli-runner';
import { readModels } from './read-models';
import { startStack, type RunningStack } from './running-stack';

const DJANGO = path.resolve(__dirname, '../../examples/django-shop');
const FLYWAY = path.resolve(__dirname, '../../libs/adapters/test-fixtures/sql/flyway');
const PROJECTS = ['shop', 'flyway'];

/** Rebuilding the read models by replaying schema-events, against real services. */
describe('rebuild by replay (real Kafka, PostgreSQL, Redis)', () => {
  let stack: RunningStack;
  let rebuilds: ReadModelRebuildService;
  let live: Awaited<ReturnType<typeof readModels>>;

  beforeAll(async () => {
    stack = await startStack('rebuild');
    expect((await cli(stack.gateway.url, 'scan', DJANGO, '--project', 'shop')).code).toBe(0);
    expect((await cli(stack.gateway.url, 'scan', FLYWAY, '--project', 'flyway')).code).toBe(0);
    rebuilds = stack.instances('projector')[0]!.app.get(ReadModelRebuildService);
    live = await readModels(stack.environment.databaseUrl, PROJECTS);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('rebuilds every project into a fresh copy equal to the live read models, and switches to it', async () => {
    const report = await rebuilds.rebuild();

    expect(report.before.map((comparison) => [comparison.project, comparison.equal])).toEqual([
      ['flyway', true],
      ['shop', true],
    ]);
    expect(report.switched).toEqual(['flyway', 'shop']);
    expect(report.after.every((comparison) => comparison.equal)).toBe(true);
    expect(await readModels(stack.environment.databaseUrl, PROJECTS)).toEqual(live);
  });

  it('repairs one damaged project, leaving the others alone, and the API serves the repaired one', async () => {
    const db = new Client({ connectionString: stack.environment.databaseUrl });
    await db.connect();
    try {
      await db.query(`delete from schema_columns where project = 'shop' and name = 'sku'`);
      await db.query(
        `update schema_tables set comment = 'damaged' where project = 'shop' and table_key = 'catalog_product'`,
      );
    } finally {
      await db.end();
    }

    const report = await rebuilds.rebuild({ project: 'shop' });

    expect(report.before[0]!.equal).toBe(false);
    expect(report.before[0]!.differences).toMatchObject({ schema_columns: 1, schema_tables: 2 });
    expect(report.switched).toEqual(['shop']);
    expect(report.after[0]!.equal).toBe(true);
    expect(await readModels(stack.environment.databaseUrl, PROJECTS)).toEqual(live);
    const served = (await (
      await fetch(`${stack.gateway.url}/v1/projects/shop/tables/catalog_product`)
    ).json()) as { tables: { columns: { name: string }[] }[] };
    expect(served.tables[0]!.columns.map((column) => column.name)).toContain('sku');
  });

  it('runs a rebuild an operator requests through the API, and reports it', async () => {
    const accepted = await fetch(`${stack.gateway.url}/v1/admin/rebuilds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ project: 'flyway' }),
    });
    expect(accepted.status).toBe(202);
    const { id } = (await accepted.json()) as RebuildStatusResponse;
    let status: RebuildStatusResponse | undefined;
    for (let attempt = 0; attempt < 150 && status?.state !== 'completed'; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 200));
      status = (await (
        await fetch(`${stack.gateway.url}/v1/admin/rebuilds/${id}`)
      ).json()) as RebuildStatusResponse;
      expect(status.state).not.toBe('failed');
    }
    expect(status).toMatchObject({
      state: 'completed',
      request: { project: 'flyway', dryRun: false },
    });
    expect(status!.report!.switched).toEqual(['flyway']);
    expect(status!.report!.after[0]!.equal).toBe(true);
  });

  it('compares without switching on a dry run', async () => {
    const report = await rebuilds.rebuild({ dryRun: true });
    expect(report.switched).toEqual([]);
    expect(report.before.every((comparison) => comparison.equal)).toBe(true);
  });
});
