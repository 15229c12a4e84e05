/**
 * The two ways Redline is deployed, started for tests as a user starts them: "single" is one
 * server process on SQLite in a temporary DATA_DIR; "scale-out" is two processes sharing a fresh
 * PostgreSQL database (dropped afterwards) and Redis. Tests that must hold in both modes (R1, R4,
 * R5 in docs/PERFORMANCE) loop over {@link MODES} and get the same handle either way: the
 * processes' URLs, SIGKILL and restart of one process on its port, a direct look at the store, and
 * a clean-up that ends only processes started here, by their own handle (PID).
 *
 * Scale-out fails, never skips, when PostgreSQL or Redis does not answer: a skipped test would pass
 * for a tested one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import type { AmendmentView, Motion } from '../../schemas/api';
import { motionDocumentName } from '../../schemas/collab';
import { replayStored } from '../collab/replay';
import { openPostgresStore } from '../store/postgres';
import { openSqliteStore } from '../store/sqlite';
import type { Store } from '../store/types';
import { amendmentText, call, connect, waitFor, waitSaved, type Client } from './collab-client';
import { freePort } from './ports';
import { createTestDatabase, type TestDatabase } from './postgres';
import { startServerProcess, stopProcess, type ServerProcess } from './process';

export type Mode = 'single' | 'scale-out';

/** Both modes, for `describe.each`: every store and collaboration guarantee holds in each. */
export const MODES: readonly Mode[] = ['single', 'scale-out'];

const HOST = '127.0.0.1';

/** The Redis the scale-out processes share: REDIS_URL when set, else the local one. */
export const REDIS_URL = process.env['REDIS_URL'] || 'redis://127.0.0.1:6379';

/**
 * Long runs of the reliability tests (R1, R4, R5 at their full sizes): `REDLINE_LONG_RUN=1`.
 * Without it they run at a size that fits CI.
 */
export const LONG_RUN = process.env['REDLINE_LONG_RUN'] === '1';

/** How long one process may take to say "listening" (tsx compiles on start; CI is busy). */
const START_MS = 30_000;

export interface RunningMode {
  mode: Mode;
  /** `http://127.0.0.1:<port>` of each process, by index; a restarted process keeps its URL. */
  urls: readonly string[];
  /** The process at `index` as it runs now (a new one after {@link RunningMode.restart}). */
  server(index: number): ServerProcess;
  /** SIGKILL: the process gets no chance to store anything. Resolves once it has exited. */
  kill(index: number): Promise<void>;
  /** Starts process `index` again on its port; resolves once it says "listening". */
  restart(index: number): Promise<ServerProcess>;
  /**
   * The store the processes share, opened directly (not through a server) to check what is on
   * disk; close it after use. Kill the processes first to read it as a crash left it.
   */
  openStore(): Promise<Store>;
  /** Document `documentName` rebuilt from {@link RunningMode.openStore}, as a server loads it. */
  readStored(documentName: string): Promise<Y.Doc>;
  /** Ends every process of this mode (SIGKILL), removes its data directory, drops its database. */
  close(): Promise<void>;
}

const open = new Set<RunningMode>();

/**
 * Starts `mode`: one process, or two on one database and one Redis (one after the other: the
 * first migrates and seeds the empty database). `env` is added to every process's environment.
 */
