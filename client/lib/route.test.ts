import { describe, expect, it } from 'vitest';
import { isPublicRoute, parseRoute, routeHash } from './route';

describe('parseRoute', () => {
  it('reads the app routes', () => {
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
    expect(parseRoute('#/bodies')).toEqual({ name: 'bodies' });
    expect(parseRoute('#/audit')).toEqual({ name: 'audit' });
    expect(parseRoute('#/account')).toEqual({ name: 'account' });
  });

  it('reads the link routes that work signed out', () => {
    const welcome = parseRoute('#/welcome/Ab-c_9');
    expect(welcome).toEqual({ name: 'welcome', token: 'Ab-c_9' });
    expect(parseRoute('#/invite/xyz')).toEqual({ name: 'invite', token: 'xyz' });
    expect(isPublicRoute(welcome)).toBe(true);
    expect(isPublicRoute(parseRoute('#/bodies'))).toBe(false);
  });

  it('does not mistake unknown hashes for home', () => {
    expect(parseRoute('#/nowhere')).toEqual({ name: 'not-found', hash: '#/nowhere' });
    expect(parseRoute('#/invite')).toEqual({ name: 'not-found', hash: '#/invite' });
    expect(parseRoute('#/bodies/x')).toEqual({ name: 'not-found', hash: '#/bodies/x' });
    expect(parseRoute('#/motions/%E0%A4%A')).toEqual({
      name: 'not-found',
      hash: '#/motions/%E0%A4%A',
    });
  });

  it('round-trips through routeHash', () => {
    for (const hash of ['#/rulebook/labour-2024/5.IV.5.A', '#/bodies', '#/invite/abc']) {
      expect(routeHash(parseRoute(hash))).toBe(hash);
    }
  });
});
