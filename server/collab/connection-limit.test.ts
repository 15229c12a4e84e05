/** S5 (connections): a flood of WebSocket upgrades from one address is refused with 429. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from '../test/server';
import { collabUrl } from '../test/collab-client';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ connectionsPerMinute: 5, seed: 'none' });
});

afterAll(async () => {
  await server.stop();
});

/** Opens a socket and reports the HTTP status of a refused upgrade, or 101 when it opened. */
function attempt(): Promise<{ status: number; retryAfter?: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(collabUrl(server.url));
    ws.once('open', () => {
      ws.terminate();
      resolve({ status: 101 });
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] });
      ws.terminate();
    });
    ws.once('error', () => undefined);
  });
}

describe('connection attempts', () => {
  it('allows the configured number per minute and then answers 429 with Retry-After', async () => {
    const results = [];
    for (let i = 0; i < 8; i++) results.push(await attempt());
    expect(results.slice(0, 5).map((r) => r.status)).toEqual([101, 101, 101, 101, 101]);
    expect(results.slice(5).map((r) => r.status)).toEqual([429, 429, 429]);
    expect(Number(results[5]?.retryAfter)).toBeGreaterThan(0);
    expect(Number(results[5]?.retryAfter)).toBeLessThanOrEqual(60);
  });
});
