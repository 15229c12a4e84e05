/**
 * Hash routes: `#/`, `#/rulebook/<edition>[/<unit path>]`, `#/motions/<id>`, `#/bodies`,
 * `#/audit`, `#/account`, `#/dashboard[?<filter and sort>]`, and the two that work signed out:
 * `#/welcome/<token>` (the first admin's one-time link) and `#/invite/<token>`.
 */
import { parseDashboardQuery, serialiseDashboardQuery, type DashboardQuery } from './dashboard';

export type Route =
  | { name: 'home' }
  | { name: 'dashboard'; query: DashboardQuery }
  | { name: 'rulebook'; editionId: string; unit: string | null }
  | { name: 'motion'; id: string }
  | { name: 'bodies' }
  | { name: 'audit' }
  | { name: 'account' }
  | { name: 'welcome'; token: string }
  | { name: 'invite'; token: string }
  | { name: 'not-found'; hash: string };

/** Routes that open without a session: the link in them is the key. */
export function isPublicRoute(route: Route): boolean {
  return route.name === 'welcome' || route.name === 'invite';
}

/** Reads a location hash into a route; anything unknown is 'not-found' rather than home. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+/, '');
  // Only the dashboard reads a query: elsewhere a "?" stays part of the path, as it always was.
  const dashboard = /^dashboard\/*(?:\?([\s\S]*))?$/.exec(path);
  if (dashboard) return { name: 'dashboard', query: parseDashboardQuery(dashboard[1] ?? '') };
  let parts: string[];
  try {
    parts = path
      .split('/')
      .filter((p) => p !== '')
      .map(decodeURIComponent);
  } catch {
    return { name: 'not-found', hash };
  }
  const [first, second] = parts;
  if (parts.length === 0) return { name: 'home' };
  if (first === 'rulebook' && second && parts.length <= 3) {
    return { name: 'rulebook', editionId: second, unit: parts[2] ?? null };
  }
  if (first === 'motions' && second && parts.length === 2) return { name: 'motion', id: second };
  if (parts.length === 1 && (first === 'bodies' || first === 'audit' || first === 'account')) {
    return { name: first };
  }
  if ((first === 'welcome' || first === 'invite') && second && parts.length === 2) {
    return { name: first, token: second };
  }
  return { name: 'not-found', hash };
}

/** The hash of a route, so links are built in one place. */
export function routeHash(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'dashboard': {
      const query = serialiseDashboardQuery(route.query);
      return query ? `#/dashboard?${query}` : '#/dashboard';
    }
    case 'rulebook':
      return `#/rulebook/${encodeURIComponent(route.editionId)}${route.unit ? `/${route.unit}` : ''}`;
    case 'motion':
      return `#/motions/${encodeURIComponent(route.id)}`;
    case 'bodies':
    case 'audit':
    case 'account':
      return `#/${route.name}`;
    case 'welcome':
    case 'invite':
      return `#/${route.name}/${encodeURIComponent(route.token)}`;
    case 'not-found':
      return route.hash;
  }
}
