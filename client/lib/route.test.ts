import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from './route';

describe('parseRoute', () => {
  it('reads the three routes', () => {
    expect(parseRoute('')).toEqual({ name: 'home' });
    expect(parseRoute('#/')).toEqual({ name: 'home' });
    expect(parseRoute('#/rulebook/labour-2024')).toEqual({
      name: 'rulebook',
      editionId: 'labour-2024',
      unit: null,
    });
    expect(parseRoute('#/rulebook/labour-2024/5.IV.5.A')).toEqual({
      name: 'rulebook',
      editionId: 'labour-2024',
      unit: '5.IV.5.A',
    });
    expect(parseRoute('#/motions/abc123')).toEqual({ name: 'motion', id: 'abc123' });
  });

  it('does not mistake unknown hashes for home', () => {
    expect(parseRoute('#/nowhere')).toEqual({ name: 'not-found', hash: '#/nowhere' });
  });

  it('round-trips through routeHash', () => {
    const hash = '#/rulebook/labour-2024/5.IV.5.A';
    expect(routeHash(parseRoute(hash))).toBe(hash);
  });
});
