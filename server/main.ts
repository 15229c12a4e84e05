/**
 * Starts a whole Redline server in this process: store (migrated, seeded), Hocuspocus, the HTTP
 * app and the WebSocket upgrade on one port. index.ts runs it; tests start it on a random port.
 */
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCollab } from './collab/hocuspocus';
import { attachCollab } from './collab/upgrade';
import { backfillEditionParses, commandContext, type CommandContext } from './commands/context';
import type { ServerConfig } from './config';
import { createApp } from './http/app';
import { seedIfEmpty } from './seed';
import { openSqliteStore } from './store/sqlite';
import { openPostgresStore } from './store/postgres';
import { createAuthenticator, type Authenticator, type SignInLimits } from './commands/auth';
import { adminSignInToken } from './commands/admin';
import { createPdfRenderer } from './export/pdf';
import { createParser, type ParserOptions } from './workers/pool';

export interface RunningServer {
  /** `http://host:port` as bound (the real port when 0 was asked for). */
  url: string;
  port: number;
  commands: CommandContext;
  auth: Authenticator;
  /** A one-time admin sign-in link while the admin has no password yet; print it at start. */
  adminLink: string | null;
  /** Stops accepting, stores every open document, closes the database. */
  close(): Promise<void>;
}

export interface StartOptions {
  clientDir?: string;
  logError?: (error: unknown) => void;
  /** Sign-in failures allowed (tests lower them to reach the limit in a few tries). */
  signInLimits?: SignInLimits;
  /** Caps every draft below its profile's `limits.draftBytes` (never above); for tests. */
  maxDraftBytes?: number;
  /** The parse worker's bounds (time per job, jobs waiting); tests make them small. */
  parsing?: ParserOptions;
}

/** Starts the server and resolves once it listens. */
export async function startServer(
  config: ServerConfig,
  options: StartOptions = {},
): Promise<RunningServer> {
  const store = config.databaseUrl
    ? await openPostgresStore(config.databaseUrl)
    : await openSqliteStore(config.dataDir);
  const auth = createAuthenticator(store, options.signInLimits);
  // Its thread starts now, while the rest starts.
  const parser = createParser(options.parsing);
  const collab = createCollab(store, auth, {
    writeThrough: config.writeThrough,
    redisUrl: config.redisUrl,
    maxDraftBytes: options.maxDraftBytes,
  });
  const { hocuspocus } = collab;
  await collab.ready.catch(async (error: unknown) => {
    await Promise.all([store.close(), parser.close()]);
    throw error;
  });
  const commands = commandContext(store, collab, parser);
  // Editions stored before their parse was: parsed once here, never on a request.
  await backfillEditionParses(commands);
  await seedIfEmpty(commands, config.seed ?? 'demo');
  const adminToken = await adminSignInToken(commands);
  // Launches Chromium on the first PDF export only; closed with the server.
  const pdf = createPdfRenderer();
  const app = createApp({
    pdf,
    commands,
    auth,
    clientDir: options.clientDir,
    logError: options.logError,
    allowedOrigins: config.allowedOrigins,
    trustProxy: config.trustProxy,
  });

  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () =>
      resolve(s as Server),
    ) as Server;
    s.once('error', reject);
  });
  const stopCollab = attachCollab(
    server,
    hocuspocus,
    config.allowedOrigins,
    config.connectionsPerMinute,
    config.trustProxy,
  );
  const port = (server.address() as AddressInfo).port;
  // Show the host as configured ("localhost"), not as resolved; bracket IPv6 literals for URLs.
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      stopCollab();
      await Promise.all([collab.close(), pdf.close(), parser.close()]);
      server.closeAllConnections();
      await closed;
      await store.close();
    })());

  const url = `http://${host}:${port}`;
  const adminLink = adminToken ? `${url}/#/welcome/${adminToken}` : null;
  return { url, port, commands, auth, adminLink, close };
}
