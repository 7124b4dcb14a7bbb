import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import {
  ProjectKey,
  RiskPolicy,
  RisksQuery,
  PolicyResponse,
  RisksResponse,
} from '@schematrace/contracts';
import type { z } from 'zod';
import { RequiresScope } from '../auth/principal';
import { validate } from '../http/zod-validation.pipe';
import { RiskQueryService } from './risk-query.service';
import { ApiRoute } from '../openapi/api-route.decorator';

@Controller('v1/projects/:project')
export class RisksController {
  constructor(private readonly risks: RiskQueryService) {}

  /** Risk findings, filtered by level and rule, in history order, a page at a time. */
  @ApiRoute({
    summary: 'Risk findings by level and rule, a page at a time',
    response: RisksResponse,
  })
  @Get('risks')
  list(
    @Param('project', validate(ProjectKey)) project: string,
    @Query(validate(RisksQuery)) query: z.output<typeof RisksQuery>,
  ): Promise<RisksResponse> {
    return this.risks.list(project, query);
  }

  @ApiRoute({ summary: "The project's risk policy", response: PolicyResponse })
  @Get('policy')
  policy(@Param('project', validate(ProjectKey)) project: string): Promise<PolicyResponse> {
    return this.risks.policy(project);
  }

  /** Replaces the project's risk policy; the findings are recomputed in the background. */
  @ApiRoute({
    summary: "Replace the project's risk policy",
    description: 'The findings are recomputed in the background.',
    response: PolicyResponse,
  })
  @Put('policy')
  @RequiresScope('admin')
  replacePolicy(
    @Param('project', validate(ProjectKey)) project: string,
    @Body(validate(RiskPolicy)) policy: z.output<typeof RiskPolicy>,
  ): Promise<PolicyResponse> {
    return this.risks.replacePolicy(project, policy);
  }
}
