import { gatewayService } from '../../apps/gateway/src/gateway.service-definition';
import { ingestionService } from '../../apps/ingestion/src/ingestion.service-definition';
import { parserService } from '../../apps/parser/src/parser.service-definition';
import { projectorService } from '../../apps/projector/src/projector.service-definition';
import { workerService } from '../../apps/worker/src/worker.service-definition';
import type { ServiceName } from '@schematrace/config';
import { startService, type RunningService, type ServiceDefinition } from '@schematrace/platform';
import { isolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment';

export type PipelineService = 'ingestion' | 'parser' | 'projector' | 'worker';

export interface StackOptions {
  /** Instances of each pipeline service, all in one consumer group (one each by default). */
  readonly instances?: Partial<Record<PipelineService, number>>;
}

export interface RunningStack {
  readonly environment: IsolatedEnvironment;
  readonly gateway: RunningService;
  /** Every running instance, in start order. */
  readonly services: readonly RunningService[];
  /** The running instances of one service, in start order. */
  instances(service: ServiceName): RunningService[];
  /** Starts one more instance of a pipeline service, joining the same consumer group. */
  startInstance(service: PipelineService): Promise<RunningService>;
  /** Forgets an instance the test stopped itself, so `stop` leaves it alone. */
  release(instance: RunningService): void;
  stop(): Promise<void>;
}

const PIPELINE: Readonly<Record<PipelineService, ServiceDefinition>> = {
  ingestion: ingestionService,
  parser: parserService,
  projector: projectorService,
  worker: workerService,
};

/**
 * Every service of the product, each a real Nest application with its own Kafka clients and
 * database pool, in this process, on an isolated database and topic prefix.
 */
export async function startStack(suite: string, options: StackOptions = {}): Promise<RunningStack> {
  const environment = await isolatedEnvironment(suite);
  const started: RunningService[] = [];
  const startInstance = async (service: PipelineService) => {
    const instance = await startService(PIPELINE[service], environment.config(service));
    started.push(instance);
    return instance;
  };
  try {
    // The gateway first: it applies the database migrations and creates the topics.
    const gateway = await startService(gatewayService, environment.config('gateway'));
    started.push(gateway);
    for (const service of Object.keys(PIPELINE) as PipelineService[]) {
      // Together, so the group settles in one rebalance rather than one per instance.
      const count = options.instances?.[service] ?? 1;
      const results = await Promise.allSettled(
        Array.from({ length: count }, () => startInstance(service)),
      );
      const failed = results.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
    }
    return {
      environment,
      gateway,
      services: started,
      instances: (service) => started.filter((instance) => instance.config.service === service),
      startInstance,
      release: (instance) => {
        const index = started.indexOf(instance);
        if (index >= 0) started.splice(index, 1);
      },
      stop: async () => {
        // The pipeline services at once: each consumer waits out its fetch (up to 5 s) to leave.
        await Promise.all(started.filter((service) => service !== gateway).map((s) => s.stop()));
        await gateway.stop();
        await environment.dispose();
      },
    };
  } catch (error) {
    for (const service of started.reverse()) await service.stop().catch(() => undefined);
    await environment.dispose().catch(() => undefined);
    throw error;
  }
}
