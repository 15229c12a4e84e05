/**
 * The multi-process load generator the collaboration benchmarks share: it deals the clients of a
 * load round-robin to generator processes (bench/collab-worker.ts), runs them against one or more
 * server processes, and gathers latencies, convergence per document, each server's CPU and RSS, a
 * probe of each server's responsiveness, and the generators' own CPU, so that a saturated
 * generator shows instead of passing for a slow server.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { percentile } from './stats';
import type { WorkerClient, WorkerOptions, WorkerResult } from './collab-worker';

/** CPU seconds (user + system) and resident memory of a process, from /proc. */
export function processStats(pid: number): { cpuS: number; rssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(stat[11]) + Number(stat[12]);
  const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return { cpuS: ticks / 100, rssMb: Number(rss ?? 0) / 1024 };
}

/** The server processes a load runs against. */
export interface Target {
  /** WebSocket URL of each process. */
  urls: string[];
  pids: number[];
  /** Each process's `/healthz`, probed during the load; absent for bare Hocuspocus. */
  health?: string[];
}

export interface LoadResult {
  latencies: number[];
  /** Deliveries that crossed from one server process to another… */
  crossLatencies: number[];
  /** …and those that did not. */
  localLatencies: number[];
  /** Every document's clients ended with the same text. */
  converged: boolean;
  errors: string[];
  /** Server CPU, in cores (summed over the processes). */
  serverCpu: number;
  /** Resident memory, MB, summed over the server processes. */
  serverRss: number;
  /** The busiest generator process's CPU, as a fraction of one core (1 = saturated). */
  generatorCpu: number;
  /** How busy the whole machine was (every core, servers and generators together), 0–1. */
  machineBusy: number;
  /** Round trips of `/healthz` during the load: what a request waits for the event loop. */
  probeMs: number[];
  connectMs: number[];
  /** When typing began and when the generators finished (`performance.now()` of this process). */
  window: { from: number; to: number };
}

const TSX = ['--import', 'tsx'];
const PROBE_EVERY_MS = 200;

/** A generator process: `synced` once its clients are in, `result` once it has finished. */
function startWorker(options: WorkerOptions) {
  const child = spawn(process.execPath, [...TSX, 'bench/collab-worker.ts'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  let onSynced = () => {};
  const synced = new Promise<void>((resolve) => (onSynced = resolve));
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.startsWith('synced\n')) onSynced();
  });
  const result = new Promise<WorkerResult>((resolve, reject) => {
    child.on('exit', () => {
      onSynced(); // a generator that failed before syncing holds nobody up
      try {
        resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as WorkerResult);
      } catch (error) {
        reject(error);
      }
    });
  });
  child.stdin.write(`${JSON.stringify(options)}\n`);
  return { synced, result, go: () => child.stdin.end('go\n') };
}

/** Busy and total jiffies of the whole machine, from /proc/stat. */
function machineTicks(): { busy: number; total: number } {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const n = fields.map(Number);
  const idle = (n[3] ?? 0) + (n[4] ?? 0);
  const total = n.reduce((s, x) => s + x, 0);
  return { busy: total - idle, total };
}

/** Probes `urls` every {@link PROBE_EVERY_MS} until `stop` is called; returns the round trips. */
function probe(urls: readonly string[]): () => Promise<number[]> {
  const times: number[] = [];
  let running = true;
  const loops = urls.map(async (url) => {
    while (running) {
      const t = performance.now();
      await fetch(url).then(
        (r) => r.arrayBuffer(),
        () => undefined,
      );
      times.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
    }
  });
  return async () => {
    running = false;
    await Promise.all(loops);
    return times;
  };
}

/**
 * Runs `clients` against `target` for `durationMs` from `processes` generator processes.
 * `cookies` are the sessions editors and viewers send (Redline refuses rooms without one).
 */
