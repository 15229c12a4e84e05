/**
 * S7: does bad input stall the server? The real server process (as `npm start` runs it, demo
 * seed) answers `/healthz` every 25 ms from this process while each of the worst inputs found by
 * the security probe is sent at it for a bounded time: oversized bodies before sign-in, a sign-in
 * flood with a new e-mail each time, motion imports of 200,000 characters of mixed quote marks,
 * rulebook imports (the largest accepted, deep nesting, random bytes), and signed-out WebSocket
 * refusals with control characters in the names. Each load has two rows: the probe's p99 of
 * `/healthz` and of the app's page (a static file) during it, beside the same probe on the idle
 * server in the same run. Target: `/healthz` p99 < 100 ms throughout.
 *
 * `ATTACK_BASELINE_ROOT=<checkout>` also runs every load against the server of another checkout
 * (for instance the commit before the fixes), in the same run, for a before/after comparison.
 * `BENCH_SECONDS` sets each load's length (default 8); `ATTACK_LOADS=S7b,S7c` runs only those. Loopback only; every loop is bounded by the
 * load's deadline, and only the server processes started here are stopped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { once } from 'node:events';
import { spawn } from 'node:child_process';
import WebSocket from 'ws';
import { generateRulebook } from './rulebook-generator';
import { percentile, type Row } from './stats';
import { authMessage, call, collabUrl, signIn } from '../server/test/collab-client';
import { freePort } from '../server/test/ports';
import { startServerProcess, ROOT } from '../server/test/process';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const PROBE_EVERY_MS = 25;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the probe measured: round trips of `/healthz` and of the app's page, in ms. */
interface Probed {
  healthz: number[];
  page: number[];
}

/**
 * The probe's program: every `every` ms until `until`, a request for `/healthz` and one for the
 * app's page (a static file, which once waited behind password hashes on libuv's thread pool),
 * sent on that schedule whether or not the last ones were answered — a stalled server then shows
 * as many slow samples, not as a few; the round trips as JSON.
 */
const PROBE = `const [url, until, every] = process.argv.slice(1);
const out = { healthz: [], page: [] };
const pending = [];
const trip = (path, into) => {
  const t = performance.now();
  pending.push(fetch(url + path, { signal: AbortSignal.timeout(10000) })
    .then((r) => r.arrayBuffer(), () => undefined)
    .then(() => into.push(performance.now() - t)));
};
const timer = setInterval(() => {
  if (Date.now() >= Number(until)) {
    clearInterval(timer);
    Promise.all(pending).then(() => process.stdout.write(JSON.stringify(out)));
    return;
  }
  trip('/healthz', out.healthz);
  trip('/index.html', out.page);
}, Number(every));`;

/**
 * The probe until `until`, from a process of its own at normal priority. This process runs the
 * loads at a lower priority (nice 10): an attacker's own CPU is on another machine, and here it
 * would otherwise take the cores the server needs, so the probe would measure the generator. A
 * probe that does not answer in 10 s counts as 10 s.
 */
async function probe(url: string, until: number): Promise<Probed> {
  const child = spawn(process.execPath, ['-e', PROBE, url, String(until), String(PROBE_EVERY_MS)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // The child was forked from this niced process: give it back normal priority.
  if (child.pid) setPriority(child.pid, 0);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await once(child, 'exit');
  return JSON.parse(out) as Probed;
}

/** The two rows of a probe: `/healthz` p99 and the page's p99. */
function probeRows(id: string, what: string, probed: Probed): Row[] {
  return [
    {
      id,
      what: `${what}: /healthz p99`,
      value: percentile(probed.healthz, 99),
      unit: 'ms',
      target: '< 100 ms',
    },
    {
      id,
      what: `${what}: app page p99`,
      value: percentile(probed.page, 99),
      unit: 'ms',
      target: '—',
    },
  ];
}

/** Runs `worker` in `concurrency` loops until the deadline, counting what each call answered. */
async function loop(
  concurrency: number,
  until: number,
  worker: (i: number) => Promise<string>,
): Promise<Map<string, number>> {
  const answers = new Map<string, number>();
  let n = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        // A request the server has not answered 2 s after the load ends is left behind (the
        // server is stopped at the end): the load ends on time even against a stalled server.
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<string>((resolve) => {
          timer = setTimeout(resolve, Math.max(0, until - Date.now()) + 2_000, 'unanswered');
        });
        const answer = await Promise.race([
          worker(n++).catch((e: unknown) => `error ${(e as Error).name}`),
          late,
        ]);
        clearTimeout(timer);
        answers.set(answer, (answers.get(answer) ?? 0) + 1);
      }
    }),
  );
  return answers;
}

