import { InjectQueue } from '@nestjs/bullmq';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import type { Queue } from 'bullmq';
import {
  REBUILD_JOB,
  REBUILD_QUEUE,
  RebuildJob,
  RebuildRequest,
  RebuildStatusResponse,
} from '@schematrace/contracts';
import type { z } from 'zod';
import { RequiresScope } from '../auth/principal';
import { ApiError } from '../http/api-error';
import { validate } from '../http/zod-validation.pipe';
import { ApiRoute } from '../openapi/api-route.decorator';

const KEEP_SECONDS = 30 * 24 * 3600;

/**
 * Operators rebuild the read models by replaying `schema-events` (the projector does the work):
 * request a rebuild, then follow it to its report.
 */
@Controller('v1/admin/rebuilds')
@RequiresScope('admin')
export class RebuildsController {
  constructor(@InjectQueue(REBUILD_QUEUE) private readonly queue: Queue) {}

  @ApiRoute({
    summary: 'Rebuild the read models (all projects, or one) by replaying schema-events',
    description:
      'A fresh copy is filled while the live read models keep serving, then each project is switched to it once it has caught up, and compared again. Answers at once; follow the rebuild with GET.',
    response: RebuildStatusResponse,
  })
  @Post()
  @HttpCode(202)
  async request(
    @Body(validate(RebuildRequest)) body: z.output<typeof RebuildRequest>,
  ): Promise<RebuildStatusResponse> {
    const job = await this.queue.add(REBUILD_JOB, body, {
      attempts: 1,
      removeOnComplete: { age: KEEP_SECONDS },
      removeOnFail: { age: KEEP_SECONDS },
    });
    return { id: job.id!, state: 'waiting', request: body };
  }

  @ApiRoute({
    summary: 'A rebuild: its state and, once done, its report',
    response: RebuildStatusResponse,
  })
  @Get(':id')
  async status(@Param('id') id: string): Promise<RebuildStatusResponse> {
    const job = await this.queue.getJob(id);
    if (!job) throw ApiError.notFound(`rebuild ${id} does not exist`);
    const state = await job.getState();
    const known = ['waiting', 'active', 'completed', 'failed', 'delayed'] as const;
    const report = job.returnvalue as RebuildStatusResponse['report'] | null;
    return {
      id,
      state: (known as readonly string[]).includes(state)
        ? (state as (typeof known)[number])
        : 'unknown',
      request: RebuildJob.parse(job.data),
      ...(report
        ? {
            report: {
              events: report.events,
              before: report.before,
              after: report.after,
              switched: report.switched,
            },
          }
        : {}),
      ...(job.failedReason ? { failedReason: job.failedReason } : {}),
    };
  }
}
