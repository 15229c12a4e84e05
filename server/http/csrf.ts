/**
 * Cross-site request forgery protection for the JSON API. A mutating request must come from one
 * of our own pages: the browser's `Sec-Fetch-Site` and `Origin` headers must say so, and a body
 * must be declared JSON — a cross-site HTML form can only send form encodings or text/plain, so
 * it can never produce an accepted request, even one whose text happens to be JSON.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { originAllowed, type RequestOrigin } from '../origin';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

const refuse = (message: string, status: 403 | 415) =>
  new Response(
    JSON.stringify({ error: { id: status === 403 ? 'cross-site' : 'not-json', message } }),
    {
      status,
      headers: { 'content-type': 'application/json' },
    },
  );

/**
 * Hono middleware refusing cross-site and non-JSON mutating requests; `requestOf` says which
 * origin a request was made to (behind a TLS proxy, the proxy's scheme).
 */
export function csrfProtection(
  allowedOrigins: readonly string[],
  requestOf: (c: Context) => RequestOrigin,
): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE.has(c.req.method)) return next();
    const site = c.req.header('sec-fetch-site');
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      return refuse(
        `Refused a ${site} ${c.req.method}: only Redline's own pages may change data`,
        403,
      );
    }
    const origin = c.req.header('origin');
    if (!originAllowed(origin, requestOf(c), allowedOrigins)) {
      return refuse(
        `Refused a ${c.req.method} from ${origin}: only Redline's own pages may change data`,
        403,
      );
    }
    const hasBody = c.req.method !== 'DELETE';
    const type = c.req.header('content-type') ?? '';
    if (hasBody && !/^application\/json\b/i.test(type)) {
      return refuse(
        `Expected a JSON body (Content-Type: application/json), got ${type || 'none'}`,
        415,
      );
    }
    return next();
  };
}
