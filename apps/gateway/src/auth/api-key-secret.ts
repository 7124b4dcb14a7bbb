import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys look like `st_<id>_<secret>`: the id finds the stored row, the secret is checked
 * against its SHA-256 hash. The secret is 32 random bytes, so a fast hash is enough (no
 * password-style stretching is needed for a value nobody chose).
 */
export interface KeySecret {
  readonly id: string;
  readonly key: string;
  readonly hash: string;
}

const PATTERN = /^st_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export function newKeySecret(): KeySecret {
  const id = randomBytes(9)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')
    .slice(0, 12);
  const secret = randomBytes(32).toString('base64url');
  const key = `st_${id}_${secret}`;
  return { id, key, hash: hashKey(key) };
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The id part of a well-formed key, or undefined. */
export function keyId(key: string): string | undefined {
  return PATTERN.exec(key)?.[1];
}

/** Constant-time comparison of a presented key with a stored hash. */
export function matchesHash(key: string, hash: string): boolean {
  const presented = Buffer.from(hashKey(key), 'hex');
  const stored = Buffer.from(hash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
