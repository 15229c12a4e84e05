/**
 * Acknowledged means on disk: the server runs as a child process and is killed with SIGKILL at
 * random moments while a client types; every edit the server acknowledged must survive, once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import type { AmendmentView, Motion } from '../../schemas/api';
import { motionDocumentName } from '../../schemas/collab';
import { openSqliteStore } from '../store/sqlite';
import {
  amendmentText,
  call,
  connect,
  signIn,
  waitFor,
  waitSaved,
  type Client,
} from '../test/collab-client';
import { replayStored } from './replay';
import { freePort } from '../test/ports';
import { exitOf, startServerProcess, stopProcess, type ServerProcess } from '../test/process';

const HOST = '127.0.0.1';
const ROUNDS = 20;

const started: ChildProcess[] = [];
const clients: Client[] = [];
const dirs: string[] = [];
/** Alex Member's session: sessions are stored, so one cookie outlives every restart. */
let member = '';

async function startChild(dataDir: string, port: number): Promise<ServerProcess> {
  const server = await startServerProcess({ port, dataDir, host: HOST }, 20_000);
  started.push(server.process);
  return server;
}

/** SIGKILL: no chance to store anything. */
const kill = (child: ChildProcess) => stopProcess(child, 5_000, 'SIGKILL');

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const child of started.splice(0)) await kill(child);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function client(url: string, motionId: string): Client {
  const c = connect(url, motionDocumentName(motionId), member);
  clients.push(c);
  return c;
}

async function setUp() {
  const dir = mkdtempSync(join(tmpdir(), 'redline-durability-'));
  dirs.push(dir);
  const port = await freePort();
  const server = await startChild(dir, port);
  member = await signIn(server.url, 'member@anytown.example');
  const motion = await call<Motion>(
    server.url,
    'POST',
    '/api/motions',
    { editionId: 'labour-2024', title: 'Durability', bodyId: 'anytown-clp' },
    member,
  );
  const amendment = await call<AmendmentView>(
    server.url,
    'POST',
    `/api/motions/${motion.body.id}/amendments`,
    { kind: 'amend', target: '5.IV.7' },
    member,
  );
  expect(amendment.status).toBe(201);
  return { dir, port, server, motionId: motion.body.id, amendmentId: amendment.body.id };
}

async function textOf(c: Client, amendmentId: string): Promise<Y.Text> {
  await waitSaved(c);
  await waitFor(() => amendmentText(c.doc, amendmentId) !== null, 10_000, 'the amendment');
  return amendmentText(c.doc, amendmentId) as Y.Text;
}

describe('durability', () => {
  it(`keeps every acknowledged edit through ${ROUNDS} SIGKILLs, without duplicates`, async () => {
    const { dir, port, motionId, amendmentId, ...first } = await setUp();
    let server = first.server;
    let acknowledged = (await textOf(client(server.url, motionId), amendmentId)).toString();

    for (let round = 0; round < ROUNDS; round++) {
      const c = client(server.url, motionId);
      const text = await textOf(c, amendmentId);
      expect(text.toString()).toBe(acknowledged);

      // A few edits, all acknowledged…
      for (let i = 0; i < 3; i++) text.insert(text.length, ` a${round}.${i}`);
      await waitSaved(c);
      acknowledged = text.toString();
      // …then more that may or may not arrive before the kill, at a random moment.
      const unacknowledged: string[] = [];
      const extra = Math.floor(Math.random() * 4);
      for (let i = 0; i < extra; i++) {
        const word = ` u${round}.${i}`;
        unacknowledged.push(word);
        text.insert(text.length, word);
      }
      await new Promise((r) => setTimeout(r, Math.random() * 30));
      await kill(server.process);
      c.destroy();

      server = await startChild(dir, port);
      const fresh = client(server.url, motionId);
      const after = (await textOf(fresh, amendmentId)).toString();
      // Every acknowledged edit, exactly once, then some prefix of the unacknowledged ones: Yjs
      // cannot show a later edit of one client without the earlier ones it builds on.
      expect(after.startsWith(acknowledged)).toBe(true);
      const rest = after.slice(acknowledged.length);
      expect(unacknowledged.join('').startsWith(rest)).toBe(true);
      for (const word of acknowledged.match(/ a\d+\.\d+/g) ?? []) {
        expect(after.split(word).length - 1).toBe(1);
      }
      acknowledged = after;
      fresh.destroy();
    }
    expect(acknowledged.match(/ a\d+\.\d+/g)).toHaveLength(ROUNDS * 3);
  }, 180_000);

  it('stores everything on SIGTERM and exits 0 within 5 s', async () => {
    const { dir, port, server, motionId, amendmentId } = await setUp();
    const c = client(server.url, motionId);
    const text = await textOf(c, amendmentId);
    for (let i = 0; i < 20; i++) text.insert(text.length, ` t${i}`);
    await waitSaved(c);
    const expected = text.toString();

    server.process.kill('SIGTERM');
    expect(await exitOf(server.process, 5_000)).toEqual({ code: 0, signal: null });
    c.destroy();

    // The shutdown compacted the log into the snapshot.
    const store = await openSqliteStore(dir);
    const stored = await store.loadDocument(motionDocumentName(motionId));
    await store.close();
    expect(stored.updates).toHaveLength(0);
    const doc = new Y.Doc();
    replayStored(doc, stored);
    expect(amendmentText(doc, amendmentId)?.toString()).toBe(expected);

    const again = await startChild(dir, port);
    const fresh = client(again.url, motionId);
    expect((await textOf(fresh, amendmentId)).toString()).toBe(expected);
  }, 60_000);
});
