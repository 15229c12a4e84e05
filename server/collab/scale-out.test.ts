/**
 * Scale-out as it is deployed: two real server processes share one PostgreSQL database (a fresh
 * one per test on 127.0.0.1:5432) and one Redis (REDIS_URL when set, else 127.0.0.1:6379). Both
 * must answer: this test fails, never skips, without them (.ci/run starts them).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Y from 'yjs';
import type { AmendmentView, Motion } from '../../schemas/api';
import { motionDocumentName } from '../../schemas/collab';
import {
  amendmentText,
  call,
  connect,
  signIn,
  waitFor,
  waitSaved,
  type Client,
} from '../test/collab-client';
import { freePort } from '../test/ports';
import { createTestDatabase, type TestDatabase } from '../test/postgres';
import { startServerProcess, stopProcess, type ServerProcess } from '../test/process';

const HOST = '127.0.0.1';
const REDIS_URL = process.env['REDIS_URL'] || 'redis://127.0.0.1:6379';

const started: ChildProcess[] = [];
const clients: Client[] = [];
const dirs: string[] = [];
const databases: TestDatabase[] = [];

/** Answers once Redis at `url` replies to PING; rejects with a message saying what to do. */
function pingRedis(url: string, ms = 3_000): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host: hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(port) });
    let reply = '';
    const fail = (why: string) => {
      socket.destroy();
      reject(
        new Error(
          `Redis at ${url} is not answering (${why}). The scale-out tests need a real Redis: ` +
            `start one with \`redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save ""\` ` +
            `(.ci/run does) or set REDIS_URL.`,
        ),
      );
    };
    const timer = setTimeout(() => fail(`no PONG within ${ms} ms`), ms);
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (!reply.includes('\r\n')) return;
      clearTimeout(timer);
      socket.destroy();
      if (reply.startsWith('+PONG')) resolve();
      else fail(`it answered ${JSON.stringify(reply.trim())}`);
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      fail(error.message);
    });
  });
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  // Only processes this file started, by their own handle (PID).
  for (const child of started.splice(0)) await stopProcess(child, 5_000, 'SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  for (const db of databases.splice(0)) await db.drop();
});

interface Pair {
  dir: string;
  a: ServerProcess;
  b: ServerProcess;
  portA: number;
  cookie: string;
  motionId: string;
  amendmentId: string;
}

async function startChild(
  port: number,
  dir: string,
  env: Record<string, string>,
): Promise<ServerProcess> {
  const database = databases.at(-1);
  if (!database) throw new Error('startPair makes the database first');
  const server = await startServerProcess(
    {
      port,
      dataDir: dir,
      host: HOST,
      env: { REDIS_URL, DATABASE_URL: database.url, ...env },
    },
    30_000,
  );
  started.push(server.process);
  return server;
}

/** Two processes on one database and one Redis, and a fresh motion with one amendment. */
async function startPair(env: Record<string, string> = {}): Promise<Pair> {
  // In each test, not in beforeAll: a missing Redis then counts as failed tests, not skipped ones.
  await pingRedis(REDIS_URL);
  databases.push(await createTestDatabase());
  const dir = mkdtempSync(join(tmpdir(), 'redline-scale-out-'));
  dirs.push(dir);
  const [portA, portB] = [await freePort(), await freePort()];
  // One after the other: the first migrates and seeds the shared database.
  const a = await startChild(portA, dir, env);
  const b = await startChild(portB, dir, env);
  const cookie = await signIn(a.url, 'member@anytown.example');
  const motion = await call<Motion>(
    a.url,
    'POST',
    '/api/motions',
    { editionId: 'labour-2024', title: 'Scale-out', bodyId: 'anytown-clp' },
    cookie,
  );
  expect(motion.status).toBe(201);
  const amendment = await call<AmendmentView>(
    a.url,
    'POST',
    `/api/motions/${motion.body.id}/amendments`,
    { kind: 'amend', target: '5.IV.7' },
    cookie,
  );
  expect(amendment.status).toBe(201);
  return { dir, a, b, portA, cookie, motionId: motion.body.id, amendmentId: amendment.body.id };
}

function client(url: string, pair: Pair): Client {
  const c = connect(url, motionDocumentName(pair.motionId), pair.cookie);
  clients.push(c);
  return c;
}

