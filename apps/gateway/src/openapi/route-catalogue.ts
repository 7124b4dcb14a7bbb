import { RequestMethod, type Type } from '@nestjs/common';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import {
  HTTP_CODE_METADATA,
  METHOD_METADATA,
  PATH_METADATA,
  ROUTE_ARGS_METADATA,
} from '@nestjs/common/constants';
import type { ApiKeyScope } from '@schematrace/contracts';
import { z } from 'zod';
import { REQUIRED_SCOPE } from '../auth/principal';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { API_ROUTE, type ApiRouteError, type ApiRouteSpec } from './api-route.decorator';

export type RouteTag = 'v1' | 'original API' | 'operators';

/** One route of the gateway, as the OpenAPI document describes it. */
export interface CatalogueRoute {
  /** Lower case, as OpenAPI keys operations. */
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI template: `/v1/projects/{project}`. */
  readonly path: string;
  readonly operationId: string;
  readonly tag: RouteTag;
  readonly summary: string;
  readonly description?: string;
  /** The scope a key needs; undefined for the public operator routes. */
  readonly scope?: ApiKeyScope;
  readonly params: readonly { readonly name: string; readonly schema: z.ZodType }[];
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  readonly status: number;
  readonly response?: z.ZodType;
  /** Of the success body. */
  readonly mediaType: string;
  readonly errors: readonly number[];
}

/** A route with no `@ApiRoute`: the document would silently miss it. */
export class UndocumentedRouteError extends Error {
  override readonly name = 'UndocumentedRouteError';
}

/**
 * Routes the gateway gets from the platform (every service has them) or serves outside Nest:
 * documented here because their controllers live in libs, which cannot import the gateway.
 */
export const OPERATOR_ROUTES: readonly CatalogueRoute[] = [
  operatorRoute('/health', 'health', {
    summary: 'Whether every dependency answers',
    description: '200 when every dependency answers, 503 (same body) naming the one that does not.',
    response: z.object({
      service: z.string(),
      status: z.enum(['ok', 'unavailable']),
      checks: z.unknown(),
    }),
  }),
  operatorRoute('/metrics', 'metrics', {
    summary: 'Prometheus metrics, in the text format',
    response: z.string(),
    mediaType: 'text/plain',
  }),
  operatorRoute('/openapi.json', 'openapi', {
    summary: 'This OpenAPI document',
    response: z.record(z.string(), z.unknown()),
  }),
  operatorRoute('/docs', 'docs', {
    summary: 'The interactive API documentation (Swagger UI, served by the gateway itself)',
    response: z.string(),
    mediaType: 'text/html',
  }),
];

const METHODS: Partial<Record<RequestMethod, CatalogueRoute['method']>> = {
  [RequestMethod.GET]: 'get',
  [RequestMethod.POST]: 'post',
  [RequestMethod.PUT]: 'put',
  [RequestMethod.PATCH]: 'patch',
  [RequestMethod.DELETE]: 'delete',
};

interface RouteArgument {
  readonly index: number;
  readonly data?: unknown;
  readonly pipes?: readonly unknown[];
}

/**
 * Every route of these controllers, read from their Nest metadata and `@ApiRoute`. Throws
 * naming the handler when a route has no `@ApiRoute` (platform routes are in OPERATOR_ROUTES).
 */
