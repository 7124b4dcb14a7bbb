import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ApiDocs } from './api-docs.service';

/** The gateway's OpenAPI document and Swagger UI; `install` ApiDocs on the Fastify instance. */
@Module({
  imports: [DiscoveryModule],
  providers: [ApiDocs],
  exports: [ApiDocs],
})
export class OpenApiModule {}
