/**
 * Who may do what, through the real server: every /api route against every kind of person
 * (signed out, each role of Anytown CLP, the secretary of another CLP, the conference bodies and
 * the admin), each cell with its exact status; a refused write must change nothing. Then the
 * workflow step by step, invites, the audit log, the one-time admin link and expired sessions.
 */
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAmendments } from '../../core/amendments/draft-doc';
import type {
  AmendmentView,
  ApiError,
  AuditView,
  BodyView,
  Consolidated,
  ConsolidationPreview,
  InviteCreated,
  InvitePreview,
  Me,
  MemberView,
  Motion,
  MotionConflictView,
  MotionSummary,
  SessionUser,
} from '../../schemas/api';
import { hashPassword } from '../auth/password';
import { ADMIN_EMAIL } from '../commands/admin';
import { hashToken, newToken, SESSION_COOKIE } from '../commands/auth';
import { editDraft, readDraftDoc, toAmendmentView } from '../commands/drafts';
import { startServer } from '../main';
import { DEMO_ACCOUNTS } from '../seed';
import { amendmentText, call, sessionCookie, signIn } from '../test/collab-client';
import { startTestServer, type TestServer } from '../test/server';
import { createApp } from './app';
import { stepRequest } from '../test/steps';
import { parseEdition } from '../workers/parse-jobs';

const WHO = [
  'anon',
  'viewer',
  'member',
  'secretary',
  'riverside',
  'cac',
  'nec',
  'official',
  'admin',
] as const;
type Who = (typeof WHO)[number];
type Person = Exclude<Who, 'anon'>;
/** People of other bodies than Anytown CLP, which the tests' drafts belong to. */
const OUTSIDERS = ['riverside', 'cac', 'nec', 'official'] as const;

/** The seeded demo account behind each person (the admin is claimed through its link). */
const DEMO_ID: Record<Exclude<Person, 'admin'>, string> = {
  viewer: 'demo-viewer',
  member: 'demo-member',
  secretary: 'demo-secretary',
  riverside: 'demo-riverside',
  cac: 'demo-cac',
  nec: 'demo-nec',
  official: 'demo-official',
};

const ADMIN_PASSWORD = 'the admin chose this one';
const SOURCE = readFileSync(new URL('../../motions/rulebooks/labour/2024.md', import.meta.url), {
  encoding: 'utf8',
});

let server: TestServer;
const cookies = {} as Record<Who, string>;
const userIds = {} as Record<Person, string>;
const names = {} as Record<Person, string>;
/** Seeded motions: Anytown's draft, Riverside's draft, Northfield's submitted (public) motion. */
let anytownDraft: Motion;
let riversideDraftId: string;
let northfield: Motion;

type Res<T = unknown> = Awaited<ReturnType<typeof call<T>>>;

const as = <T = unknown>(who: Who, method: string, path: string, body?: unknown) =>
  call<T>(server.url, method, path, body, cookies[who]);
const store = () => server.commands.store;
const auditLength = async () => (await store().listAudit()).length;

