import { z } from 'zod';

const brokerList = z
  .string()
  .min(1)
  .transform((value) =>
    value
      .split(',')
      .map((broker) => broker.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[^:\s]+:\d+$/, 'each broker must be host:port')).min(1));

const url = (protocols: readonly string[]) =>
  z
    .string()
    .min(1)
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      `must be a URL starting with ${protocols.map((protocol) => `${protocol}//`).join(' or ')}`,
    );

const port = z.coerce.number().int().min(0).max(65535);
const flag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');
/** `true` trusts every proxy, a number the closest N hops; `false` reads the socket's address. */
const trustProxy = z
  .string()
  .regex(/^(true|false|\d+)$/, 'must be true, false or a number of proxy hops')
  .transform((value) => (value === 'true' ? true : value === 'false' ? false : Number(value)));

/** Every variable the services read, with its default for a local install. Documented in README.md. */
export const EnvSchema = z.object({
  KAFKA_BROKERS: brokerList.default(['127.0.0.1:9092']),
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]*$/, 'letters, digits, dot, dash and underscore only')
    .default(''),
  KAFKA_CLIENT_ID: z.string().min(1).optional(),
  DATABASE_URL: url(['postgres:', 'postgresql:']).default(
    'postgres://postgres@127.0.0.1:5432/schematrace',
  ),
  DATABASE_MIGRATE: flag.default(true),
  REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z.string().min(1).default('schematrace'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.optional(),
  TRUST_PROXY: trustProxy.default(false),
  /** A bootstrap admin API key for the gateway; with it set, every request needs a key. */
  ADMIN_API_KEY: z.string().min(24, 'at least 24 characters').optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
  METRICS_LAG_REFRESH_MS: z.coerce.number().int().min(1_000).default(15_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: flag.default(false),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
});
export type Env = z.infer<typeof EnvSchema>;
