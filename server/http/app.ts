/**
 * The HTTP app. For now a placeholder page and a health check; routes arrive with the app.
 * Kept free of `listen` so tests drive it with `app.request()` and no socket.
 */
import { Hono } from 'hono';

export interface AppOptions {
  /** Where unexpected errors are reported; the client only ever sees a generic 500. */
  logError?: (error: unknown) => void;
}

// No scripts, images, fonts or connections: the placeholder page needs only its inline style.
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

const PLACEHOLDER_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Redline</title>
<style>
  body { font: 1rem/1.5 system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; color: #222; }
  h1 { color: #b00020; }
  code { background: #f3f3f3; padding: 0.1rem 0.3rem; border-radius: 3px; }
</style>
</head>
<body>
<h1>Redline</h1>
<p>The app arrives with the next issue; the command line works now:</p>
<p><code>npm run -s redline -- check motions/rulebooks/labour/2024.md</code></p>
</body>
</html>
`;

/** Builds the Hono app: security headers on every response, JSON errors with stable ids. */
export function createApp(options: AppOptions = {}) {
  const logError = options.logError ?? ((error: unknown) => console.error(error));
  const app = new Hono();

  app.use(async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
  });

  app.get('/', (c) => c.html(PLACEHOLDER_PAGE));
  app.get('/healthz', (c) => c.json({ ok: true }));

  app.notFound((c) =>
    c.json({ error: { id: 'not-found', message: `No route ${c.req.method} ${c.req.path}` } }, 404),
  );
  // Unknown errors never reach the client: no message, no stack trace.
  app.onError((error, c) => {
    logError(error);
    return c.json({ error: { id: 'internal', message: 'Internal server error' } }, 500);
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
