import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type {
  DiffResponse,
  LineageResponse,
  MigrationDetail,
  RisksResponse,
  SchemaResponse,
} from '@schematrace/contracts';
import { cli } from './cli-runner';
import { startStack, type RunningStack } from './running-stack';

const EXAMPLE = path.resolve(__dirname, '../../examples/django-shop');

/** The CLI's query verbs (at, diff, history, risks, explain) over a scanned project. */
describe('the CLI query verbs (real Kafka, PostgreSQL, Redis)', () => {
  let stack: RunningStack;
  const run = (...argv: string[]) => cli(stack.gateway.url, ...argv);

  beforeAll(async () => {
    stack = await startStack('cli_queries');
    const scan = await run('scan', EXAMPLE, '--project', 'shop');
    expect(scan.code).toBe(0);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  describe('at', () => {
    it('shows the schema at a migration, a sequence number and a date', async () => {
      const atMigration = await run('at', 'shop', 'catalog/0002_product_sku');
      expect(atMigration.stderr).toBe('');
      expect(atMigration.code).toBe(0);
      expect(atMigration.stdout).toMatch(
        /^shop at migration catalog\/0002_product_sku \(sequence \d+\): \d+ table\(s\)/,
      );
      expect(atMigration.stdout).toMatch(/^ {4}title +varchar\(120\)/m);
      expect(atMigration.stdout).not.toContain('orders_order');

      const atSequence = await run('at', 'shop', '1');
      expect(atSequence.code).toBe(0);
      expect(atSequence.stdout).toMatch(/^shop at event #1 \(sequence 1\)/);

      const atDate = await run('at', 'shop', '2999-01-01');
      expect(atDate.code).toBe(0);
      expect(atDate.stdout).toContain('2999-01-01T23:59:59.999Z');
      expect(atDate.stdout).toContain('orders_order');
    });

    it('prints the schema response as JSON', async () => {
      const result = await run('at', 'shop', 'migration:catalog/0002_product_sku', '--json');
      expect(result.code).toBe(0);
      const schema = JSON.parse(result.stdout) as SchemaResponse;
      expect(schema.point).toBe('migration catalog/0002_product_sku');
      const product = schema.tables.find((table) => table.name === 'catalog_product');
      expect(product?.columns.map((column) => column.name)).toContain('title');
    });

    it('fails with exit 2 naming a point the project does not have', async () => {
      const result = await run('at', 'shop', 'migration:nope');
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('no migration named nope');
    });

    it('fails with exit 4 for an unknown project', async () => {
      const result = await run('at', 'no-such-project');
      expect(result.code).toBe(4);
      expect(result.stderr).toContain('no-such-project');
    });
  });

  describe('diff', () => {
    it('prints what changed since a migration', async () => {
      const result = await run('diff', 'shop', 'catalog/0002_product_sku');
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const lines = result.stdout.split('\n');
      expect(lines[0]).toMatch(
        /^shop: migration catalog\/0002_product_sku \(sequence \d+\) → now \(sequence \d+\)$/,
      );
      expect(lines).toEqual(
        expect.arrayContaining([
          '+ table orders_order',
          expect.stringContaining('~ column name (was title)'),
          expect.stringContaining('- column legacy_code'),
        ]),
      );
      // Piped output: no escape codes.
      expect(result.stdout).not.toContain('\u001b[');
    });

    it('prints the whole response as JSON, between two given points', async () => {
      const result = await run(
        'diff',
        'shop',
        'catalog/0001_initial',
        'catalog/0002_product_sku',
        '--json',
      );
      expect(result.code).toBe(0);
      const diff = JSON.parse(result.stdout) as DiffResponse;
      expect(diff.from.point).toBe('migration catalog/0001_initial');
      expect(diff.to.point).toBe('migration catalog/0002_product_sku');
      expect(diff.to.sequence).toBeGreaterThan(diff.from.sequence);
      expect(diff.text).not.toContain('orders_order');
      expect(diff.diff).toEqual(expect.objectContaining({ tables: expect.any(Object) as unknown }));
    });

    it('fails naming a bad point', async () => {
      const result = await run('diff', 'shop', 'commit:deadbeef');
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('commit deadbeef');
    });

    it('fails with exit 4 for an unknown project', async () => {
      const result = await run('diff', 'no-such-project', '1');
      expect(result.code).toBe(4);
    });
  });

  describe('history', () => {
    it('follows a column through its rename, as an aligned table', async () => {
      const result = await run('history', 'shop', 'catalog_product.name');
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const lines = result.stdout.trimEnd().split('\n');
      expect(lines[0]).toBe('catalog_product.name  (now catalog_product.name)');
      expect(lines[1]).toMatch(/^SEQ {2}LIFE {2}NAME +CHANGE$/);
      expect(lines).toHaveLength(4);
      expect(lines[2]).toMatch(
        /^ +\d+ +1 {2}catalog_product\.title +adds column catalog_product\.title varchar\(120\) not null$/,
      );
      expect(lines[3]).toMatch(
        /^ +\d+ +1 {2}catalog_product\.title → catalog_product\.name {2}renames column catalog_product\.title to name$/,
      );
      // Aligned: every description starts in the heading's column.
      const start = lines[1]!.indexOf('CHANGE');
      expect(lines[2]!.indexOf('adds column')).toBe(start);
      expect(lines[3]!.indexOf('renames column')).toBe(start);
    });

    it('prints a table lineage as JSON', async () => {
      const result = await run('history', 'shop', 'catalog_product', '--json');
      expect(result.code).toBe(0);
      const lineage = JSON.parse(result.stdout) as LineageResponse;
      expect(lineage.subject).toBe('catalog_product');
      expect(lineage.currentName).toBe('catalog_product');
      expect(lineage.steps.length).toBeGreaterThan(1);
      expect(lineage.steps[0]!.description).toContain('catalog_product');
    });

    it('fails with exit 4 for a column that never existed, or an unknown project', async () => {
      const column = await run('history', 'shop', 'catalog_product.nope');
      expect(column.code).toBe(4);
      expect(column.stderr).toContain('column catalog_product.nope never existed');
      const project = await run('history', 'no-such-project', 'catalog_product');
      expect(project.code).toBe(4);
    });
  });

  describe('risks', () => {
    /** The worker assesses a moment after projection (debounced): wait for its findings. */
    async function risksOnceAssessed(...argv: string[]) {
      for (let attempt = 0; ; attempt++) {
        const result = await run('risks', 'shop', ...argv);
        if (result.code !== 0 || result.stdout.includes('drop-column') || attempt >= 100)
          return result;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }

    it('lists the findings as an aligned table with a count per level', async () => {
      const result = await risksOnceAssessed();
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const lines = result.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^LEVEL +RULE +MIGRATION +MESSAGE$/);
      expect(lines).toContainEqual(
        expect.stringMatching(/^high +drop-column +orders\/0002_remove_order_note +\S/),
      );
      expect(lines.at(-1)).toMatch(/^\d+ finding\(s\): (\d+ (critical|high|medium|low)(, )?)+$/);
      expect(lines.at(-2)).toBe('');
      const listed = lines.slice(1, -2);
      expect(lines.at(-1)).toMatch(new RegExp(`^${listed.length} finding`));
    });

    it('filters by level and rule, and merges every page into { findings } as JSON', async () => {
      await risksOnceAssessed();
      const result = await run('risks', 'shop', '--min-level', 'high', '--json');
      expect(result.code).toBe(0);
      const { findings } = JSON.parse(result.stdout) as Pick<RisksResponse, 'findings'>;
      expect(findings.length).toBeGreaterThan(0);
      expect(findings.every((f) => f.level === 'high' || f.level === 'critical')).toBe(true);
      expect(findings.map((f) => f.ruleId)).toContain('drop-column');

      const byRule = await run('risks', 'shop', '--rule', 'drop-column', '--json');
      const ruled = (JSON.parse(byRule.stdout) as Pick<RisksResponse, 'findings'>).findings;
      expect(ruled.length).toBeGreaterThan(0);
      expect(ruled.every((f) => f.ruleId === 'drop-column')).toBe(true);
    });

    it('follows the cursor through every page', async () => {
      // A stand-in gateway with two pages: the example project's findings fit in one.
      const asked: URLSearchParams[] = [];
      const page = (ruleId: string, next: string | null) => ({
        project: 'paged',
        findings: [
          {
            ruleId,
            level: 'high',
            eventId: ruleId,
            migration: 'app/0001_initial',
            message: `breaks ${ruleId}`,
            safeAlternative: 'do it in two steps',
            acknowledged: false,
            ruleSetVersion: '1.0.0',
            sequence: 1,
          },
        ],
        next,
      });
      const server = createServer((request, response) => {
        const query = new URL(request.url ?? '', 'http://gateway').searchParams;
        asked.push(query);
        response.setHeader('content-type', 'application/json');
        response.end(
          JSON.stringify(query.get('cursor') ? page('second', null) : page('first', '1:first:0')),
        );
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const result = await cli(
          `http://127.0.0.1:${port}`,
          'risks',
          'paged',
          '--min-level',
          'high',
          '--json',
        );
        expect(result.code).toBe(0);
        const { findings } = JSON.parse(result.stdout) as Pick<RisksResponse, 'findings'>;
        expect(findings.map((f) => f.ruleId)).toEqual(['first', 'second']);
        expect(asked.map((query) => [query.get('min_level'), query.get('cursor')])).toEqual([
          ['high', null],
          ['high', '1:first:0'],
        ]);
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });

    it('refuses an unknown level with exit 2, naming the allowed ones', async () => {
      const result = await run('risks', 'shop', '--min-level', 'severe');
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('low, medium, high, critical');
      expect(result.stderr).toContain('"severe"');
    });

    it('fails with exit 4 for an unknown project', async () => {
      const result = await run('risks', 'no-such-project');
      expect(result.code).toBe(4);
    });
  });

  describe('explain', () => {
    it('explains a migration, its changes, and its risks with safer alternatives', async () => {
      // The risks come from the worker's assessment: wait until it has covered this migration.
      let result = await run('explain', 'shop', 'orders/0002_remove_order_note');
      for (let attempt = 0; attempt < 100 && !result.stdout.includes('drop-column'); attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        result = await run('explain', 'shop', 'orders/0002_remove_order_note');
      }
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const lines = result.stdout.split('\n');
      expect(lines[0]).toBe(
        'orders/0002_remove_order_note  (django, orders/migrations/0002_remove_order_note.py)',
      );
      expect(lines[1]).toMatch(/^Migration orders\/0002_remove_order_note \(django\)/);
      expect(lines).toContain('Changes');
      expect(lines).toContainEqual(
        expect.stringMatching(/^ +\d+ {2}drops column orders_order\.note with CASCADE$/),
      );
      const risk = lines.findIndex((line) => /^ {2}high +drop-column: /.test(line));
      expect(risk).toBeGreaterThan(lines.indexOf('Risks'));
      expect(lines[risk + 1]).toMatch(/^ +safer: \S/);
    });

    it('prints the migration detail as JSON', async () => {
      const result = await run('explain', 'shop', 'orders/0002_remove_order_note', '--json');
      expect(result.code).toBe(0);
      const detail = JSON.parse(result.stdout) as MigrationDetail;
      expect(detail.migration).toBe('orders/0002_remove_order_note');
      expect(detail.changeDescriptions.map((change) => change.description)).toEqual([
        'drops column orders_order.note with CASCADE',
      ]);
      expect(detail.findings.map((f) => f.ruleId)).toContain('drop-column');
    });

    it('fails with exit 4 for an unknown migration or project', async () => {
      const migration = await run('explain', 'shop', 'orders/0099_nope');
      expect(migration.code).toBe(4);
      expect(migration.stderr).toContain('orders/0099_nope');
      const project = await run('explain', 'no-such-project', 'orders/0001_initial');
      expect(project.code).toBe(4);
    });
  });
});
