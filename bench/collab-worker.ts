/**
 * One load-generator process for the collaboration benchmarks: the clients it is given, each a
 * provider with its own WebSocket to one of the servers, on one of the documents. Editors insert a
 * word at a random place every second and stamp a beacon `{seq, t, server}` in the same
 * transaction; every client records `now − t` for the beacons of others, apart for beacons that
 * came from a client of another server process (R6: what the hop through Redis adds).
 * Prints one JSON line with latencies, its own CPU time and a digest of each client's final text,
 * then exits.
 *
 * Run by bench/load.ts: `node --import tsx bench/collab-worker.ts`, the options as one JSON line
 * on stdin (a load of thousands of clients is too long for one command-line argument). Once all
 * its clients have synced it prints `synced` and waits for a `go` line: every generator starts
 * typing at the same moment, so each stops at the same moment and none compares its texts while
 * another is still typing.
 */
import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { seededRandom } from '../core/amendments/test/random-edits';
import { webSocketWithCookie } from '../server/test/collab-client';

export interface WorkerClient {
  /** Index into {@link WorkerOptions.urls}: the server process this client talks to. */
  server: number;
  document: string;
  /** Types every second; otherwise a viewer, which only watches. */
  editor: boolean;
}

export interface WorkerOptions {
  urls: string[];
  clients: WorkerClient[];
  durationMs: number;
  seed: number;
  /** The session cookie editors send on the upgrade (Redline refuses rooms without one). */
  cookie?: string;
  /** The viewers' session (a read-only account); the editors' when not given. */
  viewerCookie?: string;
}

export interface WorkerResult {
  /** Every delivery's latency, ms. */
  latencies: number[];
  /** The deliveries whose beacon came from a client of another server process… */
  crossLatencies: number[];
  /** …and those from a client of the same process. */
  localLatencies: number[];
  cpuMs: number;
  /** Per client: its document and the SHA-1 of its final text. */
  texts: { document: string; digest: string }[];
  connectMs: number[];
  errors: string[];
}

interface Beacon {
  seq: number;
  t: number;
  server: number;
}

const now = () => performance.timeOrigin + performance.now();
const WORDS = ['members', 'ballot', 'branch', 'trigger', 'open', 'selection', 'delegate', 'vote'];
const SYNC_TIMEOUT_MS = 60_000;
/** After the load, the last edits are still arriving until no update came for this long… */
const QUIET_MS = 1_000;
/** …or this long has passed (an overloaded server may never go quiet). */
const SETTLE_MAX_MS = 20_000;

async function main(options: WorkerOptions, go: Promise<void>): Promise<WorkerResult> {
  const rng = seededRandom(options.seed);
  const latencies: number[] = [];
  const crossLatencies: number[] = [];
  const localLatencies: number[] = [];
  const connectMs: number[] = [];
  // Beacons stamped before this run (an earlier run on the same document) arrive with the first
  // sync; they are history, not latency.
  const runStart = now();
  let lastUpdate = now();
  const clients = options.clients.map((spec) => {
    const doc = new Y.Doc();
    const socket = new HocuspocusProviderWebsocket({
      url: options.urls[spec.server] as string,
      WebSocketPolyfill: webSocketWithCookie(
        spec.editor ? options.cookie : (options.viewerCookie ?? options.cookie),
      ),
    });
    const started = now();
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: spec.document,
      document: doc,
    });
    provider.attach();
    const synced = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`a client of ${spec.document} did not sync within 60 s`)),
        SYNC_TIMEOUT_MS,
      );
      provider.on('synced', () => {
        clearTimeout(timer);
        connectMs.push(now() - started);
        resolve();
      });
    });
    doc.on('update', () => (lastUpdate = now()));
    const beacons = doc.getMap<Beacon>('beacons');
    beacons.observe((event) => {
      const t = now();
      for (const key of event.keysChanged) {
        if (key === String(doc.clientID)) continue;
        const beacon = beacons.get(key);
        if (!beacon || beacon.t < runStart || event.transaction.origin === null) continue;
        latencies.push(t - beacon.t);
        (beacon.server === spec.server ? localLatencies : crossLatencies).push(t - beacon.t);
      }
    });
    return { spec, provider, doc, socket, synced };
  });
  await Promise.all(clients.map((c) => c.synced));
  process.stdout.write('synced\n');
  await go;
  const cpuStart = process.cpuUsage();

  const timers: NodeJS.Timeout[] = [];
  for (const { spec, doc } of clients) {
    if (!spec.editor) continue;
    let seq = 0;
    const tick = () => {
      const text = doc.getText('argument');
      doc.transact(() => {
        const at = Math.floor(rng() * (text.length + 1));
        text.insert(at, `${WORDS[Math.floor(rng() * WORDS.length)]} `);
        doc.getMap<Beacon>('beacons').set(String(doc.clientID), {
          seq: ++seq,
          t: now(),
          server: spec.server,
        });
      });
    };
    timers.push(
      setTimeout(() => {
        tick();
        timers.push(setInterval(tick, 1000));
      }, rng() * 1000),
    );
  }
  await new Promise((r) => setTimeout(r, options.durationMs));
  for (const t of timers) clearInterval(t);
  // Let the last edits arrive everywhere before comparing.
  const settleBy = now() + SETTLE_MAX_MS;
  while (now() - lastUpdate < QUIET_MS && now() < settleBy) {
    await new Promise((r) => setTimeout(r, 100));
  }
  // Digests, not the texts: what matters is whether every client of a document holds the same.
  const texts = clients.map(({ spec, doc }) => ({
    document: spec.document,
    digest: createHash('sha1').update(doc.getText('argument').toString()).digest('hex'),
  }));
  for (const { provider, socket } of clients) {
    provider.destroy();
    socket.destroy();
  }
  const cpu = process.cpuUsage(cpuStart);
  return {
    latencies,
    crossLatencies,
    localLatencies,
    cpuMs: (cpu.user + cpu.system) / 1000,
    texts,
    connectMs,
    errors: [],
  };
}

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const options = JSON.parse(String((await lines.next()).value)) as WorkerOptions;
const go = lines.next().then(() => undefined);
// A pipe write is asynchronous: exit only once the whole line is out.
main(options, go).then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0)),
  (error: Error) => {
    const failed: WorkerResult = {
      latencies: [],
      crossLatencies: [],
      localLatencies: [],
      cpuMs: 0,
      texts: [],
      connectMs: [],
      errors: [error.message],
    };
    process.stdout.write(`${JSON.stringify(failed)}\n`, () => process.exit(1));
  },
);
