/**
 * Collaboration benchmarks L1, L3, L5 and L6 (PERFORMANCE.md): Redline's server and bare
 * Hocuspocus, each a separate process on loopback, driven by load-generator processes
 * (bench/collab-worker.ts). Reports latency percentiles, server CPU and RSS, and the generators'
 * own CPU, so a saturated generator is visible. Run alone: `npx tsx bench/collab.ts`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { percentile, report, type Row } from './stats';
import type { WorkerOptions, WorkerResult } from './collab-worker';
import { signIn } from '../server/test/collab-client';
import { freePort } from '../server/test/ports';
import { startServerProcess } from '../server/test/process';

const TSX = ['--import', 'tsx'];
/** The seeded demo account the load is generated as (it drafts for Anytown CLP). */
const DRAFTER = 'member@anytown.example';
const VIEWER = 'viewer@anytown.example';

/** CPU seconds (user + system) and resident memory of a process, from /proc. */
function processStats(pid: number): { cpuS: number; rssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(stat[11]) + Number(stat[12]);
  const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return { cpuS: ticks / 100, rssMb: Number(rss ?? 0) / 1024 };
}

/** Runs the load against one document with `processes` generator processes. */
async function load(
  url: string,
  document: string,
  editors: number,
  viewers: number,
  durationMs: number,
  serverPid: number,
  processes = 2,
  cookies: { editor?: string; viewer?: string } = {},
) {
  const before = processStats(serverPid);
  const t0 = performance.now();
  const runs = Array.from({ length: processes }, (_, p) => {
    const options: WorkerOptions = {
      url,
      document,
      editors: Math.floor(editors / processes) + (p < editors % processes ? 1 : 0),
      viewers: Math.floor(viewers / processes) + (p < viewers % processes ? 1 : 0),
      durationMs,
      seed: 1000 + p,
      cookie: cookies.editor,
      viewerCookie: cookies.viewer,
    };
    return new Promise<WorkerResult>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [...TSX, 'bench/collab-worker.ts', JSON.stringify(options)],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.on('exit', () => {
        try {
          resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as WorkerResult);
        } catch (error) {
          reject(error);
        }
      });
    });
  });
  const results = await Promise.all(runs);
  const wall = (performance.now() - t0) / 1000;
  const after = processStats(serverPid);
  const latencies = results.flatMap((r) => r.latencies);
  const texts = results.flatMap((r) => r.texts);
  const errors = results.flatMap((r) => r.errors);
  return {
    latencies,
    converged: texts.length > 0 && texts.every((t) => t === texts[0]),
    errors,
    serverCpu: (after.cpuS - before.cpuS) / wall,
    serverRss: after.rssMb,
    generatorCpu: results.reduce((s, r) => s + r.cpuMs, 0) / 1000 / wall / processes,
    connectMs: results.flatMap((r) => r.connectMs),
  };
}

