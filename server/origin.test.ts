/**
 * Whose pages may call us, and what a proxy in front may tell us, through the real server: the
 * Origin check compares the scheme too (an https page of the same host is another site to an http
 * server), and only with TRUST_PROXY do X-Forwarded-Proto and X-Forwarded-For count — for the
 * cookie's Secure flag, for which origin is ours, and for the client's address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SIGN_IN_LIMITS } from './commands/auth';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed';
import { collabUrl } from './test/collab-client';
import { startTestServer, type TestServer } from './test/server';

const member = DEMO_ACCOUNTS[0]?.email as string;

const signIn = (server: TestServer, headers: Record<string, string>, password = DEMO_PASSWORD) =>
  fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email: member, password }),
  });

/** The HTTP status a WebSocket upgrade with these headers is answered with (101 = opened). */
function upgradeStatus(server: TestServer, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(collabUrl(server.url), { headers });
    const timer = setTimeout(() => {
      ws.terminate();
      resolve(0);
    }, 5_000);
    ws.on('upgrade', (response) => {
      clearTimeout(timer);
      resolve(response.statusCode ?? 0);
      ws.close();
    });
    ws.on('unexpected-response', (_request, response) => {
      clearTimeout(timer);
      resolve(response.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', () => undefined);
  });
}

describe('without a trusted proxy', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ seed: 'demo' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('refuses a page of the same host served over another scheme', async () => {
    const https = server.url.replace(/^http:/, 'https:');
    const refused = await signIn(server, { origin: https });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { id: 'cross-site' } });
    expect(await upgradeStatus(server, { origin: https })).toBe(403);
    // Our own origin, exactly, is fine on both.
    expect((await signIn(server, { origin: server.url })).status).toBe(200);
    expect(await upgradeStatus(server, { origin: server.url })).toBe(101);
  });

  it('ignores forwarded headers, which anyone can send', async () => {
    const signedIn = await signIn(server, { 'x-forwarded-proto': 'https' });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
    // A forged https scheme does not make an https page ours.
    const https = server.url.replace(/^http:/, 'https:');
    expect((await signIn(server, { origin: https, 'x-forwarded-proto': 'https' })).status).toBe(
      403,
    );
  });
});

describe('behind a TLS proxy (TRUST_PROXY=on)', () => {
  let server: TestServer;
  const perAddress = 3;
  beforeAll(async () => {
    server = await startTestServer(
      { seed: 'demo', trustProxy: true },
      { signInLimits: { ...SIGN_IN_LIMITS, perAddress } },
    );
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('sets the session cookie Secure when the proxy says the browser used https', async () => {
    const secure = await signIn(server, { 'x-forwarded-proto': 'https' });
    expect(secure.status).toBe(200);
    expect(secure.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    const plain = await signIn(server, { 'x-forwarded-proto': 'http' });
    expect(plain.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
  });

  it('takes the https page of its host as its own, and no longer the http one', async () => {
    const https = server.url.replace(/^http:/, 'https:');
    const behind = { 'x-forwarded-proto': 'https' };
    expect((await signIn(server, { ...behind, origin: https })).status).toBe(200);
    expect((await signIn(server, { ...behind, origin: server.url })).status).toBe(403);
    expect(await upgradeStatus(server, { ...behind, origin: https })).toBe(101);
    expect(await upgradeStatus(server, { ...behind, origin: server.url })).toBe(403);
  });

  it('limits sign-in failures by the address the proxy reports, each client on its own', async () => {
    const fail = (address: string) =>
      signIn(server, { 'x-forwarded-for': `203.0.113.9, ${address}` }, 'wrong password');
    for (let i = 0; i < perAddress; i++) expect((await fail('198.51.100.1')).status).toBe(401);
    expect((await fail('198.51.100.1')).status).toBe(429);
    // Another client behind the same proxy is not held back by the first one's failures.
    expect((await fail('198.51.100.2')).status).toBe(401);
  });
});
