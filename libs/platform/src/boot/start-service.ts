import { Logger as NestLogger, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { CustomTransportStrategy } from '@nestjs/microservices';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import {
  ConfigError,
  loadServiceConfig,
  type ServiceConfig,
  type ServiceName,
} from '@schematrace/config';
import { observeHttpRequests } from '../metrics/http-metrics';
import { MetricsRegistry } from '../metrics/metrics.registry';
import { InfrastructureUnavailableError } from './infrastructure-unavailable.error';
import { preflight, type DependencyProbe } from './preflight';
import { quietKnownWarnings } from './process-warnings';
import { RethrowHandlerErrorsFilter } from './rethrow-handler-errors.filter';

export interface ServiceDefinition {
  readonly service: ServiceName;
  /** What must answer before it starts (preflight). */
  readonly needs: readonly DependencyProbe[];
  /** The root module, built from the validated config. */
  readonly module: (config: ServiceConfig) => DynamicModule;
  /** The Kafka consumer side, for services that consume topics. */
  readonly transport?: (app: INestApplication) => CustomTransportStrategy;
  /** Extra HTTP setup (the gateway's body limit, say). */
  readonly configure?: (app: NestFastifyApplication, config: ServiceConfig) => void | Promise<void>;
}

export interface RunningService {
  readonly app: NestFastifyApplication;
  readonly config: ServiceConfig;
  /** Base URL of the service's HTTP listener. */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts one service: checks its dependencies, builds the Nest application, starts its Kafka
 * consumer and its HTTP listener (the API, or /health and /metrics). Used by each app's main.ts
 * and by the end-to-end tests, which run the services in-process.
 */
export async function startService(
  definition: ServiceDefinition,
  config: ServiceConfig,
): Promise<RunningService> {
  quietKnownWarnings();
  await preflight(config, definition.needs);
  const app = await NestFactory.create<NestFastifyApplication>(
    definition.module(config),
    new FastifyAdapter({
      bodyLimit: 64 * 1024 * 1024,
      trustProxy: config.http.trustProxy,
      // The original API's clients call `/projects/` and `/models/?project_id=`.
      routerOptions: { ignoreTrailingSlash: true },
    }),
    { bufferLogs: true, abortOnError: false },
  );
  try {
    return await bootstrap(app, definition, config);
  } catch (error) {
    // A half-started service still holds connections and timers: release them.
    await app.close().catch(() => undefined);
    throw error;
  }
}

async function bootstrap(
  app: NestFastifyApplication,
  definition: ServiceDefinition,
  config: ServiceConfig,
): Promise<RunningService> {
  app.useLogger(app.get(Logger));
  observeHttpRequests(
    app.getHttpAdapter().getInstance(),
    app.get(MetricsRegistry, { strict: false }),
  );
  await definition.configure?.(app, config);
  if (definition.transport)
    app.useGlobalFilters(new RethrowHandlerErrorsFilter(app.getHttpAdapter()));
  // Module init first: topics exist and the producer is connected before any message arrives.
  await app.init();
  if (definition.transport) {
    app.connectMicroservice({ strategy: definition.transport(app) }, { inheritAppConfig: true });
    await app.startAllMicroservices();
  }
  await app.listen({ host: config.http.host, port: config.http.port });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  return { app, config, url: `http://${config.http.host}:${port}`, stop: () => app.close() };
}

/**
 * The process entry point: start, then stop on SIGTERM/SIGINT. In-flight work gets
 * SHUTDOWN_TIMEOUT_MS to finish; past that the process exits and the uncommitted messages are
 * re-delivered to the next consumer, so nothing is lost either way.
 */
export async function runService(definition: ServiceDefinition): Promise<void> {
  let running: RunningService;
  try {
    running = await startService(definition, loadServiceConfig(definition.service));
  } catch (error) {
    const known = error instanceof ConfigError || error instanceof InfrastructureUnavailableError;
    process.stderr.write(
      `schematrace-${definition.service}: ${known ? error.message : describe(error)}\n`,
    );
    process.exit(1);
  }
  const log = new NestLogger(definition.service);
  log.log(`listening on ${running.url}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.log(`${signal}: stopping`);
    setTimeout(() => {
      log.error(
        `did not stop within ${running.config.shutdownTimeoutMs} ms; exiting, unfinished work will be re-delivered`,
      );
      process.exit(1);
    }, running.config.shutdownTimeoutMs).unref();
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error(`error while stopping: ${describe(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
