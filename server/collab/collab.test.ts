import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AmendmentView, Motion } from '../../schemas/api';
import { CLOSE, motionDocumentName } from '../../schemas/collab';
import { startTestServer, STORES, type TestServer } from '../test/server';
import { seedEdition, seedPeople } from '../seed';
import {
  amendmentText,
  call,
  collabUrl,
  connect,
  signIn,
  waitFor,
  waitSaved,
  type Client,
} from '../test/collab-client';

let server: TestServer;
const clients: Client[] = [];
/** Alex Member of Anytown CLP: drafts, and opens the drafting rooms. */
let member: string;

function client(name: string): Client {
  const c = connect(server.url, name, member);
  clients.push(c);
  return c;
}

async function newMotion(): Promise<Motion> {
  const res = await call<Motion>(
    server.url,
    'POST',
    '/api/motions',
    { editionId: 'labour-2024', title: 'Test motion', bodyId: 'anytown-clp' },
    member,
  );
  expect(res.status).toBe(201);
  return res.body;
}

const BASE_5_IV_5_B_I =
  'one third or more of the Party branches in the CLP vote in favour of a full selection; or';

describe.each(STORES)('collaboration on %s', (store) => {
  beforeAll(async () => {
    server = await startTestServer(
      { allowedOrigins: ['https://allowed.example'], seed: 'none' },
      {},
      store,
    );
    await seedEdition(server.commands);
    await seedPeople(server.commands);
    member = await signIn(server.url, 'member@anytown.example');
  });

  afterAll(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server.stop();
  });

  it('lets two clients edit one amendment text and converge', async () => {
    const motion = await newMotion();
    const added = await call<AmendmentView>(
      server.url,
      'POST',
      `/api/motions/${motion.id}/amendments`,
      { kind: 'amend', target: '5.IV.5.B.i' },
      member,
    );
    expect(added.status).toBe(201);
    const a = client(motionDocumentName(motion.id));
    const b = client(motionDocumentName(motion.id));
    await waitSaved(a);
    await waitSaved(b);
    const ta = amendmentText(a.doc, added.body.id);
    const tb = amendmentText(b.doc, added.body.id);
    expect(ta?.toString()).toBe(BASE_5_IV_5_B_I);
    if (!ta || !tb) throw new Error('amendment text missing');

    ta.insert(0, 'AAA ');
    tb.insert(tb.length, ' BBB');
    await waitFor(
      () =>
        ta.toString() === tb.toString() &&
        ta.toString().includes('BBB') &&
        tb.toString().includes('AAA'),
      10_000,
      'the two clients to converge',
    );
    expect(ta.toString()).toBe(`AAA ${BASE_5_IV_5_B_I} BBB`);

    await waitSaved(a);
    await waitSaved(b);
    const read = await call<Motion>(
      server.url,
      'GET',
      `/api/motions/${motion.id}`,
      undefined,
      member,
    );
    expect(read.body.amendments[0]?.text).toBe(`AAA ${BASE_5_IV_5_B_I} BBB`);
    expect(read.body.motionText).toContain('Sub-clause 5.B.i');
  });

  it('refuses unknown documents before sending anything', async () => {
    for (const [name, cookie, refusal] of [
      [motionDocumentName('zzzzzzzzzzzz'), member, CLOSE.unknownDocument],
      // Signed out: "signed out", whether the motion exists or not.
      [motionDocumentName('zzzzzzzzzzzz'), undefined, CLOSE.signedOut],
      // Not a motion's name at all: refused before Hocuspocus sees it, signed in or not.
      ['not-a-motion', undefined, CLOSE.unknownDocument],
      ['not-a-motion', member, CLOSE.unknownDocument],
    ] as const) {
      const c = connect(server.url, name, cookie);
      clients.push(c);
      await waitFor(() => c.refusals.length > 0, 10_000, `refusal of ${name}`);
      expect(c.refusals[0]).toBe(refusal.reason);
      expect(c.doc.share.size).toBe(0);
      expect(server.commands.hocuspocus.documents.has(name)).toBe(false);
    }
  });

  it('refuses a WebSocket upgrade from a foreign Origin with 403', async () => {
    const status = (origin: string) =>
      new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(collabUrl(server.url), { headers: { origin } });
        const timer = setTimeout(() => reject(new Error('no answer to the upgrade')), 5_000);
        ws.on('unexpected-response', (_req, res) => {
          clearTimeout(timer);
          resolve(res.statusCode ?? 0);
          ws.terminate();
        });
        ws.on('open', () => {
          clearTimeout(timer);
          resolve(101);
          ws.close();
        });
        ws.on('error', () => undefined);
      });
    expect(await status('https://evil.example')).toBe(403);
    expect(await status(server.url)).toBe(101);
    expect(await status('https://allowed.example')).toBe(101);
  });

  it('seeds the base text once when two requests add the same amendment at once', async () => {
    const motion = await newMotion();
    const watcher = client(motionDocumentName(motion.id));
    await waitSaved(watcher);
    const add = () =>
      call<AmendmentView>(
        server.url,
        'POST',
        `/api/motions/${motion.id}/amendments`,
        { kind: 'amend', target: '5.IV.5.B.i' },
        member,
      );
    const [first, second, third] = await Promise.all([add(), add(), add()]);
    expect(first.body.id).toBe(second.body.id);
    expect(second.body.id).toBe(third.body.id);
    await waitFor(
      () => amendmentText(watcher.doc, first.body.id) !== null,
      10_000,
      'the amendment to reach the client',
    );
    expect(amendmentText(watcher.doc, first.body.id)?.toString()).toBe(BASE_5_IV_5_B_I);
    const read = await call<Motion>(
      server.url,
      'GET',
      `/api/motions/${motion.id}`,
      undefined,
      member,
    );
    expect(read.body.amendments).toHaveLength(1);
    expect(read.body.amendments[0]?.text).toBe(BASE_5_IV_5_B_I);
  });
});
