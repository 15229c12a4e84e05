/**
 * The HTTP app: security headers, the JSON API (thin routes: validate → command → JSON), the
 * built client. Kept free of `listen` so tests drive it with `app.request()` and no socket.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import {
  acceptInviteSchema,
  addAmendmentSchema,
  bodyIdSchema,
  changePasswordSchema,
  consolidateSchema,
  createBodySchema,
  createMotionSchema,
  documentExportQuerySchema,
  editionIdSchema,
  importEditionSchema,
  importMotionSchema,
  finishReadingSchema,
  motionIdSchema,
  resultsExportQuerySchema,
  roleBodySchema,
  searchQuerySchema,
  signInLinkSchema,
  signInSchema,
  trackingExportQuerySchema,
  transitionRequestSchema,
} from '../../schemas/api';
import {
  hashToken,
  SESSION_COOKIE,
  type Authenticator,
  type NewSession,
  type Signed,
} from '../commands/auth';
import {
  acceptInvite,
  createBody,
  createInvite,
  listBodies,
  listMembers,
  previewInvite,
  removeMember,
  setMemberRole,
} from '../commands/bodies';
import {
  consolidateEdition,
  editionHistory,
  previewConsolidation,
} from '../commands/consolidation';
import { motionConflicts } from '../commands/conflicts';
import {
  exportCompendium,
  exportMotion,
  exportResults,
  exportRulebook,
  exportTracking,
} from '../commands/exports';
import type { CommandContext } from '../commands/context';
import {
  importEdition,
  listEditions,
  listUnits,
  readEdition,
  readUnit,
  searchEdition,
} from '../commands/editions';
import { finishReading, importMotion, submittedReading } from '../commands/import';
import {
  addAmendment,
  createMotion,
  listMotions,
  readMotion,
  removeAmendment,
} from '../commands/motions';
import { auditLog, motionTimeline, motionVersions, transitionMotion } from '../commands/workflow';
import { AppError, invalidRequest, unauthorised } from '../errors';
import { createPdfRenderer, type PdfRenderer } from '../export/pdf';
import type { ExportFile } from '../export/render';
import { bodyLimits } from './body-limit';
import { csrfProtection } from './csrf';
import { requestOrigin, type RequestOrigin } from '../origin';
import { staticResponse } from './static';

export interface AppOptions {
  /** Where unexpected errors are reported; the client only ever sees a generic 500. */
  logError?: (error: unknown) => void;
  /** Store, collaboration and sign-in for the API; without them only the pages and health check answer. */
  commands?: CommandContext;
  auth?: Authenticator;
  /** The built client; defaults to dist/client in the project. */
  clientDir?: string;
  /** Origins besides the server's own whose pages may send mutating requests. */
  allowedOrigins?: readonly string[];
  /** Prints PDF exports; the server passes one it closes on shutdown. */
  pdf?: PdfRenderer;
  /** Behind a TLS proxy: take the scheme and client address from its X-Forwarded-* headers. */
  trustProxy?: boolean;
}

type Env = { Variables: { signed: Signed } };

// The app's own scripts, styles (CodeMirror sets inline styles) and sockets; nothing inline-run.
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; connect-src 'self' ws: wss:; style-src 'self' 'unsafe-inline'; img-src 'self' data:; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

// An HTML export is a document, not the app: its own inline styles and data: images, nothing else.
const EXPORT_CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/**
 * An export as a download (or, `inline`, to show in the browser): its type and name, never cached
 * (it follows the person's access).
 */
