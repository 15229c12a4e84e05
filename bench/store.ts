/**
 * R2: what writing every update through to SQLite before it is acknowledged costs — the append
 * the Persistence extension awaits in `beforeSync`, on the real store, one typing-sized update at
 * a time. Run alone: `npx tsx bench/store.ts`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as Y from 'yjs';
import { openSqliteStore } from '../server/store/sqlite';
import { percentile, report, type Row } from './stats';

/** Times `appendUpdate` for real Yjs updates of one typed word each. */
export async function benchStore(updates = 5_000): Promise<Row[]> {
  const store = await openSqliteStore(mkdtempSync(join(tmpdir(), 'redline-store-')));
  const doc = new Y.Doc();
  const payloads: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => payloads.push(u));
  const text = doc.getText('t');
  for (let i = 0; i < updates + 200; i++) text.insert(text.length, 'word ');
  const samples: number[] = [];
  for (const [i, payload] of payloads.entries()) {
    const t = performance.now();
    await store.appendUpdate('motion.benchstore', payload);
    if (i >= 200) samples.push(performance.now() - t);
  }
  await store.close();
  return [
    {
      id: 'R2',
      what: `write-through of one update before its ack (p99 of ${updates})`,
      value: percentile(samples, 99),
      unit: 'ms',
      target: '≤ 1 ms',
    },
    { id: 'R2', what: '… median', value: percentile(samples, 50), unit: 'ms', target: '—' },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  report('write-through (SQLite, WAL)', await benchStore());
}
