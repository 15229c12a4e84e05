/**
 * Names, titles and notes through the real server: invisible characters (a right-to-left
 * override, a zero-width space, a NUL) are refused saying which and where, whitespace is
 * normalised, no two people in a body share a display name, and an invite link does not tell
 * whether an e-mail has an account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, InviteCreated, MemberView, Motion } from '../../schemas/api';
import { DEMO_PASSWORD } from '../seed';
import { call, sessionCookie, signIn } from '../test/collab-client';
import { stepRequest } from '../test/steps';
import { startTestServer, type TestServer } from '../test/server';

let server: TestServer;
let secretary: string;
beforeAll(async () => {
  server = await startTestServer({ seed: 'demo' });
  secretary = await signIn(server.url, 'secretary@anytown.example');
});
afterAll(async () => {
  await server?.stop();
});

const createMotion = (title: string) =>
  call<Motion & ApiError>(
    server.url,
    'POST',
    '/api/motions',
    { editionId: 'labour-2024', title, bodyId: 'anytown-clp' },
    secretary,
  );

const motionCount = async () =>
  (await call<Motion[]>(server.url, 'GET', '/api/motions', undefined, secretary)).body.length;

const invite = async () =>
  (
    await call<InviteCreated>(
      server.url,
      'POST',
      '/api/bodies/anytown-clp/invites',
      { role: 'member' },
      secretary,
    )
  ).body.token;

const accept = (token: string, input: Record<string, string>, cookie?: string) =>
  call<ApiError>(server.url, 'POST', `/api/invites/${token}/accept`, input, cookie);

const members = async () =>
  (
    await call<MemberView[]>(
      server.url,
      'GET',
      '/api/bodies/anytown-clp/members',
      undefined,
      secretary,
    )
  ).body;

describe('titles and names', () => {
  it('refuses hidden characters, saying which and where, and stores nothing', async () => {
    const cases: Array<[string, RegExp]> = [
      ['Open \u202eselection', /U\+202E \(right-to-left override\) at character 6/],
      ['Open\u200bselection', /U\+200B \(zero-width space\) at character 5/],
      ['Open selection\u0000', /U\+0000 \(NUL\) at character 15/],
      ['\u001b[31mOpen selection', /U\+001B \(escape\) at character 1/],
      ['Open\u2028selection', /U\+2028/],
    ];
    const before = await motionCount();
    for (const [title, message] of cases) {
      const refused = await createMotion(title);
      expect(refused.status, JSON.stringify(title)).toBe(400);
      expect(refused.body.error.message).toMatch(/^title: contains /);
      expect(refused.body.error.message).toMatch(message);
    }
    expect(await motionCount()).toBe(before);
  });

  it('keeps a title on one line, its whitespace normalised', async () => {
    const created = await createMotion('  Open\n\tselection  of   MPs  ');
    expect(created.status).toBe(201);
    expect(created.body.title).toBe('Open selection of MPs');
    // A title of spaces only is no title.
    const blank = await createMotion(' \n\t ');
    expect(blank.status).toBe(400);
    expect(blank.body.error.message).toBe('title: a motion needs a title');
  });

  it('refuses a body name with a hidden character', async () => {
    // The one schema every body name is read with answers before any check of who asks.
    const refused = await call<ApiError>(
      server.url,
      'POST',
      '/api/bodies',
      { name: 'Anytown\u202e CLP', kind: 'clp' },
      secretary,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/^name: contains U\+202E/);
  });
});

describe('joining a body by invite', () => {
  it('refuses a name someone in the body already goes by, in any case or spacing', async () => {
    const token = await invite();
    const taken = await accept(token, {
      name: ' sam   SECRETARY ',
      email: 'impostor@example.org',
      password: 'a long enough password',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.id).toBe('name-taken');
    expect(taken.body.error.message).toMatch(/already called sam SECRETARY/);
    expect(await server.commands.store.findUserByEmail('impostor@example.org')).toBeNull();
    // The invite is still open for the same person under a name of their own.
    const joined = await accept(token, {
      name: 'Sam Secretary (Eastside ward)',
      email: 'impostor@example.org',
      password: 'a long enough password',
    });
    expect(joined.status).toBe(204);
    expect((await members()).map((m) => m.name)).toContain('Sam Secretary (Eastside ward)');
  });

  it('answers an e-mail that has an account as the sign-in form does, never "there is an account"', async () => {
    const token = await invite();
    const existing = 'secretary@riverside.example';
    const unknownPassword = await accept(token, {
      name: 'Rowan Rivers',
      email: existing,
      password: 'not the right password',
    });
    expect(unknownPassword.status).toBe(401);
    expect(unknownPassword.body.error).toEqual({
      id: 'sign-in-failed',
      message: 'Unknown e-mail address or wrong password',
    });
    const signInForm = await call<ApiError>(server.url, 'POST', '/api/auth/sign-in', {
      email: existing,
      password: 'not the right password',
    });
    expect(signInForm.body).toEqual(unknownPassword.body);
    expect(JSON.stringify(unknownPassword.body)).not.toMatch(/already|exists|account for/i);

    // With the account's own password the person joins as themselves, signed in.
    const joined = await accept(token, {
      name: 'Rowan Rivers',
      email: existing,
      password: DEMO_PASSWORD,
    });
    expect(joined.status).toBe(204);
    const me = await call<{ user: { email: string } }>(
      server.url,
      'GET',
      '/api/auth/me',
      undefined,
      sessionCookie(joined.headers),
    );
    expect(me.body.user.email).toBe(existing);
    expect((await members()).map((m) => m.email)).toContain(existing);
  });
});

describe('notes', () => {
  it('keep their line breaks but not control characters', async () => {
    const created = await createMotion('A motion with a note');
    const step = (note: string) =>
      call<ApiError & Motion>(
        server.url,
        'POST',
        `/api/motions/${created.body.id}/transitions`,
        stepRequest('adopt', note),
        secretary,
      );
    const refused = await step('Adopted\u0007 unanimously');
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/^note: contains U\+0007/);
    const adopted = await step('Adopted  unanimously,\n\n\n\nafter   debate');
    expect(adopted.status).toBe(200);
    const events = await call<Array<{ detail: { note?: string } }>>(
      server.url,
      'GET',
      `/api/motions/${created.body.id}/events`,
      undefined,
      secretary,
    );
    expect(events.body.map((e) => e.detail.note)).toContain('Adopted unanimously,\n\nafter debate');
  });
});
