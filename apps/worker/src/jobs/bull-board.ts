import { getQueueToken } from '@nestjs/bullmq';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bullmq';
import { QueueName } from '@schematrace/contracts';

export const BULL_BOARD_PATH = '/admin/queues';

/**
 * Bull Board on the worker's HTTP server: every queue with its waiting, delayed, active,
 * completed and failed jobs, and retry or remove buttons for operators. The worker's port is
 * an internal one (HOST defaults to 127.0.0.1); the page has no login of its own.
 */
export async function mountBullBoard(app: NestFastifyApplication): Promise<void> {
  const server = new FastifyAdapter();
  server.setBasePath(BULL_BOARD_PATH);
  createBullBoard({
    queues: Object.values(QueueName).map(
      (name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name))),
    ),
    serverAdapter: server,
  });
  await app.register(server.registerPlugin(), { prefix: BULL_BOARD_PATH });
}
