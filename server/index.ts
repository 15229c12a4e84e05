/**
 * Composition root: config -> http. Store and collaboration join here as they arrive.
 * Run with `npm start`; `PORT` and `HOST` change where it listens.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { ConfigError, readConfig, type ServerConfig } from './config';
import { createApp } from './http/app';

/** After SIGTERM, in-flight requests get this long before their connections are cut. */
const SHUTDOWN_GRACE_MS = 5_000;

function loadConfig(): ServerConfig {
  try {
    return readConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`redline: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

const config = loadConfig();
const server = serve(
  { fetch: createApp().fetch, port: config.port, hostname: config.host },
  (info: AddressInfo) => {
    // Show the host as configured ("localhost"), not as resolved; bracket IPv6 literals for URLs.
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    console.log(`Redline listening on http://${host}:${info.port}`);
  },
);

server.on('error', (error: NodeJS.ErrnoException) => {
  console.error(
    `redline: cannot listen on ${config.host}:${config.port}: ${error.code ?? error.message}`,
  );
  process.exit(1);
});

function shutDown(): void {
  server.close(() => process.exit(0));
  // close() waits for every open connection: drop idle keep-alive ones now, busy ones after a grace.
  if ('closeIdleConnections' in server) server.closeIdleConnections();
  setTimeout(() => {
    if ('closeAllConnections' in server) server.closeAllConnections();
  }, SHUTDOWN_GRACE_MS).unref();
}

process.once('SIGTERM', shutDown);
process.once('SIGINT', shutDown);
