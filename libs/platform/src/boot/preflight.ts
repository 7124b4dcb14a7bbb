import { Kafka, logLevel } from 'kafkajs';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { redactUrl, type ServiceConfig } from '@schematrace/config';
import { InfrastructureUnavailableError } from './infrastructure-unavailable.error';

export interface Dependencies {
  readonly kafka?: boolean;
  readonly postgres?: boolean;
  readonly redis?: boolean;
}

const KAFKA_HINT =
  'Start it with "npm run stack:up" (or "deploy/kafka/kafka.sh start"), or set KAFKA_BROKERS to a running broker.';
const POSTGRES_HINT = 'Start PostgreSQL, or set DATABASE_URL to a reachable database.';
const REDIS_HINT = 'Start Redis, or set REDIS_URL to a reachable server.';

/**
 * Checks, before anything else starts, that each dependency answers, so a missing one is one
 * clear line instead of a stack trace from deep inside a client library.
 */
export async function preflight(config: ServiceConfig, needs: Dependencies): Promise<void> {
  const checks: Promise<void>[] = [];
  if (needs.kafka) checks.push(checkKafka(config));
  if (needs.postgres) checks.push(checkPostgres(config));
  if (needs.redis) checks.push(checkRedis(config));
  const results = await Promise.allSettled(checks);
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
}

async function checkKafka(config: ServiceConfig): Promise<void> {
  const kafka = new Kafka({
    clientId: `${config.kafka.clientId}-preflight`,
    brokers: [...config.kafka.brokers],
    connectionTimeout: 3_000,
    logLevel: logLevel.NOTHING,
    retry: { retries: 2, initialRetryTime: 300 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.describeCluster();
  } catch (error) {
    throw new InfrastructureUnavailableError(
      'Kafka',
      config.kafka.brokers.join(','),
      error,
      KAFKA_HINT,
    );
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function checkPostgres(config: ServiceConfig): Promise<void> {
  try {
    await query(config.database.url, 'select 1');
  } catch (error) {
    // A local install starts with an empty server: create the database once, when allowed to.
    if ((error as { code?: string }).code === '3D000' && config.database.migrate) {
      await createDatabase(config.database.url);
      return;
    }
    throw new InfrastructureUnavailableError(
      'PostgreSQL',
      redactUrl(config.database.url),
      error,
      POSTGRES_HINT,
    );
  }
}

async function createDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  try {
    await query(admin.toString(), `create database "${name.replaceAll('"', '""')}"`);
  } catch (error) {
    if ((error as { code?: string }).code === '42P04') return; // created meanwhile by another service
    throw new InfrastructureUnavailableError('PostgreSQL', redactUrl(url), error, POSTGRES_HINT);
  }
}

async function query(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query(sql);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function checkRedis(config: ServiceConfig): Promise<void> {
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
  } catch (error) {
    throw new InfrastructureUnavailableError(
      'Redis',
      redactUrl(config.redis.url),
      error,
      REDIS_HINT,
    );
  } finally {
    redis.disconnect();
  }
}
