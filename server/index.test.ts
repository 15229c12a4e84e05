import { describe, it, expect, afterEach } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './test/ports';
import { exitOf, spawnServer, stopProcess } from './test/process';

const HOST = '127.0.0.1';

function startServer(env: Record<string, string>): ChildProcess {
  dataDir ??= mkdtempSync(join(tmpdir(), 'redline-index-'));
  return spawnServer({ DATA_DIR: dataDir, ...env });
}

/**
 * Resolves with the first stdout line matching `pattern` and everything printed up to then;
 * rejects on exit or after `ms`.
 */
function waitForLine(
  child: ChildProcess,
  pattern: RegExp,
  ms: number,
): Promise<{ line: string; output: string }> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => fail(`no line matching ${pattern} within ${ms} ms`), ms);
    const onOut = (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => pattern.test(l));
      if (line !== undefined) {
        cleanUp();
        resolve({ line, output: out });
      }
    };
    const onErr = (chunk: Buffer) => (err += chunk.toString());
    const onExit = (code: number | null, signal: string | null) =>
      fail(`server exited early (code ${code}, signal ${signal})`);
    function cleanUp() {
      clearTimeout(timer);
      child.stdout?.off('data', onOut);
      child.stderr?.off('data', onErr);
      child.off('exit', onExit);
    }
    function fail(why: string) {
      cleanUp();
      reject(new Error(`${why}\nstdout:\n${out}\nstderr:\n${err}`));
    }
    child.stdout?.on('data', onOut);
    child.stderr?.on('data', onErr);
    child.on('exit', onExit);
  });
}

let child: ChildProcess | undefined;
let dataDir: string | undefined;

afterEach(async () => {
  // Only ever the process this test started, and only while it is still running.
  if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
    await stopProcess(child, 5_000);
  }
  child = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

describe('server/index.ts', () => {
  it('starts, serves /healthz and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    child = startServer({ PORT: String(port), HOST });

    const { line } = await waitForLine(child, /listening/, 20_000);
    expect(line).toBe(`Redline listening on http://${HOST}:${port}`);

    // A keep-alive connection stays open after this; shutdown must not wait for it.
    const res = await fetch(`http://${HOST}:${port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });

    const pid = child.pid;
    if (pid === undefined) throw new Error('server has no pid');
    process.kill(pid, 'SIGTERM');
    expect(await exitOf(child, 5_000)).toEqual({ code: 0, signal: null });
  }, 30_000);

  it('prints a one-time admin sign-in link on a fresh database, and it signs in once', async () => {
    const port = await freePort();
    child = startServer({ PORT: String(port), HOST });
    const { line, output } = await waitForLine(child, /#\/welcome\//, 20_000);
    const url = `http://${HOST}:${port}`;
    expect(output).toContain(`Redline listening on ${url}\n`);
    expect(output).toContain('Admin: sign in once with this link');
    const token = new RegExp(`^  ${url.replace(/[.]/g, '\\.')}/#/welcome/([\\w-]{43})$`).exec(
      line,
    )?.[1];
    expect(token).toBeDefined();
    const use = () =>
      fetch(`${url}/api/auth/link`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
    const first = await use();
    expect(first.status).toBe(200);
    expect(((await first.json()) as { user: { admin: boolean } }).user.admin).toBe(true);
    expect((await use()).status).toBe(401);
  }, 30_000);

  it('refuses an unreachable DATABASE_URL at start, naming the host, exit code 1', async () => {
    // Nothing listens on loopback port 1: the connection is refused at once.
    const port = await freePort();
    child = startServer({
      PORT: String(port),
      HOST,
      DATABASE_URL: 'postgres://u:secret@127.0.0.1:1/redline',
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await exitOf(child, 20_000)).toEqual({ code: 1, signal: null });
    expect(stderr).toContain('redline: cannot connect to PostgreSQL at 127.0.0.1:1/redline: ');
    expect(stderr).not.toContain('secret');
  }, 30_000);

  it('refuses an unreachable REDIS_URL at start, naming the address, exit code 1', async () => {
    const port = await freePort();
    child = startServer({
      PORT: String(port),
      HOST,
      REDIS_URL: 'redis://127.0.0.1:1',
    });
    let out = '';
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    expect(await exitOf(child, 20_000)).toEqual({ code: 1, signal: null });
    expect(out).toContain('redline: cannot connect to Redis at 127.0.0.1:1: ');
    expect(out).not.toContain('listening');
  }, 30_000);

  it('refuses a bad PORT with a clear message and exit code 1', async () => {
    child = startServer({ PORT: 'abc' });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await exitOf(child, 20_000)).toEqual({ code: 1, signal: null });
    expect(stderr).toContain('redline: PORT must be a whole number from 1 to 65535, got "abc"');
  }, 30_000);
});
