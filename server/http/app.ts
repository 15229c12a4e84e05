/**
 * The HTTP app: security headers, the JSON API (thin routes: validate → command → JSON), the
 * built client. Kept free of `listen` so tests drive it with `app.request()` and no socket.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import {
  addAmendmentSchema,
  changePasswordSchema,
  signInSchema,
  createMotionSchema,
  editionIdSchema,
  importMotionSchema,
  motionIdSchema,
  searchQuerySchema,
} from '../../schemas/api';
import type { CommandContext } from '../commands/context';
import {
  listEditions,
  listUnits,
  readUnit,
  readEdition,
  searchEdition,
} from '../commands/editions';
import { importMotion } from '../commands/import';
import {
  addAmendment,
  createMotion,
  listMotions,
  readMotion,
  removeAmendment,
} from '../commands/motions';
import { AppError, invalidRequest, unauthorised } from '../errors';
import { SESSION_COOKIE, type Authenticator } from '../commands/auth';
import { csrfProtection } from './csrf';
import { staticResponse } from './static';

export interface AppOptions {
  /** Where unexpected errors are reported; the client only ever sees a generic 500. */
  logError?: (error: unknown) => void;
  /** Store and collaboration for the API; without it only the pages and health check answer. */
  commands?: CommandContext;
  /** The built client; defaults to dist/client in the project. */
  clientDir?: string;
  /** Origins besides the server's own whose pages may send mutating requests. */
  allowedOrigins?: readonly string[];
  /** Sign-in and sessions; without it the /api/auth routes are absent. */
  auth?: Authenticator;
}

// The app's own scripts, styles (CodeMirror sets inline styles) and sockets; nothing inline-run.
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; connect-src 'self' ws: wss:; style-src 'self' 'unsafe-inline'; img-src 'self' data:; script-src 'self'";

const DEFAULT_CLIENT_DIR = fileURLToPath(new URL('../../dist/client', import.meta.url));

/** Parses `value` with `schema`, or throws a 400 naming the first field that is wrong. */
function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : what;
  throw invalidRequest(`${field}: ${issue?.message ?? 'invalid'}`);
}

async function jsonBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw invalidRequest('body: expected a JSON object');
  }
}

function apiRoutes(ctx: CommandContext) {
  const api = new Hono();
  const editionId = (c: Context) => parse(editionIdSchema, c.req.param('id'), 'id');
  const motionId = (c: Context) => parse(motionIdSchema, c.req.param('id'), 'id');

  api.get('/editions', async (c) => c.json(await listEditions(ctx)));
  api.get('/editions/:id', async (c) => c.json(await readEdition(ctx, editionId(c))));
  api.get('/editions/:id/units', async (c) => c.json(await listUnits(ctx, editionId(c))));
  api.get('/editions/:id/units/:citation', async (c) =>
    c.json(await readUnit(ctx, editionId(c), c.req.param('citation'))),
  );
  api.get('/editions/:id/search', async (c) => {
    const id = editionId(c);
    const { q } = parse(searchQuerySchema, { q: c.req.query('q') ?? '' }, 'q');
    return c.json(await searchEdition(ctx, id, q));
  });

  api.get('/motions', async (c) => c.json(await listMotions(ctx)));
  api.post('/motions', async (c) => {
    const input = parse(createMotionSchema, await jsonBody(c), 'body');
    const created = await createMotion(ctx, input);
    return c.json(await readMotion(ctx, created.id), 201);
  });
  api.post('/motions/import', async (c) => {
    const input = parse(importMotionSchema, await jsonBody(c), 'body');
    return c.json(await importMotion(ctx, input), 201);
  });
  api.get('/motions/:id', async (c) => c.json(await readMotion(ctx, motionId(c))));
  api.post('/motions/:id/amendments', async (c) => {
    const id = motionId(c);
    const input = parse(addAmendmentSchema, await jsonBody(c), 'body');
    return c.json(await addAmendment(ctx, id, input), 201);
  });
  api.delete('/motions/:id/amendments/:amendmentId', async (c) => {
    await removeAmendment(ctx, motionId(c), c.req.param('amendmentId'));
    return c.body(null, 204);
  });
  return api;
}

/** The address a request came from, for rate limits; `local` when there is no socket (tests). */
function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'local';
  } catch {
    return 'local';
  }
}

function authRoutes(auth: Authenticator) {
  const routes = new Hono();
  const cookie = (c: Context, token: string, expires: Date) =>
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: new URL(c.req.url).protocol === 'https:',
      path: '/',
      expires,
    });
  routes.post('/sign-in', async (c) => {
    const input = parse(signInSchema, await jsonBody(c), 'body');
    const session = await auth.signIn(input, clientAddress(c));
    cookie(c, session.token, session.expires);
    return c.json({ user: session.user });
  });
  routes.post('/sign-out', async (c) => {
    await auth.signOut(getCookie(c, SESSION_COOKIE));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });
  routes.get('/me', async (c) => {
    const user = await auth.sessionUser(getCookie(c, SESSION_COOKIE));
    if (!user) throw unauthorised('signed-out', 'Not signed in');
    return c.json({ user });
  });
  routes.post('/password', async (c) => {
    const input = parse(changePasswordSchema, await jsonBody(c), 'body');
    const session = await auth.changePassword(
      getCookie(c, SESSION_COOKIE),
      input.current,
      input.next,
    );
    cookie(c, session.token, session.expires);
    return c.body(null, 204);
  });
  return routes;
}

/** Builds the Hono app: security headers on every response, JSON errors with stable ids. */
export function createApp(options: AppOptions = {}) {
  const logError = options.logError ?? ((error: unknown) => console.error(error));
  const clientDir = options.clientDir ?? DEFAULT_CLIENT_DIR;
  const app = new Hono();

  app.use(async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
  });

  app.get('/healthz', (c) => c.json({ ok: true }));
  app.use('/api/*', csrfProtection(options.allowedOrigins ?? []));
  if (options.auth) app.route('/api/auth', authRoutes(options.auth));
  if (options.commands) app.route('/api', apiRoutes(options.commands));
  app.all('/api/*', (c) => notFoundRoute(c));
  app.get('*', (c) => staticResponse(clientDir, c.req.path));

  app.notFound((c) => notFoundRoute(c));
  // Errors we mean are answered as they are; unknown ones never reach the client: no message,
  // no stack trace.
  app.onError((error, c) => {
    if (error instanceof AppError) {
      const body = {
        error: { id: error.id, message: error.message },
        ...(error.diagnostics ? { diagnostics: error.diagnostics } : {}),
      };
      return c.json(body, error.status);
    }
    logError(error);
    return c.json({ error: { id: 'internal', message: 'Internal server error' } }, 500);
  });

  return app;
}

function notFoundRoute(c: Context) {
  return c.json(
    { error: { id: 'not-found', message: `No route ${c.req.method} ${c.req.path}` } },
    404,
  );
}

export type App = ReturnType<typeof createApp>;
