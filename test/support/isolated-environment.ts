import { Kafka, logLevel } from 'kafkajs';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { loadServiceConfig, type ServiceConfig, type ServiceName } from '@schematrace/config';

/**
 * One spec file's private corner of the shared services: its own database and its own topic and
 * Redis prefixes, so suites and runs never see each other's data. Dispose drops them all.
 */
export interface IsolatedEnvironment {
  readonly name: string;
  readonly env: Record<string, string>;
  readonly topicPrefix: string;
  readonly databaseUrl: string;
  readonly brokers: string[];
  config(service: ServiceName, overrides?: Record<string, string>): ServiceConfig;
  dispose(): Promise<void>;
}

export async function isolatedEnvironment(suite: string): Promise<IsolatedEnvironment> {
  const brokers = required('TEST_KAFKA_BROKERS');
  const baseUrl = required('TEST_DATABASE_URL');
  const redisUrl = required('TEST_REDIS_URL');
  const name =
    `${required('TEST_RUN_ID')}_${suite.replace(/[^a-z0-9]/gi, '_').toLowerCase()}`.slice(0, 60);
  const databaseUrl = withDatabase(baseUrl, `st_${name}`);
  await adminQuery(baseUrl, `create database "st_${name}"`);
  const topicPrefix = `${name}.`;
  const env = {
    KAFKA_BROKERS: brokers,
    KAFKA_TOPIC_PREFIX: topicPrefix,
    DATABASE_URL: databaseUrl,
    DATABASE_MIGRATE: 'true',
    REDIS_URL: redisUrl,
    REDIS_PREFIX: `st:${name}`,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    SHUTDOWN_TIMEOUT_MS: '15000',
  };
  return {
    name,
    env,
    topicPrefix,
    databaseUrl,
    brokers: brokers.split(','),
    config: (service, overrides = {}) => loadServiceConfig(service, { ...env, ...overrides }),
    dispose: async () => {
      await deleteTopics(brokers, topicPrefix);
      await adminQuery(baseUrl, `drop database if exists "st_${name}" with (force)`);
      await deleteKeys(redisUrl, `st:${name}`);
    },
  };
}

function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: run this spec through the integration or e2e jest config`);
  return value;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function deleteTopics(brokers: string, prefix: string): Promise<void> {
  const admin = new Kafka({ brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}

async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