async function api(base: string, cookie: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${base}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: body ? { 'content-type': 'application/json', cookie } : { cookie },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Measures L1, L3, L5, L6 and returns the rows. */
export async function benchCollab(
  durationMs = Number(process.env.BENCH_SECONDS ?? 20) * 1000,
): Promise<Row[]> {
  const rows: Row[] = [];
  const ourPort = await freePort();
  const barePort = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'redline-bench-'));
  const fast = { COLLAB_CONNECTIONS_PER_MINUTE: '100000' }; // measure load, not the limiter
  const ours = await startServerProcess({ port: ourPort, dataDir, env: fast });
  const bare = await startServerProcess({
    port: barePort,
    dataDir,
    entry: 'bench/bare-server.ts',
  });
  // The same server without write-through, for R2's "L1 within 10% of running without it".
  const plainPort = await freePort();
  const plain = await startServerProcess({
    port: plainPort,
    dataDir: mkdtempSync(join(tmpdir(), 'redline-bench-plain-')),
    env: { ...fast, REDLINE_WRITE_THROUGH: 'off' },
  });
  try {
    const http = `http://127.0.0.1:${ourPort}`;
    // Editors are the seeded Anytown member, who may write Anytown's drafts; viewers are its
    // viewer, whose connections are read-only, as in a real hall.
    const member = { editor: await signIn(http, DRAFTER), viewer: await signIn(http, VIEWER) };
    const motion = (await api(http, member.editor, '/api/motions', {
      editionId: 'labour-2024',
      title: 'Load test',
      bodyId: 'anytown-clp',
    })) as { id: string };
    const ourUrl = `ws://127.0.0.1:${ourPort}/collab`;
    const bareUrl = `ws://127.0.0.1:${barePort}`;

    const summary = (
      id: string,
      what: string,
      r: Awaited<ReturnType<typeof load>>,
      target: string,
      baseline?: number,
    ): Row => ({
      id,
      what: `${what}; ${r.converged ? 'converged' : 'NOT CONVERGED'}; server ${(r.serverCpu * 100).toFixed(0)}% CPU, ${r.serverRss.toFixed(0)} MB; generators ${(r.generatorCpu * 100).toFixed(0)}% CPU${r.errors.length ? `; errors: ${r.errors[0]}` : ''}`,
      value: percentile(r.latencies, 99),
      unit: 'ms',
      target,
      baseline,
    });

    const bareL1 = await load(bareUrl, 'bench-l1', 25, 0, durationMs, bare.process.pid!);
    const oursL1 = await load(
      ourUrl,
      `motion.${motion.id}`,
      25,
      0,
      durationMs,
      ours.process.pid!,
      2,
      member,
    );
    rows.push(
      summary(
        'L1',
        `25 editors, p99 (p50 ${percentile(oursL1.latencies, 50).toFixed(1)} ms, max ${Math.max(...oursL1.latencies).toFixed(0)} ms, n=${oursL1.latencies.length})`,
        oursL1,
        '≤ 25 ms',
      ),
    );
    rows.push(summary('L6', 'bare Hocuspocus, same 25 editors, p99 (the baseline)', bareL1, '—'));
    rows.push({
      id: 'L6',
      what: 'our p99 ÷ bare Hocuspocus p99',
      value: percentile(oursL1.latencies, 99) / percentile(bareL1.latencies, 99),
      unit: '×',
      target: '≤ 1.5×',
    });

    const plainHttp = `http://127.0.0.1:${plainPort}`;
    const plainMember = { editor: await signIn(plainHttp, DRAFTER) };
    const plainMotion = (await api(plainHttp, plainMember.editor, '/api/motions', {
      editionId: 'labour-2024',
      title: 'Load test',
      bodyId: 'anytown-clp',
    })) as { id: string };
    // Alternate the two, three rounds each, and compare the medians of their p99s: one run of
    // each, one after the other, differs by more than the effect being measured.
    const wtP99: number[] = [];
    const plainP99: number[] = [];
    for (let round = 0; round < 3; round++) {
      const withWt = await load(
        ourUrl,
        `motion.${motion.id}`,
        25,
        0,
        durationMs / 2,
        ours.process.pid!,
        2,
        member,
      );
      wtP99.push(percentile(withWt.latencies, 99));
      const plainL1 = await load(
        `ws://127.0.0.1:${plainPort}/collab`,
        `motion.${plainMotion.id}`,
        25,
        0,
        durationMs / 2,
        plain.process.pid!,
        2,
        plainMember,
      );
      plainP99.push(percentile(plainL1.latencies, 99));
    }
    const median = (xs: number[]) => percentile(xs, 50);
    rows.push({
      id: 'R2',
      what: `L1 p99 with write-through ÷ without, medians of 3 alternating runs (with: ${wtP99.map((x) => x.toFixed(1)).join(', ')} ms; without: ${plainP99.map((x) => x.toFixed(1)).join(', ')} ms)`,
      value: median(wtP99) / median(plainP99),
      unit: '×',
      target: '≤ 1.10×',
    });

    const motion3 = (await api(http, member.editor, '/api/motions', {
      editionId: 'labour-2024',
      title: 'Hall',
      bodyId: 'anytown-clp',
    })) as { id: string };
    const oursL3 = await load(
      ourUrl,
      `motion.${motion3.id}`,
      10,
      290,
      durationMs,
      ours.process.pid!,
      2,
      member,
    );
    rows.push(
      summary(
        'L3',
        `10 editors + 290 viewers, p99 (n=${oursL3.latencies.length})`,
        oursL3,
        '≤ 100 ms',
      ),
    );

    const bareL3 = await load(bareUrl, 'bench-l3', 10, 290, durationMs, bare.process.pid!);
    rows.push(
      summary(
        'L3',
        'bare Hocuspocus, same 10 editors + 290 viewers, p99 (the baseline)',
        bareL3,
        '—',
      ),
    );

    // L5: cold open — a motion the server has not loaded: first full sync of a new client.
    const cold: number[] = [];
    for (let k = 0; k < 10; k++) {
      const m = (await api(http, member.editor, '/api/motions', {
        editionId: 'labour-2024',
        title: `Cold ${k}`,
        bodyId: 'anytown-clp',
      })) as { id: string };
      await new Promise((r) => setTimeout(r, 300));
      const r = await load(ourUrl, `motion.${m.id}`, 1, 0, 10, ours.process.pid!, 1, member);
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
    await ours.stop(5_000);
    await bare.stop(5_000);
    await plain.stop(5_000);
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchCollab().then((rows) => report('collaboration (loopback, 2 cores)', rows));
}
