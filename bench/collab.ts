/**
 * Collaboration benchmarks L1–L6 and R2's second half (PERFORMANCE.md): Redline's server and bare
 * Hocuspocus, each a separate process on loopback, driven by load-generator processes
 * (bench/load.ts). Run alone: `npx tsx bench/collab.ts` (`BENCH_SECONDS`, default 20, sets each
 * run's length).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { percentile, report, type Row } from './stats';
import { clientsOf, describeLoad, load, newMotionRoom, type LoadResult, type Target } from './load';
import { signIn } from '../server/test/collab-client';
import { freePort } from '../server/test/ports';
import { startServerProcess, type ServerProcess } from '../server/test/process';

/** The seeded demo accounts the load runs as: Anytown's member drafts, its viewer watches. */
const DRAFTER = 'member@anytown.example';
const VIEWER = 'viewer@anytown.example';
/** Measure the load, not the connection limiter. */
export const UNLIMITED = { COLLAB_CONNECTIONS_PER_MINUTE: '1000000' };

/** A Redline server process as a load target. */
export function targetOf(...servers: ServerProcess[]): Target {
  return {
    urls: servers.map((s) => `${s.url.replace(/^http/, 'ws')}/collab`),
    pids: servers.map((s) => s.process.pid!),
    health: servers.map((s) => `${s.url}/healthz`),
  };
}

/** Sessions of the demo drafter and viewer on `base`. */
export async function demoSessions(base: string) {
  return { editor: await signIn(base, DRAFTER), viewer: await signIn(base, VIEWER) };
}

/** A row for a load's p99, with everything else it showed in the description. */
export function p99Row(id: string, what: string, r: LoadResult, target: string): Row {
  const p50 = percentile(r.latencies, 50).toFixed(1);
  const max = r.latencies.reduce((m, x) => Math.max(m, x), 0).toFixed(0);
  return {
    id,
    what: `${what}, p99 (p50 ${p50} ms, max ${max} ms, n=${r.latencies.length}); ${describeLoad(r)}`,
    value: percentile(r.latencies, 99),
    unit: 'ms',
    target,
  };
}

/** Measures L1–L6 and R2's second half, and returns the rows. */
export async function benchCollab(
  durationMs = Number(process.env.BENCH_SECONDS ?? 20) * 1000,
): Promise<Row[]> {
  const rows: Row[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'redline-bench-'));
  const ours = await startServerProcess({ port: await freePort(), dataDir, env: UNLIMITED });
  const barePort = await freePort();
  const bare = await startServerProcess({
    port: barePort,
    dataDir,
    entry: 'bench/bare-server.ts',
  });
  // The same server without write-through, for R2's "L1 within 10% of running without it".
  const plain = await startServerProcess({
    port: await freePort(),
    dataDir: mkdtempSync(join(tmpdir(), 'redline-bench-plain-')),
    env: { ...UNLIMITED, REDLINE_WRITE_THROUGH: 'off' },
  });
  try {
    const target = targetOf(ours);
    const bareTarget: Target = { urls: [`ws://127.0.0.1:${barePort}`], pids: [bare.process.pid!] };
    // Editors are the seeded Anytown member, who may write Anytown's drafts; viewers are its
    // viewer, whose connections are read-only, as in a real hall.
    const cookies = await demoSessions(ours.url);
    const room = (title: string) => newMotionRoom(ours.url, cookies.editor, title);

    const l1 = await load(target, clientsOf([await room('L1')], 25), durationMs, { cookies });
    rows.push(p99Row('L1', '25 editors on one motion', l1, '≤ 25 ms'));
    const bareL1 = await load(bareTarget, clientsOf(['bench-l1'], 25), durationMs);
    rows.push(p99Row('L6', 'bare Hocuspocus, the same 25 editors (the baseline)', bareL1, '—'));
    rows.push({
      id: 'L6',
      what: 'our L1 p99 ÷ bare Hocuspocus p99',
      value: percentile(l1.latencies, 99) / percentile(bareL1.latencies, 99),
      unit: '×',
      target: '≤ 1.5×',
    });

    const l2 = await load(target, clientsOf([await room('L2')], 50), durationMs, { cookies });
    rows.push(p99Row('L2', '50 editors on one motion', l2, '≤ 50 ms'));

    const l3 = await load(target, clientsOf([await room('L3')], 10, 290), durationMs, {
      cookies,
    });
    rows.push(p99Row('L3', '10 editors + 290 read-only viewers', l3, '≤ 100 ms'));
    const bareL3 = await load(bareTarget, clientsOf(['bench-l3'], 10, 290), durationMs);
    rows.push(
      p99Row('L3', 'bare Hocuspocus, the same 10 + 290 (the baseline; no read-only)', bareL3, '—'),
    );

    // L4: a conference's branches drafting at once — 300 motions, each with 2 editors and 3
    // viewers. Three generators: 1,500 clients are more than two generator threads keep up with.
    const rooms = [];
    for (let m = 0; m < 300; m++) rooms.push(await room(`L4 ${m}`));
    const l4 = await load(target, clientsOf(rooms, 2, 3), durationMs, { cookies, processes: 3 });
    rows.push(
      p99Row('L4', '300 motions × (2 editors + 3 viewers), 1,500 connections', l4, '≤ 50 ms'),
    );
    rows.push({
      id: 'L4',
      what: 'server RSS with 300 motions and 1,500 connections open',
      value: l4.serverRss,
      unit: 'MB',
      target: '≤ 500 MB',
    });

    // R2, second half: alternate with and without write-through, three rounds each, and compare
    // the medians of their p99s: one run of each differs by more than the effect measured.
    const plainTarget = targetOf(plain);
    const plainCookies = await demoSessions(plain.url);
    const wtRoom = await room('R2');
    const plainRoom = await newMotionRoom(plain.url, plainCookies.editor, 'R2');
    const withWt: number[] = [];
    const without: number[] = [];
    for (let round = 0; round < 3; round++) {
      const a = await load(target, clientsOf([wtRoom], 25), durationMs / 2, { cookies });
      withWt.push(percentile(a.latencies, 99));
      const b = await load(plainTarget, clientsOf([plainRoom], 25), durationMs / 2, {
        cookies: plainCookies,
      });
      without.push(percentile(b.latencies, 99));
    }
    const list = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(', ');
    rows.push({
      id: 'R2',
      what: `L1 p99 with write-through ÷ without, medians of 3 alternating runs (with: ${list(withWt)} ms; without: ${list(without)} ms)`,
      value: percentile(withWt, 50) / percentile(without, 50),
      unit: '×',
      target: '≤ 1.10×',
    });

    // L5: cold open — a motion the server has not loaded: first full sync of a new client.
    const cold: number[] = [];
    for (let k = 0; k < 10; k++) {
      const name = await room(`Cold ${k}`);
      await new Promise((r) => setTimeout(r, 300));
      const r = await load(target, clientsOf([name], 1), 10, { cookies, processes: 1 });
      cold.push(...r.connectMs);
    }
    rows.push({
      id: 'L5',
      what: 'cold open of a motion: load + first full sync (p99 of 10, incl. WebSocket connect)',
      value: percentile(cold, 99),
      unit: 'ms',
      target: '≤ 200 ms',
    });
  } finally {
    await Promise.all([ours.stop(5_000), bare.stop(5_000), plain.stop(5_000)]);
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchCollab().then((rows) => report('collaboration (loopback, 2 cores)', rows));
}
