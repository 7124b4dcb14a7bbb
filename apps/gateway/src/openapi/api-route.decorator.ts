import { SetMetadata } from '@nestjs/common';
import type { z } from 'zod';

export const API_ROUTE = 'schematrace:api-route';

/** Error statuses a route may answer beyond the ones every route shares (400, 401, 403, 429). */
export type ApiRouteError = 404 | 409 | 504;

/**
 * What the OpenAPI document says about a route that its Nest metadata cannot: a summary, the
 * contract schema of the success body (controllers return TypeScript types, gone at run time)
 * and the rarer errors. Method, path, status, scope and the params/query/body schemas are read
 * from the route itself (its decorators and `validate(...)` pipes), so they cannot drift.
 */
export interface ApiRouteSpec {
  readonly summary: string;
  readonly description?: string;
  /** The success body; omit for 204. */
  readonly response?: z.ZodType;
  /** 404 is implied by a path parameter; list it for a body field naming something (`project_id`). */
  readonly errors?: readonly ApiRouteError[];
}

/** Documents a route in the OpenAPI document; a route without it stops the gateway at start. */
export const ApiRoute = (spec: ApiRouteSpec) => SetMetadata(API_ROUTE, spec);
