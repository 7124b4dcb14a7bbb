import type { Params } from 'nestjs-pino';
import type { ServiceConfig } from '@schematrace/config';

/** Structured JSON logs (one object per line) with the service name on every line. */
export function loggerOptions(config: ServiceConfig): Params {
  return {
    pinoHttp: {
      level: config.log.level,
      base: { service: config.service },
      // Health probes every few seconds would drown the request log.
      autoLogging: { ignore: (request) => request.url === '/health' || request.url === '/metrics' },
      redact: ['req.headers.authorization', 'req.headers["x-api-key"]'],
      ...(config.log.pretty
        ? { transport: { target: 'pino/file', options: { destination: 1 } } }
        : {}),
    },
  };
}
