import { execFile } from 'node:child_process';
import { cpus } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { performance } from 'node:perf_hooks';
import { MikroORM } from '@mikro-orm/postgresql';
import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import type { MigrationSource } from '@schematrace/adapters';
import { QueueName, type SchemaEvent } from '@schematrace/contracts';
import type { ConsumedMessage } from '@schematrace/messaging';
import {
  migrateDatabase,
  ormOptions,
  ProjectionRepository,
  recordDefinition,
  SCHEMA_EVENT_COLUMNS,
  schemaEventRow,
  SchemaSnapshotRepository,
} from '@schematrace/persistence';
import { startService, type RunningService } from '@schematrace/platform';
import { gatewayService } from '../apps/gateway/src/gateway.service-definition';
import { ingestionService } from '../apps/ingestion/src/ingestion.service-definition';
import { parserService } from '../apps/parser/src/parser.service-definition';
import { HeadStateCache } from '../apps/projector/src/projection/head-state.cache';
import { ProjectBatchService } from '../apps/projector/src/projection/project-batch.service';
import { foldProjectBatch } from '../apps/projector/src/projection/project-events';
import { BullRiskRecomputeTrigger } from '../apps/projector/src/projection/risk-recompute.trigger';
import { projectorService } from '../apps/projector/src/projector.service-definition';
import { SNAPSHOT_EVERY } from '../apps/worker/src/snapshots/snapshot-plan';
import { TakeSnapshotsService } from '../apps/worker/src/snapshots/take-snapshots.service';
import { workerService } from '../apps/worker/src/worker.service-definition';
import { EMPTY_SCHEMA, type SchemaState } from '@schematrace/domain';
import {
  isolatedEnvironment,
  type IsolatedEnvironment,
} from '../test/support/isolated-environment';
import { resolveServices } from '../test/support/test-services';
import {
  alembicCorpus,
  djangoCorpus,
  flywayCorpus,
  prismaCorpus,
  railsCorpus,
  seeded,
} from './corpus';
import { eventCorpus } from './event-corpus';

/**
 * The pipeline's costs on real Kafka, PostgreSQL and Redis, as one JSON object on stdout
 * (progress on stderr). Infrastructure is found as the tests find it (test/support): Kafka from
 * KAFKA_BROKERS, else the native broker (deploy/kafka) on a port of its own (BENCH_KAFKA_PORT,
 * 19192; state in .run/bench-kafka, apart from the tests' broker), stopped at the end if this
 * run started it; PostgreSQL and Redis from DATABASE_URL and REDIS_URL, else their local ports.
 * Every part runs in its own database, topic prefix and Redis prefix, dropped at the end.
 *
 * - projector: events/s of the projector's batch path (ProjectBatchService.project, called
 *   directly with batches of BENCH_BATCH events as Kafka would deliver them: one transaction
 *   per batch, checkpoint, risk trigger on Redis), next to the ceiling: the same schema_events
 *   rows written by plain inserts (multi-row VALUES, and jsonb_to_recordset; the faster counts),
 *   one statement and transaction per batch, into a scratch table shaped like schema_events
 *   (same indexes and constraints). Both serialise the events.
 * - timeTravel: GET /v1/projects/{p}/schema?at=<random sequence> against a gateway, for projects
 *   of 10k and 100k events projected above, with the worker's snapshots (TakeSnapshotsService
 *   sweeping after each batch: one per 1,000 events).
 * - scanToQueryable: the whole stack in-process (gateway, ingestion, parser, projector,
 *   worker); time from POST /v1/projects/{p}/scans (BENCH_SCAN_FILES generated migration files,
 *   the formats in turn) to GET .../scans/{id} answering `projected`, one scan at a time, then
 *   all at once, each to its own project.
 *
 *   npm run bench     # BENCH_PIPELINE_EVENTS=200000 BENCH_BATCH=1000 BENCH_SCANS=20
 *                     # BENCH_SCAN_FILES=50 BENCH_TT_SIZES=10000,100000 BENCH_TT_QUERIES=200
 *                     # BENCH_PARTS=projector,timetravel,scans (a subset runs only those)
 */

