/**
 * Request body limits through the real server: an oversized body is answered 413 before it is
 * read (the client has sent a kilobyte of the 100 MB it announced), a chunked one once it passes
 * the limit, and the routes that take pasted documents take more than the rest.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/server';
import { DEFAULT_BODY_LIMIT, ROUTE_BODY_LIMITS } from './body-limit';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ seed: 'edition' });
});
afterAll(async () => {
  await server?.stop();
});

/** Everything the server sends on `socket` until it closes or `ms` pass. */
function answer(socket: Socket, ms = 5_000): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(text);
    };
    const timer = setTimeout(done, ms);
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      // One whole response is enough: headers and a JSON body of the length they announce.
      const head = text.indexOf('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(text)?.[1];
      if (head >= 0 && length && text.length >= head + 4 + Number(length)) done();
    });
    socket.on('close', done);
    socket.on('error', done);
  });
}

function open(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

const request = (path: string, headers: string) =>
  `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/json\r\n${headers}\r\n`;

describe('request body limits', () => {
  it('answers 413 to a sign-in announcing 100 MB, having read none of it', async () => {
    const socket = await open();
    const answered = answer(socket);
    socket.write(request('/api/auth/sign-in', 'Content-Length: 100000000\r\n'));
    socket.write(`{"email":"a@b.example","password":"${'x'.repeat(1000)}`);
    const text = await answered;
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(text).toContain('"id":"too-large"');
    expect(text).toContain('larger than 64 KB');
  });

  it('stops reading a chunked sign-in at the limit', async () => {
    const socket = await open();
    const answered = answer(socket);
    socket.write(request('/api/auth/sign-in', 'Transfer-Encoding: chunked\r\n'));
    const chunk = 'x'.repeat(16 * 1024);
    // Past the limit, then a little more, and never the terminating chunk: the server must not
    // wait for the end of a body it will not take.
    for (let sent = 0; sent <= DEFAULT_BODY_LIMIT + chunk.length; sent += chunk.length) {
      socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    }
    const text = await answered;
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('takes larger pasted documents only where a route needs them', async () => {
    const post = (path: string, bytes: number) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'x'.repeat(bytes) }),
      });
    const over = DEFAULT_BODY_LIMIT + 1024;
    // Signed out: a body within the route's limit reaches the session check (401), not 413.
    expect((await post('/api/bodies', over)).status).toBe(413);
    for (const route of ROUTE_BODY_LIMITS) {
      expect((await post(route.path, over)).status).toBe(401);
      expect((await post(route.path, route.bytes + 1024)).status).toBe(413);
    }
  });
});
