/**
 * A draft's size cap (the profile's `limits.draftBytes`, tightened to 64 KiB here) through the
 * real server: an update that would take the draft over it is refused before it is logged and
 * its client told why; smaller edits go on; compaction gives the room of deleted text back; and
 * server-side edits stop once the draft is full.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AmendmentView, ApiError, Motion } from '../../schemas/api';
import { CLOSE, DOC, motionDocumentName } from '../../schemas/collab';
import { startTestServer, STORES, type TestServer } from '../test/server';
import { call, connect, signIn, waitFor, waitSaved, type Client } from '../test/collab-client';
import { replayStored } from './replay';

const CAP = 64 * 1024;

let server: TestServer;
let member = '';
let clients: Client[] = [];

afterEach(() => {
  for (const c of clients) c.destroy();
  clients = [];
});

function client(name: string): Client {
  const c = connect(server.url, name, member);
  clients.push(c);
  return c;
}

async function newDraft(): Promise<string> {
  const motion = await call<Motion>(
    server.url,
    'POST',
    '/api/motions',
    { editionId: 'labour-2024', title: 'Big', bodyId: 'anytown-clp' },
    member,
  );
  expect(motion.status).toBe(201);
  return motion.body.id;
}

/** The supporting argument as a client holds it, once synced. */
async function argumentOf(c: Client): Promise<Y.Text> {
  await waitFor(() => c.provider.synced, 10_000, 'the client to sync');
  return c.doc.getText(DOC.argument);
}

/** What the store holds for the draft: its rows' text, the stored size and the rebuilt argument. */
async function stored(name: string) {
  const document = await server.commands.store.loadDocument(name);
  const doc = new Y.Doc();
  replayStored(doc, document);
  const blobs = [document.snapshot, ...document.updates.map((u) => u.update)].filter(
    (b): b is Uint8Array => b !== null,
  );
  return {
    seqs: document.updates.map((u) => u.seq),
    bytes: blobs.reduce((sum, b) => sum + b.length, 0),
    raw: blobs.map((b) => Buffer.from(b).toString('utf8')).join(''),
    argument: doc.getText(DOC.argument).toString(),
  };
}

/**
 * Rows logged after `before` was read. A background compaction may drop rows, never add any, so
 * "nothing logged since" is: no row above the earlier highest.
 */
const loggedSince = (before: { seqs: number[] }, after: { seqs: number[] }) =>
  after.seqs.filter((seq) => seq > Math.max(0, ...before.seqs));

/** Waits (bounded) until the debounced store has compacted the draft's log into its snapshot. */
async function compacted(name: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while ((await server.commands.store.loadDocument(name)).updates.length > 0) {
    if (Date.now() > deadline) throw new Error('the draft was not compacted within 20 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each(STORES)('a draft’s size cap on %s', (store) => {
  beforeAll(async () => {
    server = await startTestServer({}, { maxDraftBytes: CAP }, store);
    member = await signIn(server.url, 'member@anytown.example');
  });

  afterAll(async () => {
    await server.stop();
  });

  it('refuses an update that would pass the cap before logging it, tells the client, and takes smaller edits', async () => {
    const motionId = await newDraft();
    const name = motionDocumentName(motionId);
    const writer = client(name);
    const argument = await argumentOf(writer);
    const kept = 'Kept. '.repeat(6_000); // 36,000 bytes: fits
    argument.insert(0, kept);
    await waitSaved(writer);

    const before = await stored(name);
    argument.insert(0, 'REFUSED '.repeat(5_000)); // 40,000 more: would pass 64 KiB
    await waitFor(
      () => writer.closes.includes(CLOSE.draftTooLarge.reason),
      10_000,
      'the draft-too-large close',
    );
    // Nothing of it was logged or applied.
    const after = await stored(name);
    expect(after.raw).not.toContain('REFUSED');
    expect(loggedSince(before, after)).toEqual([]);
    expect(after.argument).toBe(kept);

    // Another client (or the same person after a reload) goes on below the cap.
    const next = client(name);
    const text = await argumentOf(next);
    expect(text.toString()).toBe(kept);
    text.insert(0, 'Small. ');
    await waitSaved(next);
    expect(next.closes).toEqual([]);
    expect((await stored(name)).argument).toBe(`Small. ${kept}`);
  });

  it('gives the room of deleted text back once the log is compacted', async () => {
    const name = motionDocumentName(await newDraft());
    const writer = client(name);
    const argument = await argumentOf(writer);
    argument.insert(0, 'First. '.repeat(6_000)); // 42,000 bytes
    await waitSaved(writer);
    argument.delete(0, argument.length);
    await waitSaved(writer);
    // Compacted, the deleted text is gone from the snapshot: another 42,000 fit.
    await compacted(name);
    expect((await stored(name)).bytes).toBeLessThan(CAP / 4);
    argument.insert(0, 'Again. '.repeat(6_000));
    await waitSaved(writer);
    expect(writer.closes).toEqual([]);
    expect((await stored(name)).argument).toBe('Again. '.repeat(6_000));
  });

  it('refuses server-side edits once the draft is full', async () => {
    const motionId = await newDraft();
    const name = motionDocumentName(motionId);
    const writer = client(name);
    const argument = await argumentOf(writer);
    argument.insert(0, 'Near. '.repeat(10_500)); // 63,000 bytes: just below the cap
    await waitSaved(writer);
    writer.destroy();

    const add = () =>
      call<AmendmentView | ApiError>(
        server.url,
        'POST',
        `/api/motions/${motionId}/amendments`,
        { kind: 'insert', target: '5.IV.5.B.i' },
        member,
      );
    // Each insert adds a hundred bytes or so: a few dozen reach the cap.
    let before = await stored(name);
    let answer = await add();
    for (let i = 0; i < 200 && answer.status === 201; i++) {
      before = await stored(name);
      answer = await add();
    }
    expect(answer.status).toBe(413);
    const { error } = answer.body as ApiError;
    expect(error.id).toBe('draft-too-large');
    expect(error.message).toBe(
      'This draft has reached its size limit of 64 KB; nothing was changed',
    );
    // The refused edit logged nothing; the draft passed its cap by one edit at most.
    const full = await stored(name);
    expect(loggedSince(before, full)).toEqual([]);
    expect(full.bytes).toBeLessThan(CAP + 1_024);
  });
});
