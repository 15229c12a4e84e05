/**
 * A whole server in the test's own process, on a random loopback port, with a fresh data folder,
 * on SQLite or on PostgreSQL (a fresh database) with Redis: the same tests run against both.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerConfig } from '../config';
import { startServer, type RunningServer, type StartOptions } from '../main';
import { REDIS_URL } from './modes';
import { createTestDatabase } from './postgres';

/** The stores a test server can run on; Redis comes with PostgreSQL, as in a scaled-out deployment. */
export const STORES = ['SQLite', 'PostgreSQL + Redis'] as const;
export type StoreKind = (typeof STORES)[number];

export interface TestServer extends RunningServer {
  dataDir: string;
  /** Closes the server and removes its data folder. */
  stop(): Promise<void>;
}

/**
 * Starts a server with test defaults (loopback, write-through on, SQLite unless `store` says
 * otherwise); `config` overrides them.
 */
export async function startTestServer(
  config: Partial<ServerConfig> = {},
  options: StartOptions = {},
  store: StoreKind = 'SQLite',
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'redline-test-'));
  const database = store === 'SQLite' ? undefined : await createTestDatabase();
  const shared = database ? { databaseUrl: database.url, redisUrl: REDIS_URL } : {};
  const server = await startServer(
    {
      port: 0,
      host: '127.0.0.1',
      dataDir,
      allowedOrigins: [],
      writeThrough: true,
      ...shared,
      ...config,
    },
    options,
  ).catch(async (error: unknown) => {
    await database?.drop();
    throw error;
  });
  return Object.assign(server, {
    dataDir,
    async stop() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
      await database?.drop();
    },
  });
}
