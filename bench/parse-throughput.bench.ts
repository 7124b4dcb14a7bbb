import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createAdapters, type MigrationAdapter, type MigrationSource } from '@schematrace/adapters';
import { alembicCorpus, djangoCorpus, flywayCorpus, prismaCorpus, railsCorpus } from './corpus';

/**
 * Parse throughput of every adapter over a deterministic in-memory corpus (5,000+ migrations
 * per format). One warm-up run, then the median of three timed runs. The result is one JSON
 * object on stdout; progress goes to stderr.
 *
 *   npm run bench                      # BENCH_FILES=5000 BENCH_RUNS=3 by default
 */

const FILES = Number(process.env.BENCH_FILES ?? 5_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SEED = 0x5c4e3a;

interface Result {
  readonly format: string;
  readonly adapter: string;
  readonly files: number;
  readonly operations: number;
  readonly seconds: number;
  readonly filesPerSecond: number;
  readonly operationsPerSecond: number;
}

const log = (message: string): void => {
  process.stderr.write(`${message}\n`);
};

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function run(adapter: MigrationAdapter, sources: readonly MigrationSource[]): number {
  const project = adapter.parseProject(sources);
  return project.migrations.reduce((sum, migration) => sum + migration.events.length, 0);
}

function bench(format: string, adapter: MigrationAdapter, sources: MigrationSource[]): Result {
  const undetected = sources.filter((source) => !adapter.detect(source)).length;
  if (undetected > 0)
    log(`${format}: ${undetected} generated file(s) not detected by ${adapter.name}`);
  log(`${format}: warm-up over ${sources.length} files`);
  const operations = run(adapter, sources);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const emitted = run(adapter, sources);
    times.push((performance.now() - started) / 1000);
    if (emitted !== operations)
      throw new Error(`${format}: run ${i} emitted ${emitted} ≠ ${operations}`);
  }
  const seconds = median(times);
  log(
    `${format}: ${times.map((t) => t.toFixed(3)).join(' s, ')} s → median ${seconds.toFixed(3)} s`,
  );
  return {
    format,
    adapter: `${adapter.name}@${adapter.version}`,
    files: sources.length,
    operations,
    seconds: Number(seconds.toFixed(4)),
    filesPerSecond: Math.round(sources.length / seconds),
    operationsPerSecond: Math.round(operations / seconds),
  };
}

async function main(): Promise<void> {
  const adapters = new Map((await createAdapters()).map((adapter) => [adapter.name, adapter]));
  const adapterNamed = (name: string): MigrationAdapter => {
    const adapter = adapters.get(name);
    if (!adapter) throw new Error(`no adapter named ${name}`);
    return adapter;
  };
  const formats: [format: string, adapter: string, corpus: () => MigrationSource[]][] = [
    ['django', 'django', () => djangoCorpus(FILES, SEED)],
    ['alembic', 'alembic', () => alembicCorpus(FILES, SEED + 1)],
    ['flyway', 'sql', () => flywayCorpus(FILES, SEED + 2)],
    ['prisma', 'prisma', () => prismaCorpus(FILES, SEED + 3)],
    ['rails', 'rails', () => railsCorpus(FILES, SEED + 4)],
  ];
  const results: Result[] = [];
  for (const [format, name, corpus] of formats) {
    const started = performance.now();
    const sources = corpus();
    const bytes = sources.reduce((sum, source) => sum + source.content.length, 0);
    log(
      `${format}: generated ${sources.length} files (${(bytes / 1e6).toFixed(1)} MB) in ${((performance.now() - started) / 1000).toFixed(2)} s`,
    );
    results.push(bench(format, adapterNamed(name), sources));
  }
  process.stdout.write(
    `${JSON.stringify({
      benchmark: 'parse-throughput',
      node: process.version,
      cpus: cpus().length,
      results,
    })}\n`,
  );
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
