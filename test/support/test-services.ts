/**
 * Where the tests find Kafka, PostgreSQL and Redis, in this order for each:
 * 1. given by the environment (KAFKA_BROKERS, DATABASE_URL, REDIS_URL);
 * 2. PostgreSQL and Redis on their default local ports, when they answer;
 * 3. testcontainers, when a Docker engine answers;
 * 4. Kafka only: the project's native launcher (deploy/kafka/kafka.sh) on a port of its own.
 */
import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

export const TEST_KAFKA_PORT = 19092;

export interface ResolvedServices {
  readonly kafkaBrokers: string;
  readonly databaseUrl: string;
  readonly redisUrl: string;
  /** Stops what this run started (a container or the native broker), nothing else. */
  stop(): Promise<void>;
}

export async function resolveServices(
  env: NodeJS.ProcessEnv = process.env,
): Promise<ResolvedServices> {
  const stops: (() => Promise<void>)[] = [];
  const docker = await dockerAnswers();

  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    if (await answers('127.0.0.1', 5432))
      databaseUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
    else if (docker)
      databaseUrl = await startContainer(
        'postgres:16',
        5432,
        { POSTGRES_HOST_AUTH_METHOD: 'trust' },
        stops,
        (port) => `postgres://postgres@127.0.0.1:${port}/postgres`,
      );
    else
      throw new Error(
        'no PostgreSQL: set DATABASE_URL, start one on 127.0.0.1:5432, or run a Docker engine',
      );
  }

  let redisUrl = env.REDIS_URL;
  if (!redisUrl) {
    if (await answers('127.0.0.1', 6379)) redisUrl = 'redis://127.0.0.1:6379';
    else if (docker)
      redisUrl = await startContainer(
        'redis:7',
        6379,
        {},
        stops,
        (port) => `redis://127.0.0.1:${port}`,
      );
    else
      throw new Error(
        'no Redis: set REDIS_URL, start one on 127.0.0.1:6379, or run a Docker engine',
      );
  }

  let kafkaBrokers = env.KAFKA_BROKERS;
  if (!kafkaBrokers) {
    if (docker) kafkaBrokers = await startKafkaContainer(stops);
    else kafkaBrokers = await startNativeKafka(stops);
  }

  return {
    kafkaBrokers,
    databaseUrl,
    redisUrl,
    stop: async () => {
      for (const stop of stops.reverse()) await stop();
    },
  };
}

async function startNativeKafka(stops: (() => Promise<void>)[]): Promise<string> {
  const env = {
    ...process.env,
    KAFKA_PORT: String(TEST_KAFKA_PORT),
    KAFKA_STATE_DIR: path.join(ROOT, '.run/test-kafka'),
  };
  const script = path.join(ROOT, 'deploy/kafka/kafka.sh');
  const alreadyRunning = await run('bash', [script, 'status'], { env }).then(
    () => true,
    () => false,
  );
  await run('bash', [script, 'start'], { env, timeout: 300_000 });
  // A broker someone else started (a developer's loop) is theirs to stop.
  if (!alreadyRunning) stops.push(async () => void (await run('bash', [script, 'stop'], { env })));
  return `127.0.0.1:${TEST_KAFKA_PORT}`;
}

async function startKafkaContainer(stops: (() => Promise<void>)[]): Promise<string> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const port = 29092;
  const container = await new GenericContainer('apache/kafka:4.1.1')
    .withExposedPorts({ container: 9092, host: port })
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: 'PLAINTEXT://:9092,CONTROLLER://:9093',
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://127.0.0.1:${port}`,
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
    })
    .withWaitStrategy(Wait.forLogMessage('Kafka Server started'))
    .start();
  stops.push(async () => void (await container.stop()));
  return `127.0.0.1:${port}`;
}

async function startContainer(
  image: string,
  port: number,
  environment: Record<string, string>,
  stops: (() => Promise<void>)[],
  url: (port: number) => string,
): Promise<string> {
  const { GenericContainer } = await import('testcontainers');
  const container = await new GenericContainer(image)
    .withExposedPorts(port)
    .withEnvironment(environment)
    .start();
  stops.push(async () => void (await container.stop()));
  return url(container.getMappedPort(port));
}

async function dockerAnswers(): Promise<boolean> {
  try {
    await run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
