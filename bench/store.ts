/**
 * R2: what writing every update through to the store before it is acknowledged costs — the append
 * the Persistence extension awaits in `beforeSync`, on the real stores (SQLite, and PostgreSQL on
 * a fresh database on the local server), one typing-sized update at a time. Run alone:
 * `npx tsx bench/store.ts`. PostgreSQL must be running (127.0.0.1:5432, or
 * `REDLINE_TEST_POSTGRES_URL`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as Y from 'yjs';
import { openPostgresStore } from '../server/store/postgres';
import { openSqliteStore } from '../server/store/sqlite';
import type { Store } from '../server/store/types';
import { createTestDatabase } from '../server/test/postgres';
import { percentile, report, type Row } from './stats';

/** Updates not timed at the start of each run: connection, statement and page-cache warm-up. */
const WARM_UP = 200;

/** Real Yjs updates of one typed word each, `count` of them. */
function typedWords(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const payloads: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => payloads.push(u));
  const text = doc.getText('t');
  for (let i = 0; i < count; i++) text.insert(text.length, 'word ');
  return payloads;
}

/** Appends every payload in turn, answering the time of each after the warm-up, in ms. */
async function timeAppends(store: Store, payloads: readonly Uint8Array[]): Promise<number[]> {
  const samples: number[] = [];
  for (const [i, payload] of payloads.entries()) {
    const t = performance.now();
    await store.appendUpdate('motion.benchstore', payload);
    if (i >= WARM_UP) samples.push(performance.now() - t);
  }
  return samples;
}

/** The p99 and median rows of one store. */
function rows(store: string, samples: readonly number[], target: string): Row[] {
  return [
    {
      id: 'R2',
      what: `${store}: write-through of an update, p99 of ${samples.length}`,
      value: percentile(samples, 99),
      unit: 'ms',
      target,
    },
    {
      id: 'R2',
      what: `${store}: … median`,
      value: percentile(samples, 50),
      unit: 'ms',
      target: '—',
    },
  ];
}

/** Times `appendUpdate` for real Yjs updates of one typed word each, on SQLite then PostgreSQL. */
export async function benchStore(updates = 5_000): Promise<Row[]> {
  const payloads = typedWords(updates + WARM_UP);

  const dir = mkdtempSync(join(tmpdir(), 'redline-store-'));
  let sqlite: number[];
  try {
    const store = await openSqliteStore(dir);
    try {
      sqlite = await timeAppends(store, payloads);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const database = await createTestDatabase();
  let postgres: number[];
  try {
    const store = await openPostgresStore(database.url);
    try {
      postgres = await timeAppends(store, payloads);
    } finally {
      await store.close();
    }
  } finally {
    await database.drop();
  }

  // The 1 ms target is SQLite's (the default store); none is set for PostgreSQL, which pays a
  // round trip and a WAL flush per commit.
  return [...rows('SQLite', sqlite, '≤ 1 ms'), ...rows('PostgreSQL', postgres, '—')];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  report('write-through (SQLite WAL; PostgreSQL, local server)', await benchStore());
}
