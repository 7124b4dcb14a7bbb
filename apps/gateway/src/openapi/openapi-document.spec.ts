import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Controller, Get, Param, type DynamicModule, type Type } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants';
import { loadServiceConfig } from '@schematrace/config';
import { GatewayModule } from '../gateway.module';
import { gatewayDocument } from './api-docs.service';
import type { OpenApiDocument } from './openapi-document';
import { routeCatalogue } from './route-catalogue';

const COMMITTED = path.resolve(__dirname, '../../../../docs/openapi.json');

/** The controllers the gateway's module tree declares, as Nest would discover them. */
function controllersOf(module: DynamicModule): Type[] {
  const imported = (module.imports ?? []).filter(
    (candidate): candidate is DynamicModule =>
      typeof candidate === 'object' && candidate !== null && 'module' in candidate,
  );
  return [...(module.controllers ?? []), ...imported.flatMap(controllersOf)];
}

const controllers = controllersOf(GatewayModule.forService(loadServiceConfig('gateway', {})));

describe('the OpenAPI document', () => {
  // Built in the first test, so a route without @ApiRoute fails a test that names it.
  let document: OpenApiDocument;
  let operations: { route: string; method: string; operation: Record<string, unknown> }[];

  it('can be generated: every route of the gateway has its @ApiRoute', () => {
    document = gatewayDocument(controllers);
    operations = Object.entries(document.paths).flatMap(([route, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ route, method, operation })),
    );
  });

  it('is committed in docs/openapi.json exactly as the code generates it', () => {
    const text = `${JSON.stringify(document, null, 2)}\n`;
    if (process.env.UPDATE_GOLDENS === '1') writeFileSync(COMMITTED, text);
    expect(existsSync(COMMITTED)).toBe(true);
    expect(readFileSync(COMMITTED, 'utf8')).toBe(text);
  });

  it('has an operation for every route handler of every gateway controller', () => {
    const documented = new Set(operations.map(({ operation }) => operation.operationId));
    const handlers = controllers.flatMap((controller) =>
      Object.getOwnPropertyNames(controller.prototype)
        .filter((name) => {
          const handler = (controller.prototype as Record<string, unknown>)[name];
          return typeof handler === 'function' && Reflect.hasMetadata(METHOD_METADATA, handler);
        })
        .map((name) => `${controller.name.replace(/Controller$/, '')}_${name}`),
    );
    const operators = new Set(['Health_health', 'Metrics_metricsText']);

    expect(handlers.length).toBeGreaterThan(25);
    expect(handlers.filter((id) => !documented.has(id) && !operators.has(id))).toEqual([]);
    expect(operations).toHaveLength(handlers.length + 2); // + /openapi.json and /docs
  });

  it('tags each operation v1, original API or operators, and only operators are public', () => {
    for (const { route, operation } of operations) {
      const tag = route.startsWith('/v1/')
        ? 'v1'
        : ['/health', '/metrics', '/openapi.json', '/docs'].includes(route)
          ? 'operators'
          : 'original API';
      expect({ route, tags: operation.tags }).toEqual({ route, tags: [tag] });
      expect({ route, security: operation.security }).toEqual({
        route,
        security: tag === 'operators' ? [] : undefined,
      });
    }
  });

  it('takes parameters and bodies from the validation pipes, with a 400 naming the field', () => {
    const events = document.paths['/v1/projects/{project}/events']?.get;
    const parameters = events?.parameters as { name: string; in: string; required: boolean }[];

    expect(parameters.map(({ name, in: where }) => `${where}:${name}`)).toEqual([
      'path:project',
      'query:after',
      'query:limit',
      'query:table',
      'query:kind',
      'query:risk',
      'query:from',
      'query:to',
    ]);
    expect(parameters.find(({ name }) => name === 'limit')?.required).toBe(false);
    expect(events?.responses).toMatchObject({
      '200': {
        content: {
          'application/json': { schema: { $ref: '#/components/schemas/EventsResponse' } },
        },
      },
      '400': { $ref: '#/components/responses/InvalidRequest' },
      '404': { $ref: '#/components/responses/NotFound' },
      '429': { $ref: '#/components/responses/RateLimited' },
    });
    expect(document.paths['/v1/projects/{project}/scans']?.post).toMatchObject({
      requestBody: {
        content: {
          'application/json': { schema: { $ref: '#/components/schemas/SubmitScanRequestInput' } },
        },
      },
      responses: { '202': { description: expect.any(String) as string } },
    });
    expect(document.components.schemas.ApiError).toMatchObject({
      properties: { error: { required: ['status', 'code', 'message'] } },
    });
  });

  it('resolves every reference, and keeps no unused component', () => {
    const text = JSON.stringify(document);
    const refs = new Set(
      [...text.matchAll(/"\$ref":"#\/components\/(\w+)\/([^"]+)"/g)].map((m) => `${m[1]}/${m[2]}`),
    );
    for (const ref of refs) {
      const [kind = '', name = ''] = ref.split('/');
      const section = document.components[kind] as Record<string, unknown> | undefined;
      expect({ ref, found: section?.[name] !== undefined }).toEqual({ ref, found: true });
    }
    for (const name of Object.keys(document.components.schemas))
      expect({ name, used: refs.has(`schemas/${name}`) }).toEqual({ name, used: true });
  });

  it('stops at a route without @ApiRoute, naming it', () => {
    @Controller('v1/things')
    class ThingsController {
      @Get(':thing')
      get(@Param('thing') thing: string): string {
        return thing;
      }
    }

    expect(() => routeCatalogue([ThingsController])).toThrow(
      'ThingsController.get (GET /v1/things/{thing}) has no @ApiRoute',
    );
  });
});
