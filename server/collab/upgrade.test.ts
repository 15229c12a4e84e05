/**
 * What a signed-out client can make the server print, read from the real server process's stdout
 * and stderr: document names with line breaks, terminal escapes, C1 controls and bidi overrides
 * reach it neither raw nor as forged lines, and ten thousand refusals in a burst print a bounded
 * number of lines.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CLOSE } from '../../schemas/collab';
import { authMessage, collabUrl, MESSAGE, waitFor } from '../test/collab-client';
import { freePort } from '../test/ports';
import { startServerProcess, type ServerProcess } from '../test/process';

/** Anything a terminal or viewer acts on, a line break included: controls, separators, format. */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

const NASTY = [
  'motion.abcdef\n{"time":"x","level":"error","event":"FORGED"}',
  'motion.abcdef\r\nFORGED line',
  'motion.\x1b[31mFORGED red\x1b[0m',
  'motion.\u009b31mFORGED',
  'motion.\u202eFORGED\u202c',
  'motion.\u2066FORGED\u2069\u200b',
];

let server: ServerProcess;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'redline-log-'));
  server = await startServerProcess({
    port: await freePort(),
    dataDir,
    env: { REDLINE_SEED: 'edition' },
  });
});

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A signed-out socket that records the permission-denied answers (their addresses) and its close. */
async function signedOutSocket() {
  const ws = new WebSocket(collabUrl(server.url));
  const denied: string[] = [];
  let closed: number | null = null;
  ws.on('message', (data: Buffer) => {
    const d = decoding.createDecoder(new Uint8Array(data));
    const address = decoding.readVarString(d);
    if (decoding.readVarUint(d) === MESSAGE.auth && decoding.readVarUint(d) === 1) {
      denied.push(address);
    }
  });
  ws.on('close', (code: number) => (closed = code));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { ws, denied, closed: () => closed };
}

/** The lines the server printed after `from` characters of its output, once it is quiet. */
async function printedSince(from: number): Promise<string[]> {
  let seen = -1;
  for (let i = 0; i < 50 && server.output().length !== seen; i++) {
    seen = server.output().length;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return server
    .output()
    .slice(from)
    .split('\n')
    .filter((line) => line !== '');
}

describe('what a signed-out client can make the server print', () => {
  it('refuses malformed names before Hocuspocus, and prints them escaped, never raw or as a line of their own', async () => {
    const from = server.output().length;
    for (const nasty of NASTY) {
      // More than Hocuspocus's 100 pending documents per socket: it would print the last name.
      const socket = await signedOutSocket();
      const names = Array.from({ length: 150 }, (_, i) => `${nasty}${i}`);
      for (const name of names) socket.ws.send(authMessage(name));
      await waitFor(
        () => socket.denied.length === names.length || socket.closed() !== null,
        10_000,
        'every name to be answered',
      );
      // Answered as Hocuspocus answers a refused document, on a socket left open.
      expect(socket.denied).toEqual(names);
      expect(socket.closed()).toBeNull();
      socket.ws.close();
    }
    // The form a provider with sessionAwareness sends is a motion's name and goes through.
    const socket = await signedOutSocket();
    socket.ws.send(authMessage('motion.abcdefgh\0k3x9q2'));
    await waitFor(() => socket.denied.length === 1, 10_000, 'the answer');
    expect(socket.denied).toEqual(['motion.abcdefgh\0k3x9q2']);
    socket.ws.close();

    // A message that does not even start with a name closes the socket.
    const garbled = await signedOutSocket();
    garbled.ws.send(Uint8Array.of(0xff));
    await waitFor(() => garbled.closed() !== null, 10_000, 'the socket to close');
    expect(garbled.closed()).toBe(CLOSE.badMessage.code);

    const lines = await printedSince(from);
    for (const line of lines) expect(line).not.toMatch(UNSAFE);
    // Each name was printed as a JSON field or not at all: no line is the client's.
    for (const line of lines.filter((l) => l.includes('FORGED'))) {
      expect(JSON.parse(line)).toMatchObject({ level: 'warn', event: 'collab.bad-address' });
    }
    // 900 refusals from one address: the rate limit's lines (and the session's refusal).
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThanOrEqual(25);
  });

  it('prints a bounded number of lines for 10,000 refusals in a burst', async () => {
    const from = server.output().length;
    const socket = await signedOutSocket();
    // In batches below Hocuspocus's 100 pending documents, so every one is refused, not dropped.
    const BATCH = 50;
    for (let sent = 0; sent < 10_000; sent += BATCH) {
      for (let i = sent; i < sent + BATCH; i++) socket.ws.send(authMessage(`motion.burst${i}`));
      await waitFor(() => socket.denied.length === sent + BATCH, 10_000, 'the batch’s answers');
    }
    expect(socket.denied).toHaveLength(10_000);
    expect(socket.closed()).toBeNull();
    socket.ws.close();

    const lines = await printedSince(from);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThanOrEqual(25);
    for (const line of lines) {
      expect(JSON.parse(line)).toMatchObject({
        level: 'warn',
        event: 'collab.refused',
        reason: CLOSE.signedOut.reason,
      });
    }
  }, 120_000);
});
