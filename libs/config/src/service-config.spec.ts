import { ConfigError } from './config-error';
import { loadServiceConfig, redactUrl } from './service-config';

describe('loadServiceConfig', () => {
  it('gives every service working defaults for a local install', () => {
    const config = loadServiceConfig('parser', {});

    expect(config.kafka.brokers).toEqual(['127.0.0.1:9092']);
    expect(config.kafka.clientId).toBe('schematrace-parser');
    expect(config.http.port).toBe(8002);
    expect(config.database.url).toBe('postgres://postgres@127.0.0.1:5432/schematrace');
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
  });

  it('reads brokers as a comma-separated list and ports as numbers', () => {
    const config = loadServiceConfig('gateway', { KAFKA_BROKERS: 'a:9092, b:9093', PORT: '9000' });

    expect(config.kafka.brokers).toEqual(['a:9092', 'b:9093']);
    expect(config.http.port).toBe(9000);
  });

  it('limits each gateway client to 1200 requests a minute unless told otherwise; 0 turns it off', () => {
    expect(loadServiceConfig('gateway', {}).rateLimit.perMinute).toBe(1200);
    expect(loadServiceConfig('gateway', { RATE_LIMIT_PER_MINUTE: '0' }).rateLimit.perMinute).toBe(
      0,
    );
  });

  it.each([
    ['false', false],
    ['true', true],
    ['2', 2],
  ])('reads TRUST_PROXY=%s as %p', (value, expected) => {
    expect(loadServiceConfig('gateway', { TRUST_PROXY: value }).http.trustProxy).toBe(expected);
  });

  it('treats empty variables as unset', () => {
    expect(loadServiceConfig('worker', { DATABASE_URL: '' }).database.url).toContain(
      '127.0.0.1:5432',
    );
  });

  it.each([
    ['KAFKA_BROKERS', 'localhost', 'KAFKA_BROKERS.0 each broker must be host:port'],
    [
      'DATABASE_URL',
      'mysql://x/y',
      'DATABASE_URL must be a URL starting with postgres:// or postgresql://',
    ],
    ['REDIS_URL', 'nonsense', 'REDIS_URL must be a URL starting with redis:// or rediss://'],
    ['DATABASE_MIGRATE', 'maybe', 'DATABASE_MIGRATE'],
    ['RATE_LIMIT_PER_MINUTE', '-1', 'RATE_LIMIT_PER_MINUTE'],
    ['TRUST_PROXY', 'sometimes', 'TRUST_PROXY must be true, false or a number of proxy hops'],
    ['METRICS_LAG_REFRESH_MS', '10', 'METRICS_LAG_REFRESH_MS'],
  ])('rejects a bad %s with one line naming it', (name, value, expected) => {
    expect(() => loadServiceConfig('projector', { [name]: value })).toThrow(ConfigError);
    expect(() => loadServiceConfig('projector', { [name]: value })).toThrow(expected);
  });

  it('redacts passwords from URLs it prints', () => {
    expect(redactUrl('postgres://user:secret@db:5432/x')).toBe('postgres://user:***@db:5432/x');
    expect(redactUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});
