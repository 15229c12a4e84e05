/**
 * A change of access made through one process takes effect on connections held by the other:
 * two real processes on one PostgreSQL database and Redis (server/test/modes.ts). Without the
 * access relay (access-review.ts) the member's connection on the second process would keep
 * writing after being made a viewer, and a signed-out session's room would stay open there.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Motion } from '../../schemas/api';
import { call, signIn, waitFor, waitSaved, type Client } from '../test/collab-client';
import { closeModes, createDraft, modeClient, startMode, textOf } from '../test/modes';
import { stepRequest } from '../test/steps';

afterEach(closeModes);

const client = modeClient;

describe('access changes across processes', () => {
  it('a role change, a freeze and a sign-out made on one process reach rooms on the other', async () => {
    const running = await startMode('scale-out');
    const [a, b] = running.urls as [string, string];
    const secretary = await signIn(a, 'secretary@anytown.example');
    const member = await signIn(a, 'member@anytown.example');
    const draft = await createDraft(a, member, 'Across processes');

    // The member edits on B…
    const writer = client(b, draft.documentName, member);
    const text = await textOf(writer, draft.amendmentId);
    text.insert(0, 'Kept. ');
    await waitSaved(writer);

    // …and is made a viewer on A: B must stop taking the member's edits at once.
    const setRole = (role: string) =>
      call(a, 'PUT', '/api/bodies/anytown-clp/members/demo-member', { role }, secretary);
    expect((await setRole('viewer')).status).toBe(204);
    await waitFor(() => writer.stateless.length > 0, 10_000, 'the motion-changed notice on B');
    text.insert(0, 'Refused. ');
    await waitFor(() => writer.refusedUpdates > 0, 10_000, 'B to refuse the viewer’s edit');
    const watcher = client(a, draft.documentName, secretary);
    expect((await textOf(watcher, draft.amendmentId)).toString()).toMatch(/^Kept\. /);

    // A member again, writing from a new connection on B…
    expect((await setRole('member')).status).toBe(204);
    const fresh = client(b, draft.documentName, member);
    const freshText = await textOf(fresh, draft.amendmentId);
    freshText.insert(0, 'Again. ');
    await waitSaved(fresh);
    expect(fresh.refusedUpdates).toBe(0);

    // …until the motion is adopted on A: the text freezes on B too.
    const adopted = await call<Motion>(
      a,
      'POST',
      `/api/motions/${draft.motionId}/transitions`,
      stepRequest('adopt'),
      secretary,
    );
    expect(adopted.status).toBe(200);
    await waitFor(() => fresh.stateless.length > 0, 10_000, 'the motion-changed notice on B');
    freshText.insert(0, 'Frozen? ');
    await waitFor(
      () => fresh.refusedUpdates > 0,
      10_000,
      'B to refuse edits to the adopted motion',
    );
    const held = await textOf(client(a, draft.documentName, secretary), draft.amendmentId);
    expect(held.toString()).toMatch(/^Again\. Kept\. /);

    // A second session of the member, in a room on B, signed out on A: B closes that room and
    // keeps the first session's.
    const closed = (c: Client) => {
      const seen = { closed: false };
      c.provider.on('close', () => (seen.closed = true));
      return seen;
    };
    const other = await signIn(a, 'member@anytown.example');
    const second = client(b, draft.documentName, other);
    await waitSaved(second);
    const [secondClosed, firstClosed] = [closed(second), closed(fresh)];
    expect((await call(a, 'POST', '/api/auth/sign-out', {}, other)).status).toBe(204);
    await waitFor(() => secondClosed.closed, 10_000, 'B to close the signed-out session’s room');
    expect(firstClosed.closed).toBe(false);
  }, 90_000);
});
