import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { openSqliteStore } from './sqlite';
import type { Store } from './types';

let dir: string;
let store: Store;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'redline-store-'));
  store = await openSqliteStore(dir);
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const edition = {
  id: 'labour-2024',
  organisation: 'Labour Party',
  title: 'Rule Book',
  edition: '2024',
  profile: 'labour',
  source: '# Chapter 1: X\n',
};

describe('openSqliteStore', () => {
  it('migrates once and reopens an existing database', async () => {
    await store.createEdition(edition);
    await store.close();
    store = await openSqliteStore(dir);
    expect((await store.listEditions()).map((e) => e.id)).toEqual(['labour-2024']);
  });

  it('stores and reads editions', async () => {
    const created = await store.createEdition(edition);
    expect(created).toMatchObject(edition);
    expect(await store.getEdition('labour-2024')).toEqual(created);
    expect(await store.getEdition('nope')).toBeNull();
    await expect(store.createEdition(edition)).rejects.toThrow();
  });

  it('creates, lists, reads and touches motions', async () => {
    await store.createEdition(edition);
    const m = await store.createMotion({
      id: 'abcdef12',
      editionId: 'labour-2024',
      title: 'T',
      body: 'Anytown CLP',
    });
    expect(m.createdAt).toBe(m.updatedAt);
    expect(await store.listMotions()).toEqual([m]);
    await new Promise((r) => setTimeout(r, 5));
    await store.touchMotion(m.id);
    const touched = await store.getMotion(m.id);
    expect(touched && touched.updatedAt > m.updatedAt).toBe(true);
    expect(await store.getMotion('zzzzzzzz')).toBeNull();
  });

  it('refuses a motion of an unknown edition', async () => {
    await expect(
      store.createMotion({ id: 'abcdef12', editionId: 'nope', title: 'T', body: '' }),
    ).rejects.toThrow();
  });

  it('keeps every update through append, load and compact', async () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const text = doc.getText('t');
    for (const word of ['one ', 'two ', 'three ']) text.insert(text.length, word);

    const seqs: number[] = [];
    for (const u of updates) seqs.push(await store.appendUpdate('motion.abcdef12', u));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    await store.appendUpdate('motion.other123', updates[0] as Uint8Array);

    const replay = (stored: Awaited<ReturnType<Store['loadDocument']>>) => {
      const copy = new Y.Doc();
      if (stored.snapshot) Y.applyUpdate(copy, stored.snapshot);
      for (const { update } of stored.updates) Y.applyUpdate(copy, update);
      return copy.getText('t').toString();
    };

    const loaded = await store.loadDocument('motion.abcdef12');
    expect(loaded.snapshot).toBeNull();
    expect(loaded.updates.map((u) => u.seq)).toEqual(seqs);
    expect(replay(loaded)).toBe('one two three ');

    // Compact up to the second update; the third stays in the log.
    const partial = new Y.Doc();
    Y.applyUpdate(partial, updates[0] as Uint8Array);
    Y.applyUpdate(partial, updates[1] as Uint8Array);
    await store.compact('motion.abcdef12', Y.encodeStateAsUpdate(partial), seqs[1] as number);
    const after = await store.loadDocument('motion.abcdef12');
    expect(after.snapshot).not.toBeNull();
    expect(after.updates.map((u) => u.seq)).toEqual([seqs[2]]);
    expect(replay(after)).toBe('one two three ');

    text.insert(text.length, 'four');
    await store.appendUpdate('motion.abcdef12', updates[3] as Uint8Array);
    await store.compact('motion.abcdef12', Y.encodeStateAsUpdate(doc), seqs[2] as number);
    expect(replay(await store.loadDocument('motion.abcdef12'))).toBe('one two three four');
    // Other documents are untouched.
    expect((await store.loadDocument('motion.other123')).updates).toHaveLength(1);
  });
});
