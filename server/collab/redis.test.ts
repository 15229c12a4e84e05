import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { openSqliteStore } from '../store/sqlite';
import type { Store } from '../store/types';
import { mergingCompaction } from './redis';
import { replayStored } from './replay';

const NAME = 'motion.merge-test';
const dirs: string[] = [];
const stores: Store[] = [];

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function open(): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'redline-merge-'));
  dirs.push(dir);
  const store = await openSqliteStore(dir);
  stores.push(store);
  return store;
}

/** An update from a fresh client that writes `word` into the shared text. */
function edit(base: Y.Doc, word: string): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(doc);
  doc.getText('t').insert(doc.getText('t').length, word);
  return Y.encodeStateAsUpdate(doc, before);
}

async function storedText(store: Store): Promise<string> {
  const doc = new Y.Doc();
  replayStored(doc, await store.loadDocument(NAME));
  return doc.getText('t').toString();
}

describe('mergingCompaction', () => {
  it('keeps a row another process logged that the compacting document has not seen', async () => {
    const store = await open();
    const a = new Y.Doc();
    // B's client logs first (A has not received it through Redis yet)…
    await store.appendUpdate(NAME, edit(new Y.Doc(), 'B'));
    // …then A's client; A compacts up to its own last row, which is after B's.
    const fromA = edit(a, 'A');
    const upto = await store.appendUpdate(NAME, fromA);
    Y.applyUpdate(a, fromA);

    await mergingCompaction(store).compact(NAME, Y.encodeStateAsUpdate(a), upto);

    const stored = await store.loadDocument(NAME);
    expect(stored.updates).toHaveLength(0);
    expect(['AB', 'BA']).toContain(await storedText(store));
  });

  it('keeps what an earlier snapshot holds when the compacting document lacks it', async () => {
    const store = await open();
    // B compacted its own edit into the snapshot; A never received it.
    const b = new Y.Doc();
    const fromB = edit(b, 'B');
    const bSeq = await store.appendUpdate(NAME, fromB);
    Y.applyUpdate(b, fromB);
    await mergingCompaction(store).compact(NAME, Y.encodeStateAsUpdate(b), bSeq);

    const a = new Y.Doc();
    const fromA = edit(a, 'A');
    const aSeq = await store.appendUpdate(NAME, fromA);
    Y.applyUpdate(a, fromA);
    await mergingCompaction(store).compact(NAME, Y.encodeStateAsUpdate(a), aSeq);

    expect(['AB', 'BA']).toContain(await storedText(store));
  });

  it('leaves rows after `upto` in the log and passes other calls through', async () => {
    const store = await open();
    const merging = mergingCompaction(store);
    const first = await merging.appendUpdate(NAME, edit(new Y.Doc(), 'x'));
    await merging.appendUpdate(NAME, edit(new Y.Doc(), 'y'));
    await merging.compact(NAME, Y.encodeStateAsUpdate(new Y.Doc()), first);
    const stored = await store.loadDocument(NAME);
    expect(stored.updates).toHaveLength(1);
    expect((await storedText(store)).split('').sort().join('')).toBe('xy');
  });
});
