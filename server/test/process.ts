/**
 * The real server as a child process, the way a user starts it — for tests and benchmarks that
 * signal it, kill it or measure it from outside. Started as `node --import tsx server/index.ts`
 * (what `tsx server/index.ts` runs), never through npm or npx: npm does not forward signals, so
 * the PID we signal must be the server's own. Only processes started here are ever signalled.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  process: ChildProcess;
  url: string;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

/**
 * Starts a server process (any output is kept, so a full pipe never blocks it). `nodeArgs` go to
 * Node itself, e.g. `--cpu-prof` for a benchmark's profile (Node refuses it in NODE_OPTIONS).
 */
export function spawnServer(
  env: Record<string, string>,
  entry = 'server/index.ts',
  nodeArgs: readonly string[] = [],
): ChildProcess {
  return spawn(process.execPath, [...nodeArgs, '--import', 'tsx', entry], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Starts the server on `port` with `DATA_DIR=dataDir` (plus `env`) and resolves once it says it
 * is listening; rejects with its output when it exits first or stays silent for `ms`.
 */
export async function startServerProcess(
  options: {
    port: number;
    dataDir: string;
    host?: string;
    env?: Record<string, string>;
    entry?: string;
    nodeArgs?: readonly string[];
  },
  ms = 30_000,
): Promise<ServerProcess> {
  const host = options.host ?? '127.0.0.1';
  const child = spawnServer(
    { PORT: String(options.port), HOST: host, DATA_DIR: options.dataDir, ...options.env },
    options.entry,
    options.nodeArgs,
  );
  let out = '';
  const collect = (chunk: Buffer) => (out += chunk.toString());
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`The server did not say "listening" within ${ms} ms. Output:\n${out}`));
    }, ms);
    const onData = () => {
      if (!/listening/i.test(out)) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve();
    };
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`The server exited with code ${code} before listening. Output:\n${out}`));
    };
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
  return {
    process: child,
    url: `http://${host}:${options.port}`,
    output: () => out,
    stop: (graceMs = 10_000) => stopProcess(child, graceMs),
  };
}

/** How the process ended, or 'timeout' if it is still running after `ms`. */
export async function exitOf(child: ChildProcess, ms: number): Promise<Exit | 'timeout'> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return { code: child.exitCode, signal: child.signalCode };
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(resolve, ms, 'timeout')));
  const exited = once(child, 'exit').then(([code, signal]) => ({ code, signal }) as Exit);
  try {
    return await Promise.race([exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** SIGTERM (or `signal`), then SIGKILL after `graceMs`; resolves once the process has exited. */
export async function stopProcess(
  child: ChildProcess,
  graceMs = 10_000,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  if ((await exitOf(child, graceMs)) === 'timeout') {
    child.kill('SIGKILL');
    await exitOf(child, 5_000);
  }
}
