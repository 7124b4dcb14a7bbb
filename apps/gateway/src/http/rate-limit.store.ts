import { Redis } from 'ioredis';
import type { SlidingWindow, WindowCounts } from './rate-limit.policy';

/** The counting port: the gateway's replicas share one store, so a client's limit is global. */
export interface RateLimitStore {
  take(client: string, window: SlidingWindow, limit: number): Promise<WindowCounts>;
}

/**
 * Read both windows, decide, and count the request only when it is allowed, in one atomic step
 * so concurrent requests on different replicas cannot both take the last slot. The key of the
 * current window lives for two windows, to serve as the previous one next.
 */
const TAKE_SCRIPT = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local previous = tonumber(redis.call('GET', KEYS[2]) or '0')
if previous * tonumber(ARGV[1]) + current + 1 > tonumber(ARGV[2]) then
  return {0, current, previous}
end
current = redis.call('INCR', KEYS[1])
if current == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return {1, current, previous}
`;

type TakeCommand = (
  currentKey: string,
  previousKey: string,
  previousWeight: string,
  limit: string,
  ttlMs: string,
) => Promise<[number, number, number]>;

export class RedisRateLimitStore implements RateLimitStore {
  private readonly takeCommand: TakeCommand;

  /** `prefix` is REDIS_PREFIX, shared with the queues; the limiter's keys are under `:ratelimit:`. */
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    redis.defineCommand('schematraceRateLimitTake', { lua: TAKE_SCRIPT, numberOfKeys: 2 });
    const command = (redis as unknown as { schematraceRateLimitTake: TakeCommand })
      .schematraceRateLimitTake;
    this.takeCommand = command.bind(redis);
  }

  async take(client: string, window: SlidingWindow, limit: number): Promise<WindowCounts> {
    // The braces make both keys of a client hash to one slot, should Redis be a cluster.
    const key = (index: number) => `${this.prefix}:ratelimit:{${client}}:${index}`;
    const [allowed, current, previous] = await this.takeCommand(
      key(window.index),
      key(window.index - 1),
      String(window.previousWeight),
      String(limit),
      String(2 * window.windowMs),
    );
    return { allowed: allowed === 1, current, previous };
  }
}

/**
 * A connection tuned to fail fast: while Redis is away, commands fail at once instead of
 * queueing, and a slow answer is given up after 500 ms, so the API fails open without stalling.
 * It keeps reconnecting in the background.
 */
export function rateLimitRedis(url: string): Redis {
  return new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 500,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
  });
}
