import {
  rateLimitClient,
  rateLimitVerdict,
  slidingWindow,
  type SlidingWindow,
  type WindowCounts,
} from './rate-limit.policy';

const MINUTE = 60_000;

describe('who a request counts against', () => {
  it('is the bearer token when there is one, hashed', () => {
    const client = rateLimitClient({ authorization: 'Bearer secret-key' }, '10.0.0.1');

    expect(client).toMatch(/^key:[0-9a-f]{32}$/);
    expect(client).not.toContain('secret');
  });

  it('is the same client whether the key comes as a bearer token or as X-API-Key', () => {
    expect(rateLimitClient({ 'x-api-key': 'k' }, '10.0.0.1')).toBe(
      rateLimitClient({ authorization: 'bearer k' }, '10.0.0.2'),
    );
  });

  it('is the address when no key is given, or the authorization is not a bearer token', () => {
    expect(rateLimitClient({}, '10.0.0.1')).toBe('ip:10.0.0.1');
    expect(rateLimitClient({ authorization: 'Basic dTpw' }, '::1')).toBe('ip:::1');
    expect(rateLimitClient({ 'x-api-key': '  ' }, '10.0.0.1')).toBe('ip:10.0.0.1');
  });

  it('tells different keys apart', () => {
    expect(rateLimitClient({ 'x-api-key': 'a' }, 'x')).not.toBe(
      rateLimitClient({ 'x-api-key': 'b' }, 'x'),
    );
  });
});

describe('the sliding window', () => {
  it('weighs the whole previous window at the start of a window and none of it at the end', () => {
    expect(slidingWindow(5 * MINUTE, MINUTE)).toEqual({
      index: 5,
      previousWeight: 1,
      msUntilNext: MINUTE,
      windowMs: MINUTE,
    });
    expect(slidingWindow(5 * MINUTE + 45_000, MINUTE)).toMatchObject({
      index: 5,
      previousWeight: 0.25,
      msUntilNext: 15_000,
    });
  });
});

describe('the verdict on a request', () => {
  const given = (counts: WindowCounts, window: SlidingWindow, limit: number) =>
    rateLimitVerdict(counts, window, limit);

  it('allows it and says how many are left, counting the previous window by its weight', () => {
    const window = slidingWindow(30_000, MINUTE); // half of the previous window still counts

    expect(given({ allowed: true, current: 3, previous: 10 }, window, 10)).toEqual({
      allowed: true,
      limit: 10,
      remaining: 2,
    });
  });

  it('refuses with the wait until the previous window has slid out far enough', () => {
    const window = slidingWindow(30_000, MINUTE);

    // 10 * 0.5 + 5 = 10 used of 10: one more fits once 0.1 more of the previous window is gone.
    expect(given({ allowed: false, current: 5, previous: 10 }, window, 10)).toEqual({
      allowed: false,
      limit: 10,
      remaining: 0,
      retryAfterSeconds: 6,
    });
  });

  it('refuses until well into the next window when this window alone is full', () => {
    const window = slidingWindow(50_000, MINUTE); // 10 s left in this window

    // Next window: 10 * (1 - s / 60 s) + 1 <= 10 from s = 6 s on, so 10 s + 6 s from now.
    expect(given({ allowed: false, current: 10, previous: 0 }, window, 10)).toMatchObject({
      retryAfterSeconds: 16,
    });
  });

  it('asks for at least a second, never zero', () => {
    const window = slidingWindow(59_999, MINUTE);

    expect(
      given({ allowed: false, current: 0, previous: 1 }, window, 1).retryAfterSeconds,
    ).toBeGreaterThanOrEqual(1);
  });
});
