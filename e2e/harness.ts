/**
 * The e2e harness: builds the client when it is stale, starts the real server on a free port with
 * a fresh data directory, and launches Debian's Chromium through playwright-core. Everything it
 * starts is stopped by PID; nothing else is touched. Also signing in: once through the real form
 * ({@link signIn}), or, where the form is not under test, by API with the session cookie handed to
 * a browser context ({@link signedInContext}) — one sign-in per account and server, because the
 * server limits sign-in attempts per e-mail.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { call, signIn as apiSignIn } from '../server/test/collab-client';
import { freePort } from '../server/test/ports';
import { ROOT, startServerProcess } from '../server/test/process';
import { DEMO_PASSWORD } from '../server/seed';
import { CHROMIUM_ARGS } from '../server/export/pdf';
export { freePort, DEMO_PASSWORD };

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

/** For `expect.poll`: DOM facts are read again until they hold (the page may still be rendering). */
export const POLL = { timeout: 10_000 };

/** A fresh, empty data directory for one test file. */
export function freshDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'redline-e2e-'));
}

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  process: ChildProcess;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
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
  return {
    url,
    port,
    dataDir,
    process: server.process,
    output: server.output,
    stop: () => server.stop(),
  };
}

/**
 * The one-time admin sign-in link the server printed at start (`…/#/welcome/<token>`), made
 * relative to `server.url`. Waits up to 5 s: the line may follow the "listening" line.
 */
export async function adminLink(server: RunningServer): Promise<string> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const m = /\/#\/welcome\/([A-Za-z0-9_-]+)/.exec(server.output());
    if (m) return `${server.url}/#/welcome/${m[1]}`;
    if (Date.now() > deadline) {
      throw new Error(`The server printed no admin link. Output:\n${server.output()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
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
    args: CHROMIUM_ARGS,
  });
}

/** JSON from the server, failing with its message; `cookie` is the session to send. */
export async function getJson<T>(url: string, init?: RequestInit, cookie?: string): Promise<T> {
  const headers: Record<string, string> = cookie ? { cookie } : {};
  if (init?.body) {
    headers['content-type'] = 'application/json';
    headers['origin'] = new URL(url).origin;
  }
  const response = await fetch(url, { ...init, headers });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

/** What every browser test starts from: a built client, a fresh server and a browser. */
export async function startE2e(): Promise<{ server: RunningServer; browser: Browser }> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  ensureClientBuilt();
  const server = await startServer(await freePort(), freshDataDir());
  try {
    return { server, browser: await launchBrowser() };
  } catch (error) {
    // The caller gets neither part to stop: a missing browser must not leave the server running.
    await server.stop();
    throw error;
  }
}

/** Closes the browser and stops the server (either may be missing if start-up failed). */
export async function stopE2e(parts: { server?: RunningServer; browser?: Browser }): Promise<void> {
  await parts.browser?.close();
  await parts.server?.stop();
}

// One sign-in per account and server (its data directory outlives restarts on the same port).
const sessions = new Map<string, Promise<string>>();

/**
 * The session cookie (`redline_session=…`) of a demo account on `server`, signing in by API the
 * first time. Signing out through the app ends it, so tests that do use their own sign-in.
 */
export function sessionOf(server: RunningServer, email: string): Promise<string> {
  const key = `${server.dataDir} ${email}`;
  let session = sessions.get(key);
  if (!session) {
    session = apiSignIn(server.url, email);
    sessions.set(key, session);
    session.catch(() => sessions.delete(key));
  }
  return session;
}

/** Puts a `name=value` session cookie into a browser context, for the server at `url`. */
export async function addSessionCookie(
  context: BrowserContext,
  url: string,
  cookie: string,
): Promise<void> {
  const at = cookie.indexOf('=');
  await context.addCookies([
    {
      name: cookie.slice(0, at),
      value: cookie.slice(at + 1),
      url,
      httpOnly: true,
      sameSite: 'Lax',
    },
  ]);
}

/** A new browser context signed in as a demo account (by API: the form is not under test). */
export async function signedInContext(
  browser: Browser,
  server: RunningServer,
  email: string,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, ...options });
  await addSessionCookie(context, server.url, await sessionOf(server, email));
  return context;
}

/** An API call as a demo account; fails with the server's answer unless it is a 2xx. */
export async function apiAs<T>(
  server: RunningServer,
  email: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await call<T>(server.url, method, path, body, await sessionOf(server, email));
  if (res.status < 200 || res.status > 299) {
    throw new Error(`${method} ${path} as ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body;
}

/**
 * Signs in through the real sign-in form on `page` (opening the start page unless the form is
 * already shown) and waits until the header names the person.
 */
export async function signIn(
  page: Page,
  serverUrl: string,
  email: string,
  password: string = DEMO_PASSWORD,
): Promise<void> {
  const form = page.getByTestId('sign-in');
  if (!(await form.isVisible())) {
    await page.goto(`${serverUrl}/#/`);
    await form.waitFor();
  }
  await page.locator('#sign-in-email').fill(email);
  await page.locator('#sign-in-password').fill(password);
  await page.locator('#sign-in-password').press('Enter');
  const alert = page.locator('[data-testid="sign-in"] [role="alert"]');
  const outcome = await Promise.race([
    page
      .getByTestId('account-name')
      .waitFor()
      .then(() => 'signed-in' as const),
    alert.waitFor().then(() => 'refused' as const),
  ]);
  if (outcome === 'refused') {
    throw new Error(`Signing in as ${email} was refused: ${await alert.textContent()}`);
  }
}

/** The text of a unit's editor as the document holds it (without widgets and cursor labels). */
export async function editorText(page: Page, path: string): Promise<string> {
  return page
    .locator(`[data-testid="unit-editor"][data-target="${path}"] .cm-content`)
    .evaluate((content) => {
      const copy = content.cloneNode(true) as HTMLElement;
      copy
        .querySelectorAll('.cm-track-del, .cm-ySelectionInfo, .cm-ySelectionCaret')
        .forEach((e) => e.remove());
      // Remote carets pad themselves with word joiners (U+2060); they are not document text.
      return [...copy.querySelectorAll('.cm-line')]
        .map((l) => (l.textContent ?? '').replace(/\u2060/g, ''))
        .join('\n');
    });
}
