/**
 * A server-side change to a draft (adding an amendment seeds its text in the Y.Doc) is durable
 * once the request answers, even when the compaction that follows is skipped because another
 * process holds the document's store lock: the change is logged like a client's edit. Two real
 * processes on PostgreSQL and Redis (server/test/modes.ts); the lock is taken by the test itself.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import type { AmendmentView } from '../../schemas/api';
import { DOC } from '../../schemas/collab';
import { call, signIn } from '../test/collab-client';
import { closeModes, createDraft, REDIS_URL, redisCommand, startMode } from '../test/modes';

afterEach(closeModes);

describe('server-side draft edits with several processes', () => {
  it('keeps an added amendment through a SIGKILL while another process holds the store lock', async () => {
    const running = await startMode('scale-out');
    const [a] = running.urls as [string, string];
    const member = await signIn(a, 'member@anytown.example');
    const draft = await createDraft(a, member, 'Lock held');

    // As if the other process were storing the document: the extension's lock, held for 8 s,
    // longer than a store waits for it (2.5 s), so A's compaction after the edit is skipped.
    const lock = `redline:${draft.documentName}:lock`;
    expect(await redisCommand(REDIS_URL, ['SET', lock, 'test', 'PX', '8000', 'NX'])).toBe('+OK');
    try {
      const added = await call<AmendmentView>(
        a,
        'POST',
        `/api/motions/${draft.motionId}/amendments`,
        { kind: 'amend', target: '5.IV.5.B.i' },
        member,
      );
      expect(added.status).toBe(201);
      await running.kill(0);

      const stored = await running.readStored(draft.documentName);
      const ids = [...stored.getMap(DOC.amendments).keys()];
      expect(ids).toContain(added.body.id);
      expect(ids).toContain(draft.amendmentId);
      const amendment = stored.getMap(DOC.amendments).get(added.body.id) as Y.Map<unknown>;
      expect(amendment.toJSON()).toMatchObject({ target: '5.IV.5.B.i' });
    } finally {
      await redisCommand(REDIS_URL, ['DEL', lock]);
    }
  }, 60_000);
});