beforeAll(async () => {
  server = await startTestServer();
  for (const [who, id] of Object.entries(DEMO_ID) as [Exclude<Person, 'admin'>, string][]) {
    const account = DEMO_ACCOUNTS.find((a) => a.id === id);
    if (!account) throw new Error(`no demo account ${id}`);
    cookies[who] = await signIn(server.url, account.email);
    userIds[who] = id;
    names[who] = account.name;
  }
  cookies.anon = '';

  // The admin: the one-time link from start-up, then a password of its own, then a sign-in.
  const token = server.adminLink?.split('#/welcome/')[1];
  const claimed = await call<{ user: SessionUser }>(server.url, 'POST', '/api/auth/link', {
    token,
  });
  expect(claimed.status).toBe(200);
  const set = await call(
    server.url,
    'POST',
    '/api/auth/password',
    { next: ADMIN_PASSWORD },
    sessionCookie(claimed.headers),
  );
  expect(set.status).toBe(204);
  cookies.admin = await signIn(server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  userIds.admin = claimed.body.user.id;
  names.admin = claimed.body.user.name;

  const all = (await as<MotionSummary[]>('admin', 'GET', '/api/motions')).body;
  const id = (title: string) => {
    const m = all.find((x) => x.title === title);
    if (!m) throw new Error(`no seeded motion ${title}`);
    return m.id;
  };
  anytownDraft = (await as<Motion>('admin', 'GET', `/api/motions/${id('Open selection of MPs')}`))
    .body;
  riversideDraftId = id('A trigger ballot of all members');
  northfield = (
    await as<Motion>(
      'admin',
      'GET',
      `/api/motions/${id('Conference may revisit a rule after one year')}`,
    )
  ).body;
  expect(anytownDraft.state).toBe('draft');
  expect(northfield.state).toBe('submitted');
});

afterAll(async () => {
  await server.stop();
});

/**
 * Everything a refused request must leave as it was: the audit log (every change writes to it),
 * motions and their states, editions, bodies, memberships, and the draft the request named.
 */
async function fingerprint(motionId?: string) {
  const bodies = await store().listBodies();
  const members = await Promise.all(bodies.map((b) => store().membersOf(b.id)));
  return {
    audit: await auditLength(),
    motions: (await store().listMotions()).map((m) => `${m.id} ${m.state} ${m.title}`),
    editions: (await store().listEditions()).map((e) => e.id),
    bodies: bodies.map((b) => `${b.id} ${b.name}`),
    members: members.flat().map((m) => `${m.bodyId} ${m.userId} ${m.role}`),
    draft: motionId
      ? readAmendments(await readDraftDoc(server.commands, motionId)).map(toAmendmentView)
      : null,
  };
}

/** A new Anytown draft by Alex Member, with one amendment. */
async function freshDraft(title: string): Promise<{ motionId: string; amendmentId: string }> {
  const created = await as<Motion>('member', 'POST', '/api/motions', {
    editionId: 'labour-2024',
    title,
    bodyId: 'anytown-clp',
  });
  expect(created.status).toBe(201);
  const added = await as<AmendmentView>(
    'member',
    'POST',
    `/api/motions/${created.body.id}/amendments`,
    { kind: 'amend', target: '5.IV.5.B.i' },
  );
  expect(added.status).toBe(201);
  // A real change, so the adopted text can be submitted (a motion that changes nothing cannot).
  await editDraft(server.commands, created.body.id, (doc) =>
    amendmentText(doc, added.body.id)?.insert(0, 'Amended. '),
  );
  return { motionId: created.body.id, amendmentId: added.body.id };
}

let freshPeople = 0;
/** A new member of Anytown CLP, made straight in the store, to change or remove. */
async function freshMember(): Promise<string> {
  const id = `fresh-${++freshPeople}`;
  await store().createUser(
    {
      id,
      email: `${id}@anytown.example`,
      name: `Fresh ${freshPeople}`,
      passwordHash: '',
      admin: false,
    },
    { actorId: null, action: 'user-created', userId: id },
  );
  await store().setMembership(
    { bodyId: 'anytown-clp', userId: id, role: 'member' },
    { actorId: null, action: 'member-added', bodyId: 'anytown-clp', userId: id },
  );
  return id;
}

async function roleInAnytown(userId: string) {
  return (await store().membersOf('anytown-clp')).find((m) => m.userId === userId)?.role ?? null;
}

/** An expected answer: the status, and for a refusal the error id. */
type Expected = number | readonly [number, string];
type Expectations = Record<Who, Expected>;

const SIGNED_OUT = [401, 'signed-out'] as const;

/** The same answer for everybody, signed in or not. */
const everyone = (expected: Expected): Expectations =>
  Object.fromEntries(WHO.map((w) => [w, expected])) as Expectations;

/** `allowed` answer `status`, everyone else signed in is refused with `refused`; anon gets 401. */
const only = (allowed: readonly Person[], status: number, refused: Expected): Expectations =>
  Object.fromEntries(
    WHO.map((w) => [
      w,
      w === 'anon' ? SIGNED_OUT : allowed.includes(w as Person) ? status : refused,
    ]),
  ) as Expectations;

/**
 * On an Anytown draft: like {@link only} for Anytown's people, while people of other bodies
 * cannot see the draft at all.
 */
const onAnytownDraft = (allowed: readonly Person[], status: number, refused: Expected) =>
  ({
    ...only(allowed, status, refused),
    ...Object.fromEntries(OUTSIDERS.map((w) => [w, [404, 'motion-not-found']])),
  }) as Expectations;

/** Every signed-in person answers `status`; signed out, 401. */
const signedIn = (status: number) => only(WHO.filter((w) => w !== 'anon') as Person[], status, 0);

/** What one cell acts on, made fresh for it. */
interface Target {
  path: string;
  /** The draft whose amendments must not change when the request is refused. */
  motionId?: string;
  userId?: string;
  /** A session to send instead of the person's usual one. */
  cookie?: string;
}

interface Route {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  target: (who: Who) => Target | Promise<Target>;
  body?: (who: Who) => unknown;
  expect: Expectations;
  /** More checks when the request was allowed. */
  allowed?: (res: Res, who: Who, target: Target) => Promise<void> | void;
  /** More checks when it was refused. */
  refused?: (res: Res, who: Who, target: Target) => Promise<void> | void;
}

const fixed = (path: string) => () => ({ path });

/** What an edition is stored with: its parse and size, as the parse worker makes them. */
function stored(source: string) {
  const { parsed, units, words } = parseEdition({
    source,
    profileId: 'labour',
    keepWithErrors: false,
  });
  if (!parsed) throw new Error('the access fixture rulebook does not read cleanly');
  return { parsed, units, words };
}
/** The person's usual session still works. */
const stillSignedIn = async (who: Who) => {
  if (who !== 'anon') expect((await as(who, 'GET', '/api/auth/me')).status).toBe(200);
};

/**
 * A fresh edition with one motion carried on it, written straight to the store (its adopted text
 * and card vote as the workflow records them): something to consolidate in every cell.
 */
async function carriedOnFreshEdition(who: Who): Promise<{ editionId: string; motionId: string }> {
  const editionId = `consolidate-${who}`;
  const motionId = `consolidate${who}`;
  const system = { actorId: null, motionId, bodyId: 'riverside-clp' };
  await store().createEdition(
    {
      id: editionId,
      organisation: 'Labour Party',
      title: 'Rule Book',
      edition: '2024',
      profile: 'labour',
      source: SOURCE,
      ...stored(SOURCE),
    },
    { actorId: null, action: 'edition-imported' },
  );
  await store().createMotion(
    {
      id: motionId,
      editionId,
      bodyId: 'riverside-clp',
      title: `Carried ${who}`,
      state: 'nec-position',
    },
    { ...system, action: 'motion-created' },
  );
  const motionText =
    'Chapter 5, Clause IV, Sub-clause 5.B.i — delete ‘one third’ and replace with ‘one fifth’.';
  await store().appendAudit({
    ...system,
    action: 'transition',
    detail: {
      event: 'adopt',
      from: 'draft',
      to: 'adopted',
      note: '',
      version: { number: 1, motionText, argument: '', amendments: [] },
    },
  });
  const vote = {
    card: 1,
    sections: {},
    forPercent: 60,
    againstPercent: 40,
    carried: true,
    words: 'CARRIED',
  };
  const detail = { event: 'carry', from: 'nec-position', to: 'carried', note: '', record: vote };
  expect(
    await store().transitionMotion(motionId, 'nec-position', 'carried', {
      ...system,
      action: 'transition',
      detail,
    }),
  ).toBe(true);
  return { editionId, motionId };
}

let openInvite = '';
let usedInvite = '';
let importText = '';
const MATRIX_EMAIL = 'matrix@anytown.example';
const MATRIX_PASSWORD = 'a password for the matrix';

const ROUTES: Route[] = [
  {
    // One sign-in per person: nine attempts, within the limit of ten per address and e-mail.
    name: 'POST /api/auth/sign-in',
    method: 'POST',
    target: fixed('/api/auth/sign-in'),
    body: () => ({ email: MATRIX_EMAIL, password: MATRIX_PASSWORD }),
    expect: everyone(200),
    allowed: async (res) => {
      const cookie = sessionCookie(res.headers);
      expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
      const me = await call<Me>(server.url, 'GET', '/api/auth/me', undefined, cookie);
      expect(me.body.user.email).toBe(MATRIX_EMAIL);
    },
  },
  {
    name: 'POST /api/auth/link (not a link)',
    method: 'POST',
    target: fixed('/api/auth/link'),
    body: () => ({ token: newToken() }),
    expect: everyone([401, 'sign-in-link-invalid']),
  },
  {
    name: 'POST /api/auth/sign-out',
    method: 'POST',
    // A session of its own, so signing out does not end the person's usual one.
    target: async (who) => ({
      path: '/api/auth/sign-out',
      cookie:
        who === 'anon'
          ? ''
          : `${SESSION_COOKIE}=${(await server.auth.openSession(userIds[who])).token}`,
    }),
    body: () => ({}),
    expect: everyone(204),
    allowed: async (_res, who, { cookie }) => {
      if (who === 'anon') return;
      expect((await call(server.url, 'GET', '/api/auth/me', undefined, cookie)).status).toBe(401);
      await stillSignedIn(who);
    },
  },
  {
    name: 'GET /api/auth/me',
    method: 'GET',
    target: fixed('/api/auth/me'),
    expect: signedIn(200),
    allowed: (res, who) => {
      const me = res.body as Me;
      expect(me.user.name).toBe(names[who as Person]);
      expect(me.user.admin).toBe(who === 'admin');
      const bodyOf: Partial<Record<Who, string>> = {
        viewer: 'anytown-clp',
        member: 'anytown-clp',
        secretary: 'anytown-clp',
        riverside: 'riverside-clp',
        cac: 'cac',
        nec: 'nec',
        official: 'conference-office',
      };
      expect(me.memberships.map((m) => m.bodyId)).toEqual(bodyOf[who] ? [bodyOf[who]] : []);
    },
  },
  {
    name: 'POST /api/auth/password (wrong current password)',
    method: 'POST',
    target: fixed('/api/auth/password'),
    body: () => ({ current: 'not the password', next: 'a brand new password' }),
    expect: { ...everyone([401, 'wrong-password']), anon: SIGNED_OUT },
    refused: (_res, who) => stillSignedIn(who),
  },
  {
    name: 'GET /api/invites/:token',
    method: 'GET',
    target: () => ({ path: `/api/invites/${openInvite}` }),
    expect: everyone(200),
    allowed: (res) => {
      expect(res.body).toMatchObject({ bodyName: 'Anytown CLP', role: 'member', status: 'open' });
    },
  },
  {
    name: 'POST /api/invites/:token/accept (a used invite)',
    method: 'POST',
    target: () => ({ path: `/api/invites/${usedInvite}/accept` }),
    body: (who) => ({
      name: 'Late',
      email: `late-${who}@anytown.example`,
      password: 'too late now',
    }),
    expect: everyone([409, 'invite-used']),
    refused: async (_res, who) => {
      expect(await store().findUserByEmail(`late-${who}@anytown.example`)).toBeNull();
    },
  },
  {
    name: 'GET /api/editions',
    method: 'GET',
    target: fixed('/api/editions'),
    expect: signedIn(200),
  },
  {
    name: 'POST /api/editions',
    method: 'POST',
    target: fixed('/api/editions'),
    body: (who) => ({ id: `matrix-${who}`, profile: 'labour', source: SOURCE }),
    expect: only(['official', 'admin'], 201, [403, 'official-only']),
    allowed: async (_res, who) => {
      expect((await as('member', 'GET', `/api/editions/matrix-${who}`)).status).toBe(200);
    },
  },
  {
    name: 'GET /api/editions/:id',
    method: 'GET',
    target: fixed('/api/editions/labour-2024'),
    expect: signedIn(200),
  },
  {
    name: 'GET /api/editions/:id/units',
    method: 'GET',
    target: fixed('/api/editions/labour-2024/units'),
    expect: signedIn(200),
  },
  {
    name: 'GET /api/editions/:id/units/:citation',
    method: 'GET',
    target: fixed('/api/editions/labour-2024/units/5.IV.5.B'),
    expect: signedIn(200),
  },
  {
    name: 'GET /api/editions/:id/search',
    method: 'GET',
    target: fixed('/api/editions/labour-2024/search?q=ballot'),
    expect: signedIn(200),
  },
  {
    name: 'GET /api/editions/:id/consolidation',
    method: 'GET',
    target: fixed('/api/editions/labour-2024/consolidation'),
    expect: signedIn(200),
    allowed: (res, who) => {
      const preview = res.body as ConsolidationPreview;
      expect(preview.editionId).toBe('labour-2024');
      expect(preview.canConsolidate).toBe(who === 'official');
    },
  },
  {
    name: 'POST /api/editions/:id/consolidate',
    method: 'POST',
    target: async (who) => {
      const { editionId, motionId } = await carriedOnFreshEdition(who);
      return { path: `/api/editions/${editionId}/consolidate`, motionId };
    },
    body: (who) => ({ id: `consolidated-${who}`, edition: '2025' }),
    expect: only(['official'], 201, [403, 'official-only']),
    allowed: async (res, who, { motionId }) => {
      expect((res.body as Consolidated).edition.id).toBe(`consolidated-${who}`);
      expect((await store().getMotion(motionId ?? ''))?.state).toBe('incorporated');
    },
    refused: async (_res, who, { motionId }) => {
      expect((await store().getMotion(motionId ?? ''))?.state).toBe('carried');
      expect(await store().getEdition(`consolidated-${who}`)).toBeNull();
    },
  },
  {
    name: 'GET /api/editions/:id/history',
    method: 'GET',
    target: fixed('/api/editions/labour-2024/history'),
    expect: signedIn(200),
    allowed: (res) => {
      expect(res.body).toMatchObject({ editionId: 'labour-2024', basedOn: null });
    },
  },
  {
    name: 'GET /api/editions/:id/export (the consolidated rulebook, as text)',
    method: 'GET',
    target: fixed('/api/editions/labour-2025/export?format=txt&redline=1'),
    expect: signedIn(200),
    allowed: (res) => {
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(res.body).toContain('The CAC elected every year');
    },
  },
  {
    name: 'GET /api/editions/:id/compendium (as text)',
    method: 'GET',
    target: fixed('/api/editions/labour-2024/compendium?format=txt'),
    expect: signedIn(200),
    allowed: (res) => {
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(res.body).toContain(northfield.title);
      expect(res.body).not.toContain(anytownDraft.title);
    },
  },
  {
    name: 'GET /api/editions/:id/results (as text)',
    method: 'GET',
    target: fixed('/api/editions/labour-2024/results?format=txt'),
    expect: signedIn(200),
    allowed: (res) => {
      expect(res.body).toContain('NOT CARRIED');
    },
  },
  {
    name: 'GET /api/motions/export (the tracking table, as JSON)',
    method: 'GET',
    target: fixed('/api/motions/export?format=json'),
    expect: signedIn(200),
    allowed: (res, who) => {
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; /);
      const text = String(res.body);
      const anytown = ['viewer', 'member', 'secretary', 'admin'].includes(who);
      expect(text.includes(anytownDraft.id)).toBe(anytown);
      expect(text.includes(riversideDraftId)).toBe(who === 'riverside' || who === 'admin');
      expect(text).toContain(northfield.id);
    },
  },
  {
    name: "GET /api/motions/:id/export (Anytown's draft, as text)",
    method: 'GET',
    target: () => ({ path: `/api/motions/${anytownDraft.id}/export?format=txt` }),
    expect: only(['viewer', 'member', 'secretary', 'admin'], 200, [404, 'motion-not-found']),
    allowed: (res) => {
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(res.body).toContain(anytownDraft.title);
    },
  },
  {
    name: 'GET /api/motions',
    method: 'GET',
    target: fixed('/api/motions'),
    expect: signedIn(200),
    allowed: (res, who) => {
      const ids = (res.body as MotionSummary[]).map((m) => m.id);
      const anytown = ['viewer', 'member', 'secretary', 'admin'].includes(who);
      expect(ids.includes(anytownDraft.id)).toBe(anytown);
      expect(ids.includes(riversideDraftId)).toBe(who === 'riverside' || who === 'admin');
      expect(ids).toContain(northfield.id);
    },
  },
  {
    name: 'POST /api/motions',
    method: 'POST',
    target: fixed('/api/motions'),
    body: (who) => ({ editionId: 'labour-2024', title: `Matrix ${who}`, bodyId: 'anytown-clp' }),
    expect: only(['member', 'secretary'], 201, [403, 'not-a-drafter']),
    allowed: (res) => {
      expect(res.body).toMatchObject({ bodyId: 'anytown-clp', state: 'draft', access: 'write' });
    },
  },
  {
    name: 'POST /api/motions/import',
    method: 'POST',
    target: fixed('/api/motions/import'),
    body: () => ({ editionId: 'labour-2024', bodyId: 'anytown-clp', text: importText }),
    expect: only(['member', 'secretary'], 201, [403, 'not-a-drafter']),
    allowed: (res) => {
      expect((res.body as Motion).motionText).toBe(importText);
    },
  },
  {
    name: "GET /api/motions/:id (Anytown's draft)",
    method: 'GET',
    target: () => ({ path: `/api/motions/${anytownDraft.id}` }),
    expect: only(['viewer', 'member', 'secretary', 'admin'], 200, [404, 'motion-not-found']),
    allowed: (res, who) => {
      const motion = res.body as Motion;
      expect(motion.access).toBe(who === 'member' || who === 'secretary' ? 'write' : 'read');
      expect(motion.amendments).toEqual(anytownDraft.amendments);
      // Only the body's secretary may move it on.
      expect(motion.actions.map((a) => a.event)).toEqual(who === 'secretary' ? ['adopt'] : []);
    },
  },
  {
    name: "GET /api/motions/:id (Northfield's submitted motion)",
    method: 'GET',
    target: () => ({ path: `/api/motions/${northfield.id}` }),
    expect: signedIn(200),
    allowed: (res, who) => {
      const motion = res.body as Motion;
      expect(motion.access).toBe('read');
      expect(motion.actions.map((a) => a.event)).toEqual(
        who === 'cac' ? ['rule-in-order', 'rule-out-of-order'] : [],
      );
    },
  },
  {
    name: "GET /api/motions/:id/events (Anytown's draft)",
    method: 'GET',
    target: () => ({ path: `/api/motions/${anytownDraft.id}/events` }),
    expect: only(['viewer', 'member', 'secretary', 'admin'], 200, [404, 'motion-not-found']),
    allowed: (res) => {
      expect((res.body as AuditView[]).map((e) => [e.action, e.actor])).toEqual([
        ['motion-created', 'Alex Member'],
      ]);
    },
  },
  {
    name: "GET /api/motions/:id/conflicts (Anytown's draft)",
    method: 'GET',
    target: () => ({ path: `/api/motions/${anytownDraft.id}/conflicts` }),
    expect: only(['viewer', 'member', 'secretary', 'admin'], 200, [404, 'motion-not-found']),
    allowed: async (res, who) => {
      const conflicts = res.body as MotionConflictView[];
      expect(Array.isArray(conflicts)).toBe(true);
      // Only other motions the person may read: never a private draft of another body.
      const readable = (await as<MotionSummary[]>(who, 'GET', '/api/motions')).body;
      const ids = new Set(readable.map((m) => m.id));
      for (const c of conflicts) {
        expect(c.motion.id).not.toBe(anytownDraft.id);
        expect(ids.has(c.motion.id), c.motion.title).toBe(true);
      }
    },
  },
  {
    name: "GET /api/motions/:id/versions (Anytown's draft)",
    method: 'GET',
    target: () => ({ path: `/api/motions/${anytownDraft.id}/versions` }),
    expect: only(['viewer', 'member', 'secretary', 'admin'], 200, [404, 'motion-not-found']),
    allowed: (res) => {
      const body = res.body as { versions: unknown[]; draft: { number: number } | null };
      expect(body.versions).toEqual([]);
      expect(body.draft?.number).toBe(0);
    },
  },
  {
    name: "GET /api/motions/:id/reading (Anytown's draft)",
    method: 'GET',
    target: () => ({ path: `/api/motions/${anytownDraft.id}/reading` }),
    expect: only(['viewer', 'member', 'secretary', 'admin'], 200, [404, 'motion-not-found']),
    allowed: (res) => {
      // Drafted here, not imported: no text as submitted, nothing to mark.
      expect(res.body).toEqual({ diagnostics: [], unread: false, canFinish: false });
    },
  },
  {
    name: "POST /api/motions/:id/reading (Anytown's draft, drafted here)",
    method: 'POST',
    target: () => ({ path: `/api/motions/${anytownDraft.id}/reading`, motionId: anytownDraft.id }),
    body: () => ({ resolutions: [] }),
    // Its drafters may finish a reading, but one drafted here has none to finish.
    expect: onAnytownDraft(['member', 'secretary'], 409, [403, 'reading-not-yours']),
    allowed: (res) => {
      expect((res.body as ApiError).error.id).toBe('not-imported');
    },
  },
  {
    name: 'POST /api/motions/:id/transitions (adopt a draft)',
    method: 'POST',
    target: async (who) => {
      const { motionId } = await freshDraft(`Adopt ${who}`);
      return { path: `/api/motions/${motionId}/transitions`, motionId };
    },
    body: () => stepRequest('adopt', 'At the all-member meeting'),
    expect: onAnytownDraft(['secretary'], 200, [403, 'transition-refused']),
    allowed: async (res, _who, { motionId }) => {
      expect((res.body as Motion).state).toBe('adopted');
      expect((await store().getMotion(motionId ?? ''))?.state).toBe('adopted');
    },
    refused: async (res, who, { motionId }) => {
      expect((await store().getMotion(motionId ?? ''))?.state).toBe('draft');
      if ((res.body as ApiError).error.id === 'transition-refused') {
        expect((res.body as ApiError).error.message, who).toBe(
          "Only a secretary or an NEC member of the motion's own body may “Record adoption by the meeting”",
        );
      }
    },
  },
  {
    name: 'POST /api/motions/:id/amendments',
    method: 'POST',
    target: async (who) => {
      const { motionId } = await freshDraft(`Amend ${who}`);
      return { path: `/api/motions/${motionId}/amendments`, motionId };
    },
    body: () => ({ kind: 'amend', target: '5.IV.6' }),
    expect: onAnytownDraft(['member', 'secretary'], 201, [403, 'motion-read-only']),
    allowed: async (res, _who, { motionId }) => {
      const draft = readAmendments(await readDraftDoc(server.commands, motionId ?? ''));
      expect(draft.map((a) => a.target)).toEqual(['5.IV.5.B.i', '5.IV.6']);
      expect((res.body as AmendmentView).target).toBe('5.IV.6');
    },
  },
  {
    name: 'DELETE /api/motions/:id/amendments/:amendmentId',
    method: 'DELETE',
    target: async (who) => {
      const { motionId, amendmentId } = await freshDraft(`Remove ${who}`);
      return { path: `/api/motions/${motionId}/amendments/${amendmentId}`, motionId };
    },
    expect: onAnytownDraft(['member', 'secretary'], 204, [403, 'motion-read-only']),
    allowed: async (_res, _who, { motionId }) => {
      expect(readAmendments(await readDraftDoc(server.commands, motionId ?? ''))).toEqual([]);
    },
  },
  {
    name: 'GET /api/bodies',
    method: 'GET',
    target: fixed('/api/bodies'),
    expect: signedIn(200),
    allowed: (res, who) => {
      const anytown = (res.body as BodyView[]).find((b) => b.id === 'anytown-clp');
      const manages = who === 'secretary' || who === 'admin';
      expect(anytown?.canManage).toBe(manages);
      expect(anytown?.grantable).toEqual(manages ? ['member', 'secretary', 'viewer'] : []);
    },
  },
  {
    name: 'POST /api/bodies',
    method: 'POST',
    target: fixed('/api/bodies'),
    body: (who) => ({ name: `Matrix ${who} CLP`, kind: 'clp' }),
    expect: only(['admin'], 201, [403, 'admin-only']),
    allowed: (res) => {
      expect(res.body).toMatchObject({ id: 'matrix-admin-clp', name: 'Matrix admin CLP' });
    },
  },
  {
    name: 'GET /api/bodies/:id/members (Anytown)',
    method: 'GET',
    target: fixed('/api/bodies/anytown-clp/members'),
    expect: only(['secretary', 'admin'], 200, [403, 'not-body-secretary']),
    allowed: (res) => {
      const members = res.body as MemberView[];
      expect(members.find((m) => m.userId === 'demo-secretary')?.role).toBe('secretary');
    },
  },
  {
    name: 'GET /api/bodies/:id/members (Riverside)',
    method: 'GET',
    target: fixed('/api/bodies/riverside-clp/members'),
    expect: only(['riverside', 'admin'], 200, [403, 'not-body-secretary']),
  },
  {
    name: 'PUT /api/bodies/:id/members/:userId',
    method: 'PUT',
    target: async () => {
      const userId = await freshMember();
      return { path: `/api/bodies/anytown-clp/members/${userId}`, userId };
    },
    body: () => ({ role: 'viewer' }),
    expect: only(['secretary', 'admin'], 204, [403, 'not-body-secretary']),
    allowed: async (_res, _who, { userId }) => {
      expect(await roleInAnytown(userId ?? '')).toBe('viewer');
    },
  },
  {
    name: 'DELETE /api/bodies/:id/members/:userId',
    method: 'DELETE',
    target: async () => {
      const userId = await freshMember();
      return { path: `/api/bodies/anytown-clp/members/${userId}`, userId };
    },
    expect: only(['secretary', 'admin'], 204, [403, 'not-body-secretary']),
    allowed: async (_res, _who, { userId }) => {
      expect(await roleInAnytown(userId ?? '')).toBeNull();
    },
  },
  {
    name: 'POST /api/bodies/:id/invites',
    method: 'POST',
    target: fixed('/api/bodies/anytown-clp/invites'),
    body: () => ({ role: 'member' }),
    expect: only(['secretary', 'admin'], 201, [403, 'not-body-secretary']),
    allowed: async (res) => {
      const invite = res.body as InviteCreated;
      expect(invite).toMatchObject({ role: 'member', bodyName: 'Anytown CLP' });
      const preview = await call<InvitePreview>(server.url, 'GET', `/api/invites/${invite.token}`);
      expect(preview.body.status).toBe('open');
    },
  },
  {
    name: 'GET /api/audit',
    method: 'GET',
    target: fixed('/api/audit'),
    expect: only(['admin'], 200, [403, 'admin-only']),
  },
];