/** A POST that announces 100 MB and keeps sending until the server answers or closes. */
function oversizedBody(url: string, until: number): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connectTcp(Number(port), hostname);
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let answer = '';
    const finish = (what: string) => {
      clearInterval(pump);
      clearTimeout(timer);
      socket.destroy();
      resolve(what);
    };
    const timer = setTimeout(() => finish('no answer'), Math.max(0, until - Date.now()) + 1_000);
    const pump = setInterval(() => {
      if (socket.writable && socket.writableLength < 1024 * 1024) socket.write(chunk);
    }, 1);
    socket.on('connect', () =>
      socket.write(
        `POST /api/auth/sign-in HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nContent-Length: 100000000\r\n\r\n{"email":"`,
      ),
    );
    socket.on('data', (d) => {
      answer += d.toString('latin1');
      finish(/^HTTP\/1\.1 (\d+)/.exec(answer)?.[1] ?? 'garbled');
    });
    socket.on('error', () => finish('reset'));
    socket.on('close', () => finish(answer ? 'closed' : 'closed unanswered'));
  });
}

/** Seeded mixed quote marks and words: what froze the motion reader. */
function mixedQuotes(chars: number, seed: number): string {
  const marks = ['‘', '’', "'", '“', '”', '"', '«', '»'];
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  let out = '';
  while (out.length < chars)
    out += rnd() < 0.3 ? marks[Math.floor(rnd() * 8)] : 'ab '[Math.floor(rnd() * 3)];
  return out.slice(0, chars);
}

/** The loads, each given the server's URL, cookies and its deadline. */
interface Context {
  url: string;
  member: string;
  official: string;
}

const LOADS: Array<{
  id: string;
  what: string;
  run: (c: Context, until: number) => Promise<Map<string, number>>;
}> = [
  {
    id: 'S7a',
    what: '8 bodies of 100 MB to sign-in at once',
    run: (c, until) => loop(8, until, () => oversizedBody(c.url, until)),
  },
  {
    id: 'S7b',
    what: 'sign-in flood, a new e-mail each time (64 at once)',
    run: (c, until) =>
      loop(64, until, async (i) => {
        const r = await call(c.url, 'POST', '/api/auth/sign-in', {
          email: `flood${i}@example.org`,
          password: 'not a password',
        });
        return String(r.status);
      }),
  },
  {
    id: 'S7c',
    what: 'motion import, 200,000 mixed quote marks (4 at once)',
    run: (c, until) =>
      loop(4, until, async (i) => {
        const r = await call(
          c.url,
          'POST',
          '/api/motions/import',
          { editionId: 'labour-2024', bodyId: 'anytown-clp', text: mixedQuotes(200_000, i + 1) },
          c.member,
        );
        return String(r.status);
      }),
  },
  {
    id: 'S7d',
    what: 'rulebook import: largest accepted, deep nesting, random bytes',
    run: (c, until) => {
      const large = generateRulebook({ words: 450_000, seed: 7, edition: '2031' });
      const deep = `---\nedition: "2032"\n---\n# Chapter 1: A\n\n## Clause I. B\n\n${Array.from(
        { length: 1_000 },
        (_, i) => `${' '.repeat(i * 3)}1. text`,
      ).join('\n\n')}`;
      let s = 1;
      const bytes = Array.from({ length: 2_000_000 }, () =>
        String.fromCharCode((s = (s * 48271) % 2147483647) % 256),
      ).join('');
      const sources = [large, deep, bytes];
      return loop(2, until, async (i) => {
        const r = await call(
          c.url,
          'POST',
          '/api/editions',
          { id: `attack-${i}`, profile: 'labour', source: sources[i % sources.length] },
          c.official,
        );
        return `${['large', 'deep', 'bytes'][i % 3]} ${r.status}`;
      });
    },
  },
  {
    id: 'S7e',
    what: 'signed-out WebSocket refusals, control codes in names',
    run: (c, until) =>
      loop(8, until, async (i) => {
        const ws = new WebSocket(collabUrl(c.url), { headers: { origin: c.url } });
        ws.on('error', () => undefined);
        await new Promise((resolve) => {
          ws.once('open', resolve);
          ws.once('close', resolve);
        });
        if (ws.readyState === WebSocket.OPEN) {
          for (let k = 0; k < 100; k++) {
            ws.send(authMessage(`motion.\u001b[31m${i}-${k}\nFORGED\u009b\u202e`));
          }
          await sleep(100);
        }
        ws.terminate();
        return ws.readyState === WebSocket.CLOSED ? 'sent' : 'closing';
      }),
  },
];

