import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  assessRisks,
  EMPTY_SCHEMA,
  evolve,
  fold,
  foldWithSnapshots,
  SchemaHistory,
  type NumberedEvent,
  type SchemaState,
} from '@schematrace/domain';
import { eventCorpus } from './event-corpus';
import { seeded } from './corpus';

/**
 * The domain core's costs, as one JSON object on stdout (progress on stderr):
 *
 * - fold: events/s folding a history in one pass (the draft path every reader uses), against a
 *   baseline measured in the same run: folding event by event with `evolve`, which copies the
 *   state's records per event.
 * - risk: events/s of the rule engine over the same history.
 * - timeTravel: latency of "the schema at sequence n" for random n, at history lengths of 1k,
 *   10k, 100k and 1M events, from snapshots taken every SNAPSHOT_EVERY events and from nothing.
 *
 *   npm run bench        # BENCH_EVENTS_MAX=1000000 BENCH_QUERIES=50 by default
 */

const MAX_EVENTS = Number(process.env.BENCH_EVENTS_MAX ?? 1_000_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 50);
const SNAPSHOT_EVERY = 1_000;
const SEED = 0x5c4e3b;

const log = (message: string): void => {
  process.stderr.write(`${message}\n`);
};

function time<T>(work: () => T): { value: T; seconds: number } {
  const started = performance.now();
  const value = work();
  return { value, seconds: (performance.now() - started) / 1000 };
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const round = (value: number, digits = 3) => Number(value.toFixed(digits));

function foldThroughput(events: readonly NumberedEvent[]) {
  time(() => fold(events.slice(0, 20_000), EMPTY_SCHEMA)); // warm-up
  const drafted = time(() => fold(events, EMPTY_SCHEMA));
  // The baseline folds a shorter prefix: copying every record per event grows with the schema.
  const baselineEvents = events.slice(0, Math.min(events.length, 20_000));
  const baseline = time(() => {
    let state: SchemaState = EMPTY_SCHEMA;
    for (const { event, sequence } of baselineEvents) state = evolve(state, event, sequence);
    return state;
  });
  const eventsPerSecond = events.length / drafted.seconds;
  const baselinePerSecond = baselineEvents.length / baseline.seconds;
  log(
    `fold: ${Math.round(eventsPerSecond)} events/s (evolve per event: ${Math.round(baselinePerSecond)} events/s over ${baselineEvents.length})`,
  );
  return {
    events: events.length,
    seconds: round(drafted.seconds),
    eventsPerSecond: Math.round(eventsPerSecond),
    tables: Object.keys(drafted.value.tables).length,
    baseline: {
      name: 'evolve event by event',
      events: baselineEvents.length,
      seconds: round(baseline.seconds),
      eventsPerSecond: Math.round(baselinePerSecond),
    },
    speedup: round(eventsPerSecond / baselinePerSecond, 1),
  };
}

function riskThroughput(events: readonly NumberedEvent[]) {
  const sample = events.slice(0, Math.min(events.length, 200_000)).map((item) => item.event);
  const { value, seconds } = time(() => assessRisks(sample));
  log(`risk: ${Math.round(sample.length / seconds)} events/s, ${value.findings.length} findings`);
  return {
    events: sample.length,
    seconds: round(seconds),
    eventsPerSecond: Math.round(sample.length / seconds),
    findings: value.findings.length,
  };
}

function queryLatencies(
  history: SchemaHistory,
  length: number,
  queries: number,
): { p50Ms: number; p99Ms: number; queries: number } {
  const random = seeded(length);
  const latencies: number[] = [];
  for (let i = 0; i < queries; i++) {
    const sequence = random.int(1, length);
    const started = performance.now();
    history.schemaAt({ kind: 'sequence', sequence });
    latencies.push(performance.now() - started);
  }
  return {
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    queries,
  };
}

function timeTravel(events: readonly NumberedEvent[]) {
  const results = [];
  for (const length of [1_000, 10_000, 100_000, 1_000_000]) {
    if (length > events.length) break;
    const history = events.slice(0, length);
    const snapshots = time(() => [...foldWithSnapshots(history, EMPTY_SCHEMA, SNAPSHOT_EVERY)]);
    const withSnapshots = queryLatencies(
      new SchemaHistory(history, snapshots.value),
      length,
      QUERIES,
    );
    // From nothing, every query refolds up to its point: fewer queries at the long lengths.
    const withoutSnapshots = queryLatencies(
      new SchemaHistory(history),
      length,
      length >= 100_000 ? Math.min(QUERIES, 10) : QUERIES,
    );
    log(
      `time travel @${length}: ${withSnapshots.p50Ms} ms with snapshots, ${withoutSnapshots.p50Ms} ms without (p50)`,
    );
    results.push({
      events: length,
      snapshotEvery: SNAPSHOT_EVERY,
      snapshots: snapshots.value.length,
      snapshotSeconds: round(snapshots.seconds),
      withSnapshots,
      withoutSnapshots,
    });
  }
  return results;
}

function main(): void {
  log(`generating ${MAX_EVENTS} events`);
  const generated = time(() => eventCorpus(MAX_EVENTS, SEED));
  log(`generated in ${generated.seconds.toFixed(1)} s`);
  const events = generated.value;
  const result = {
    benchmark: 'domain',
    node: process.version,
    cpus: cpus().length,
    fold: foldThroughput(events),
    risk: riskThroughput(events),
    timeTravel: timeTravel(events),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main();
