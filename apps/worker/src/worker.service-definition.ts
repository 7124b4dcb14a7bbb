import { postgresProbe } from '@schematrace/persistence';
import { redisProbe, type ServiceDefinition } from '@schematrace/platform';
import { mountBullBoard } from './jobs/bull-board';
import { WorkerModule } from './worker.module';

/** BullMQ jobs on Redis: risk recompute and snapshots; Bull Board at /admin/queues. */
export const workerService: ServiceDefinition = {
  service: 'worker',
  needs: [postgresProbe, redisProbe],
  module: (config) => WorkerModule.forService(config),
  configure: (app) => mountBullBoard(app),
};
