import { Inject, Injectable } from '@nestjs/common';
import { ApiKeyRepository } from '@schematrace/persistence';
import { keyId, matchesHash } from './api-key-secret';
import type { Principal } from './principal';

export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');

export interface AuthSettings {
  /** A bootstrap admin key from the environment; with it, authentication is always on. */
  readonly adminKey?: string;
}

/** How long "does any key exist?" is remembered: keys are created rarely, requests are many. */
const ENFORCEMENT_TTL_MS = 2_000;

/**
 * Decides whether authentication is on (from the first key created, or when a bootstrap admin
 * key is configured) and who a presented key belongs to.
 */
@Injectable()
export class Authenticator {
  private enforcement: { value: boolean; until: number } | undefined;

  constructor(
    private readonly keys: ApiKeyRepository,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {}

  async enforced(): Promise<boolean> {
    if (this.settings.adminKey) return true;
    const now = Date.now();
    if (this.enforcement && this.enforcement.until > now) return this.enforcement.value;
    const value = await this.keys.anyActive();
    this.enforcement = { value, until: now + ENFORCEMENT_TTL_MS };
    return value;
  }

  /** Forget the cached answer: a key was just created or revoked. */
  keysChanged(): void {
    this.enforcement = undefined;
  }

  async authenticate(key: string): Promise<Principal | undefined> {
    if (this.settings.adminKey && key === this.settings.adminKey)
      return { scope: 'admin', project: null, keyId: 'bootstrap' };
    const id = keyId(key);
    if (!id) return undefined;
    const row = await this.keys.find(id);
    if (!row || row.revokedAt || !matchesHash(key, row.hash)) return undefined;
    return { scope: row.scope, project: row.project, keyId: row.id };
  }
}
