import {
  Counter,
  Gauge,
  Histogram,
  Registry,
  collectDefaultMetrics,
  type CollectFunction,
} from 'prom-client';

/** Every metric the project defines starts with this, so dashboards find them by name. */
export const METRIC_PREFIX = 'schematrace_';

/**
 * The service's own Prometheus registry (never prom-client's global one: the end-to-end tests
 * run every service in one process, and each must report only itself). Default process metrics
 * and every series carry a `service` label.
 */
export class MetricsRegistry {
  readonly registry = new Registry();

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry, prefix: METRIC_PREFIX });
  }

  counter<Label extends string>(
    name: string,
    help: string,
    labelNames: readonly Label[] = [],
  ): Counter<Label> {
    return new Counter({ name: checked(name), help, labelNames, registers: [this.registry] });
  }

  histogram<Label extends string>(
    name: string,
    help: string,
    labelNames: readonly Label[],
    buckets: readonly number[],
  ): Histogram<Label> {
    return new Histogram({
      name: checked(name),
      help,
      labelNames,
      buckets: [...buckets],
      registers: [this.registry],
    });
  }

  /** A gauge; `collect` runs on every scrape, to set its values from the current state. */
  gauge<Label extends string>(
    name: string,
    help: string,
    labelNames: readonly Label[],
    collect?: CollectFunction<Gauge<Label>>,
  ): Gauge<Label> {
    return new Gauge({
      name: checked(name),
      help,
      labelNames,
      registers: [this.registry],
      ...(collect ? { collect } : {}),
    });
  }

  /** The Prometheus text exposition of every metric. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

function checked(name: string): string {
  if (!name.startsWith(METRIC_PREFIX))
    throw new Error(`metric "${name}" must be named ${METRIC_PREFIX}...`);
  return name;
}
