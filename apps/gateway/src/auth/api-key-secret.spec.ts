import { hashKey, keyId, matchesHash, newKeySecret } from './api-key-secret';

describe('API key secrets', () => {
  it('makes keys whose id can be read back and whose hash matches only them', () => {
    const first = newKeySecret();
    const second = newKeySecret();
    expect(first.key).toMatch(/^st_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(keyId(first.key)).toBe(first.id);
    expect(first.id).not.toBe(second.id);
    expect(matchesHash(first.key, first.hash)).toBe(true);
    expect(matchesHash(second.key, first.hash)).toBe(false);
    expect(first.hash).toBe(hashKey(first.key));
    expect(first.hash).not.toContain(first.key.slice(17));
  });

  it.each(['', 'st_x_y', 'Bearer st_abc', `st_${'a'.repeat(12)}_short`])(
    'rejects the malformed key %j',
    (key) => {
      expect(keyId(key)).toBeUndefined();
    },
  );
});