describe('every route for every person', () => {
  beforeAll(async () => {
    await store().createUser(
      {
        id: 'matrix',
        email: MATRIX_EMAIL,
        name: 'Matt Rix',
        passwordHash: await hashPassword(MATRIX_PASSWORD),
        admin: false,
      },
      { actorId: null, action: 'user-created', userId: 'matrix' },
    );
    const created = await as<InviteCreated>(
      'secretary',
      'POST',
      '/api/bodies/anytown-clp/invites',
      { role: 'member' },
    );
    openInvite = created.body.token;
    usedInvite = (
      await as<InviteCreated>('secretary', 'POST', '/api/bodies/anytown-clp/invites', {
        role: 'viewer',
      })
    ).body.token;
    const used = await call(server.url, 'POST', `/api/invites/${usedInvite}/accept`, {
      name: 'Early Bird',
      email: 'early@anytown.example',
      password: 'first come first served',
    });
    expect(used.status).toBe(204);
    importText = northfield.motionText;
  });

  it('covers every /api route the app has', () => {
    // Read from the app itself: a new route without a row here fails this test.
    const app = createApp({ commands: server.commands, auth: server.auth });
    const registered = app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
      .map((r) => `${r.method} ${r.path}`);
    expect(registered.length).toBeGreaterThan(25);
    const covered = ROUTES.map((r) => `${r.method} ${r.name.split(' ')[1]}`);
    expect(new Set(covered)).toEqual(new Set(registered));
  });

  describe.each(ROUTES)('$name', (route) => {
    it.each(WHO)('%s', async (who) => {
      const target = await route.target(who);
      const before = await fingerprint(target.motionId);
      const res = await call(
        server.url,
        route.method,
        target.path,
        route.body?.(who),
        target.cookie ?? cookies[who],
      );
      const expected = route.expect[who];
      const [status, errorId] = typeof expected === 'number' ? [expected, null] : expected;
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      if (status >= 400) {
        if (errorId) expect((res.body as ApiError).error.id).toBe(errorId);
        if (route.method !== 'GET') expect(await fingerprint(target.motionId)).toEqual(before);
        await route.refused?.(res, who, target);
      } else {
        await route.allowed?.(res, who, target);
      }
    });
  });
});

