import { Redis } from 'ioredis';
import { redactUrl, type ServiceConfig } from '@schematrace/config';
import { InfrastructureUnavailableError } from './infrastructure-unavailable.error';

/**
 * One thing a service cannot start without, checked before anything else starts. Each layer
 * that owns a client owns its probe (Kafka in libs/messaging, PostgreSQL in libs/persistence);
 * a service definition lists the ones it needs.
 */
export interface DependencyProbe {
  readonly dependency: InfrastructureUnavailableError['dependency'];
  /** Where it is looked for, as an operator should read it (passwords redacted). */
  address(config: ServiceConfig): string;
  /** What to do when it does not answer. */
  readonly hint: string;
  /** Resolves when it answers; rejects with the client's error otherwise. */
  check(config: ServiceConfig): Promise<void>;
}

/**
 * Checks, before anything else starts, that each dependency answers, so a missing one is one
 * clear line instead of a stack trace from deep inside a client library.
 */
export async function preflight(
  config: ServiceConfig,
  probes: readonly DependencyProbe[],
): Promise<void> {
  const results = await Promise.allSettled(
    probes.map(async (probe) => {
      try {
        await probe.check(config);
      } catch (error) {
        throw new InfrastructureUnavailableError(
          probe.dependency,
          probe.address(config),
          error,
          probe.hint,
        );
      }
    }),
  );
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
}

/** Redis (BullMQ's queues, the gateway's rate limits). */
export const redisProbe: DependencyProbe = {
  dependency: 'Redis',
  address: (config) => redactUrl(config.redis.url),
  hint: 'Start Redis, or set REDIS_URL to a reachable server.',
  async check(config) {
    const redis = new Redis(config.redis.url, {
      lazyConnect: true,
      connectTimeout: 3_000,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    redis.on('error', () => undefined);
    try {
      await redis.connect();
      await redis.ping();
    } finally {
      redis.disconnect();
    }
  },
};
