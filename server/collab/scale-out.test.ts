/**
 * Scale-out as it is deployed: two real server processes share one PostgreSQL database (a fresh
 * one per test on 127.0.0.1:5432) and one Redis (REDIS_URL when set, else 127.0.0.1:6379). Both
 * must answer: this test fails, never skips, without them (.ci/run starts them).
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  amendmentText,
  connect,
  signIn,
  waitFor,
  waitSaved,
  type Client,
} from '../test/collab-client';
import {
  closeModes,
  createDraft,
  startMode,
  textOf,
  type Draft,
  type RunningMode,
} from '../test/modes';

const clients: Client[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  // Only processes the harness started, by their own handle (PID); the database is dropped.
  await closeModes();
});

interface Pair extends Draft {
  servers: RunningMode;
  cookie: string;
}

/** Two processes on one database and one Redis, and a fresh motion with one amendment. */
async function startPair(env: Record<string, string> = {}): Promise<Pair> {
  // In each test, not in beforeAll: a missing Redis then counts as failed tests, not skipped ones.
  const servers = await startMode('scale-out', { env });
  const a = servers.urls[0] as string;
  const cookie = await signIn(a, 'member@anytown.example');
  return { servers, cookie, ...(await createDraft(a, cookie, 'Scale-out')) };
}

/** A client of process `index` (0 is A, 1 is B). */
function client(index: number, pair: Pair): Client {
  const c = connect(pair.servers.urls[index] as string, pair.documentName, pair.cookie);
  clients.push(c);
  return c;
}

const count = (text: string, word: string) => text.split(word).length - 1;

describe('two server processes, one database, one Redis', () => {
  it('an edit on one reaches a client of the other, and both converge', async () => {
    const pair = await startPair();
    const onA = client(0, pair);
    const onB = client(1, pair);
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
  }, 60_000);

  it('SIGKILL of one process loses no acknowledged edit', async () => {
    const pair = await startPair();
    const onA = client(0, pair);
    const textA = await textOf(onA, pair.amendmentId);
    for (let i = 0; i < 10; i++) textA.insert(textA.length, ` k${i}`);
    await waitSaved(onA);
    const acknowledged = textA.toString();

    await pair.servers.kill(0);
    onA.destroy();

    // B never had the motion open: it loads it from the shared database.
    const onB = client(1, pair);
    const textB = await textOf(onB, pair.amendmentId);
    expect(textB.toString()).toBe(acknowledged);
    textB.insert(textB.length, ' fromB');
    await waitSaved(onB);

    // A restarted on its port (a new instance identifier) sees both, each once.
    await pair.servers.restart(0);
    const onA2 = client(0, pair);
    const textA2 = await textOf(onA2, pair.amendmentId);
    await waitFor(
      () => textA2.toString() === `${acknowledged} fromB`,
      10_000,
      `the restarted A to show both edits; it shows ${JSON.stringify(textA2.toString())}`,
    );
    for (let i = 0; i < 10; i++) expect(count(textA2.toString(), ` k${i}`)).toBe(1);
  }, 60_000);

  it('a motion opened on B shows the state A holds only in memory', async () => {
    // Write-through off: A keeps acknowledged edits only in memory until it stores, so B can
    // only see them through Redis. A client keeps typing on A, which postpones A's store (2 s
    // after the last change, at most 10 s after the first), so the database cannot have them
    // before the 8 s bound below.
    const pair = await startPair({ REDLINE_WRITE_THROUGH: 'off' });
    const onA = client(0, pair);
    const textA = await textOf(onA, pair.amendmentId);
    textA.insert(textA.length, ' unsaved');
    await waitSaved(onA);

    let typing = 0;
    const keepTyping = setInterval(() => textA.insert(textA.length, ` t${typing++}`), 300);
    try {
      const onB = client(1, pair);
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
  }, 60_000);

  it('a new reader on B sees an edit the database holds that never reached B through Redis', async () => {
    // What a process killed between logging an acknowledged edit and relaying it leaves behind:
    // the update is in the log, and B's copy of the open document lacks it.
    const pair = await startPair();
    const holder = client(1, pair);
    const before = (await textOf(holder, pair.amendmentId)).toString();
    const elsewhere = new Y.Doc();
    Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(holder.doc));
    const seen = Y.encodeStateVector(elsewhere);
    amendmentText(elsewhere, pair.amendmentId)?.insert(before.length, ' logged-elsewhere');
    const store = await pair.servers.openStore();
    try {
      await store.appendUpdate(pair.documentName, Y.encodeStateAsUpdate(elsewhere, seen));
    } finally {
      await store.close();
    }
    expect((await textOf(holder, pair.amendmentId)).toString()).toBe(before);
    const reader = client(1, pair);
    expect((await textOf(reader, pair.amendmentId)).toString()).toBe(`${before} logged-elsewhere`);
    // And B's copy now has it: the holder hears it too.
    await waitFor(
      () =>
        amendmentText(holder.doc, pair.amendmentId)?.toString().includes('logged-elsewhere') ??
        false,
      10_000,
      'the holder to receive the caught-up edit',
    );
  }, 60_000);
});
