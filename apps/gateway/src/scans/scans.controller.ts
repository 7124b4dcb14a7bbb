import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ProjectKey,
  SubmitScanRequest,
  ScanStatusResponse,
  SubmitScanResponse,
} from '@schematrace/contracts';
import { validate } from '../http/zod-validation.pipe';
import { SubmitScanService } from './submit-scan.service';
import { z } from 'zod';
import { ApiRoute } from '../openapi/api-route.decorator';

@Controller('v1/projects/:project/scans')
export class ScansController {
  constructor(private readonly submitScan: SubmitScanService) {}

  /** Accepts a scan for processing: 202 with the scan id; follow it at GET .../scans/{scanId}. */
  @ApiRoute({
    summary: 'Submit migration files for a scan',
    description: 'Answers 202 with the scan id; follow it at GET …/scans/{scanId}.',
    response: SubmitScanResponse,
  })
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  submit(
    @Param('project', validate(ProjectKey)) project: string,
    @Body(validate(SubmitScanRequest)) body: SubmitScanRequest,
  ): Promise<SubmitScanResponse> {
    return this.submitScan.submit(project, body);
  }

  @ApiRoute({
    summary: "A scan's status: accepted, ingested or projected, with counts",
    response: ScanStatusResponse,
  })
  @Get(':scanId')
  status(
    @Param('project', validate(ProjectKey)) project: string,
    @Param('scanId', validate(z.string().min(1).max(64))) scanId: string,
  ): Promise<ScanStatusResponse> {
    return this.submitScan.status(project, scanId);
  }
}
