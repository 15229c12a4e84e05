/** Hash routes: `#/`, `#/rulebook/<edition>[/<unit path>]`, `#/motions/<id>`. */
export type Route =
  | { name: 'home' }
  | { name: 'rulebook'; editionId: string; unit: string | null }
  | { name: 'motion'; id: string }
  | { name: 'not-found'; hash: string };

/** Reads a location hash into a route; anything unknown is 'not-found' rather than home. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+/, '');
  const parts = path
    .split('/')
    .filter((p) => p !== '')
    .map(decodeURIComponent);
  if (parts.length === 0) return { name: 'home' };
  if (parts[0] === 'rulebook' && parts[1] && parts.length <= 3) {
    return { name: 'rulebook', editionId: parts[1], unit: parts[2] ?? null };
  }
  if (parts[0] === 'motions' && parts[1] && parts.length === 2) {
    return { name: 'motion', id: parts[1] };
  }
  return { name: 'not-found', hash };
}

/** The hash of a route, so links are built in one place. */
export function routeHash(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'rulebook':
      return `#/rulebook/${encodeURIComponent(route.editionId)}${route.unit ? `/${route.unit}` : ''}`;
    case 'motion':
      return `#/motions/${encodeURIComponent(route.id)}`;
    case 'not-found':
      return route.hash;
  }
}
