import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** The limit is per minute (RATE_LIMIT_PER_MINUTE); tests use shorter windows. */
export const RATE_LIMIT_WINDOW_MS = 60_000;

/**
 * Who a request counts against: its API key (`Authorization: Bearer <key>`, else `X-API-Key`),
 * else its address. Keys are hashed, so Redis never holds a credential.
 */
export function rateLimitClient(headers: IncomingHttpHeaders, ip: string): string {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '')?.[1];
  const header = headers['x-api-key'];
  const apiKey = bearer ?? (typeof header === 'string' ? header.trim() : '');
  if (apiKey) return `key:${createHash('sha256').update(apiKey).digest('hex').slice(0, 32)}`;
  return `ip:${ip}`;
}

/**
 * Sliding window counter: the count of the current fixed window plus the previous window's count
 * weighted by how much of it still lies within the last `windowMs`. Two counters per client,
 * no burst of twice the limit at a window edge as a plain fixed window allows.
 */
export interface SlidingWindow {
  /** The number of the current fixed window (time / windowMs). */
  readonly index: number;
  /** The share of the previous window still inside the sliding window, from 1 down to 0. */
  readonly previousWeight: number;
  readonly msUntilNext: number;
  readonly windowMs: number;
}

export function slidingWindow(nowMs: number, windowMs = RATE_LIMIT_WINDOW_MS): SlidingWindow {
  const index = Math.floor(nowMs / windowMs);
  const elapsed = nowMs - index * windowMs;
  return {
    index,
    previousWeight: 1 - elapsed / windowMs,
    msUntilNext: windowMs - elapsed,
    windowMs,
  };
}

/** What the store answers: whether it counted this request, and the counts after it. */
export interface WindowCounts {
  readonly allowed: boolean;
  readonly current: number;
  readonly previous: number;
}

export interface RateLimitVerdict {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  /** Whole seconds until one more request fits; on a refusal only. */
  readonly retryAfterSeconds?: number;
}

/**
 * The store refuses a request when `previous * previousWeight + current + 1 > limit` (and then
 * does not count it, so a client that keeps retrying is not locked out for longer).
 */
export function rateLimitVerdict(
  counts: WindowCounts,
  window: SlidingWindow,
  limit: number,
): RateLimitVerdict {
  const used = counts.previous * window.previousWeight + counts.current;
  const remaining = Math.max(0, Math.floor(limit - used));
  if (counts.allowed) return { allowed: true, limit, remaining };
  const waitMs = msUntilOneMoreFits(counts, window, limit);
  return {
    allowed: false,
    limit,
    remaining: 0,
    retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
  };
}

function msUntilOneMoreFits(counts: WindowCounts, window: SlidingWindow, limit: number): number {
  const { previous, current } = counts;
  const { previousWeight, windowMs, msUntilNext } = window;
  if (current + 1 <= limit && previous > 0) {
    // This window still has room once enough of the previous one slides out:
    // previous * (previousWeight - t / windowMs) + current + 1 <= limit.
    return Math.max(0, windowMs * (previousWeight - (limit - current - 1) / previous));
  }
  // This window alone is full: wait for the next, then for enough of this one to slide out:
  // current * (1 - s / windowMs) + 1 <= limit.
  return msUntilNext + Math.max(0, windowMs * (1 - (limit - 1) / Math.max(current, 1)));
}
