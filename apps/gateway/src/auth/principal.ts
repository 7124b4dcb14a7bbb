import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { ApiKeyScope } from '@schematrace/contracts';

/** Who is calling: the scope of their key and the project it is limited to (null: all). */
export interface Principal {
  readonly scope: ApiKeyScope;
  readonly project: string | null;
  /** The key's id; `bootstrap` for the admin key from the environment, `open` without auth. */
  readonly keyId: string;
}

/** Authentication is off (no key exists yet): everyone may do everything. */
export const OPEN_PRINCIPAL: Principal = { scope: 'admin', project: null, keyId: 'open' };

const RANK: Record<ApiKeyScope, number> = { read: 0, write: 1, admin: 2 };

export function allows(principal: Principal, scope: ApiKeyScope): boolean {
  return RANK[principal.scope] >= RANK[scope];
}

export function reaches(principal: Principal, project: string): boolean {
  return principal.project === null || principal.project === project;
}

export const REQUIRED_SCOPE = 'schematrace:required-scope';

/** The scope a route needs; without it, reads need `read` and everything else `write`. */
export const RequiresScope = (scope: ApiKeyScope) => SetMetadata(REQUIRED_SCOPE, scope);

export interface RequestWithPrincipal {
  principal?: Principal;
}

/** The caller, as the guard established it. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<RequestWithPrincipal>().principal ?? OPEN_PRINCIPAL,
);
