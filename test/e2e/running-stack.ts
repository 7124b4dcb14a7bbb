import { gatewayService } from '../../apps/gateway/src/gateway.service-definition';
import { ingestionService } from '../../apps/ingestion/src/ingestion.service-definition';
import { parserService } from '../../apps/parser/src/parser.service-definition';
import { projectorService } from '../../apps/projector/src/projector.service-definition';
import { workerService } from '../../apps/worker/src/worker.service-definition';
import { startService, type RunningService, type ServiceDefinition } from '@schematrace/platform';
import { isolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment';

export interface RunningStack {
  readonly environment: IsolatedEnvironment;
  readonly gateway: RunningService;
  readonly services: readonly RunningService[];
  stop(): Promise<void>;
}

const PIPELINE: readonly ServiceDefinition[] = [
  ingestionService,
  parserService,
  projectorService,
  workerService,
];

/**
 * Every service of the product, each a real Nest application with its own Kafka clients and
 * database pool, in this process, on an isolated database and topic prefix.
 */
export async function startStack(suite: string): Promise<RunningStack> {
  const environment = await isolatedEnvironment(suite);
  const started: RunningService[] = [];
  try {
    // The gateway first: it applies the database migrations and creates the topics.
    const gateway = await startService(gatewayService, environment.config('gateway'));
    started.push(gateway);
    for (const definition of PIPELINE) {
      started.push(await startService(definition, environment.config(definition.service)));
    }
    return {
      environment,
      gateway,
      services: started,
      stop: async () => {
        for (const service of started.reverse()) await service.stop();
        await environment.dispose();
      },
    };
  } catch (error) {
    for (const service of started.reverse()) await service.stop().catch(() => undefined);
    await environment.dispose().catch(() => undefined);
    throw error;
  }
}
