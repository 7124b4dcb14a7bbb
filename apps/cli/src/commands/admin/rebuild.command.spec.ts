import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RebuildStatusResponse } from '@schematrace/contracts';
import { runCli } from '../../cli';

/** A gateway that accepts rebuild 7 and then always reports `status` for it. */
async function gatewayReporting(status: Partial<RebuildStatusResponse>): Promise<Server> {
  const server = createServer((request, response) => {
    const body =
      request.method === 'POST'
        ? { id: '7', state: 'waiting', request: { dryRun: false } }
        : { id: '7', request: { dryRun: false }, ...status };
    response.writeHead(request.method === 'POST' ? 202 : 200, {
      'content-type': 'application/json',
    });
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

async function rebuild(server: Server, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const { port } = server.address() as AddressInfo;
  const code = await runCli(
    ['--api-url', `http://127.0.0.1:${port}`, 'admin', 'rebuild', ...args],
    { env: {}, out: (text) => (stdout += text), err: (text) => (stderr += text) },
  );
  return { code, stdout, stderr };
}

describe('schematrace admin rebuild', () => {
  let server: Server | undefined;

  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  it('exits 1 with the reason when the rebuild fails', async () => {
    server = await gatewayReporting({ state: 'failed', failedReason: 'copy could not catch up' });

    const result = await rebuild(server);

    expect(result.code).toBe(1);
    expect(result.stderr).toBe('schematrace: rebuild 7 failed: copy could not catch up\n');
  });

  it('prints the failed status as JSON, and still exits 1', async () => {
    server = await gatewayReporting({ state: 'failed', failedReason: 'boom' });

    const result = await rebuild(server, '--json');

    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ id: '7', state: 'failed' });
  });

  it('reports which tables differed, and a project that still differs after', async () => {
    server = await gatewayReporting({
      state: 'completed',
      report: {
        events: 12,
        before: [{ project: 'shop', equal: false, differences: { schema_columns: 1 } }],
        after: [{ project: 'shop', equal: false, differences: { schema_tables: 2 } }],
        switched: ['shop'],
      },
    });

    const result = await rebuild(server);

    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'rebuild 7 requested (every project)',
        'rebuild 7 completed: 12 event(s) replayed; 1 project(s) still differ from the rebuilt copy',
        '',
        'PROJECT  BEFORE                      SWITCHED  AFTER',
        'shop     differs (schema_columns 1)  yes       differs (schema_tables 2)',
        '',
      ].join('\n'),
    );
  });

  it('gives up after --timeout with exit 5', async () => {
    server = await gatewayReporting({ state: 'active' });

    const result = await rebuild(server, '--timeout', '1');

    expect(result.code).toBe(5);
    expect(result.stderr).toContain('rebuild 7 is still active after 1s');
  });
});
