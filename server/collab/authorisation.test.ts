/**
 * S1 and S2 through the real server and real providers: who may open a drafting room is decided
 * from the session cookie on the upgrade request before any document byte is sent; read-only
 * people can neither write nor show presence; names and colours in presence come from the server;
 * and a transition that freezes the text turns open editors read-only at once.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AmendmentView, Motion } from '../../schemas/api';
import { CLOSE, motionDocumentName, STATELESS } from '../../schemas/collab';
import { hashToken, newToken, SESSION_COOKIE } from '../commands/auth';
import { startTestServer, STORES, type TestServer } from '../test/server';
import {
  amendmentText,
  call,
  connect,
  MESSAGE,
  signIn,
  waitFor,
  waitSaved,
  type Client,
} from '../test/collab-client';
import type { CollabContext } from './authorisation';
import { replayStored } from './replay';
import { stepRequest } from '../test/steps';

let server: TestServer;
let clients: Client[] = [];
const cookies = { member: '', secretary: '', viewer: '', riverside: '' };

const BASE_5_IV_5_B_I =
  'one third or more of the Party branches in the CLP vote in favour of a full selection; or';

afterEach(() => {
  for (const c of clients) c.destroy();
  clients = [];
});

function client(name: string, cookie?: string): Client {
  const c = connect(server.url, name, cookie);
  clients.push(c);
  return c;
}

/** A new Anytown draft by Alex Member with one amendment (5.IV.5.B.i, its base text). */
async function newDraft() {
  const motion = await call<Motion>(
    server.url,
    'POST',
    '/api/motions',
    { editionId: 'labour-2024', title: 'Rooms', bodyId: 'anytown-clp' },
    cookies.member,
  );
  expect(motion.status).toBe(201);
  const amendment = await call<AmendmentView>(
    server.url,
    'POST',
    `/api/motions/${motion.body.id}/amendments`,
    { kind: 'amend', target: '5.IV.5.B.i' },
    cookies.member,
  );
  expect(amendment.status).toBe(201);
  return {
    motionId: motion.body.id,
    amendmentId: amendment.body.id,
    name: motionDocumentName(motion.body.id),
  };
}

/** The server's own copy of the amendment text (the document people are editing). */
function serverText(name: string, amendmentId: string): string | undefined {
  const document = server.commands.hocuspocus.documents.get(name);
  return document ? amendmentText(document, amendmentId)?.toString() : undefined;
}

/**
 * What the store would give back after a crash (the snapshot plus the logged updates), and the
 * highest sequence number logged so far. A background compaction may drop logged rows, never
 * add any, so "nothing logged since" is: no row above the earlier highest.
 */
async function stored(name: string, amendmentId: string) {
  const { snapshot, updates } = await server.commands.store.loadDocument(name);
  const doc = new Y.Doc();
  replayStored(doc, { snapshot, updates });
  return {
    text: amendmentText(doc, amendmentId)?.toString(),
    seqs: updates.map((u) => u.seq),
  };
}

const loggedSince = (before: { seqs: number[] }, after: { seqs: number[] }) =>
  after.seqs.filter((seq) => seq > Math.max(0, ...before.seqs));

