import { Injectable, type Type } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../http/api-error';
import { openApiDocument, type OpenApiDocument } from './openapi-document';
import { OPERATOR_ROUTES, routeCatalogue } from './route-catalogue';
import { swaggerUiAssets } from './swagger-ui';

export const OPENAPI_PATH = '/openapi.json';

/** The document of a gateway with these controllers (the platform's among them). */
export function gatewayDocument(controllers: readonly Type[]): OpenApiDocument {
  return openApiDocument([...routeCatalogue(controllers), ...OPERATOR_ROUTES]);
}

/**
 * Serves the OpenAPI document of the running gateway's own controllers at /openapi.json and
 * Swagger UI at /docs. Plain Fastify routes, installed at start like the rate limiter: they
 * need no guard, pipe or filter. A route without `@ApiRoute` stops the gateway at start.
 */
@Injectable()
export class ApiDocs {
  private document?: OpenApiDocument;

  constructor(private readonly discovery: DiscoveryService) {}

  openApi(): OpenApiDocument {
    this.document ??= gatewayDocument(
      this.discovery
        .getControllers()
        .map((wrapper) => wrapper.metatype)
        .filter((metatype): metatype is Type => typeof metatype === 'function'),
    );
    return this.document;
  }

  /** Adds /openapi.json, /docs and /docs/<asset> to the gateway's Fastify instance. */
  install(fastify: FastifyInstance): void {
    const document = JSON.stringify(this.openApi());
    const { page, assets } = swaggerUiAssets(OPENAPI_PATH);
    fastify.get(OPENAPI_PATH, (_request, reply) =>
      reply.type('application/json; charset=utf-8').send(document),
    );
    fastify.get('/docs', (_request, reply) => reply.type('text/html; charset=utf-8').send(page));
    fastify.get<{ Params: { asset: string } }>('/docs/:asset', (request, reply) => {
      const asset = assets.get(request.params.asset);
      if (!asset)
        return reply
          .code(404)
          .send(ApiError.notFound(`/docs has no ${request.params.asset}`).getResponse());
      // The bundle's version is pinned in package.json: an hour of caching is safe.
      return reply
        .type(asset.contentType)
        .header('Cache-Control', 'public, max-age=3600')
        .send(asset.body);
    });
  }
}