describe('the workflow', () => {
  let motionId = '';
  let amendmentId = '';
  const step = (who: Who, event: string) =>
    as<Motion & ApiError>(who, 'POST', `/api/motions/${motionId}/transitions`, stepRequest(event));
  const state = async () => (await store().getMotion(motionId))?.state;

  /** A refused step: the status, the error id, why, and nothing changed. */
  async function refused(who: Who, event: string, status: number, id: string, why?: RegExp) {
    const before = await fingerprint(motionId);
    const res = await step(who, event);
    expect(res.status, `${who} ${event}`).toBe(status);
    expect(res.body.error.id).toBe(id);
    if (why) expect(res.body.error.message).toMatch(why);
    expect(await fingerprint(motionId)).toEqual(before);
  }

  async function allowed(who: Who, event: string, to: string) {
    const before = await auditLength();
    const res = await step(who, event);
    expect(res.status, `${who} ${event}: ${JSON.stringify(res.body)}`).toBe(200);
    expect(res.body.state).toBe(to);
    expect(await state()).toBe(to);
    expect(await auditLength()).toBe(before + 1);
  }

  const visibleTo = async (who: Who) => {
    const read = await as(who, 'GET', `/api/motions/${motionId}`);
    const listed = (await as<MotionSummary[]>(who, 'GET', '/api/motions')).body.some(
      (m) => m.id === motionId,
    );
    expect(listed).toBe(read.status === 200);
    return read.status;
  };

  const ANYTOWN = ['viewer', 'member', 'secretary', 'admin'] as const;

  beforeAll(async () => {
    ({ motionId, amendmentId } = await freshDraft('Workflow'));
  });

  it('a draft is open to Anytown only; only its secretary can adopt it', async () => {
    for (const who of OUTSIDERS) expect(await visibleTo(who), who).toBe(404);
    for (const who of ANYTOWN) expect(await visibleTo(who), who).toBe(200);
    const role = /^Only a secretary or an NEC member of the motion's own body may “Record adoption/;
    await refused('member', 'adopt', 403, 'transition-refused', role);
    await refused('viewer', 'adopt', 403, 'transition-refused', role);
    await refused('admin', 'adopt', 403, 'transition-refused', role);
    for (const who of OUTSIDERS) await refused(who, 'adopt', 404, 'motion-not-found');
    await refused('cac', 'rule-in-order', 404, 'motion-not-found');
    await refused(
      'secretary',
      'submit',
      409,
      'transition-refused',
      /^“Submit to conference” is not possible while the motion is Draft; it needs Adopted by the CLP$/,
    );
    await refused('secretary', 'rule-in-order', 409, 'transition-refused', /needs Submitted$/);
    const unknown = await step('secretary', 'teleport');
    expect(unknown.status).toBe(400);
    expect(await state()).toBe('draft');
    await allowed('secretary', 'adopt', 'adopted');
  });

  it('after adoption the text is read-only for everyone, and still private', async () => {
    for (const who of ['member', 'secretary', 'viewer', 'admin'] as const) {
      const before = await fingerprint(motionId);
      const add = await as<ApiError>(who, 'POST', `/api/motions/${motionId}/amendments`, {
        kind: 'amend',
        target: '5.IV.6',
      });
      expect(add.status, who).toBe(403);
      expect(add.body.error.id).toBe('motion-read-only');
      const remove = await as<ApiError>(
        who,
        'DELETE',
        `/api/motions/${motionId}/amendments/${amendmentId}`,
      );
      expect(remove.status, who).toBe(403);
      expect(remove.body.error.id).toBe('motion-read-only');
      expect(await fingerprint(motionId)).toEqual(before);
    }
    const read = await as<Motion>('member', 'GET', `/api/motions/${motionId}`);
    expect(read.body.access).toBe('read');
    for (const who of OUTSIDERS) expect(await visibleTo(who), who).toBe(404);
    await refused('cac', 'rule-in-order', 404, 'motion-not-found');
    await refused('nec', 'record-nec-position', 404, 'motion-not-found');
    await refused('member', 'submit', 403, 'transition-refused');
    await allowed('secretary', 'submit', 'submitted');
  });

  it('once submitted it is public, and only the CAC can rule on it', async () => {
    for (const who of [...OUTSIDERS, ...ANYTOWN]) expect(await visibleTo(who), who).toBe(200);
    const add = await as<ApiError>('riverside', 'POST', `/api/motions/${motionId}/amendments`, {
      kind: 'amend',
      target: '5.IV.6',
    });
    expect(add.status).toBe(403);
    expect(add.body.error.id).toBe('motion-read-only');
    await refused('nec', 'record-nec-position', 409, 'transition-refused', /needs Ruled in order$/);
    await refused('official', 'carry', 409, 'transition-refused', /needs NEC position recorded$/);
    await refused('secretary', 'rule-in-order', 403, 'transition-refused', /^Only a CAC member/);
    await refused('nec', 'rule-in-order', 403, 'transition-refused', /^Only a CAC member/);
    await refused('riverside', 'withdraw', 403, 'transition-refused', /own body/);
    await allowed('cac', 'rule-in-order', 'in-order');
  });

  it('the NEC records its position only once it is in order, then an official the outcome', async () => {
    await refused('official', 'carry', 409, 'transition-refused', /needs NEC position recorded$/);
    await refused('cac', 'record-nec-position', 403, 'transition-refused', /^Only an NEC member/);
    await allowed('nec', 'record-nec-position', 'nec-position');
    await refused('nec', 'carry', 403, 'transition-refused', /^Only a conference official/);
    await refused('cac', 'carry', 403, 'transition-refused', /^Only a conference official/);
    await allowed('official', 'carry', 'carried');
  });

  it('keeps every step on the motion timeline, with who took it', async () => {
    const events = await as<AuditView[]>('riverside', 'GET', `/api/motions/${motionId}/events`);
    expect(events.status).toBe(200);
    expect(
      events.body
        .filter((e) => e.action === 'transition')
        .map((e) => [e.actor, e.detail.event, e.detail.from, e.detail.to]),
    ).toEqual([
      ['Sam Secretary', 'adopt', 'draft', 'adopted'],
      ['Sam Secretary', 'submit', 'adopted', 'submitted'],
      ['Casey Arrangements', 'rule-in-order', 'submitted', 'in-order'],
      ['Nat Executive', 'record-nec-position', 'in-order', 'nec-position'],
      ['Olu Official', 'carry', 'nec-position', 'carried'],
    ]);
  });
});

