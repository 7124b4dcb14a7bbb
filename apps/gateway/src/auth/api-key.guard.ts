import { HttpStatus, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ApiKeyScope } from '@schematrace/contracts';
import { ApiError } from '../http/api-error';
import { OPERATOR_ROUTES } from '../http/operator-routes';
import { Authenticator } from './authenticator.service';
import {
  allows,
  OPEN_PRINCIPAL,
  reaches,
  REQUIRED_SCOPE,
  type RequestWithPrincipal,
} from './principal';

interface GuardedRequest extends RequestWithPrincipal {
  readonly method: string;
  readonly routeOptions?: { readonly url?: string };
  readonly headers: Record<string, string | string[] | undefined>;
  readonly params?: Record<string, string | undefined>;
}

/**
 * Every route needs a key once authentication is on: `Authorization: Bearer <key>` or
 * `X-API-Key: <key>`. 401 without a valid key, 403 when its scope or project does not reach.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    if (OPERATOR_ROUTES.has(request.routeOptions?.url ?? '')) return true;
    if (!(await this.authenticator.enforced())) {
      request.principal = OPEN_PRINCIPAL;
      return true;
    }
    const key = presentedKey(request.headers);
    if (!key)
      throw new ApiError(
        HttpStatus.UNAUTHORIZED,
        'unauthenticated',
        'this server requires an API key: send "Authorization: Bearer <key>" or "X-API-Key: <key>"',
      );
    const principal = await this.authenticator.authenticate(key);
    if (!principal)
      throw new ApiError(
        HttpStatus.UNAUTHORIZED,
        'unauthenticated',
        'the API key is unknown or revoked',
      );
    const required =
      this.reflector.getAllAndOverride<ApiKeyScope | undefined>(REQUIRED_SCOPE, [
        context.getHandler(),
        context.getClass(),
      ]) ?? (request.method === 'GET' || request.method === 'HEAD' ? 'read' : 'write');
    if (!allows(principal, required))
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'forbidden',
        `this key has scope ${principal.scope}; the request needs ${required}`,
      );
    const project = request.params?.project;
    if (project && !reaches(principal, project))
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'forbidden',
        `this key is limited to project ${principal.project}`,
      );
    request.principal = principal;
    return true;
  }
}

function presentedKey(headers: GuardedRequest['headers']): string | undefined {
  const header = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const authorization = header('authorization');
  if (authorization?.toLowerCase().startsWith('bearer ')) return authorization.slice(7).trim();
  return header('x-api-key')?.trim() || undefined;
}
