/**
 * S4: a 3 MiB frame closes the socket, and a corpus of over 1,000 malformed and crafted updates,
 * sent over real WebSockets in the Hocuspocus protocol, neither crashes the server nor blocks its
 * event loop for a second; the motion is untouched and ordinary clients carry on.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { AmendmentView, Motion } from '../../schemas/api';
import { motionDocumentName } from '../../schemas/collab';
import { seededRandom } from '../../core/amendments/test/random-edits';
import { startTestServer, type TestServer } from '../test/server';
import {
  amendmentText,
  authMessage,
  call,
  collabUrl,
  connect,
  rawMessage,
  signIn,
  waitFor,
  waitSaved,
  webSocketWithCookie,
} from '../test/collab-client';
import { updateProblem } from './update-guard';

/** A valid update that types `text` into a fresh document's `argument`. */
function typed(text: string, clientID: number): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  doc.getText('argument').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

/** Hand-made v1 updates that claim impossible lengths: the shapes of the known "update bomb". */
function crafted(): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const [info, length] of [
    [0, 2 ** 30], // GC struct of a billion items
    [10, 2 ** 30], // Skip struct
    [0, 2 ** 31 + 5],
  ] as const) {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1); // one client
    encoding.writeVarUint(e, 1); // one struct
    encoding.writeVarUint(e, 4242); // client id
    encoding.writeVarUint(e, 0); // clock
    encoding.writeUint8(e, info);
    encoding.writeVarUint(e, length);
    encoding.writeVarUint(e, 0); // empty delete set
    out.push(encoding.toUint8Array(e));
  }
  const ds = encoding.createEncoder();
  encoding.writeVarUint(ds, 0); // no structs
  encoding.writeVarUint(ds, 1); // delete set for one client
  encoding.writeVarUint(ds, 4242);
  encoding.writeVarUint(ds, 1);
  encoding.writeVarUint(ds, 0);
  encoding.writeVarUint(ds, 2 ** 31);
  out.push(encoding.toUint8Array(ds));
  const many = encoding.createEncoder();
  encoding.writeVarUint(many, 2 ** 31); // claims two billion clients, then ends
  out.push(encoding.toUint8Array(many));
  return out;
}

/** Over 1,000 updates: random bytes, truncated and bit-flipped real updates, and crafted ones. */
function corpus(): Uint8Array[] {
  const rng = seededRandom(404);
  const real = typed('Every member shall have a vote in the trigger ballot.', 777);
  const out = crafted();
  for (let i = 0; i < 400; i++) {
    out.push(
      Uint8Array.from({ length: 1 + Math.floor(rng() * 200) }, () => Math.floor(rng() * 256)),
    );
  }
  for (let i = 0; i < 300; i++) out.push(real.slice(0, Math.floor(rng() * real.length)));
  for (let i = 0; i < 300; i++) {
    const flipped = real.slice();
    for (let k = 0; k < 3; k++) {
      const at = Math.floor(rng() * flipped.length);
      flipped[at] = (flipped[at] ?? 0) ^ (1 << Math.floor(rng() * 8));
    }
    out.push(flipped);
  }
  return out;
}

/** Opens a raw socket, authenticates for the document, sends one sync update, waits for the answer. */
async function sendRaw(
  url: string,
  documentName: string,
  update: Uint8Array,
  cookie: string,
): Promise<'closed' | 'answered'> {
  const ws = new (webSocketWithCookie(cookie))(url);
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    // The server answers an applied update with SyncStatus (8) and refuses a bad one by closing
    // the document (a CLOSE message, 7) or the socket.
    const answered = new Promise<'closed' | 'answered'>((resolve) => {
      const timer = setTimeout(() => resolve('answered'), 2_000);
      const done = (how: 'closed' | 'answered') => {
        clearTimeout(timer);
        resolve(how);
      };
      ws.on('message', (data: Buffer) => {
        const decoder = decoding.createDecoder(new Uint8Array(data));
        decoding.readVarString(decoder);
        const type = decoding.readVarUint(decoder);
        if (type === 7) done('closed');
        else if (type === 8) done('answered');
      });
      ws.once('close', () => done('closed'));
    });
    ws.send(authMessage(documentName));
    ws.send(
      rawMessage(documentName, (e) => {
        encoding.writeVarUint(e, 0); // Sync
        encoding.writeVarUint(e, 2); // Update
        encoding.writeVarUint8Array(e, update);
      }),
    );
    return await answered;
  } finally {
    ws.terminate();
  }
}

let server: TestServer;
/** Alex Member, who may write the drafts below: the corpus must get past authentication. */
let member: string;

beforeAll(async () => {
  // A thousand connections in two seconds from one address is the point of this test.
  server = await startTestServer({ connectionsPerMinute: 100_000 });
  member = await signIn(server.url, 'member@anytown.example');
});

afterAll(async () => {
  await server.stop();
});

describe('updateProblem', () => {
  it('accepts real updates and refuses every crafted one', () => {
    expect(updateProblem(typed('open selection', 1))).toBeNull();
    for (const update of crafted()) expect(updateProblem(update)).not.toBeNull();
  });
});

describe('bad input on the collaboration socket', () => {
  it('closes the socket on a 3 MiB frame', async () => {
    const ws = new WebSocket(collabUrl(server.url));
    await new Promise((resolve) => ws.once('open', resolve));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(new Uint8Array(3 * 1024 * 1024));
    expect(await closed).toBe(1009); // "message too big"
  });

  it('survives over 1,000 malformed and crafted updates without blocking its event loop', async () => {
    const motion = (
      await call<Motion>(
        server.url,
        'POST',
        '/api/motions',
        { editionId: 'labour-2024', title: 'Guarded', bodyId: 'anytown-clp' },
        member,
      )
    ).body;
    const amendment = (
      await call<AmendmentView>(
        server.url,
        'POST',
        `/api/motions/${motion.id}/amendments`,
        { kind: 'amend', target: '5.IV.5.B.i' },
        member,
      )
    ).body;
    const name = motionDocumentName(motion.id);
    const read = () =>
      call<Motion>(server.url, 'GET', `/api/motions/${motion.id}`, undefined, member);
    const before = await read();

    // Hocuspocus logs every connection it closes; a thousand of them would bury the report.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const updates = corpus();
    expect(updates.length).toBeGreaterThanOrEqual(1_000);
    let closed = 0;
    for (const update of updates) {
      if ((await sendRaw(collabUrl(server.url), name, update, member)) === 'closed') closed++;
    }
    delay.disable();
    quiet.mockRestore();
    // The server (in this process) never stalled for a second, and refused most of the corpus.
    expect(delay.max / 1e6).toBeLessThan(1_000);
    expect(closed).toBeGreaterThan(updates.length / 2);

    // The motion is as it was, and an ordinary client still syncs and edits it.
    const after = await read();
    expect(after.body.amendments).toEqual(before.body.amendments);
    const c = connect(server.url, name, member);
    try {
      await waitFor(
        () => amendmentText(c.doc, amendment.id) !== null,
        10_000,
        'the amendment text',
      );
      amendmentText(c.doc, amendment.id)!.insert(0, 'Still working. ');
      await waitSaved(c);
      const reread = await read();
      expect(reread.body.amendments[0]?.text.startsWith('Still working. ')).toBe(true);
    } finally {
      c.destroy();
    }
  }, 120_000);
});
