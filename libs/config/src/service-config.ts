import { ConfigError } from './config-error';
import { EnvSchema } from './env-schema';

export type ServiceName = 'gateway' | 'ingestion' | 'parser' | 'projector' | 'worker';

/** Default HTTP port of each service (the gateway's API; the others serve /health and /metrics). */
export const DEFAULT_PORTS: Record<ServiceName, number> = {
  gateway: 8000,
  ingestion: 8001,
  parser: 8002,
  projector: 8003,
  worker: 8004,
};

export interface KafkaConfig {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly topicPrefix: string;
}

export interface DatabaseConfig {
  readonly url: string;
  /** Apply pending migrations at start. */
  readonly migrate: boolean;
}

export interface RedisConfig {
  readonly url: string;
  readonly prefix: string;
}

export interface HttpConfig {
  readonly host: string;
  readonly port: number;
  /** Whether (or how many hops of) X-Forwarded-For to believe for the client address. */
  readonly trustProxy: boolean | number;
}

export interface RateLimitConfig {
  /** Requests per client per sliding minute on the gateway's API; 0 turns limiting off. */
  readonly perMinute: number;
}

export interface MetricsConfig {
  /** Consumer lag is read from the broker on scrape, but at most once per this many ms. */
  readonly lagRefreshMs: number;
}

export interface ServiceConfig {
  readonly service: ServiceName;
  readonly http: HttpConfig;
  readonly kafka: KafkaConfig;
  readonly database: DatabaseConfig;
  readonly redis: RedisConfig;
  readonly rateLimit: RateLimitConfig;
  /** The gateway's bootstrap admin key (ADMIN_API_KEY), when set. */
  readonly adminApiKey?: string;
  readonly metrics: MetricsConfig;
  readonly log: { readonly level: string; readonly pretty: boolean };
  readonly shutdownTimeoutMs: number;
}

/**
 * Reads and validates the environment once, at start. The only place that touches process.env;
 * a bad value fails with one line naming the variable and what it must be.
 */
export function loadServiceConfig(
  service: ServiceName,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ServiceConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.')} ${issue.message}`)
      .join('; ');
    throw new ConfigError(`invalid configuration for ${service}: ${problems}`);
  }
  const values = parsed.data;
  return {
    service,
    http: {
      host: values.HOST,
      port: values.PORT ?? DEFAULT_PORTS[service],
      trustProxy: values.TRUST_PROXY,
    },
    kafka: {
      brokers: values.KAFKA_BROKERS,
      clientId: values.KAFKA_CLIENT_ID ?? `schematrace-${service}`,
      topicPrefix: values.KAFKA_TOPIC_PREFIX,
    },
    database: { url: values.DATABASE_URL, migrate: values.DATABASE_MIGRATE },
    redis: { url: values.REDIS_URL, prefix: values.REDIS_PREFIX },
    ...(values.ADMIN_API_KEY ? { adminApiKey: values.ADMIN_API_KEY } : {}),
    rateLimit: { perMinute: values.RATE_LIMIT_PER_MINUTE },
    metrics: { lagRefreshMs: values.METRICS_LAG_REFRESH_MS },
    log: { level: values.LOG_LEVEL, pretty: values.LOG_PRETTY },
    shutdownTimeoutMs: values.SHUTDOWN_TIMEOUT_MS,
  };
}

/** Hides the password of a connection URL so it can be printed. */
export function redactUrl(value: string): string {
  try {
    const parsed = new URL(value);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return value;
  }
}