describe('invites', () => {
  const accept = (token: string, body: unknown, cookie = '') =>
    call(server.url, 'POST', `/api/invites/${token}/accept`, body, cookie);
  const NEW_PERSON = { name: 'Nia New', email: 'nia@anytown.example', password: 'my own password' };
  let token = '';

  it('a secretary invites a member; a signed-out person accepts and is signed in as one', async () => {
    const created = await as<InviteCreated>(
      'secretary',
      'POST',
      '/api/bodies/anytown-clp/invites',
      { role: 'member' },
    );
    expect(created.status).toBe(201);
    token = created.body.token;
    expect(created.body).toMatchObject({
      path: `#/invite/${token}`,
      role: 'member',
      bodyName: 'Anytown CLP',
    });
    expect(Date.parse(created.body.expiresAt) - Date.now()).toBeGreaterThan(6 * 86_400_000);
    const preview = await call<InvitePreview>(server.url, 'GET', `/api/invites/${token}`);
    expect(preview.body).toMatchObject({ bodyName: 'Anytown CLP', kind: 'clp', status: 'open' });

    const incomplete = await accept(token, { name: 'Nia New' });
    expect(incomplete.status).toBe(400);

    const accepted = await accept(token, NEW_PERSON);
    expect(accepted.status).toBe(204);
    const cookie = sessionCookie(accepted.headers);
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    const me = await call<Me>(server.url, 'GET', '/api/auth/me', undefined, cookie);
    expect(me.body.user).toMatchObject({ name: 'Nia New', email: 'nia@anytown.example' });
    expect(me.body.memberships).toEqual([
      { bodyId: 'anytown-clp', bodyName: 'Anytown CLP', kind: 'clp', role: 'member' },
    ]);
    const draft = await call<Motion>(
      server.url,
      'GET',
      `/api/motions/${anytownDraft.id}`,
      undefined,
      cookie,
    );
    expect(draft.body.access).toBe('write');
    expect(await signIn(server.url, NEW_PERSON.email, NEW_PERSON.password)).toBeTruthy();
  });

  it('an invite works once: a second use is 409 and changes nothing', async () => {
    const before = await fingerprint();
    const again = await accept(token, { ...NEW_PERSON, email: 'second@anytown.example' });
    expect(again.status).toBe(409);
    expect((again.body as ApiError).error.id).toBe('invite-used');
    const signedInAgain = await accept(token, {}, cookies.riverside);
    expect(signedInAgain.status).toBe(409);
    expect(await fingerprint()).toEqual(before);
    expect(await store().findUserByEmail('second@anytown.example')).toBeNull();
    const preview = await call<InvitePreview>(server.url, 'GET', `/api/invites/${token}`);
    expect(preview.body.status).toBe('used');
  });

  it('an expired invite is 409 and changes nothing', async () => {
    const expired = newToken();
    const day = 86_400_000;
    await store().createInvite(
      {
        tokenHash: hashToken(expired),
        bodyId: 'anytown-clp',
        role: 'member',
        createdBy: 'demo-secretary',
        createdAt: new Date(Date.now() - 8 * day).toISOString(),
        expiresAt: new Date(Date.now() - day).toISOString(),
      },
      { actorId: 'demo-secretary', action: 'invite-created', bodyId: 'anytown-clp' },
    );
    const preview = await call<InvitePreview>(server.url, 'GET', `/api/invites/${expired}`);
    expect(preview.body.status).toBe('expired');
    const before = await fingerprint();
    const res = await accept(expired, { ...NEW_PERSON, email: 'late@anytown.example' });
    expect(res.status).toBe(409);
    expect((res.body as ApiError).error.id).toBe('invite-used');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await fingerprint()).toEqual(before);
    expect(await store().findUserByEmail('late@anytown.example')).toBeNull();
    expect((await call(server.url, 'GET', `/api/invites/${newToken()}`)).status).toBe(404);
  });

  it('a signed-in person who accepts joins the body with the invite’s role', async () => {
    await store().createUser(
      {
        id: 'joiner',
        email: 'joiner@riverside.example',
        name: 'Jo Iner',
        passwordHash: '',
        admin: false,
      },
      { actorId: null, action: 'user-created', userId: 'joiner' },
    );
    const cookie = `${SESSION_COOKIE}=${(await server.auth.openSession('joiner')).token}`;
    const invite = await as<InviteCreated>('secretary', 'POST', '/api/bodies/anytown-clp/invites', {
      role: 'viewer',
    });
    const res = await accept(invite.body.token, {}, cookie);
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await roleInAnytown('joiner')).toBe('viewer');
    const draft = await call<Motion>(
      server.url,
      'GET',
      `/api/motions/${anytownDraft.id}`,
      undefined,
      cookie,
    );
    expect(draft.body.access).toBe('read');
  });

  it('never changes the role of someone already in the body (the last secretary stays one)', async () => {
    const invite = await as<InviteCreated>('secretary', 'POST', '/api/bodies/anytown-clp/invites', {
      role: 'viewer',
    });
    const before = await fingerprint();
    const res = await accept(invite.body.token, {}, cookies.secretary);
    expect(res.status).toBe(409);
    expect((res.body as ApiError).error.id).toBe('already-member');
    expect(await fingerprint()).toEqual(before);
    expect(await roleInAnytown('demo-secretary')).toBe('secretary');
    // The invite is still there for someone else.
    const preview = await call<InvitePreview>(
      server.url,
      'GET',
      `/api/invites/${invite.body.token}`,
    );
    expect(preview.body.status).toBe('open');
  });

  it('a secretary gives only the roles of their own body', async () => {
    const before = await fingerprint();
    const cac = await as<ApiError>('secretary', 'POST', '/api/bodies/anytown-clp/invites', {
      role: 'cac',
    });
    expect(cac.status).toBe(400);
    expect(cac.body.error.message).toMatch(/^role: a clp holds only the roles member, secretary/);
    const toCac = await as<ApiError>('secretary', 'POST', '/api/bodies/cac/invites', {
      role: 'cac',
    });
    expect(toCac.status).toBe(403);
    expect(toCac.body.error.id).toBe('not-body-secretary');
    const promote = await as<ApiError>(
      'secretary',
      'PUT',
      `/api/bodies/anytown-clp/members/demo-member`,
      { role: 'nec' },
    );
    expect(promote.status).toBe(400);
    expect(await fingerprint()).toEqual(before);
    // The admin may give conference roles, in conference bodies.
    const admin = await as('admin', 'POST', '/api/bodies/cac/invites', { role: 'cac' });
    expect(admin.status).toBe(201);
  });
});

