import type { ServiceDefinition } from '@schematrace/platform';
import { WorkerModule } from './worker.module';

/** BullMQ jobs on Redis: snapshots now, risk recompute next. */
export const workerService: ServiceDefinition = {
  service: 'worker',
  needs: { postgres: true, redis: true },
  module: (config) => WorkerModule.forService(config),
};
