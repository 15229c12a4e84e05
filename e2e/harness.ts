/**
 * The e2e harness: builds the client when it is stale, starts the real server on a free port with
 * a fresh data directory, and launches Debian's Chromium through playwright-core. Everything it
 * starts is stopped by PID; nothing else is touched.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { freePort } from '../server/test/ports';
import { ROOT, startServerProcess } from '../server/test/process';
export { freePort };

export { ROOT };
export const SCREENSHOTS = join(ROOT, 'e2e', 'screenshots');
const CHROMIUM = '/usr/bin/chromium';
/** The server entry; overridable only to point the tests at another build of the same API. */
const SERVER_ENTRY = process.env['REDLINE_E2E_SERVER'] ?? 'server/index.ts';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const t = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

/** Builds the client with vite unless dist/client/index.html is newer than every client/ file. */
export function ensureClientBuilt(): void {
  const index = join(ROOT, 'dist', 'client', 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs > newestMtime(join(ROOT, 'client'))) return;
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
}

/** A fresh, empty data directory for one test file. */
export function freshDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'redline-e2e-'));
}

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  process: ChildProcess;
  /** SIGTERM, then wait for the process to exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

/** Starts the real server on `port` with a fresh `dataDir` and waits (at most 30 s) for it to listen. */
export async function startServer(port: number, dataDir: string): Promise<RunningServer> {
  const url = `http://localhost:${port}`;
  const server = await startServerProcess({
    port,
    dataDir,
    host: 'localhost',
    env: { ALLOWED_ORIGINS: url },
    entry: SERVER_ENTRY,
  });
  return { url, port, dataDir, process: server.process, stop: () => server.stop() };
}

/** Launches headless Debian Chromium; fails loudly when it is not installed. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) to run the ` +
        'browser tests; playwright cannot download browsers here.',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** JSON from the server, failing with its message. */
export async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: init?.body ? { 'content-type': 'application/json', origin: new URL(url).origin } : {},
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

/** What every browser test starts from: a built client, a fresh server and a browser. */
export async function startE2e(): Promise<{ server: RunningServer; browser: Browser }> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  ensureClientBuilt();
  const server = await startServer(await freePort(), freshDataDir());
  return { server, browser: await launchBrowser() };
}

/** Closes the browser and stops the server (either may be missing if start-up failed). */
export async function stopE2e(parts: { server?: RunningServer; browser?: Browser }): Promise<void> {
  await parts.browser?.close();
  await parts.server?.stop();
}