/** A text a client holds once it has arrived. */
async function textOf(c: Client, amendmentId: string): Promise<Y.Text> {
  await waitFor(() => amendmentText(c.doc, amendmentId) !== null, 10_000, 'the amendment text');
  return amendmentText(c.doc, amendmentId) as Y.Text;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(STORES)('on %s', (store) => {
  beforeAll(async () => {
    server = await startTestServer({}, {}, store);
    cookies.member = await signIn(server.url, 'member@anytown.example');
    cookies.secretary = await signIn(server.url, 'secretary@anytown.example');
    cookies.viewer = await signIn(server.url, 'viewer@anytown.example');
    cookies.riverside = await signIn(server.url, 'secretary@riverside.example');
  });

  afterAll(async () => {
    await server.stop();
  });

  describe('S1: opening a drafting room', () => {
    it('refuses a missing, forged or expired session whatever the motion, and another body’s draft as a missing one, before any document byte', async () => {
      const { name } = await newDraft();
      const store = server.commands.store;
      const expired = newToken();
      await store.createSession({
        idHash: hashToken(expired),
        userId: 'demo-member',
        createdAt: new Date(Date.now() - 15 * 86_400_000).toISOString(),
        expiresAt: new Date(Date.now() - 1_000).toISOString(),
      });
      const cases = [
        { what: 'no cookie', doc: name, cookie: undefined, refusal: CLOSE.signedOut },
        {
          what: 'a forged cookie',
          doc: name,
          cookie: `${SESSION_COOKIE}=${newToken()}`,
          refusal: CLOSE.signedOut,
        },
        {
          what: 'an expired session',
          doc: name,
          cookie: `${SESSION_COOKIE}=${expired}`,
          refusal: CLOSE.signedOut,
        },
        // Signed out, a motion that does not exist answers as one that does: no probing for ids.
        {
          what: 'no cookie, a motion that does not exist',
          doc: motionDocumentName('zzzzzzzzzzzz'),
          cookie: undefined,
          refusal: CLOSE.signedOut,
        },
        // Signed in, a draft not shared with the person answers as one that does not exist.
        {
          what: 'a Riverside secretary on an Anytown draft',
          doc: name,
          cookie: cookies.riverside,
          refusal: CLOSE.unknownDocument,
        },
        {
          what: 'a motion that does not exist',
          doc: motionDocumentName('zzzzzzzzzzzz'),
          cookie: cookies.member,
          refusal: CLOSE.unknownDocument,
        },
      ];
      // Nobody has the draft open: a refused connection must not even load it.
      expect(server.commands.hocuspocus.documents.has(name)).toBe(false);
      for (const { what, doc, cookie, refusal } of cases) {
        const c = client(doc, cookie);
        await waitFor(() => c.refusals.length > 0, 10_000, `the refusal of ${what}`);
        // Time for anything else the server might send after the refusal.
        await pause(300);
        expect(c.refusals, what).toEqual([refusal.reason]);
        // The only message for the document was the refusal: no sync step, no update, no presence.
        expect(c.received, what).toEqual([MESSAGE.auth]);
        expect(c.doc.share.size, what).toBe(0);
        expect(Y.encodeStateVector(c.doc), what).toEqual(Y.encodeStateVector(new Y.Doc()));
        expect(c.provider.synced, what).toBe(false);
        expect(c.provider.awareness?.getStates().size, what).toBe(1); // its own state only
        expect(server.commands.hocuspocus.documents.has(doc), what).toBe(false);
        c.destroy();
      }
      // The expired session is gone from the store once seen.
      expect(await store.getSession(hashToken(expired))).toBeNull();

      // The same room with a live session of one of its drafters opens and syncs.
      const member = client(name, cookies.member);
      await waitSaved(member);
      expect(member.refusals).toEqual([]);
      expect(member.received).toContain(MESSAGE.sync);
      expect(member.provider.authorizedScope).toBe('read-write');
    });
  });

  describe('S2: read-only people and presence', () => {
    it('refuses a viewer’s updates, drops its presence, and stamps every name from the server', async () => {
      const { name, amendmentId } = await newDraft();
      const writer = client(name, cookies.member);
      const peer = client(name, cookies.secretary);
      await waitSaved(writer);
      await waitSaved(peer);
      const viewer = client(name, cookies.viewer);
      await waitFor(() => viewer.provider.synced, 10_000, 'the viewer to sync');
      // A viewer reads the draft, read-only.
      expect(viewer.provider.authorizedScope).toBe('readonly');
      expect((await textOf(viewer, amendmentId)).toString()).toBe(BASE_5_IV_5_B_I);

      const before = await stored(name, amendmentId);
      expect(before.text).toBe(BASE_5_IV_5_B_I);
      // Presence first, then an edit: the server handles one socket's messages in order, so once
      // the edit is answered the presence has been handled too.
      viewer.provider.setAwarenessField('user', { name: 'Vic Spoof', color: '#000000' });
      viewer.provider.setAwarenessField('cursor', { at: 3 });
      (await textOf(viewer, amendmentId)).insert(0, 'VIEWER ');
      await waitFor(() => viewer.refusedUpdates > 0, 10_000, 'the viewer’s update to be refused');

      // A writer claims another name; its peer sees the server's name and colour for it.
      writer.provider.setAwarenessField('user', { name: 'Mallory Spoof', color: '#000000' });
      writer.provider.setAwarenessField('cursor', { at: 1 });
      const seenByPeer = () =>
        peer.provider.awareness?.getStates().get(writer.doc.clientID) as
          | { user?: { name: string; color: string }; cursor?: { at: number } }
          | undefined;
      await waitFor(() => seenByPeer()?.cursor?.at === 1, 10_000, 'the writer’s presence');
      const document = server.commands.hocuspocus.documents.get(name);
      const stamped = document
        ?.getConnections()
        .map((c) => c.context as CollabContext)
        .find((c) => c.actor.userId === 'demo-member')?.user;
      expect(stamped?.name).toBe('Alex Member');
      expect(stamped?.color).toMatch(/^#[0-9a-f]{6}$/);
      expect(seenByPeer()?.user).toEqual({ name: 'Alex Member', color: stamped?.color });

      // The viewer's presence reached neither the server nor the peer; its update changed nothing.
      expect(peer.provider.awareness?.getStates().has(viewer.doc.clientID)).toBe(false);
      expect(document?.awareness.getStates().has(viewer.doc.clientID)).toBe(false);
      for (const state of peer.provider.awareness?.getStates().values() ?? []) {
        expect(JSON.stringify(state)).not.toMatch(/Spoof/);
      }
      expect(serverText(name, amendmentId)).toBe(BASE_5_IV_5_B_I);
      expect((await textOf(peer, amendmentId)).toString()).toBe(BASE_5_IV_5_B_I);
      const after = await stored(name, amendmentId);
      expect(after.text).toBe(BASE_5_IV_5_B_I);
      expect(loggedSince(before, after)).toEqual([]);

      // The viewer still follows what drafters write.
      (await textOf(writer, amendmentId)).insert(0, 'WRITER ');
      await waitSaved(writer);
      await waitFor(
        () => amendmentText(viewer.doc, amendmentId)?.toString().includes('WRITER ') ?? false,
        10_000,
        'the writer’s edit to reach the viewer',
      );
      const read = await call<Motion>(
        server.url,
        'GET',
        `/api/motions/${name.slice('motion.'.length)}`,
        undefined,
        cookies.member,
      );
      expect(read.body.amendments[0]?.text).toBe(`WRITER ${BASE_5_IV_5_B_I}`);
    });
  });

  describe('freezing a draft', () => {
    it('turns an open editor read-only when the secretary adopts the motion, and says so', async () => {
      const { name, motionId, amendmentId } = await newDraft();
      const member = client(name, cookies.member);
      const peer = client(name, cookies.secretary);
      await waitSaved(member);
      await waitSaved(peer);
      const text = await textOf(member, amendmentId);
      text.insert(0, 'Before. ');
      await waitSaved(member);
      member.provider.setAwarenessField('cursor', { at: 2 });
      const peerSeesMember = () => peer.provider.awareness?.getStates().has(member.doc.clientID);
      await waitFor(() => peerSeesMember() === true, 10_000, 'the member’s presence');
      expect(serverText(name, amendmentId)).toBe(`Before. ${BASE_5_IV_5_B_I}`);

      const adopted = await call<Motion>(
        server.url,
        'POST',
        `/api/motions/${motionId}/transitions`,
        stepRequest('adopt'),
        cookies.secretary,
      );
      expect(adopted.status).toBe(200);
      expect(adopted.body.state).toBe('adopted');
      await waitFor(() => member.stateless.length > 0, 10_000, 'the motion-changed message');
      // Presence shown before the freeze is taken down for the peer too.
      await waitFor(() => peerSeesMember() === false, 10_000, 'the member’s presence to go');
      expect(member.stateless.map((p) => JSON.parse(p) as unknown)).toEqual([
        { type: STATELESS.motionChanged },
      ]);

      const before = await stored(name, amendmentId);
      expect(before.text).toBe(`Before. ${BASE_5_IV_5_B_I}`);
      text.insert(0, 'After. ');
      await waitFor(
        () => member.refusedUpdates > 0,
        10_000,
        'the edit after adoption to be refused',
      );
      expect(serverText(name, amendmentId)).toBe(`Before. ${BASE_5_IV_5_B_I}`);
      const after = await stored(name, amendmentId);
      expect(after.text).toBe(`Before. ${BASE_5_IV_5_B_I}`);
      expect(loggedSince(before, after)).toEqual([]);
      const read = await call<Motion>(
        server.url,
        'GET',
        `/api/motions/${motionId}`,
        undefined,
        cookies.member,
      );
      expect(read.body).toMatchObject({ state: 'adopted', access: 'read' });
      expect(read.body.amendments[0]?.text).toBe(`Before. ${BASE_5_IV_5_B_I}`);
    });
  });

  describe('changes to people reach open rooms', () => {
    const connectionsOf = (name: string, userId: string) =>
      server.commands.hocuspocus.documents
        .get(name)
        ?.getConnections()
        .filter((c) => (c.context as CollabContext).actor.userId === userId) ?? [];

    it('turns a member made viewer read-only at once, and closes the rooms of a signed-out session', async () => {
      const { name, amendmentId } = await newDraft();
      const member = client(name, cookies.member);
      await waitSaved(member);
      const text = await textOf(member, amendmentId);

      const setRole = (role: string) =>
        call(
          server.url,
          'PUT',
          '/api/bodies/anytown-clp/members/demo-member',
          { role },
          cookies.secretary,
        );
      expect((await setRole('viewer')).status).toBe(204);
      try {
        await waitFor(() => member.stateless.length > 0, 10_000, 'the motion-changed message');
        text.insert(0, 'Demoted. ');
        await waitFor(() => member.refusedUpdates > 0, 10_000, 'the demoted edit to be refused');
        expect(serverText(name, amendmentId)).toBe(BASE_5_IV_5_B_I);
      } finally {
        expect((await setRole('member')).status).toBe(204);
      }

      // A second session of the same person, in its own room connection, then signed out.
      const other = await signIn(server.url, 'member@anytown.example');
      const second = client(name, other);
      await waitSaved(second);
      expect(connectionsOf(name, 'demo-member')).toHaveLength(2);
      expect((await call(server.url, 'POST', '/api/auth/sign-out', {}, other)).status).toBe(204);
      await waitFor(
        () => connectionsOf(name, 'demo-member').length === 1,
        10_000,
        'the signed-out session’s room to close',
      );
      // The first session, still signed in and a member again, keeps its room.
      const kept = connectionsOf(name, 'demo-member')[0];
      expect((kept?.context as CollabContext | undefined)?.actor.memberships).toEqual([
        { bodyId: 'anytown-clp', kind: 'clp', role: 'member' },
      ]);
      expect(kept?.readOnly).toBe(false);
    });
  });
});
