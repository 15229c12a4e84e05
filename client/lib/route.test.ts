import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultQuery, emptyFilter } from './dashboard';
import { isPublicRoute, parseRoute, routeHash, type Route } from './route';

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
    for (const hash of [
      '#/rulebook/labour-2024/5.IV.5.A',
      '#/bodies',
      '#/invite/abc',
      '#/dashboard',
      '#/dashboard?state=carried,nec-position&body=anytown-clp&sort=title',
      '#/dashboard?unit=5.IV&q=open%20selection&year=2026',
    ]) {
      expect(routeHash(parseRoute(hash))).toBe(hash);
    }
  });
});

describe('the dashboard route', () => {
  it('reads the filter and sort from the query', () => {
    expect(parseRoute('#/dashboard')).toEqual({ name: 'dashboard', query: defaultQuery() });
    expect(parseRoute('#/dashboard/')).toEqual({ name: 'dashboard', query: defaultQuery() });
    expect(
      parseRoute('#/dashboard?state=carried,nec-position&body=anytown-clp&sort=-updated'),
    ).toEqual({
      name: 'dashboard',
      query: {
        filter: { ...emptyFilter(), state: ['carried', 'nec-position'], body: ['anytown-clp'] },
        sort: { column: 'updated', direction: 'desc' },
      },
    });
    // Unknown parameters are ignored, not a missing page.
    expect(parseRoute('#/dashboard?ref=mail')).toEqual({
      name: 'dashboard',
      query: defaultQuery(),
    });
  });

  it('writes the default view without a query', () => {
    expect(routeHash({ name: 'dashboard', query: defaultQuery() })).toBe('#/dashboard');
    expect(routeHash(parseRoute('#/dashboard?sort=-updated'))).toBe('#/dashboard');
  });

  it('leaves other routes as they were: only the dashboard reads a query', () => {
    expect(parseRoute('#/dashboard/x')).toEqual({ name: 'not-found', hash: '#/dashboard/x' });
    expect(parseRoute('#/bodies?x=1')).toEqual({ name: 'not-found', hash: '#/bodies?x=1' });
  });

  it('round-trips any dashboard view through its hash', () => {
    const text = fc.string({ maxLength: 10 });
    const route = fc.record({
      name: fc.constant('dashboard' as const),
      query: fc.record({
        filter: fc.record({
          state: fc.uniqueArray(fc.constantFrom('draft', 'carried', 'withdrawn'), { maxLength: 3 }),
          body: fc.uniqueArray(fc.constantFrom('anytown-clp', 'riverside-clp'), { maxLength: 2 }),
          edition: fc.option(fc.constant('labour-2024'), { nil: null }),
          unit: text,
          q: text,
          year: fc.option(fc.integer({ min: 2000, max: 2100 }), { nil: null }),
        }),
        sort: fc.record({
          column: fc.constantFrom('title' as const, 'result' as const, 'updated' as const),
          direction: fc.constantFrom('asc' as const, 'desc' as const),
        }),
      }),
    });
    fc.assert(
      fc.property(route, (r: Route & { name: 'dashboard' }) => {
        const sorted = {
          ...r,
          query: {
            ...r.query,
            filter: {
              ...r.query.filter,
              state: [...r.query.filter.state].sort(),
              body: [...r.query.filter.body].sort(),
            },
          },
        };
        expect(parseRoute(routeHash(r))).toEqual(sorted);
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});
