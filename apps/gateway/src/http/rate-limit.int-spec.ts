import { startService, type RunningService } from '@schematrace/platform';
import {
  isolatedEnvironment,
  type IsolatedEnvironment,
} from '../../../../test/support/isolated-environment';
import { gatewayService } from '../gateway.service-definition';

/** Any API route counts; this one answers 404 without touching anything. */
const API_PATH = '/v1/projects/nowhere/schema';

describe('rate limits shared by gateway replicas through Redis', () => {
  let environment: IsolatedEnvironment;
  const started: RunningService[] = [];
  let replicaA: RunningService;
  let replicaB: RunningService;

  beforeAll(async () => {
    environment = await isolatedEnvironment('rate_limit');
    const config = environment.config('gateway', { RATE_LIMIT_PER_MINUTE: '5' });
    // One after the other: the first applies the database migrations and creates the topics.
    replicaA = await startService(gatewayService, config);
    started.push(replicaA);
    replicaB = await startService(gatewayService, config);
    started.push(replicaB);
  }, 120_000);

  afterAll(async () => {
    for (const service of started.reverse()) await service.stop();
    await environment?.dispose();
  });

  const get = (replica: RunningService, path: string, headers: Record<string, string> = {}) =>
    fetch(`${replica.url}${path}`, { headers });

  it('counts a client across both replicas and refuses the sixth request with 429', async () => {
    const key = { authorization: 'Bearer shared-limit' };
    const statuses: number[] = [];
    const remaining: (string | null)[] = [];
    for (const replica of [replicaA, replicaB, replicaA, replicaB, replicaA]) {
      const response = await get(replica, API_PATH, key);
      statuses.push(response.status);
      remaining.push(response.headers.get('ratelimit-remaining'));
    }

    const refused = await get(replicaB, API_PATH, key);

    expect(statuses).toEqual([404, 404, 404, 404, 404]);
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('ratelimit-limit')).toBe('5');
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toEqual({
      error: {
        status: 429,
        code: 'rate_limited',
        message: expect.stringContaining('more than 5 requests in a minute') as string,
      },
    });
  });

  it('keeps clients apart: another key, or the X-API-Key header with another key, still gets in', async () => {
    const other = await get(replicaA, API_PATH, { 'x-api-key': 'another-client' });

    expect(other.status).toBe(404);
    expect(other.headers.get('ratelimit-remaining')).toBe('4');
  });

  it('never limits /health or /metrics', async () => {
    const key = { authorization: 'Bearer shared-limit' };
    for (let probe = 0; probe < 7; probe++) {
      expect((await get(replicaA, '/health', key)).status).toBe(200);
      expect((await get(replicaB, '/metrics', key)).status).toBe(200);
    }
  });

  it('reports refusals and request durations by route template on /metrics', async () => {
    const text = await (await get(replicaB, '/metrics')).text();

    expect(text).toMatch(/^schematrace_http_requests_rate_limited_total\{service="gateway"\} 1$/m);
    expect(text).toMatch(
      /^schematrace_http_request_duration_seconds_count\{.*route="\/v1\/projects\/:project\/schema".*status="429".*\} 1$/m,
    );
  });

  it('lets requests through when Redis does not answer, rather than take the API down', async () => {
    const cut = await startService(
      gatewayService,
      environment.config('gateway', {
        RATE_LIMIT_PER_MINUTE: '1',
        REDIS_URL: 'redis://127.0.0.1:1',
      }),
    );
    started.push(cut);

    const statuses = [];
    for (let request = 0; request < 3; request++)
      statuses.push((await get(cut, API_PATH, { 'x-api-key': 'k' })).status);

    expect(statuses).toEqual([404, 404, 404]);
    const text = await (await get(cut, '/metrics')).text();
    expect(text).toMatch(/^schematrace_rate_limit_store_failures_total\{service="gateway"\} 3$/m);
  });

  it('is off with RATE_LIMIT_PER_MINUTE=0', async () => {
    const unlimited = await startService(
      gatewayService,
      environment.config('gateway', { RATE_LIMIT_PER_MINUTE: '0' }),
    );
    started.push(unlimited);

    const response = await get(unlimited, API_PATH);

    expect(response.status).toBe(404);
    expect(response.headers.get('ratelimit-limit')).toBeNull();
  });
});
