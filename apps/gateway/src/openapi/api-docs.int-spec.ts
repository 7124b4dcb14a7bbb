import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startService, type RunningService } from '@schematrace/platform';
import {
  isolatedEnvironment,
  type IsolatedEnvironment,
} from '../../../../test/support/isolated-environment';
import { gatewayService } from '../gateway.service-definition';
import { ApiErrorSchema } from './openapi-document';

const COMMITTED = path.resolve(__dirname, '../../../../docs/openapi.json');
const ADMIN_KEY = 'docs-spec-admin-key-0123456789';

describe('the API documentation served by the gateway', () => {
  let environment: IsolatedEnvironment;
  let gateway: RunningService;

  beforeAll(async () => {
    environment = await isolatedEnvironment('api_docs');
    // Authentication on and a tiny rate limit: the docs must get through both.
    gateway = await startService(
      gatewayService,
      environment.config('gateway', { ADMIN_API_KEY: ADMIN_KEY, RATE_LIMIT_PER_MINUTE: '2' }),
    );
  }, 120_000);

  afterAll(async () => {
    await gateway?.stop();
    await environment?.dispose();
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    fetch(`${gateway.url}${url}`, { headers });

  it('serves /openapi.json without a key: the committed document, with both APIs', async () => {
    const response = await get('/openapi.json');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const document = (await response.json()) as { openapi: string; paths: object };
    expect(document).toEqual(JSON.parse(readFileSync(COMMITTED, 'utf8')));
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/v1/projects/{project}/schema', '/projects/{id}', '/events/bulk']),
    );
  });

  it('documents only routes the gateway has', async () => {
    const document = (await (await get('/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const fastify = gateway.app.getHttpAdapter().getInstance();

    const missing = Object.entries(document.paths).flatMap(([route, operations]) =>
      Object.keys(operations)
        .map((method) => ({
          method: method.toUpperCase(),
          url: route.replace(/\{(\w+)\}/g, ':$1'),
        }))
        .filter((candidate) => !fastify.hasRoute(candidate))
        .map(({ method, url }) => `${method} ${url}`),
    );
    expect(missing).toEqual([]);
  });

  it('serves /docs: a Swagger UI page whose assets the gateway serves itself', async () => {
    const response = await get('/docs');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).not.toMatch(/https?:\/\//);
    const assets = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(assets).toEqual(
      expect.arrayContaining(['/docs/swagger-ui-bundle.js', '/docs/swagger-ui.css']),
    );
    for (const asset of assets) {
      const answer = await get(asset);
      expect({ asset, status: answer.status }).toEqual({ asset, status: 200 });
      expect((await answer.arrayBuffer()).byteLength).toBeGreaterThan(0);
    }
    const initializer = await (await get('/docs/swagger-initializer.js')).text();
    expect(initializer).toContain('"/openapi.json"');
  });

  it('does not rate limit the docs', async () => {
    for (let request = 0; request < 4; request++) {
      const response = await get(request % 2 ? '/docs' : '/openapi.json');
      expect(response.status).toBe(200);
      expect(response.headers.get('ratelimit-limit')).toBeNull();
    }
  });

  it('answers errors in the documented shape, naming the field', async () => {
    const unauthenticated = await get('/v1/projects');
    const invalid = await get('/v1/projects/shop/events?limit=0', {
      authorization: `Bearer ${ADMIN_KEY}`,
    });
    const unknownAsset = await get('/docs/nothing.js');

    expect(unauthenticated.status).toBe(401);
    expect(ApiErrorSchema.strict().parse(await unauthenticated.json())).toMatchObject({
      error: { code: 'unauthenticated' },
    });
    expect(invalid.status).toBe(400);
    expect(ApiErrorSchema.parse(await invalid.json())).toMatchObject({
      error: { status: 400, code: 'invalid_request', issues: [{ path: 'limit' }] },
    });
    expect(unknownAsset.status).toBe(404);
    expect(ApiErrorSchema.parse(await unknownAsset.json())).toMatchObject({
      error: { code: 'not_found' },
    });
  });
});