describe('the audit log', () => {
  it('records bodies, members, invites and transitions, for the admin only', async () => {
    const log = await as<AuditView[]>('admin', 'GET', '/api/audit');
    expect(log.status).toBe(200);
    const actions = new Set(log.body.map((e) => e.action));
    for (const action of [
      'body-created',
      'member-added',
      'invite-created',
      'invite-accepted',
      'transition',
      'motion-created',
      'edition-imported',
    ]) {
      expect(actions, action).toContain(action);
    }
    expect(log.body.map((e) => e.seq)).toEqual(
      [...log.body.map((e) => e.seq)].sort((a, b) => a - b),
    );
    const accepted = log.body.find(
      (e) => e.action === 'invite-accepted' && e.detail.newAccount === true,
    );
    expect(accepted).toMatchObject({ bodyId: 'anytown-clp', detail: { role: 'viewer' } });
    const created = log.body.find(
      (e) => e.action === 'body-created' && e.bodyId === 'matrix-admin-clp',
    );
    expect(created?.actor).toBe('Administrator');
    for (const who of WHO.filter((w) => w !== 'admin')) {
      expect((await as(who, 'GET', '/api/audit')).status, who).toBe(who === 'anon' ? 401 : 403);
    }
  });
});

describe('sessions', () => {
  it('an expired session is 401 everywhere, and changes nothing', async () => {
    const sessions = server.commands.store;
    const now = Date.now();
    const session = async (expiresAt: number) => {
      const token = newToken();
      await sessions.createSession({
        idHash: hashToken(token),
        userId: 'demo-member',
        createdAt: new Date(now - 15 * 86_400_000).toISOString(),
        expiresAt: new Date(expiresAt).toISOString(),
      });
      return { token, cookie: `${SESSION_COOKIE}=${token}` };
    };
    const live = await session(now + 60_000);
    const expired = await session(now - 1_000);
    const me = (cookie: string) => call<Me>(server.url, 'GET', '/api/auth/me', undefined, cookie);
    expect((await me(live.cookie)).status).toBe(200);
    expect((await me(expired.cookie)).status).toBe(401);
    const before = await fingerprint();
    const create = await call<ApiError>(
      server.url,
      'POST',
      '/api/motions',
      { editionId: 'labour-2024', title: 'Too late', bodyId: 'anytown-clp' },
      expired.cookie,
    );
    expect(create.status).toBe(401);
    expect(create.body.error.id).toBe('signed-out');
    const list = await call(server.url, 'GET', '/api/motions', undefined, expired.cookie);
    expect(list.status).toBe(401);
    expect(await fingerprint()).toEqual(before);
    // An expired session is deleted when it is seen.
    expect(await sessions.getSession(hashToken(expired.token))).toBeNull();
    expect(await sessions.getSession(hashToken(live.token))).not.toBeNull();
  });
});

