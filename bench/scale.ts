/**
 * Scale-out and capacity (PERFORMANCE.md R6; issue 7's capacity sweep). Two deployments, each
 * started as a user would start it: one process on SQLite (the default), and two processes on one
 * PostgreSQL database (fresh, on 127.0.0.1:5432) and Redis (REDIS_URL or 127.0.0.1:6379).
 *
 * - R6: 25 editors on one motion, spread over the two processes; the median latency of deliveries
 *   that crossed from one process to the other, against those that did not, in the same run.
 * - The sweep: 10 → 200 editors on one motion, then 100 → 1,000 motions with 5 people each, in
 *   both deployments; where p95 passes 2 s.
 * - CPU profiles of the single process at each sweep's knee (its largest point when p95 stays
 *   under 2 s), summarised for the load's window only (bench/profile.ts).
 *
 * Run alone: `npx tsx bench/scale.ts` (`BENCH_SWEEP_SECONDS`, default 10, sets each point's
 * length; `BENCH_PROFILE_DIR` says where the profiles go, default the temp folder).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { demoSessions, targetOf, UNLIMITED } from './collab';
import { clientsOf, describeLoad, load, newMotionRoom, progress, type LoadResult } from './load';
import { printSummary, summariseProfile } from './profile';
import { percentile, report, type Row } from './stats';
import { freePort } from '../server/test/ports';
import { createTestDatabase, type TestDatabase } from '../server/test/postgres';
import { startServerProcess, type ServerProcess } from '../server/test/process';

const REDIS_URL = process.env['REDIS_URL'] || 'redis://127.0.0.1:6379';
const EDITORS = [10, 25, 50, 100, 150, 200];
const MOTIONS = [100, 300, 600, 1000];
/** Per motion in the many-motions sweep: a branch drafting together while others watch. */
const PER_MOTION = { editors: 2, viewers: 3 };
/** The latency the sweep looks for: past it, co-drafting has stopped feeling live. */
const KNEE_MS = 2000;
/** A point whose p95 is past this is the last one run: larger loads only queue more. */
const GIVE_UP_MS = 10_000;

interface Deployment {
  name: string;
  servers: ServerProcess[];
  stop(): Promise<void>;
}

async function single(nodeArgs: string[] = []): Promise<Deployment> {
  const server = await startServerProcess({
    port: await freePort(),
    dataDir: mkdtempSync(join(tmpdir(), 'redline-scale-')),
    env: UNLIMITED,
    nodeArgs,
  });
  return { name: 'one process, SQLite', servers: [server], stop: () => server.stop(10_000) };
}

async function scaledOut(): Promise<Deployment> {
  const database: TestDatabase = await createTestDatabase();
  const env = { ...UNLIMITED, DATABASE_URL: database.url, REDIS_URL };
  const servers: ServerProcess[] = [];
  try {
    // One after the other: the first migrates and seeds the empty database.
    for (let k = 0; k < 2; k++) {
      const dataDir = mkdtempSync(join(tmpdir(), 'redline-scale-'));
      servers.push(await startServerProcess({ port: await freePort(), dataDir, env }));
    }
  } catch (error) {
    await Promise.all(servers.map((s) => s.stop(5_000)));
    await database.drop();
    throw error;
  }
  return {
    name: 'two processes, PostgreSQL + Redis',
    servers,
    async stop() {
      await Promise.all(servers.map((s) => s.stop(10_000)));
      await database.drop();
    },
  };
}

/** `n` new draft motions on the deployment's first process (every process sees them). */
async function rooms(d: Deployment, cookie: string, n: number, title: string): Promise<string[]> {
  if (n > 1) progress(`${d.name}: creating ${n} motions`);
  const out: string[] = [];
  for (let k = 0; k < n; k++)
    out.push(await newMotionRoom(d.servers[0]!.url, cookie, `${title} ${k}`));
  return out;
}

function pointRow(id: string, what: string, r: LoadResult): Row {
  const p = (q: number) => percentile(r.latencies, q);
  return {
    id,
    what: `${what}: p95 (p50 ${p(50).toFixed(0)} ms, p99 ${p(99).toFixed(0)} ms, n=${r.latencies.length}); ${describeLoad(r)}`,
    value: p(95),
    unit: 'ms',
    target: `p95 ≤ ${KNEE_MS} ms`,
  };
}

/** Runs `points` in order until p95 passes {@link GIVE_UP_MS}; rows and the knee. */
async function sweep(
  id: string,
  d: Deployment,
  points: readonly number[],
  run: (n: number) => Promise<LoadResult>,
  label: (n: number) => string,
): Promise<{ rows: Row[]; knee: number | null }> {
  const rows: Row[] = [];
  let knee: number | null = null;
  for (const n of points) {
    progress(`${id} ${d.name}: ${label(n)}`);
    const r = await run(n);
    rows.push(pointRow(id, `${label(n)}, ${d.name}`, r));
    const p95 = percentile(r.latencies, 95);
    if (knee === null && !(p95 <= KNEE_MS)) knee = n;
    if (!(p95 <= GIVE_UP_MS)) break;
  }
  rows.push({
    id,
    what: `${d.name}: first point where p95 passes ${KNEE_MS / 1000} s${knee === null ? ` (not reached up to ${label(points.at(-1)!)})` : ''}`,
    value: knee ?? NaN,
    unit: '',
    target: '—',
  });
  return { rows, knee };
}