async function textOf(c: Client, amendmentId: string): Promise<Y.Text> {
  await waitSaved(c);
  await waitFor(() => amendmentText(c.doc, amendmentId) !== null, 10_000, 'the amendment');
  return amendmentText(c.doc, amendmentId) as Y.Text;
}

const count = (text: string, word: string) => text.split(word).length - 1;

describe('two server processes, one database, one Redis', () => {
  it('an edit on one reaches a client of the other, and both converge', async () => {
    const pair = await startPair();
    const onA = client(pair.a.url, pair);
    const onB = client(pair.b.url, pair);
    const [textA, textB] = [
      await textOf(onA, pair.amendmentId),
      await textOf(onB, pair.amendmentId),
    ];
    expect(textB.toString()).toBe(textA.toString());

    textA.insert(textA.length, ' alpha');
    await waitFor(() => textB.toString().includes(' alpha'), 10_000, 'B to receive A’s edit');

    // Concurrent edits on both sides, then the same text on both, each edit exactly once.
    for (let i = 0; i < 5; i++) {
      textA.insert(textA.length, ` a${i}`);
      textB.insert(0, `b${i} `);
    }
    await Promise.all([waitSaved(onA), waitSaved(onB)]);
    await waitFor(
      () => textA.toString() === textB.toString() && /a4/.test(textB.toString()),
      10_000,
      `convergence; A has ${JSON.stringify(textA.toString())}, B has ${JSON.stringify(textB.toString())}`,
    );
    for (let i = 0; i < 5; i++) {
      expect(count(textA.toString(), ` a${i}`)).toBe(1);
      expect(count(textA.toString(), `b${i} `)).toBe(1);
    }
    expect(count(textA.toString(), ' alpha')).toBe(1);
  });

  it('SIGKILL of one process loses no acknowledged edit', async () => {
    const pair = await startPair();
    const onA = client(pair.a.url, pair);
    const textA = await textOf(onA, pair.amendmentId);
    for (let i = 0; i < 10; i++) textA.insert(textA.length, ` k${i}`);
    await waitSaved(onA);
    const acknowledged = textA.toString();

    await stopProcess(pair.a.process, 5_000, 'SIGKILL');
    onA.destroy();

    // B never had the motion open: it loads it from the shared database.
    const onB = client(pair.b.url, pair);
    const textB = await textOf(onB, pair.amendmentId);
    expect(textB.toString()).toBe(acknowledged);
    textB.insert(textB.length, ' fromB');
    await waitSaved(onB);

    // A restarted on its port (a new instance identifier) sees both, each once.
    const again = await startChild(pair.portA, pair.dir, {});
    const onA2 = client(again.url, pair);
    const textA2 = await textOf(onA2, pair.amendmentId);
    await waitFor(
      () => textA2.toString() === `${acknowledged} fromB`,
      10_000,
      `the restarted A to show both edits; it shows ${JSON.stringify(textA2.toString())}`,
    );
    for (let i = 0; i < 10; i++) expect(count(textA2.toString(), ` k${i}`)).toBe(1);
  });

  it('a motion opened on B shows the state A holds only in memory', async () => {
    // Write-through off: A keeps acknowledged edits only in memory until it stores, so B can
    // only see them through Redis. A client keeps typing on A, which postpones A's store (2 s
    // after the last change, at most 10 s after the first), so the database cannot have them
    // before the 8 s bound below.
    const pair = await startPair({ REDLINE_WRITE_THROUGH: 'off' });
    const onA = client(pair.a.url, pair);
    const textA = await textOf(onA, pair.amendmentId);
    textA.insert(textA.length, ' unsaved');
    await waitSaved(onA);

    let typing = 0;
    const keepTyping = setInterval(() => textA.insert(textA.length, ` t${typing++}`), 300);
    try {
      const onB = client(pair.b.url, pair);
      await waitFor(
        () => amendmentText(onB.doc, pair.amendmentId)?.toString().includes(' unsaved') === true,
        8_000,
        'B to show the edit A holds in memory',
      );
      const textB = amendmentText(onB.doc, pair.amendmentId) as Y.Text;
      expect(count(textB.toString(), ' unsaved')).toBe(1);
    } finally {
      clearInterval(keepTyping);
    }
  });
});
