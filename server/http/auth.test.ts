/** Sign-in, sessions, sign-out and password changes through the real server and SQLite. */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, SessionUser } from '../../schemas/api';
import { hashPassword } from '../auth/password';
import { startTestServer, type TestServer } from '../test/server';

let server: TestServer;
const PASSWORD = 'trigger ballots for all';

async function send(path: string, body?: unknown, cookie?: string) {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (cookie) headers.cookie = cookie;
  const res = await fetch(`${server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { res, body: text ? (JSON.parse(text) as unknown) : null };
}

const session = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

beforeAll(async () => {
  server = await startTestServer({ seed: 'none' });
  for (const [id, email] of [
    ['u1', 'Secretary@Anytown.example'],
    ['u2', 'delegate@anytown.example'],
  ] as const) {
    await server.commands.store.createUser(
      {
        id,
        email,
        name: id === 'u1' ? 'Sam Secretary' : 'Dee Delegate',
        passwordHash: await hashPassword(PASSWORD),
        admin: false,
      },
      { actorId: null, action: 'user-created', userId: id },
    );
  }
});

afterAll(async () => {
  await server.stop();
});

describe('sign-in and sessions', () => {
  it('refuses a wrong password and an unknown e-mail with the same message', async () => {
    const wrong = await send('/api/auth/sign-in', {
      email: 'secretary@anytown.example',
      password: 'nope',
    });
    const unknown = await send('/api/auth/sign-in', {
      email: 'nobody@anytown.example',
      password: PASSWORD,
    });
    expect(wrong.res.status).toBe(401);
    expect(unknown.res.status).toBe(401);
    expect((wrong.body as ApiError).error).toEqual((unknown.body as ApiError).error);
    expect(wrong.res.headers.get('set-cookie')).toBeNull();
  });

  it('signs in (any case of e-mail) with an httpOnly, SameSite session cookie that the store keeps only hashed', async () => {
    const ok = await send('/api/auth/sign-in', {
      email: 'SECRETARY@anytown.example',
      password: PASSWORD,
    });
    expect(ok.res.status).toBe(200);
    expect((ok.body as { user: SessionUser }).user).toEqual({
      id: 'u1',
      email: 'secretary@anytown.example',
      name: 'Sam Secretary',
      admin: false,
      hasPassword: true,
    });
    const header = ok.res.headers.get('set-cookie') ?? '';
    expect(header).toMatch(/^redline_session=[\w-]{43}; /);
    expect(header).toMatch(/; HttpOnly/);
    expect(header).toMatch(/; SameSite=Lax/);
    expect(header).not.toMatch(/Secure/); // plain http on loopback
    const token = session(ok.res).split('=')[1] ?? '';
    const db = new Database(join(server.dataDir, 'redline.db'), { readonly: true });
    const rows = db.prepare('SELECT id_hash FROM sessions').all() as { id_hash: string }[];
    db.close();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.id_hash === token)).toBe(false);

    const me = await send('/api/auth/me', undefined, session(ok.res));
    expect((me.body as { user: SessionUser }).user.id).toBe('u1');
    expect((await send('/api/auth/me')).res.status).toBe(401);
  });

  it('signs out: the old cookie no longer works', async () => {
    const ok = await send('/api/auth/sign-in', {
      email: 'delegate@anytown.example',
      password: PASSWORD,
    });
    const cookie = session(ok.res);
    const out = await send('/api/auth/sign-out', {}, cookie);
    expect(out.res.status).toBe(204);
    expect((await send('/api/auth/me', undefined, cookie)).res.status).toBe(401);
  });

  it('changes a password: old sessions end, the new password works and the old one not', async () => {
    const first = session(
      (await send('/api/auth/sign-in', { email: 'delegate@anytown.example', password: PASSWORD }))
        .res,
    );
    const other = session(
      (await send('/api/auth/sign-in', { email: 'delegate@anytown.example', password: PASSWORD }))
        .res,
    );
    const wrong = await send(
      '/api/auth/password',
      { current: 'not it', next: 'a much better password' },
      first,
    );
    expect(wrong.res.status).toBe(401);
    const short = await send('/api/auth/password', { current: PASSWORD, next: 'short' }, first);
    expect((short.body as ApiError).error.message).toBe(
      'next: a new password of at least 10 characters',
    );
    const changed = await send(
      '/api/auth/password',
      { current: PASSWORD, next: 'a much better password' },
      first,
    );
    expect(changed.res.status).toBe(204);
    expect((await send('/api/auth/me', undefined, other)).res.status).toBe(401);
    expect((await send('/api/auth/me', undefined, session(changed.res))).res.status).toBe(200);
    const old = await send('/api/auth/sign-in', {
      email: 'delegate@anytown.example',
      password: PASSWORD,
    });
    expect(old.res.status).toBe(401);
    const fresh = await send('/api/auth/sign-in', {
      email: 'delegate@anytown.example',
      password: 'a much better password',
    });
    expect(fresh.res.status).toBe(200);
  });

  it('limits sign-in attempts per address and e-mail', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push(
        (
          await send('/api/auth/sign-in', {
            email: 'target@anytown.example',
            password: `guess ${i}`,
          })
        ).res.status,
      );
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    // Another e-mail from the same address is still allowed to try.
    expect(
      (await send('/api/auth/sign-in', { email: 'secretary@anytown.example', password: PASSWORD }))
        .res.status,
    ).toBe(200);
  });

  it('counts failed sign-ins only: a person may sign in again and again, but not after ten misses', async () => {
    const attempt = (password: string) =>
      send('/api/auth/sign-in', { email: 'delegate@anytown.example', password });
    const good = 'a much better password';
    for (let i = 0; i < 12; i++) expect((await attempt(good)).res.status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await attempt(`guess ${i}`)).res.status).toBe(401);
    // The eleventh try is refused before the password is even checked, right or not.
    expect((await attempt(good)).res.status).toBe(429);
  });

  it('refuses a sign-in posted from another site', async () => {
    const res = await fetch(`${server.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ email: 'secretary@anytown.example', password: PASSWORD }),
    });
    expect(res.status).toBe(403);
  });
});
