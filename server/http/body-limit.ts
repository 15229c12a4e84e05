/**
 * How large a request body each route takes. Without a limit, a signed-out caller could send
 * bodies of any size to sign-in and have them read and parsed (eight of 100 MB: 1.37 GB of memory,
 * every other request stalled). Small for JSON; larger only where a paste needs it. A body that
 * declares a larger Content-Length is answered 413 before any of it is read; a chunked one is read
 * only up to the limit.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

const KIB = 1024;
const MIB = 1024 * KIB;

/** Every JSON body: sign-in, titles, steps, roles. The largest real one is a few kilobytes. */
export const DEFAULT_BODY_LIMIT = 64 * KIB;

/**
 * Routes that take pasted documents. A rulebook's source is at most 5 million characters
 * (schemas/api.ts), three bytes each in UTF-8 at worst; motion text at most 200,000.
 */
export const ROUTE_BODY_LIMITS: ReadonlyArray<{ method: string; path: string; bytes: number }> = [
  { method: 'POST', path: '/api/editions', bytes: 16 * MIB },
  { method: 'POST', path: '/api/motions/import', bytes: 1 * MIB },
];

/** "64 KB", "16 MB": the limit as people read it. */
function size(bytes: number): string {
  return bytes >= MIB ? `${bytes / MIB} MB` : `${bytes / KIB} KB`;
}

function limitFor(bytes: number, what: string): MiddlewareHandler {
  return bodyLimit({
    maxSize: bytes,
    onError: (c) =>
      c.json(
        {
          error: {
            id: 'too-large',
            message: `The request body is larger than ${size(bytes)}, the most ${what} takes`,
          },
        },
        413,
      ),
  });
}

/** Hono middleware applying each route's body limit (the default one elsewhere). */
export function bodyLimits(): MiddlewareHandler {
  const fallback = limitFor(DEFAULT_BODY_LIMIT, 'this request');
  const routes = ROUTE_BODY_LIMITS.map((r) => ({
    ...r,
    handler: limitFor(r.bytes, `${r.method} ${r.path}`),
  }));
  return (c, next) => {
    const route = routes.find((r) => r.method === c.req.method && r.path === c.req.path);
    return (route?.handler ?? fallback)(c, next);
  };
}