describe('the first admin', () => {
  it('takes only the newest start-up link, and none once the admin has a password', async () => {
    const first = await startTestServer({ seed: 'none' });
    const { dataDir } = first;
    const restart = () =>
      startServer({
        port: 0,
        host: '127.0.0.1',
        dataDir,
        allowedOrigins: [],
        writeThrough: true,
        seed: 'none',
      });
    const tokenOf = (link: string | null) => link?.split('#/welcome/')[1];
    const started: Array<Awaited<ReturnType<typeof startServer>>> = [];
    try {
      const links = [tokenOf(first.adminLink)];
      await first.close();
      // Two more starts before anyone claims the account: each prints a new link.
      for (let i = 0; i < 2; i++) {
        const next = await restart();
        started.push(next);
        links.push(tokenOf(next.adminLink));
        if (i === 0) await next.close();
      }
      const server = started.at(-1) as Awaited<ReturnType<typeof startServer>>;
      const use = (token: string | undefined) =>
        call<{ user: SessionUser }>(server.url, 'POST', '/api/auth/link', { token });
      const [oldest, older, newest] = links;
      expect(new Set(links).size).toBe(3);
      // Printing a new link cancelled the earlier ones, before anyone claimed.
      expect((await use(oldest)).status).toBe(401);
      const claimed = await use(newest);
      expect(claimed.status).toBe(200);
      // Claiming cancels every other link.
      const refused = await use(older);
      expect(refused.status).toBe(401);
      expect((refused.body as unknown as ApiError).error.id).toBe('sign-in-link-invalid');
      expect(refused.headers.get('set-cookie')).toBeNull();

      const set = await call(
        server.url,
        'POST',
        '/api/auth/password',
        { next: ADMIN_PASSWORD },
        sessionCookie(claimed.headers),
      );
      expect(set.status).toBe(204);
      // A link stored after the password was set (a start racing the claim) opens nothing either.
      const late = newToken();
      const admin = await server.commands.store.findUserByEmail(ADMIN_EMAIL);
      await server.commands.store.createSignInLink({
        tokenHash: hashToken(late),
        userId: admin?.id ?? '',
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      });
      expect((await use(late)).status).toBe(401);
      expect(await signIn(server.url, ADMIN_EMAIL, ADMIN_PASSWORD)).toBeTruthy();
    } finally {
      for (const s of started) await s.close();
      await first.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('signs in once by the start-up link, sets a password, and a restart makes no new link', async () => {
    const first = await startTestServer({ seed: 'none' });
    const dataDir = first.dataDir;
    let restarted: Awaited<ReturnType<typeof startServer>> | null = null;
    try {
      expect(first.adminLink).toMatch(/\/#\/welcome\/[\w-]{43}$/);
      const token = first.adminLink?.split('#/welcome/')[1];
      const use = () => call<{ user: SessionUser }>(first.url, 'POST', '/api/auth/link', { token });
      const signedIn = await use();
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.user).toMatchObject({
        email: ADMIN_EMAIL,
        admin: true,
        hasPassword: false,
      });
      const cookie = sessionCookie(signedIn.headers);
      const again = await use();
      expect(again.status).toBe(401);
      expect((again.body as unknown as ApiError).error.id).toBe('sign-in-link-invalid');
      expect(again.headers.get('set-cookie')).toBeNull();
      expect((await call(first.url, 'GET', '/api/audit', undefined, cookie)).status).toBe(200);

      const set = await call(
        first.url,
        'POST',
        '/api/auth/password',
        { next: ADMIN_PASSWORD },
        cookie,
      );
      expect(set.status).toBe(204);
      const me = await call<Me>(
        first.url,
        'GET',
        '/api/auth/me',
        undefined,
        sessionCookie(set.headers),
      );
      expect(me.body.user.hasPassword).toBe(true);
      expect(await first.commands.store.adminStatus()).toMatchObject({
        exists: true,
        claimed: true,
      });

      await first.close();
      restarted = await startServer({
        port: 0,
        host: '127.0.0.1',
        dataDir,
        allowedOrigins: [],
        writeThrough: true,
        seed: 'none',
      });
      expect(restarted.adminLink).toBeNull();
      expect(await signIn(restarted.url, ADMIN_EMAIL, ADMIN_PASSWORD)).toBeTruthy();
    } finally {
      await restarted?.close();
      await first.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
