/**
 * A sign-in flood through the real server: a new e-mail each time is still limited per address,
 * password hashing is bounded (the rest are told to try again, nothing fails), and the app's own
 * files are served meanwhile instead of waiting behind the hashes.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HASHING_CONCURRENCY, HASHING_QUEUE, hashingLoad } from '../auth/password';
import { SIGN_IN_LIMITS } from '../commands/auth';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../seed';
import { startTestServer, type TestServer } from '../test/server';

const clientDir = mkdtempSync(join(tmpdir(), 'redline-client-'));
mkdirSync(join(clientDir, 'assets'));
writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Redline</title>');
writeFileSync(join(clientDir, 'assets', 'app.css'), 'body { color: #222 }');
afterAll(() => rmSync(clientDir, { recursive: true, force: true }));

const signIn = (url: string, email: string, password = 'not the password') =>
  fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });

describe('a sign-in flood with a new e-mail each time', () => {
  let server: TestServer;
  const perAddress = 5;
  beforeAll(async () => {
    server = await startTestServer(
      { seed: 'demo' },
      { signInLimits: { ...SIGN_IN_LIMITS, perAddress } },
    );
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('is refused per address once the address has failed enough, whatever the e-mail', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= perAddress; i++) {
      statuses.push((await signIn(server.url, `guess${i}@example.org`)).status);
    }
    expect(statuses).toEqual([...Array<number>(perAddress).fill(401), 429]);
    const refused = await signIn(server.url, 'yet-another@example.org');
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: { id: 'too-many-attempts' } });
    // The right password is refused too while the address waits: the flood cannot be mixed
    // with a success to reset it.
    const member = DEMO_ACCOUNTS[0]?.email as string;
    expect((await signIn(server.url, member, DEMO_PASSWORD)).status).toBe(429);
  });
});

describe('concurrent sign-ins', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(
      { seed: 'none' },
      { clientDir, signInLimits: { ...SIGN_IN_LIMITS, perAddress: 1_000 } },
    );
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('hash a bounded number at once, tell the rest to try again, and leave static files alone', async () => {
    const order: string[] = [];
    const flood = Array.from({ length: HASHING_CONCURRENCY + HASHING_QUEUE + 10 }, async (_, i) => {
      const response = await signIn(server.url, `flood${i}@example.org`);
      order.push('sign-in');
      return response.status;
    });
    // Once every hash the server takes is running or queued, ask for a stylesheet.
    for (let i = 0; i < 500; i++) {
      const { active, waiting } = hashingLoad();
      if (active + waiting >= HASHING_CONCURRENCY + HASHING_QUEUE) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const css = fetch(`${server.url}/assets/app.css`).then(async (response) => {
      order.push('css');
      return { status: response.status, text: await response.text() };
    });
    const statuses = await Promise.all(flood);
    expect(await css).toEqual({ status: 200, text: 'body { color: #222 }' });
    // Every answer is a refusal of the guess or "busy, try again": none failed.
    expect(new Set(statuses)).toEqual(new Set([401, 503]));
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
    // The stylesheet did not wait for the hashes queued before it.
    const cssAt = order.indexOf('css');
    expect(order.slice(cssAt + 1).filter((o) => o === 'sign-in').length).toBeGreaterThan(
      HASHING_QUEUE / 2,
    );
  });
});