export async function load(
  target: Target,
  clients: readonly WorkerClient[],
  durationMs: number,
  {
    processes = 2,
    cookies = {},
  }: { processes?: number; cookies?: { editor?: string; viewer?: string } } = {},
): Promise<LoadResult> {
  const documents = new Set(clients.map((c) => c.document)).size;
  progress(
    `load: ${clients.length} clients on ${documents} document(s) for ${durationMs / 1000} s`,
  );
  const workers = Array.from({ length: processes }, (_, p) =>
    startWorker({
      urls: target.urls,
      clients: clients.filter((_, c) => c % processes === p),
      durationMs,
      seed: 1000 + p,
      cookie: cookies.editor,
      viewerCookie: cookies.viewer,
    }),
  );
  await Promise.all(workers.map((w) => w.synced));
  // Measured from the moment everyone types: connecting thousands of clients is not the load.
  const before = target.pids.map(processStats);
  const machineBefore = machineTicks();
  const stopProbe = probe(target.health ?? []);
  const t0 = performance.now();
  for (const w of workers) w.go();
  const results = await Promise.all(workers.map((w) => w.result));
  const wall = (performance.now() - t0) / 1000;
  const probeMs = await stopProbe();
  const after = target.pids.map(processStats);
  const machineAfter = machineTicks();
  const digests = new Map<string, Set<string>>();
  for (const { document, digest } of results.flatMap((r) => r.texts)) {
    digests.set(document, (digests.get(document) ?? new Set()).add(digest));
  }
  return {
    latencies: results.flatMap((r) => r.latencies),
    crossLatencies: results.flatMap((r) => r.crossLatencies),
    localLatencies: results.flatMap((r) => r.localLatencies),
    converged: digests.size === documents && [...digests.values()].every((d) => d.size === 1),
    errors: results.flatMap((r) => r.errors),
    serverCpu: after.reduce((s, a, i) => s + a.cpuS - before[i]!.cpuS, 0) / wall,
    serverRss: after.reduce((s, a) => s + a.rssMb, 0),
    generatorCpu: Math.max(...results.map((r) => r.cpuMs)) / 1000 / wall,
    machineBusy:
      (machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total),
    probeMs,
    connectMs: results.flatMap((r) => r.connectMs),
    window: { from: t0, to: t0 + wall * 1000 },
  };
}

const benchStart = performance.now();

/** A progress line on stderr (the figures go to stdout), with the time since the bench began. */
export function progress(message: string): void {
  const s = (performance.now() - benchStart) / 1000;
  process.stderr.write(`[${s.toFixed(0).padStart(4)} s] ${message}\n`);
}

/** `editors` then `viewers` on each of `documents`, spread over the target's servers in turn. */
export function clientsOf(
  documents: readonly string[],
  editors: number,
  viewers = 0,
  servers = 1,
): WorkerClient[] {
  let n = 0;
  return documents.flatMap((document) =>
    Array.from({ length: editors + viewers }, (_, k) => ({
      document,
      editor: k < editors,
      server: n++ % servers,
    })),
  );
}

/** One line saying what else a load result showed: convergence, CPU, memory, probe, errors. */
export function describeLoad(r: LoadResult): string {
  const parts = [
    r.converged ? 'converged' : 'NOT CONVERGED within 20 s of the last edit',
    `server ${(r.serverCpu * 100).toFixed(0)}% CPU, ${r.serverRss.toFixed(0)} MB`,
    `busiest generator ${(r.generatorCpu * 100).toFixed(0)}% of a core`,
    `machine ${(r.machineBusy * 100).toFixed(0)}% busy`,
  ];
  if (r.probeMs.length) parts.push(`/healthz p99 ${percentile(r.probeMs, 99).toFixed(1)} ms`);
  if (r.errors.length) parts.push(`errors: ${r.errors[0]}`);
  return parts.join('; ');
}

/** JSON API call with a session cookie (POST when `body` is given). */
export async function api<T>(
  base: string,
  cookie: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: body ? { 'content-type': 'application/json', cookie } : { cookie },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A new draft motion of Anytown CLP on the demo edition; returns its drafting room's name. */
export async function newMotionRoom(base: string, cookie: string, title: string): Promise<string> {
  const motion = await api<{ id: string }>(base, cookie, '/api/motions', {
    editionId: 'labour-2024',
    title,
    bodyId: 'anytown-clp',
  });
  return `motion.${motion.id}`;
}