export function routeCatalogue(controllers: readonly Type[]): CatalogueRoute[] {
  const routes: CatalogueRoute[] = [];
  for (const controller of controllers) {
    const prefix = Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined;
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = prototype[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const requestMethod = Reflect.getMetadata(METHOD_METADATA, handler) as
        RequestMethod | undefined;
      if (requestMethod === undefined) continue;
      const path = openApiPath(
        single(prefix),
        single(Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined),
      );
      if (OPERATOR_ROUTES.some((route) => route.path === path)) continue;
      const where = `${controller.name}.${name} (${RequestMethod[requestMethod]} ${path})`;
      const method = METHODS[requestMethod];
      if (!method)
        throw new UndocumentedRouteError(
          `${where}: the OpenAPI document has no ${RequestMethod[requestMethod]} routes`,
        );
      const spec = Reflect.getMetadata(API_ROUTE, handler) as ApiRouteSpec | undefined;
      if (!spec)
        throw new UndocumentedRouteError(
          `${where} has no @ApiRoute: every route of the gateway is in the OpenAPI document`,
        );
      const status =
        (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ??
        (method === 'post' ? 201 : 200);
      if ((spec.response === undefined) !== (status === 204))
        throw new UndocumentedRouteError(
          `${where}: @ApiRoute needs a response schema unless the route answers 204 (it answers ${status})`,
        );
      const inputs = routeInputs(controller, name, path, where);
      const validated = inputs.validated;
      const scope =
        (Reflect.getMetadata(REQUIRED_SCOPE, handler) as ApiKeyScope | undefined) ??
        (Reflect.getMetadata(REQUIRED_SCOPE, controller) as ApiKeyScope | undefined) ??
        (method === 'get' ? 'read' : 'write');
      routes.push({
        method,
        path,
        operationId: `${controller.name.replace(/Controller$/, '')}_${name}`,
        tag: path.startsWith('/v1/') ? 'v1' : 'original API',
        summary: spec.summary,
        ...(spec.description ? { description: spec.description } : {}),
        scope,
        params: inputs.params,
        ...(inputs.query ? { query: inputs.query } : {}),
        ...(inputs.body ? { body: inputs.body } : {}),
        status,
        ...(spec.response ? { response: spec.response } : {}),
        mediaType: 'application/json',
        errors: errorStatuses(validated, inputs.params.length > 0, spec.errors ?? []),
      });
    }
  }
  return routes;
}

function routeInputs(controller: Type, handler: string, path: string, where: string) {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {}) as Record<
    string,
    RouteArgument
  >;
  const params = new Map<string, z.ZodType>();
  let query: z.ZodType | undefined;
  let body: z.ZodType | undefined;
  let validated = false;
  for (const [key, argument] of Object.entries(args)) {
    const type = Number(key.split(':')[0]);
    const pipe = argument.pipes?.find((candidate) => candidate instanceof ZodValidationPipe);
    if (pipe) validated = true;
    const schema = (pipe as ZodValidationPipe<z.ZodType> | undefined)?.schema;
    const field = typeof argument.data === 'string' ? argument.data : undefined;
    if (type === Number(RouteParamtypes.PARAM)) {
      if (!field) throw new UndocumentedRouteError(`${where}: name each @Param`);
      params.set(field, schema ?? z.string());
    } else if (type === Number(RouteParamtypes.QUERY)) {
      if (field || !schema)
        throw new UndocumentedRouteError(`${where}: validate the whole query with one schema`);
      query = schema;
    } else if (type === Number(RouteParamtypes.BODY)) {
      if (field || !schema)
        throw new UndocumentedRouteError(`${where}: validate the whole body with one schema`);
      body = schema;
    }
  }
  // In path order, and every placeholder documented even if the handler does not read it.
  const names = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? '');
  const ordered = names.map((name) => ({ name, schema: params.get(name) ?? z.string() }));
  return { params: ordered, query, body, validated };
}

function errorStatuses(
  validated: boolean,
  hasPathParams: boolean,
  extra: readonly ApiRouteError[],
): number[] {
  const statuses = new Set<number>([401, 403, 429, ...extra]);
  if (validated) statuses.add(400);
  if (hasPathParams) statuses.add(404);
  return [...statuses].sort((a, b) => a - b);
}

function single(path: string | string[] | undefined): string {
  if (Array.isArray(path)) {
    if (path.length !== 1)
      throw new UndocumentedRouteError(`one path per route: ${path.join(', ')}`);
    return path[0] ?? '';
  }
  return path ?? '';
}

/** `v1/projects/:project` + `scans` → `/v1/projects/{project}/scans`. */
function openApiPath(prefix: string, path: string): string {
  const segments = [prefix, path]
    .flatMap((part) => part.split('/'))
    .filter((segment) => segment !== '')
    .map((segment) => (segment.startsWith(':') ? `{${segment.slice(1)}}` : segment));
  return `/${segments.join('/')}`;
}

function operatorRoute(
  path: string,
  operationId: string,
  route: Pick<CatalogueRoute, 'summary' | 'description' | 'response'> & { mediaType?: string },
): CatalogueRoute {
  return {
    method: 'get',
    path,
    operationId,
    tag: 'operators',
    params: [],
    status: 200,
    mediaType: 'application/json',
    errors: [],
    ...route,
  };
}
