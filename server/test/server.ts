/** A whole server in the test's own process, on a random loopback port, with a fresh data folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerConfig } from '../config';
import { startServer, type RunningServer, type StartOptions } from '../main';

export interface TestServer extends RunningServer {
  dataDir: string;
  /** Closes the server and removes its data folder. */
  stop(): Promise<void>;
}

/** Starts a server with test defaults (loopback, write-through on); `config` overrides them. */
export async function startTestServer(
  config: Partial<ServerConfig> = {},
  options: StartOptions = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'redline-test-'));
  const server = await startServer(
    { port: 0, host: '127.0.0.1', dataDir, allowedOrigins: [], writeThrough: true, ...config },
    options,
  );
  return Object.assign(server, {
    dataDir,
    async stop() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}
