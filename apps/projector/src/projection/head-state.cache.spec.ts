import { EMPTY_SCHEMA, type SchemaState } from '@schematrace/domain';
import { HEAD_STATES_KEPT, HeadStateCache } from './head-state.cache';

const stateAt = (position: number): SchemaState => ({ ...EMPTY_SCHEMA, position });

describe('HeadStateCache', () => {
  it('hands back the state held for the head revision it was written with', () => {
    const cache = new HeadStateCache();
    cache.set('public', 'shop', 'r1', stateAt(3));

    expect(cache.get('public', 'shop', 'r1')?.position).toBe(3);
  });

  it('forgets a state once the head carries another revision', () => {
    const cache = new HeadStateCache();
    cache.set('public', 'shop', 'r1', stateAt(3));

    expect(cache.get('public', 'shop', 'r2')).toBeUndefined();
    expect(cache.get('public', 'shop', 'r1')).toBeUndefined();
  });

  it('keeps scopes apart, and forgets a whole scope', () => {
    const cache = new HeadStateCache();
    cache.set('public', 'shop', 'r1', stateAt(3));
    cache.set('rebuild_x', 'shop', 'r1', stateAt(7));

    cache.forgetScope('rebuild_x');

    expect(cache.get('rebuild_x', 'shop', 'r1')).toBeUndefined();
    expect(cache.get('public', 'shop', 'r1')?.position).toBe(3);
  });

  it('drops the least recently used project beyond its capacity', () => {
    const cache = new HeadStateCache();
    for (let index = 0; index < HEAD_STATES_KEPT; index++)
      cache.set('public', `p${index}`, 'r', stateAt(index));
    cache.get('public', 'p0', 'r');

    cache.set('public', 'newest', 'r', stateAt(99));

    expect(cache.get('public', 'p0', 'r')?.position).toBe(0);
    expect(cache.get('public', 'p1', 'r')).toBeUndefined();
    expect(cache.get('public', 'newest', 'r')?.position).toBe(99);
  });
});