function exportResponse(c: Context, file: ExportFile, inline = false): Response {
  const disposition = inline ? 'inline' : 'attachment';
  const headers: Record<string, string> = {
    'Content-Type': file.contentType,
    'Content-Disposition': `${disposition}; filename="${file.filename}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    'Cache-Control': 'no-store',
  };
  if (file.contentType.startsWith('text/html')) {
    headers['Content-Security-Policy'] = EXPORT_CONTENT_SECURITY_POLICY;
  }
  return c.body(file.body, 200, headers);
}

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

/** The routes that need a signed-in person; each command decides what that person may do. */
function apiRoutes(ctx: CommandContext, pdf: PdfRenderer) {
  const api = new Hono<Env>();
  const editionId = (c: Context) => parse(editionIdSchema, c.req.param('id'), 'id');
  const motionId = (c: Context) => parse(motionIdSchema, c.req.param('id'), 'id');
  const bodyId = (c: Context) => parse(bodyIdSchema, c.req.param('id'), 'id');
  const actor = (c: Context<Env>) => c.get('signed').actor;

  api.get('/editions', async (c) => c.json(await listEditions(ctx)));
  api.post('/editions', async (c) => {
    const input = parse(importEditionSchema, await jsonBody(c), 'body');
    return c.json(await importEdition(ctx, actor(c), input), 201);
  });
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
  // Consolidation: what it would take, doing it (conference officials), and unit history.
  api.get('/editions/:id/consolidation', async (c) =>
    c.json(await previewConsolidation(ctx, actor(c), editionId(c))),
  );
  api.post('/editions/:id/consolidate', async (c) => {
    const id = editionId(c);
    const input = parse(consolidateSchema, await jsonBody(c), 'body');
    return c.json(await consolidateEdition(ctx, actor(c), id, input), 201);
  });
  api.get('/editions/:id/history', async (c) => c.json(await editionHistory(ctx, editionId(c))));

  // Exports. The tracking table's path comes before /motions/:id, which would take `export` as an id.
  const documentQuery = (c: Context) => parse(documentExportQuerySchema, c.req.query(), 'query');
  api.get('/motions/export', async (c) => {
    const { format } = parse(trackingExportQuerySchema, c.req.query(), 'query');
    return exportResponse(c, await exportTracking(ctx, actor(c), { format }));
  });
  api.get('/motions/:id/export', async (c) => {
    const id = motionId(c);
    const query = documentQuery(c);
    const file = await exportMotion(ctx, actor(c), id, { ...query, pdf });
    return exportResponse(c, file, query.inline);
  });
  api.get('/editions/:id/export', async (c) => {
    const id = editionId(c);
    const query = documentQuery(c);
    const file = await exportRulebook(ctx, actor(c), id, { ...query, pdf });
    return exportResponse(c, file, query.inline);
  });
  api.get('/editions/:id/compendium', async (c) => {
    const id = editionId(c);
    const query = documentQuery(c);
    const file = await exportCompendium(ctx, actor(c), id, { ...query, pdf });
    return exportResponse(c, file, query.inline);
  });
  api.get('/editions/:id/results', async (c) => {
    const id = editionId(c);
    const { format, inline } = parse(resultsExportQuerySchema, c.req.query(), 'query');
    return exportResponse(c, await exportResults(ctx, actor(c), id, { format, pdf }), inline);
  });

  api.get('/motions', async (c) => c.json(await listMotions(ctx, actor(c))));
  api.post('/motions', async (c) => {
    const input = parse(createMotionSchema, await jsonBody(c), 'body');
    const created = await createMotion(ctx, actor(c), input);
    return c.json(await readMotion(ctx, actor(c), created.id), 201);
  });
  api.post('/motions/import', async (c) => {
    const input = parse(importMotionSchema, await jsonBody(c), 'body');
    return c.json(await importMotion(ctx, actor(c), input), 201);
  });
  api.get('/motions/:id', async (c) => c.json(await readMotion(ctx, actor(c), motionId(c))));
  api.get('/motions/:id/events', async (c) =>
    c.json(await motionTimeline(ctx, actor(c), motionId(c))),
  );
  api.get('/motions/:id/reading', async (c) =>
    c.json(await submittedReading(ctx, actor(c), motionId(c))),
  );
  api.post('/motions/:id/reading', async (c) => {
    const id = motionId(c);
    const input = parse(finishReadingSchema, await jsonBody(c), 'body');
    return c.json(await finishReading(ctx, actor(c), id, input));
  });
  api.get('/motions/:id/versions', async (c) =>
    c.json(await motionVersions(ctx, actor(c), motionId(c))),
  );
  api.get('/motions/:id/conflicts', async (c) =>
    c.json(await motionConflicts(ctx, actor(c), motionId(c))),
  );
  api.post('/motions/:id/transitions', async (c) => {
    const id = motionId(c);
    const input = parse(transitionRequestSchema, await jsonBody(c), 'body');
    return c.json(await transitionMotion(ctx, actor(c), id, input));
  });
  api.post('/motions/:id/amendments', async (c) => {
    const id = motionId(c);
    const input = parse(addAmendmentSchema, await jsonBody(c), 'body');
    return c.json(await addAmendment(ctx, actor(c), id, input), 201);
  });
  api.delete('/motions/:id/amendments/:amendmentId', async (c) => {
    await removeAmendment(ctx, actor(c), motionId(c), c.req.param('amendmentId'));
    return c.body(null, 204);
  });

  api.get('/bodies', async (c) => c.json(await listBodies(ctx, actor(c))));
  api.post('/bodies', async (c) => {
    const input = parse(createBodySchema, await jsonBody(c), 'body');
    return c.json(await createBody(ctx, actor(c), input), 201);
  });
  api.get('/bodies/:id/members', async (c) => c.json(await listMembers(ctx, actor(c), bodyId(c))));
  api.put('/bodies/:id/members/:userId', async (c) => {
    const id = bodyId(c);
    const { role } = parse(roleBodySchema, await jsonBody(c), 'body');
    await setMemberRole(ctx, actor(c), id, c.req.param('userId'), role);
    return c.body(null, 204);
  });
  api.delete('/bodies/:id/members/:userId', async (c) => {
    await removeMember(ctx, actor(c), bodyId(c), c.req.param('userId'));
    return c.body(null, 204);
  });
  api.post('/bodies/:id/invites', async (c) => {
    const id = bodyId(c);
    const { role } = parse(roleBodySchema, await jsonBody(c), 'body');
    return c.json(await createInvite(ctx, actor(c), id, role), 201);
  });

  api.get('/audit', async (c) => c.json(await auditLog(ctx, actor(c))));
  return api;
}

/**
 * Where a request came from (scheme, host, client address), behind a trusted proxy as the proxy
 * says; the address is `local` when there is no socket (tests calling `app.request`).
 */
function originOf(c: Context, trustProxy: boolean): RequestOrigin {
  let remoteAddress: string | undefined;
  try {
    remoteAddress = getConnInfo(c).remote.address;
  } catch {
    remoteAddress = undefined;
  }
  // @hono/node-server builds the URL with https only on a TLS socket.
  const encrypted = new URL(c.req.url).protocol === 'https:';
  return requestOrigin((name) => c.req.header(name), { encrypted, remoteAddress }, trustProxy);
}

function setSessionCookie(c: Context, session: NewSession, trustProxy: boolean) {
  setCookie(c, SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'Lax',
    // Behind a TLS proxy the socket is plain http, but the browser's page is https.
    secure: originOf(c, trustProxy).scheme === 'https',
    path: '/',
    expires: session.expires,
  });
}

/** Routes open without a session: signing in and out, and invites (the link is the key). */
function publicRoutes(ctx: CommandContext, auth: Authenticator, trustProxy: boolean) {
  const routes = new Hono();
  const setSession = (c: Context, session: NewSession) => setSessionCookie(c, session, trustProxy);
  routes.post('/auth/sign-in', async (c) => {
    const input = parse(signInSchema, await jsonBody(c), 'body');
    const session = await auth.signIn(input, originOf(c, trustProxy).address);
    setSession(c, session);
    return c.json({ user: session.user });
  });
  routes.post('/auth/link', async (c) => {
    const { token } = parse(signInLinkSchema, await jsonBody(c), 'body');
    const session = await auth.signInWithLink(token);
    setSession(c, session);
    return c.json({ user: session.user });
  });
  routes.post('/auth/sign-out', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    await auth.signOut(token);
    if (token) await ctx.access.changed({ kind: 'session-ended', sessionHash: hashToken(token) });
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });
  routes.get('/auth/me', async (c) => {
    const signed = await auth.signedIn(getCookie(c, SESSION_COOKIE));
    if (!signed) throw unauthorised('signed-out', 'Not signed in');
    return c.json(signed.me);
  });
  routes.post('/auth/password', async (c) => {
    const input = parse(changePasswordSchema, await jsonBody(c), 'body');
    const session = await auth.changePassword(
      getCookie(c, SESSION_COOKIE),
      input.current,
      input.next,
    );
    // Every other session just ended; their drafting connections end with them.
    await ctx.access.changed({ kind: 'sessions-of', userId: session.userId });
    setSession(c, session);
    return c.body(null, 204);
  });
  routes.get('/invites/:token', async (c) =>
    c.json(await previewInvite(ctx, c.req.param('token'))),
  );
  routes.post('/invites/:token/accept', async (c) => {
    const input = parse(acceptInviteSchema, await jsonBody(c), 'body');
    const signed = await auth.signedIn(getCookie(c, SESSION_COOKIE));
    const session = await acceptInvite(
      ctx,
      auth,
      signed?.actor ?? null,
      c.req.param('token'),
      input,
      originOf(c, trustProxy).address,
    );
    if (session) setSession(c, session);
    return c.body(null, 204);
  });
  return routes;
}

/** Answers 401 for every request without a live session, and hands the session on. */
function requireSession(auth: Authenticator) {
  return createMiddleware<Env>(async (c, next) => {
    const signed = await auth.signedIn(getCookie(c, SESSION_COOKIE));
    if (!signed)
      throw unauthorised(
        'signed-out',
        'Your session has ended or you are not signed in; sign in to continue',
      );
    c.set('signed', signed);
    await next();
  });
}

/** Builds the Hono app: security headers on every response, JSON errors with stable ids. */
export function createApp(options: AppOptions = {}) {
  const logError = options.logError ?? ((error: unknown) => console.error(error));
  const clientDir = options.clientDir ?? DEFAULT_CLIENT_DIR;
  const trustProxy = options.trustProxy ?? false;
  const app = new Hono();

  app.use(async (c, next) => {
    await next();
    // A response with a policy of its own (an HTML export) keeps it; every other gets the app's.
    if (!c.res.headers.has('Content-Security-Policy')) {
      c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    }
    c.header('X-Content-Type-Options', 'nosniff');
  });

  app.get('/healthz', (c) => c.json({ ok: true }));
  // Before anything reads a body, sign-in included.
  app.use('*', bodyLimits());
  app.use(
    '/api/*',
    csrfProtection(options.allowedOrigins ?? [], (c) => originOf(c, trustProxy)),
  );
  if (options.commands && options.auth) {
    app.route('/api', publicRoutes(options.commands, options.auth, trustProxy));
    const api = new Hono<Env>();
    api.use(requireSession(options.auth));
    api.route('/', apiRoutes(options.commands, options.pdf ?? createPdfRenderer()));
    app.route('/api', api);
  }
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