/** Waits (at most 3 minutes) until `/healthz` answers within 50 ms three times running. */
async function settle(url: string): Promise<void> {
  const deadline = Date.now() + 180_000;
  let quick = 0;
  while (quick < 3 && Date.now() < deadline) {
    const t = performance.now();
    const ok = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(30_000) }).then(
      () => true,
      () => false,
    );
    quick = ok && performance.now() - t < 50 ? quick + 1 : 0;
    await sleep(200);
  }
}

/** Runs every load against the server in `root`, after an idle probe. */
async function against(root: string, label: string): Promise<Row[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'redline-attack-'));
  const port = await freePort();
  const server = await startServerProcess(
    { port, dataDir, entry: join(root, 'server/index.ts'), env: { REDLINE_SEED: 'demo' } },
    120_000,
  );
  // Forked from this niced process: the server runs at normal priority, as it would.
  if (server.process.pid) setPriority(server.process.pid, 0);
  const rows: Row[] = [];
  try {
    const c: Context = {
      url: server.url,
      member: await signIn(server.url, 'member@anytown.example'),
      official: await signIn(server.url, 'official@conference.example'),
    };
    rows.push(
      ...probeRows('S7', `${label}, idle`, await probe(server.url, Date.now() + SECONDS * 1000)),
    );
    const only = process.env.ATTACK_LOADS?.split(',');
    for (const load of LOADS.filter((l) => !only || only.includes(l.id))) {
      const until = Date.now() + SECONDS * 1000;
      const [probed, answers] = await Promise.all([probe(server.url, until), load.run(c, until)]);
      rows.push(...probeRows(load.id, `${label}, ${load.what}`, probed));
      const samples = probed.healthz;
      const summary = [...answers].map(([a, n]) => `${a} ×${n}`).join(', ');
      console.log(
        `${load.id} ${label}: probe p50 ${percentile(samples, 50).toFixed(1)} ms, max ${Math.max(...samples).toFixed(0)} ms; answers: ${summary}`,
      );
      // Let what the load left behind (queued hashes, parses) finish before the next one.
      await settle(server.url);
    }
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}

/** S7 rows: this checkout, and the baseline checkout when one is given. */
export async function benchAttack(): Promise<Row[]> {
  // The loads run at a lower priority than the server and the probe (see probe()).
  setPriority(10);
  const rows = await against(ROOT, 'ours');
  const baseline = process.env.ATTACK_BASELINE_ROOT;
  if (baseline) rows.push(...(await against(baseline, 'baseline')));
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { report } = await import('./stats');
  report('bad input against the running server (loopback, 2 cores)', await benchAttack());
}