export async function startMode(
  mode: Mode,
  options: { env?: Record<string, string> } = {},
): Promise<RunningMode> {
  const count = mode === 'single' ? 1 : 2;
  const ports: number[] = [];
  // Two probes can in principle be handed the same free port; ask again (a bounded few times).
  for (let tries = 0; ports.length < count && tries < 20; tries++) {
    const port = await freePort();
    if (!ports.includes(port)) ports.push(port);
  }
  if (ports.length < count) throw new Error(`no ${count} distinct free ports on ${HOST}`);
  let database: TestDatabase | undefined;
  if (mode === 'scale-out') {
    await pingRedis(REDIS_URL);
    database = await createTestDatabase();
  }
  const dataDir = mkdtempSync(join(tmpdir(), `redline-${mode}-`));
  const env: Record<string, string> = {
    ...(database ? { DATABASE_URL: database.url, REDIS_URL } : {}),
    ...options.env,
  };
  const servers: ServerProcess[] = [];
  let closed = false;

  const start = async (index: number) => {
    if (closed) throw new Error(`the ${mode} servers were closed`);
    const port = ports[index];
    if (port === undefined) throw new Error(`${mode} has no process ${index}`);
    const before = servers[index]?.process;
    if (before && before.exitCode === null && before.signalCode === null) {
      throw new Error(`${mode} process ${index} is still running: kill it before a restart`);
    }
    const server = await startServerProcess({ port, dataDir, host: HOST, env }, START_MS);
    servers[index] = server;
    // Closed while it started: close() did not see it, so end it here.
    if (closed) await stopProcess(server.process, 5_000, 'SIGKILL');
    return server;
  };
  const current = (index: number) => {
    const server = servers[index];
    if (!server) throw new Error(`${mode} has no process ${index}`);
    return server;
  };

  const running: RunningMode = {
    mode,
    urls: ports.map((port) => `http://${HOST}:${port}`),
    server: current,
    kill: (index) => stopProcess(current(index).process, 5_000, 'SIGKILL'),
    restart: start,
    openStore: () => (database ? openPostgresStore(database.url) : openSqliteStore(dataDir)),
    async readStored(documentName) {
      const store = await running.openStore();
      try {
        const doc = new Y.Doc();
        replayStored(doc, await store.loadDocument(documentName));
        return doc;
      } finally {
        await store.close();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      open.delete(running);
      for (const server of servers) await stopProcess(server.process, 5_000, 'SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
      await database?.drop();
    },
  };
  open.add(running);
  try {
    for (let i = 0; i < count; i++) await start(i);
  } catch (error) {
    await running.close();
    throw error;
  }
  return running;
}

/** Closes every mode started and not yet closed; for `afterEach`, so a failed test leaves nothing. */
export async function closeModes(): Promise<void> {
  for (const c of clients) c.destroy();
  clients.clear();
  for (const running of [...open]) await running.close();
}

const clients = new Set<Client>();

/**
 * A client of `documentName` on the process at `url`, as `cookie`'s person, destroyed by
 * {@link closeModes}. Sessions are stored (in the shared database too), so a cookie outlives
 * every restart.
 */
export function modeClient(url: string, documentName: string, cookie: string): Client {
  const c = connect(url, documentName, cookie);
  clients.add(c);
  return c;
}

/** A motion with one amendment of 5.IV.7, created over HTTP as the app does. */
export interface Draft {
  motionId: string;
  documentName: string;
  amendmentId: string;
}

/** Creates a motion of Anytown CLP with one "amend 5.IV.7" amendment, as `cookie`'s person. */
export async function createDraft(url: string, cookie: string, title: string): Promise<Draft> {
  const motion = await call<Motion>(
    url,
    'POST',
    '/api/motions',
    { editionId: 'labour-2024', title, bodyId: 'anytown-clp' },
    cookie,
  );
  if (motion.status !== 201) throw new Error(`creating a motion: ${motion.status}`);
  const amendment = await call<AmendmentView>(
    url,
    'POST',
    `/api/motions/${motion.body.id}/amendments`,
    { kind: 'amend', target: '5.IV.7' },
    cookie,
  );
  if (amendment.status !== 201) throw new Error(`adding an amendment: ${amendment.status}`);
  return {
    motionId: motion.body.id,
    documentName: motionDocumentName(motion.body.id),
    amendmentId: amendment.body.id,
  };
}

/** The amendment's Y.Text once the client has synced and the server seeded it. */
export async function textOf(c: Client, amendmentId: string): Promise<Y.Text> {
  await waitSaved(c);
  await waitFor(() => amendmentText(c.doc, amendmentId) !== null, 10_000, 'the amendment');
  return amendmentText(c.doc, amendmentId) as Y.Text;
}

/**
 * Sends one command to Redis at `url` on a connection of its own and answers the first line of
 * the reply as Redis sent it (`+OK`, `:1`, `$-1`, `-ERR …`): enough for status and integer
 * replies, which is what tests need to set up or inspect a key. Rejects with a message saying
 * what to do when Redis does not answer within `ms`.
 */
export function redisCommand(url: string, args: readonly string[], ms = 3_000): Promise<string> {
  const { hostname, port } = new URL(url);
  // RESP: an array of bulk strings, so arguments may hold spaces or any bytes.
  const request =
    `*${args.length}\r\n` + args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('');
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({
      host: hostname.replace(/^\[(.*)\]$/, '$1'),
      port: Number(port || 6379),
    });
    let reply = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      socket.destroy();
      reject(
        new Error(
          `Redis at ${url} is not answering (${why}). The scale-out tests need a real Redis: ` +
            `start one with \`redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save ""\` ` +
            `(.ci/run does) or set REDIS_URL.`,
        ),
      );
    };
    const timer = setTimeout(() => fail(`no reply within ${ms} ms`), ms);
    socket.on('connect', () => socket.write(request));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      const end = reply.indexOf('\r\n');
      if (end === -1) return;
      clearTimeout(timer);
      socket.destroy();
      resolve(reply.slice(0, end));
    });
    socket.on('error', (error) => fail(error.message));
  });
}

/** Answers once Redis at `url` replies to PING; rejects with a message saying what to do. */
export async function pingRedis(url: string, ms = 3_000): Promise<void> {
  const reply = await redisCommand(url, ['PING'], ms);
  if (reply !== '+PONG') {
    throw new Error(
      `Redis at ${url} answered ${JSON.stringify(reply)} to PING, not +PONG. The scale-out ` +
        `tests need a Redis they may use (REDIS_URL points them elsewhere).`,
    );
  }
}