/**
 * The editors and many-motions sweeps against one deployment: their rows, and each one's knee
 * (its largest point when p95 stayed under 2 s).
 */
async function sweeps(
  d: Deployment,
  ms: number,
): Promise<{ rows: Row[]; editors: number; motions: number }> {
  const target = targetOf(...d.servers);
  const servers = d.servers.length;
  const cookies = await demoSessions(d.servers[0]!.url);
  const c1 = await sweep(
    'C1',
    d,
    EDITORS,
    async (n) =>
      load(target, clientsOf(await rooms(d, cookies.editor, 1, 'Sweep'), n, 0, servers), ms, {
        cookies,
      }),
    (n) => `${n} editors on one motion`,
  );
  const all = await rooms(d, cookies.editor, MOTIONS.at(-1)!, 'Many');
  const c2 = await sweep(
    'C2',
    d,
    MOTIONS,
    (n) =>
      load(
        target,
        clientsOf(all.slice(0, n), PER_MOTION.editors, PER_MOTION.viewers, servers),
        ms,
        { cookies, processes: 3 },
      ),
    (n) => `${n} motions × ${PER_MOTION.editors + PER_MOTION.viewers} people`,
  );
  return {
    rows: [...c1.rows, ...c2.rows],
    editors: c1.knee ?? EDITORS.at(-1)!,
    motions: c2.knee ?? MOTIONS.at(-1)!,
  };
}

/** R6 on the two-process deployment. */
async function crossProcess(d: Deployment, ms: number): Promise<Row[]> {
  const cookies = await demoSessions(d.servers[0]!.url);
  const [room] = await rooms(d, cookies.editor, 1, 'R6');
  const r = await load(targetOf(...d.servers), clientsOf([room!], 25, 0, 2), ms, { cookies });
  const same = r.localLatencies;
  const median = (xs: number[]) => percentile(xs, 50);
  return [
    {
      id: 'R6',
      what: `25 editors on one motion over 2 processes: median of deliveries across processes (n=${r.crossLatencies.length}, p99 ${percentile(r.crossLatencies, 99).toFixed(1)} ms) ; ${describeLoad(r)}`,
      value: median(r.crossLatencies),
      unit: 'ms',
      target: '—',
    },
    {
      id: 'R6',
      what: `… within one process, same run (n=${same.length}, p99 ${percentile(same, 99).toFixed(1)} ms)`,
      value: median(same),
      unit: 'ms',
      target: '—',
    },
    {
      id: 'R6',
      what: 'added median latency of crossing processes (through Redis)',
      value: median(r.crossLatencies) - median(same),
      unit: 'ms',
      target: '≤ 5 ms',
    },
  ];
}

/**
 * Profiles one SQLite process under a load (`motions` motions with `editors` editors and `viewers`
 * viewers each) and summarises where its time went during the load only.
 */
async function profileAt(
  what: string,
  shape: { motions: number; editors: number; viewers: number },
  ms: number,
): Promise<string> {
  const dir = mkdtempSync(join(process.env['BENCH_PROFILE_DIR'] ?? tmpdir(), 'redline-profile-'));
  const spawned = performance.now();
  const d = await single(['--cpu-prof', '--cpu-prof-dir', dir]);
  let window;
  try {
    const cookies = await demoSessions(d.servers[0]!.url);
    const names = await rooms(d, cookies.editor, shape.motions, 'Profile');
    const r = await load(
      targetOf(...d.servers),
      clientsOf(names, shape.editors, shape.viewers),
      ms,
      { cookies, processes: shape.motions > 1 ? 3 : 2 },
    );
    // The profile's clock starts with the process: keep the load only.
    window = { from: r.window.from - spawned, to: r.window.to - spawned };
  } finally {
    await d.stop(); // the profile is written as the process exits
  }
  // The main thread's profile (tsx's loader thread writes one too).
  const file = readdirSync(dir).find((f) => /\.0\.\d+\.cpuprofile$/.test(f));
  if (!file) return `no profile was written to ${dir}`;
  const summary = summariseProfile(JSON.parse(readFileSync(join(dir, file), 'utf8')), { window });
  return `CPU profile, one process, ${what} (${join(dir, file)}):\n${printSummary(summary)}`;
}

export async function benchScale(
  ms = Number(process.env['BENCH_SWEEP_SECONDS'] ?? 10) * 1000,
): Promise<{ rows: Row[]; profile: string }> {
  const rows: Row[] = [];
  const out = await scaledOut();
  try {
    rows.push(...(await crossProcess(out, ms)));
    rows.push(...(await sweeps(out, ms)).rows);
  } finally {
    await out.stop();
  }
  const one = await single();
  let knees;
  try {
    knees = await sweeps(one, ms);
    rows.push(...knees.rows);
  } finally {
    await one.stop();
  }
  // Where the single process's time goes at each sweep's knee.
  const { editors, motions } = knees;
  const profiles = [
    await profileAt(`${editors} editors on one motion`, { motions: 1, editors, viewers: 0 }, ms),
    await profileAt(
      `${motions} motions × ${PER_MOTION.editors + PER_MOTION.viewers} people`,
      { motions, ...PER_MOTION },
      ms,
    ),
  ];
  return { rows, profile: profiles.join('\n\n') };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { rows, profile } = await benchScale();
  report('scale-out and capacity (loopback, 2 cores)', rows);
  console.log(`\n${profile}`);
}
