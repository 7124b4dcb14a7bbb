import { loadServiceConfig } from '@schematrace/config';
import { InfrastructureUnavailableError } from './infrastructure-unavailable.error';
import { kafkaProbe } from '@schematrace/messaging';
import { postgresProbe } from '@schematrace/persistence';
import { preflight, redisProbe } from './preflight';

/** Port 1 on loopback: nothing listens there, so every connection is refused at once. */
const NOWHERE = {
  KAFKA_BROKERS: '127.0.0.1:1',
  DATABASE_URL: 'postgres://app:secret@127.0.0.1:1/app',
  REDIS_URL: 'redis://127.0.0.1:1',
};

describe('preflight', () => {
  it.each([
    ['Kafka', kafkaProbe, 'cannot reach Kafka at 127.0.0.1:1', 'npm run stack:up'],
    [
      'PostgreSQL',
      postgresProbe,
      'cannot reach PostgreSQL at postgres://app:***@127.0.0.1:1/app',
      'DATABASE_URL',
    ],
    ['Redis', redisProbe, 'cannot reach Redis at redis://127.0.0.1:1', 'REDIS_URL'],
  ] as const)(
    'names the unreachable %s, its URL (password hidden) and what to do',
    async (_dependency, probe, where, hint) => {
      const config = loadServiceConfig('worker', NOWHERE);

      const failure = await preflight(config, [probe]).catch((error: unknown) => error);

      expect(failure).toBeInstanceOf(InfrastructureUnavailableError);
      const message = (failure as Error).message;
      expect(message).toContain(where);
      expect(message).toContain(hint);
      expect(message).not.toContain('\n');
    },
  );

  it('passes when every dependency answers', async () => {
    const config = loadServiceConfig('worker', {
      KAFKA_BROKERS: process.env.TEST_KAFKA_BROKERS,
      DATABASE_URL: process.env.TEST_DATABASE_URL,
      REDIS_URL: process.env.TEST_REDIS_URL,
    });

    await expect(
      preflight(config, [kafkaProbe, postgresProbe, redisProbe]),
    ).resolves.toBeUndefined();
  });
});
