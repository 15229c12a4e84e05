/**
 * One load-generator process for the collaboration benchmarks: `clients` providers on one document
 * over real WebSockets. Editors insert a word at a random place every second and stamp a beacon
 * `{seq, t}` in the same transaction; every client records `now − t` for the beacons of others.
 * Prints one JSON line with latencies, its own CPU time and each client's final text, then exits.
 *
 * Run by bench/collab.ts: `node --import tsx bench/collab-worker.ts <json options>`.
 */
import { createHash } from 'node:crypto';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { seededRandom } from '../core/amendments/test/random-edits';
import { webSocketWithCookie } from '../server/test/collab-client';

export interface WorkerOptions {
  url: string;
  document: string;
  editors: number;
  viewers: number;
  durationMs: number;
  seed: number;
  /** Viewers that also broadcast presence (cursor moves) every second. */
  viewersBroadcast?: boolean;
  /** The session cookie editors send on the upgrade (Redline refuses rooms without one). */
  cookie?: string;
  /** The viewers' session (a read-only account); the editors' when not given. */
  viewerCookie?: string;
}

export interface WorkerResult {
  latencies: number[];
  cpuMs: number;
  /** SHA-1 of each client's final text. */
  texts: string[];
  connectMs: number[];
  errors: string[];
}

const now = () => performance.timeOrigin + performance.now();
const WORDS = ['members', 'ballot', 'branch', 'trigger', 'open', 'selection', 'delegate', 'vote'];

async function main(options: WorkerOptions): Promise<WorkerResult> {
  const rng = seededRandom(options.seed);
  const latencies: number[] = [];
  const errors: string[] = [];
  const connectMs: number[] = [];
  const cpuStart = process.cpuUsage();
  // Beacons stamped before this run (an earlier run on the same document) arrive with the first
  // sync; they are history, not latency.
  const runStart = now();
  const clients: {
    provider: HocuspocusProvider;
    doc: Y.Doc;
    socket: HocuspocusProviderWebsocket;
  }[] = [];
  const total = options.editors + options.viewers;
  const synced: Promise<void>[] = [];
  for (let c = 0; c < total; c++) {
    const doc = new Y.Doc();
    const socket = new HocuspocusProviderWebsocket({
      url: options.url,
      WebSocketPolyfill: webSocketWithCookie(
        c < options.editors ? options.cookie : (options.viewerCookie ?? options.cookie),
      ),
    });
    const started = now();
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: options.document,
      document: doc,
    });
    provider.attach();
    synced.push(
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`client ${c} did not sync within 30 s`)),
          30_000,
        );
        provider.on('synced', () => {
          clearTimeout(timer);
          connectMs.push(now() - started);
          resolve();
        });
      }),
    );
    doc.getMap('beacons').observe((event) => {
      const t = now();
      for (const key of event.keysChanged) {
        if (key === String(doc.clientID)) continue;
        const beacon = doc.getMap('beacons').get(key) as { t: number } | undefined;
        if (beacon && beacon.t >= runStart && event.transaction.origin !== null) {
          latencies.push(t - beacon.t);
        }
      }
    });
    clients.push({ provider, doc, socket });
  }
  await Promise.all(synced);

  const timers: NodeJS.Timeout[] = [];
  clients.forEach(({ doc, provider }, c) => {
    const editor = c < options.editors;
    if (!editor && !options.viewersBroadcast) return;
    let seq = 0;
    const tick = () => {
      if (editor) {
        const text = doc.getText('argument');
        doc.transact(() => {
          const at = Math.floor(rng() * (text.length + 1));
          text.insert(at, `${WORDS[Math.floor(rng() * WORDS.length)]} `);
          doc.getMap('beacons').set(String(doc.clientID), { seq: ++seq, t: now() });
        });
      } else {
        provider.setAwarenessField('cursor', { at: Math.floor(rng() * 1000) });
      }
    };
    const phase = setTimeout(() => {
      tick();
      timers.push(setInterval(tick, 1000));
    }, rng() * 1000);
    timers.push(phase);
  });
  await new Promise((r) => setTimeout(r, options.durationMs));
  for (const t of timers) clearInterval(t);
  // Let the last edits arrive everywhere before comparing.
  await new Promise((r) => setTimeout(r, 2000));
  // Digests, not the texts: what matters is whether every client holds the same text.
  const texts = clients.map(({ doc }) =>
    createHash('sha1').update(doc.getText('argument').toString()).digest('hex'),
  );
  for (const { provider, socket } of clients) {
    provider.destroy();
    socket.destroy();
  }
  const cpu = process.cpuUsage(cpuStart);
  return { latencies, cpuMs: (cpu.user + cpu.system) / 1000, texts, connectMs, errors };
}

const options = JSON.parse(process.argv[2] ?? '{}') as WorkerOptions;
// A pipe write is asynchronous: exit only once the whole line is out.
main(options).then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0)),
  (error: Error) => {
    const failed = { latencies: [], cpuMs: 0, texts: [], connectMs: [], errors: [error.message] };
    process.stdout.write(`${JSON.stringify(failed)}\n`, () => process.exit(1));
  },
);