const EVENTS = Number(process.env.BENCH_PIPELINE_EVENTS ?? 200_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 1_000);
const TT_SIZES = (process.env.BENCH_TT_SIZES ?? '10000,100000')
  .split(',')
  .filter(Boolean)
  .map(Number);
/** Which parts run: projector, timetravel (loads through the projector), scans. */
const PARTS = new Set(
  (process.env.BENCH_PARTS ?? 'projector,timetravel,scans').split(',').map((part) => part.trim()),
);
const TT_QUERIES = Number(process.env.BENCH_TT_QUERIES ?? 200);
const SCANS = Number(process.env.BENCH_SCANS ?? 20);
const SCAN_FILES = Number(process.env.BENCH_SCAN_FILES ?? 50);
const POLL_MS = Number(process.env.BENCH_POLL_MS ?? 10);
const KAFKA_PORT = Number(process.env.BENCH_KAFKA_PORT ?? 19_192);
const SCAN_TIMEOUT_MS = 120_000;
/** Projects other than the time-travel ones hold at most this many events. */
const FILLER_PROJECT_EVENTS = 50_000;
const SEED = 0x5c4e3c;
const TOPIC = 'schema-events' as const;

const log = (message: string): void => {
  process.stderr.write(`${message}\n`);
};
const round = (value: number, digits = 3) => Number(value.toFixed(digits));
const seconds = (since: number) => (performance.now() - since) / 1000;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function latencies(values: readonly number[]) {
  return {
    count: values.length,
    p50Ms: round(percentile(values, 50), 1),
    p99Ms: round(percentile(values, 99), 1),
    maxMs: round(Math.max(...values), 1),
  };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

// ---------------------------------------------------------------------------------------------
// The corpus: a few projects of canonical events

interface CorpusProject {
  readonly project: string;
  readonly events: SchemaEvent[];
}

function projectCorpus(): CorpusProject[] {
  const sizes = [...TT_SIZES];
  let rest = EVENTS - sizes.reduce((sum, size) => sum + size, 0);
  while (rest > 0) {
    sizes.push(Math.min(rest, FILLER_PROJECT_EVENTS));
    rest -= FILLER_PROJECT_EVENTS;
  }
  return sizes.map((size, index) => {
    const project = `bench-${index}-${size}`;
    return {
      project,
      events: eventCorpus(size, SEED + index, 500, project).map(({ event }) => event),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// 1. Projector throughput against the raw insert ceiling

interface ProjectorRun {
  readonly events: number;
  readonly batches: number;
  readonly seconds: number;
  readonly batchMs: number[];
  readonly statements: number;
  readonly snapshots: number;
  readonly snapshotSeconds: number;
}

async function runProjector(
  orm: MikroORM,
  environment: IsolatedEnvironment,
  corpus: readonly CorpusProject[],
): Promise<ProjectorRun> {
  const riskQueue = new Queue(QueueName.risk, {
    connection: { url: environment.env.REDIS_URL! },
    prefix: environment.env.REDIS_PREFIX!,
  });
  const projector = new ProjectBatchService(
    new ProjectionRepository(orm.em),
    new BullRiskRecomputeTrigger(riskQueue),
    new HeadStateCache(),
  );
  const snapshots = new TakeSnapshotsService(new SchemaSnapshotRepository(orm.em));
  let statements = 0;
  const countStatement = () => void (statements += 1);
  const knex = orm.em.getKnex();
  knex.on('query', countStatement);
  const batchMs: number[] = [];
  let projectorSeconds = 0;
  let snapshotCount = 0;
  let snapshotSeconds = 0;
  let total = 0;
  try {
    for (const [partition, { project, events }] of corpus.entries()) {
      let offset = 0;
      const started = performance.now();
      for (const batch of chunks(events, BATCH)) {
        const messages: ConsumedMessage<typeof TOPIC>[] = batch.map((value) => ({
          topic: TOPIC,
          partition,
          offset: String(offset++),
          key: project,
          value,
        }));
        const batchStarted = performance.now();
        const projected = await projector.project(messages, {
          consumerGroup: 'projector',
          topic: TOPIC,
          partition,
        });
        batchMs.push(performance.now() - batchStarted);
        if (projected !== batch.length)
          throw new Error(`${project}: projected ${projected} of ${batch.length} events`);
        total += projected;
        // The worker's sweep, as it would run between batches; timed apart.
        const sweepStarted = performance.now();
        snapshotCount += await snapshots.sweep(project);
        snapshotSeconds += seconds(sweepStarted);
      }
      const projectSeconds = seconds(started);
      projectorSeconds += projectSeconds;
      log(
        `projector: ${project}: ${events.length} events in ${projectSeconds.toFixed(1)} s (${Math.round(events.length / projectSeconds)} events/s, snapshots included)`,
      );
    }
  } finally {
    knex.off('query', countStatement);
    await riskQueue.close();
  }
  const projectedSeconds = batchMs.reduce((sum, ms) => sum + ms, 0) / 1000;
  void projectorSeconds;
  return {
    events: total,
    batches: batchMs.length,
    seconds: projectedSeconds,
    batchMs,
    statements,
    snapshots: snapshotCount,
    snapshotSeconds,
  };
}

const CEILING_COLUMNS = Object.keys(SCHEMA_EVENT_COLUMNS) as (keyof typeof SCHEMA_EVENT_COLUMNS)[];

/** How the ceiling writes a batch: the textbook multi-row VALUES, or one JSON parameter. */
type CeilingMethod = 'values' | 'recordset';

const CEILING_METHODS: Record<CeilingMethod, string> = {
  values: `multi-row INSERT … VALUES, ${BATCH} rows and ${BATCH * CEILING_COLUMNS.length} parameters per statement`,
  recordset: `INSERT … SELECT FROM jsonb_to_recordset($1), ${BATCH} rows per statement`,
};

/**
 * The same rows as the projector writes, one statement per batch, autocommitted, into a copy of
 * schema_events: nothing but the insert. Measured both ways; the faster is the ceiling.
 */
async function runCeiling(
  databaseUrl: string,
  corpus: readonly CorpusProject[],
  method: CeilingMethod,
): Promise<{ events: number; seconds: number; batchMs: number[] }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const batchMs: number[] = [];
  let total = 0;
  try {
    await client.query('drop table if exists bench_ceiling_events');
    await client.query('create table bench_ceiling_events (like schema_events including all)');
    for (const { project, events } of corpus) {
      let sequence = 0;
      for (const batch of chunks(events, BATCH)) {
        const started = performance.now();
        const rows = batch.map((event) => schemaEventRow(project, ++sequence, event));
        if (method === 'values') {
          const values: unknown[] = [];
          const tuples = rows.map((row) => {
            const base = values.length;
            values.push(
              ...CEILING_COLUMNS.map((column) =>
                column === 'event' ? JSON.stringify(row.event) : row[column],
              ),
            );
            return `(${CEILING_COLUMNS.map((_, index) => `$${base + index + 1}`).join(', ')})`;
          });
          await client.query(
            `insert into bench_ceiling_events (${CEILING_COLUMNS.join(', ')}) values ${tuples.join(', ')}`,
            values,
          );
        } else
          await client.query(
            `insert into bench_ceiling_events (${CEILING_COLUMNS.join(', ')})
             select ${CEILING_COLUMNS.join(', ')} from jsonb_to_recordset($1::jsonb)
               as r(${recordDefinition(SCHEMA_EVENT_COLUMNS)})`,
            [JSON.stringify(rows)],
          );
        batchMs.push(performance.now() - started);
        total += batch.length;
      }
    }
    const inserted = await client.query<{ count: string }>(
      'select count(*) from bench_ceiling_events',
    );
    if (Number(inserted.rows[0]!.count) !== total)
      throw new Error(`ceiling: ${inserted.rows[0]!.count} rows, expected ${total}`);
  } finally {
    await client.query('drop table if exists bench_ceiling_events').catch(() => undefined);
    await client.end();
  }
  return { events: total, seconds: batchMs.reduce((sum, ms) => sum + ms, 0) / 1000, batchMs };
}

/** The projector's pure fold over the same batches, no database: its CPU share. */
function foldOnly(corpus: readonly CorpusProject[]): number {
  const started = performance.now();
  for (const { events } of corpus) {
    let head: { state: SchemaState; lastSequence: number } = {
      state: EMPTY_SCHEMA,
      lastSequence: 0,
    };
    for (const batch of chunks(events, BATCH)) {
      const fold = foldProjectBatch(head, batch, new Set());
      head = { state: fold.state, lastSequence: fold.lastSequence };
    }
  }
  return seconds(started);
}

async function projectorBenchmark(
  orm: MikroORM,
  environment: IsolatedEnvironment,
  corpus: readonly CorpusProject[],
) {
  const projector = await runProjector(orm, environment, corpus);
  const projectorRate = projector.events / projector.seconds;
  log(
    `projector: ${projector.events} events in ${projector.seconds.toFixed(1)} s → ${Math.round(projectorRate)} events/s`,
  );
  const ceilings = [];
  for (const method of Object.keys(CEILING_METHODS) as CeilingMethod[]) {
    const run = await runCeiling(environment.databaseUrl, corpus, method);
    const rate = run.events / run.seconds;
    log(
      `ceiling (${method}): ${run.events} rows in ${run.seconds.toFixed(1)} s → ${Math.round(rate)} rows/s`,
    );
    ceilings.push({ method, run, rate });
  }
  const ceiling = ceilings.reduce((best, candidate) =>
    candidate.rate > best.rate ? candidate : best,
  );
  const ceilingRate = ceiling.rate;
  const fold = foldOnly(corpus);
  log(`fold only: ${fold.toFixed(1)} s`);
  return {
    path: 'ProjectBatchService.project called directly (no Kafka), one project per partition',
    projects: corpus.map(({ project, events }) => ({ project, events: events.length })),
    batchSize: BATCH,
    projector: {
      events: projector.events,
      batches: projector.batches,
      seconds: round(projector.seconds),
      eventsPerSecond: Math.round(projectorRate),
      batch: latencies(projector.batchMs),
      statementsPerBatch: round(projector.statements / projector.batches, 1),
    },
    ceiling: {
      method: CEILING_METHODS[ceiling.method],
      rows: ceiling.run.events,
      seconds: round(ceiling.run.seconds),
      rowsPerSecond: Math.round(ceilingRate),
      batch: latencies(ceiling.run.batchMs),
      methods: ceilings.map(({ method, run, rate }) => ({
        method: CEILING_METHODS[method],
        rowsPerSecond: Math.round(rate),
        batch: latencies(run.batchMs),
      })),
    },
    ratio: round(projectorRate / ceilingRate, 2),
    breakdown: {
      foldSeconds: round(fold),
      foldShare: round(fold / projector.seconds, 2),
      snapshots: projector.snapshots,
      snapshotSeconds: round(projector.snapshotSeconds),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// HTTP helpers

async function request<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json', ...init?.headers },
  });
  const body = await response.text();
  if (!response.ok)
    throw new Error(`${init?.method ?? 'GET'} ${url}: ${response.status} ${body.slice(0, 300)}`);
  return JSON.parse(body) as T;
}

const post = <T>(url: string, body: unknown) =>
  request<T>(url, { method: 'POST', body: JSON.stringify(body) });

// ---------------------------------------------------------------------------------------------
// 3. Time travel over HTTP

async function timeTravelBenchmark(gateway: RunningService, corpus: readonly CorpusProject[]) {
  const results = [];
  for (const size of TT_SIZES) {
    const project = corpus.find((candidate) => candidate.events.length === size)?.project;
    if (!project) continue;
    const random = seeded(size);
    const query = async (sequence: number) => {
      const started = performance.now();
      const schema = await request<{ sequence: number; tables: unknown[] }>(
        `${gateway.url}/v1/projects/${project}/schema?at=${sequence}`,
      );
      const ms = performance.now() - started;
      if (schema.sequence !== sequence)
        throw new Error(`${project}@${sequence}: answered sequence ${schema.sequence}`);
      return { ms, tables: schema.tables.length };
    };
    for (let i = 0; i < Math.min(20, TT_QUERIES); i++) await query(random.int(1, size)); // warm-up
    const measured: number[] = [];
    let tables = 0;
    for (let i = 0; i < TT_QUERIES; i++) {
      const answer = await query(random.int(1, size));
      measured.push(answer.ms);
      tables += answer.tables;
    }
    const result = {
      events: size,
      project,
      snapshotEvery: SNAPSHOT_EVERY,
      ...latencies(measured),
      meanTables: Math.round(tables / TT_QUERIES),
    };
    log(`time travel @${size}: p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms`);
    results.push(result);
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// 2. Scan to queryable, through the whole stack

const FORMATS: [name: string, corpus: (total: number, seed: number) => MigrationSource[]][] = [
  ['django', djangoCorpus],
  ['alembic', alembicCorpus],
  ['flyway', flywayCorpus],
  ['prisma', prismaCorpus],
  ['rails', railsCorpus],
];

interface ScanStatus {
  status: 'accepted' | 'ingested' | 'projected';
  events: { expected?: number; projected: number };
}

async function scanToQueryable(
  gatewayUrl: string,
  project: string,
  index: number,
): Promise<{ ms: number; format: string; events: number }> {
  const [format, corpus] = FORMATS[index % FORMATS.length]!;
  const files = corpus(SCAN_FILES, SEED + index).map(({ path, content, checksum }) => ({
    path,
    content,
    checksum,
  }));
  const started = performance.now();
  const { scanId } = await post<{ scanId: string }>(`${gatewayUrl}/v1/projects/${project}/scans`, {
    files,
  });
  for (;;) {
    const status = await request<ScanStatus>(
      `${gatewayUrl}/v1/projects/${project}/scans/${scanId}`,
    );
    if (status.status === 'projected')
      return { ms: performance.now() - started, format, events: status.events.projected };
    if (performance.now() - started > SCAN_TIMEOUT_MS)
      throw new Error(`${project}: scan ${scanId} still ${status.status} after 120 s`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function scanBenchmark(gatewayUrl: string) {
  await scanToQueryable(gatewayUrl, 'warm-up', 0);
  const sequential: number[] = [];
  let events = 0;
  const formats = new Set<string>();
  for (let i = 0; i < SCANS; i++) {
    const result = await scanToQueryable(gatewayUrl, `scan-${i}`, i);
    sequential.push(result.ms);
    events += result.events;
    formats.add(result.format);
  }
  log(
    `scan to queryable, one at a time: p50 ${round(percentile(sequential, 50), 1)} ms, p99 ${round(percentile(sequential, 99), 1)} ms`,
  );
  const burstStarted = performance.now();
  const burst = await Promise.all(
    Array.from({ length: SCANS }, (_, i) => scanToQueryable(gatewayUrl, `burst-${i}`, i)),
  );
  const burstSeconds = seconds(burstStarted);
  const burstMs = burst.map((result) => result.ms);
  log(
    `scan to queryable, ${SCANS} at once: p50 ${round(percentile(burstMs, 50), 1)} ms, p99 ${round(percentile(burstMs, 99), 1)} ms, all in ${burstSeconds.toFixed(1)} s`,
  );
  return {
    scans: SCANS,
    filesPerScan: SCAN_FILES,
    formats: [...formats],
    meanEventsPerScan: Math.round(events / Math.max(1, SCANS)),
    pollMs: POLL_MS,
    sequential: latencies(sequential),
    concurrent: { ...latencies(burstMs), wallSeconds: round(burstSeconds) },
  };
}

async function startStack(environment: IsolatedEnvironment): Promise<RunningService[]> {
  const started: RunningService[] = [];
  try {
    // The gateway first: it applies the database migrations and creates the topics.
    started.push(
      await startService(
        gatewayService,
        environment.config('gateway', { RATE_LIMIT_PER_MINUTE: '0' }),
      ),
    );
    for (const definition of [ingestionService, parserService, projectorService, workerService])
      started.push(await startService(definition, environment.config(definition.service)));
    return started;
  } catch (error) {
    await stopAll(started);
    throw error;
  }
}

async function stopAll(services: RunningService[]): Promise<void> {
  for (const service of [...services].reverse()) await service.stop().catch(() => undefined);
}

// ---------------------------------------------------------------------------------------------

/** The native broker, started as test/support/test-services.ts does, on the bench's own port. */
async function nativeKafka(): Promise<{ brokers: string; stop: () => Promise<void> }> {
  const run = promisify(execFile);
  const root = path.resolve(__dirname, '../..');
  const env = {
    ...process.env,
    KAFKA_PORT: String(KAFKA_PORT),
    KAFKA_STATE_DIR: path.join(root, '.run/bench-kafka'),
  };
  const script = path.join(root, 'deploy/kafka/kafka.sh');
  const alreadyRunning = await run('bash', [script, 'status'], { env }).then(
    () => true,
    () => false,
  );
  if (!alreadyRunning) log(`starting Kafka on port ${KAFKA_PORT}`);
  await run('bash', [script, 'start'], { env, timeout: 300_000 });
  return {
    brokers: `127.0.0.1:${KAFKA_PORT}`,
    // A broker someone else started is theirs to stop.
    stop: async () => {
      if (!alreadyRunning) await run('bash', [script, 'stop'], { env });
    },
  };
}

async function main(): Promise<void> {
  const benchStarted = performance.now();
  // Only the result goes to stdout: Nest's own console logger would write there too.
  const stdout: (text: string) => boolean = process.stdout.write.bind(process.stdout);
  process.stdout.write = process.stderr.write.bind(process.stderr);
  Logger.overrideLogger(['error', 'warn']);

  const kafka = process.env.KAFKA_BROKERS
    ? { brokers: process.env.KAFKA_BROKERS, stop: () => Promise.resolve() }
    : await nativeKafka();
  const services = await resolveServices({ ...process.env, KAFKA_BROKERS: kafka.brokers });
  process.env.TEST_KAFKA_BROKERS = services.kafkaBrokers;
  process.env.TEST_DATABASE_URL = services.databaseUrl;
  process.env.TEST_REDIS_URL = services.redisUrl;
  process.env.TEST_RUN_ID = `bench${Date.now().toString(36)}`;
  // Service logs (pino) go to stdout: silent unless asked for.
  process.env.TEST_LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'silent';
  log(
    `kafka ${services.kafkaBrokers}, postgres ${services.databaseUrl}, redis ${services.redisUrl}`,
  );

  const environments: IsolatedEnvironment[] = [];
  const running: RunningService[] = [];
  try {
    let projector;
    let timeTravel;
    if (PARTS.has('projector') || PARTS.has('timetravel')) {
      log(`generating ${EVENTS} events`);
      const generatedStarted = performance.now();
      const corpus = projectCorpus();
      log(`generated in ${seconds(generatedStarted).toFixed(1)} s`);

      // 1 and 3: the projector's batch path, then a gateway over what it wrote.
      const history = await isolatedEnvironment('pipeline_history');
      environments.push(history);
      const orm = await MikroORM.init(ormOptions(history.databaseUrl));
      try {
        await migrateDatabase(orm);
        projector = await projectorBenchmark(orm, history, corpus);
      } finally {
        await orm.close(true);
      }
      if (PARTS.has('timetravel')) {
        const gateway = await startService(
          gatewayService,
          history.config('gateway', { RATE_LIMIT_PER_MINUTE: '0' }),
        );
        running.push(gateway);
        for (const { project } of corpus)
          await post(`${gateway.url}/v1/projects`, { key: project, description: 'bench' });
        timeTravel = await timeTravelBenchmark(gateway, corpus);
        await stopAll(running.splice(0));
      }
    }

    let scans;
    if (PARTS.has('scans') && SCANS > 0) {
      // 2: the whole stack, scans through Kafka.
      const stackEnvironment = await isolatedEnvironment('pipeline_stack');
      environments.push(stackEnvironment);
      const stackStarted = performance.now();
      running.push(...(await startStack(stackEnvironment)));
      log(`stack up in ${seconds(stackStarted).toFixed(1)} s`);
      scans = await scanBenchmark(running[0]!.url);
      await stopAll(running.splice(0));
    }

    stdout(
      `${JSON.stringify({
        benchmark: 'pipeline',
        node: process.version,
        cpus: cpus().length,
        kafka: services.kafkaBrokers,
        projector,
        scanToQueryable: scans,
        timeTravel,
        seconds: round(seconds(benchStarted), 1),
      })}\n`,
    );
  } finally {
    await stopAll(running);
    for (const environment of environments) await environment.dispose().catch(() => undefined);
    await services.stop();
    await kafka.stop();
  }
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
