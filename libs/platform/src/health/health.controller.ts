import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ServiceConfig } from '@schematrace/config';
import { SERVICE_CONFIG } from '../service-config.token';
import { HealthRegistry } from './health.registry';

@Controller()
export class HealthController {
  constructor(
    private readonly registry: HealthRegistry,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  /** 200 when every dependency answers, 503 otherwise; the body says which one failed. */
  @Get('health')
  async health(@Res() reply: FastifyReply): Promise<void> {
    const result = await this.registry.run();
    await reply.status(result.ok ? 200 : 503).send({
      service: this.config.service,
      status: result.ok ? 'ok' : 'unavailable',
      checks: result.checks,
    });
  }
}
