import type { CreatedApiKey } from '@schematrace/contracts';
import { startStack, type RunningStack } from './running-stack';

/**
 * API keys against real services: authentication is off until the first key exists, then every
 * request needs a key whose scope and project reach it.
 */
describe('API keys and scopes (real Kafka, PostgreSQL, Redis)', () => {
  let stack: RunningStack;

  beforeAll(async () => {
    stack = await startStack('auth');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function call(method: string, route: string, key?: string, body?: unknown) {
    const response = await fetch(`${stack.gateway.url}${route}`, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  const scan = { client: { name: 'test', version: '1' }, files: [] as unknown[] };
  let admin: string;
  let readA: string;
  let writeA: string;

  it('is open until the first key is created (a local install)', async () => {
    expect((await call('POST', '/v1/projects', undefined, { key: 'a' })).status).toBe(201);
    expect((await call('POST', '/v1/projects', undefined, { key: 'b' })).status).toBe(201);
    const created = await call('POST', '/v1/api-keys', undefined, {
      scope: 'admin',
      label: 'bootstrap',
    });
    expect(created.status).toBe(201);
    admin = (created.body as CreatedApiKey).key;
    expect(admin).toMatch(/^st_/);
  });

  it('then answers 401 without a key, or with an unknown one, naming what to send', async () => {
    const missing = await call('GET', '/v1/projects/a/schema');
    expect(missing.status).toBe(401);
    expect(JSON.stringify(missing.body)).toContain('Authorization: Bearer <key>');
    expect(
      (
        await call(
          'GET',
          '/v1/projects/a/schema',
          'st_000000000000_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        )
      ).status,
    ).toBe(401);
    expect((await call('GET', '/health')).status).toBe(200);
  });

  it('lets an admin create keys limited to a project and a scope; the key is shown once', async () => {
    const read = await call('POST', '/v1/api-keys', admin, { scope: 'read', project: 'a' });
    const write = await call('POST', '/v1/api-keys', admin, { scope: 'write', project: 'a' });
    expect(read.status).toBe(201);
    readA = (read.body as CreatedApiKey).key;
    writeA = (write.body as CreatedApiKey).key;
    const listed = await call('GET', '/v1/api-keys', admin);
    expect(JSON.stringify(listed.body)).not.toContain(readA);
    expect(listed.body).toHaveLength(3);
  });

  it('answers 403 for a project the key does not reach', async () => {
    expect((await call('GET', '/v1/projects/a/schema', readA)).status).toBe(200);
    const other = await call('GET', '/v1/projects/b/schema', readA);
    expect(other.status).toBe(403);
    expect(JSON.stringify(other.body)).toContain('limited to project a');
  });

  it('applies the same limits to the original API', async () => {
    const projects = await call('GET', '/projects/', readA);
    expect((projects.body as { name: string }[]).map((project) => project.name)).toEqual(['a']);
    const idOfB = ((await call('GET', '/projects/by-name/b', admin)).body as { id: number }).id;
    expect((await call('GET', `/projects/${idOfB}`, readA)).status).toBe(403);
    expect((await call('GET', '/projects/')).status).toBe(401);
  });

  it('does not let a read key write, nor a write key administer', async () => {
    const write = await call('POST', '/v1/projects/a/scans', readA, scan);
    expect(write.status).toBe(403);
    expect(JSON.stringify(write.body)).toContain('scope read; the request needs write');
    expect((await call('PUT', '/v1/projects/a/policy', writeA, {})).status).toBe(403);
    expect((await call('POST', '/v1/api-keys', writeA, { scope: 'read' })).status).toBe(403);
    expect((await call('PUT', '/v1/projects/a/policy', admin, {})).status).toBe(200);
  });

  it('stops accepting a revoked key', async () => {
    const id = readA.split('_')[1]!;
    expect((await call('DELETE', `/v1/api-keys/${id}`, admin)).status).toBe(200);
    expect((await call('GET', '/v1/projects/a/schema', readA)).status).toBe(401);
  });
});
