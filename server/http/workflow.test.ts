/**
 * What the workflow steps record, through the real server: the adoption meeting (a refused
 * record changes nothing), the text frozen as numbered versions, rulings with their reasons, the
 * NEC's position naming its own alternative, the card vote that must give the step's result, and
 * all of it on the motion and in the list the dashboard reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ApiError,
  Motion,
  MotionSummary,
  MotionVersion,
  TransitionRequest,
  VersionText,
} from '../../schemas/api';
import { call, signIn } from '../test/collab-client';
import { startTestServer, type TestServer } from '../test/server';
import { EXAMPLE_MEETING, exampleVote, stepRequest } from '../test/steps';

let server: TestServer;
const cookies: Record<string, string> = {};
const PEOPLE = {
  riverside: 'secretary@riverside.example',
  cac: 'cac@conference.example',
  nec: 'nec@conference.example',
  official: 'official@conference.example',
} as const;
type Who = keyof typeof PEOPLE;

beforeAll(async () => {
  server = await startTestServer();
  for (const [who, email] of Object.entries(PEOPLE)) cookies[who] = await signIn(server.url, email);
});

afterAll(async () => {
  await server.stop();
});

const as = <T>(who: Who, method: string, path: string, body?: unknown) =>
  call<T>(server.url, method, path, body, cookies[who]);

const step = (who: Who, id: string, request: TransitionRequest) =>
  as<Motion & ApiError>(who, 'POST', `/api/motions/${id}/transitions`, request);

const versions = (id: string) =>
  as<{ versions: MotionVersion[]; draft: VersionText | null }>(
    'riverside',
    'GET',
    `/api/motions/${id}/versions`,
  );

const importMotion = async (who: Who, bodyId: string, title: string, text: string) => {
  const res = await as<Motion>(who, 'POST', '/api/motions/import', {
    editionId: 'labour-2024',
    title,
    bodyId,
    text,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
};

/** A refused step answers `status` with `message` and leaves the motion and its log as they were. */
async function refused(who: Who, id: string, request: TransitionRequest, message: string) {
  const before = await server.commands.store.listAudit({ motionId: id });
  const res = await step(who, id, request);
  expect(res.status, JSON.stringify(res.body)).toBe(422);
  expect(res.body.error).toEqual({ id: 'record-refused', message });
  expect(await server.commands.store.listAudit({ motionId: id })).toEqual(before);
}

const QUARTER =
  'Chapter 5, Clause IV, Sub-clause 5.B.i — delete ‘one third’ and replace with ‘one quarter’.';

describe('the adoption meeting and frozen versions', () => {
  let id = '';

  beforeAll(async () => {
    id = await importMotion('riverside', 'riverside-clp', 'A quarter of branches', QUARTER);
  });

  it('refuses an adoption without a valid meeting record, changing nothing', async () => {
    await refused(
      'riverside',
      id,
      { event: 'adopt', note: '' },
      "“Record adoption by the meeting” needs the meeting's date, kind and votes",
    );
    await refused(
      'riverside',
      id,
      { event: 'adopt', note: '', meeting: { ...EXAMPLE_MEETING, for: 3, against: 10 } },
      'Not adopted: 3 for and 10 against; a motion is adopted only with more votes for than against',
    );
    await refused(
      'riverside',
      id,
      { event: 'adopt', note: '', meeting: { ...EXAMPLE_MEETING, date: '2999-01-01' } },
      'The meeting date 2999-01-01 is in the future',
    );
    const malformed = await step('riverside', id, {
      event: 'adopt',
      note: '',
      meeting: { ...EXAMPLE_MEETING, date: '14 May' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toContain('meeting.date');
    expect((await server.commands.store.getMotion(id))?.state).toBe('draft');
  });

  it('records the meeting and freezes the text as version 1', async () => {
    const adopted = await step('riverside', id, stepRequest('adopt'));
    expect(adopted.status).toBe(200);
    expect(adopted.body.progress).toMatchObject({ version: 1, meeting: EXAMPLE_MEETING });
    const v = (await versions(id)).body;
    expect(v.draft).toBeNull();
    expect(v.versions).toHaveLength(1);
    expect(v.versions[0]).toMatchObject({ number: 1, meeting: EXAMPLE_MEETING });
    expect(v.versions[0]?.motionText).toContain('‘one quarter’');
  });

  it('starts version 2 on reopening; version 1 stays as adopted', async () => {
    expect((await step('riverside', id, stepRequest('reopen'))).body.state).toBe('draft');
    const reopened = (await versions(id)).body;
    expect(reopened.draft?.number).toBe(0);
    // Change the draft: drop the amendment, amend another unit.
    const [amendment] = reopened.draft?.amendments ?? [];
    expect(
      (await as('riverside', 'DELETE', `/api/motions/${id}/amendments/${amendment?.id}`)).status,
    ).toBe(204);
    await as('riverside', 'POST', `/api/motions/${id}/amendments`, {
      kind: 'amend',
      target: '5.IV.6',
    });
    const second = { ...EXAMPLE_MEETING, meeting: 'All-member meeting', date: '2026-06-02' };
    const adopted = await step('riverside', id, { event: 'adopt', note: '', meeting: second });
    expect(adopted.body.progress).toMatchObject({ version: 2, meeting: second });
    const v = (await versions(id)).body.versions;
    expect(v.map((x) => [x.number, x.meeting?.meeting])).toEqual([
      [1, 'General Committee'],
      [2, 'All-member meeting'],
    ]);
    expect(v[0]?.motionText).toContain('‘one quarter’');
    expect(v[0]?.amendments.map((a) => a.target)).toEqual(['5.IV.5.B.i']);
    expect(v[1]?.amendments.map((a) => a.target)).toEqual(['5.IV.6']);
  });
});

describe('from submission to the card vote', () => {
  let id = '';
  let necMotion = '';

  beforeAll(async () => {
    id = await importMotion(
      'riverside',
      'riverside-clp',
      'Two years, not three',
      'Chapter 3, Clause III, Sub-clause 4 — delete ‘three years’ and replace with ‘two years’.',
    );
    expect((await step('riverside', id, stepRequest('adopt'))).status).toBe(200);
    expect((await step('riverside', id, stepRequest('submit'))).status).toBe(200);
    // The NEC drafts its own alternative, as its own body.
    necMotion = await importMotion(
      'nec',
      'nec',
      'NEC alternative: two years',
      'Chapter 3, Clause III, Sub-clause 4 — delete ‘three years’ and replace with ‘two years’.',
    );
  });

  it('needs a reason to rule out of order, and keeps it as the ruling', async () => {
    await refused(
      'cac',
      id,
      { event: 'rule-out-of-order', note: '' },
      '“Rule out of order” needs a note saying why',
    );
    const ruled = await step('cac', id, stepRequest('rule-out-of-order', 'Same primary purpose'));
    expect(ruled.body.progress.ruling).toMatchObject({
      label: 'Ruled out of order',
      note: 'Same primary purpose',
    });
    await step('riverside', id, stepRequest('appeal', 'It is a different purpose'));
    const upheld = await step('cac', id, stepRequest('uphold-appeal'));
    expect(upheld.body.state).toBe('in-order');
    expect(upheld.body.progress.ruling).toMatchObject({ label: 'Ruled in order', note: '' });
  });

  it("offers the NEC its own motions as alternatives, and refuses another body's", async () => {
    const offered = async () =>
      (await as<Motion>('nec', 'GET', `/api/motions/${id}`)).body.recordOptions.alternatives;
    const motion = (await as<Motion>('nec', 'GET', `/api/motions/${id}`)).body;
    expect(motion.actions.map((a) => [a.event, a.record])).toEqual([
      ['record-nec-position', 'position'],
    ]);
    // The NEC's motion is still its private draft: not offered, and refused when named, because
    // the position is public and would give the draft's id away.
    expect((await offered()).map((a) => a.id)).not.toContain(necMotion);
    await refused(
      'nec',
      id,
      {
        event: 'record-nec-position',
        note: '',
        position: { position: 'alternative', alternative: necMotion },
      },
      `NEC alternative: name the NEC's own rule change on the same rulebook (${necMotion} is not one)`,
    );
    expect((await step('nec', necMotion, stepRequest('adopt'))).status).toBe(200);
    const submitted = await step('nec', necMotion, stepRequest('submit'));
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(await offered()).toContainEqual({ id: necMotion, title: 'NEC alternative: two years' });
    expect((await offered()).map((a) => a.id)).not.toContain(id);
    expect(motion.recordOptions.positions.map((p) => p.label)).toEqual([
      'Support',
      'Oppose',
      'Seek remission',
      'NEC alternative',
    ]);
    await refused(
      'nec',
      id,
      {
        event: 'record-nec-position',
        note: '',
        position: { position: 'alternative', alternative: id },
      },
      `NEC alternative: name the NEC's own rule change on the same rulebook (${id} is not one)`,
    );
    const recorded = await step('nec', id, {
      event: 'record-nec-position',
      note: '',
      position: { position: 'alternative', alternative: necMotion },
    });
    expect(recorded.body.progress.position).toEqual({
      position: 'alternative',
      alternative: necMotion,
      label: 'NEC alternative',
    });
  });

  it('groups identical submissions: the same adopted text on the same edition', async () => {
    // The NEC's motion was adopted and submitted above, with the same text as this one.
    const list = (await as<MotionSummary[]>('cac', 'GET', '/api/motions')).body;
    const identical = (motionId: string) => list.find((m) => m.id === motionId)?.identical;
    expect(identical(id)).toEqual([necMotion]);
    expect(identical(necMotion)).toEqual([id]);
    // Withdrawn, it leaves the group.
    await step('nec', necMotion, stepRequest('withdraw'));
    const after = (await as<MotionSummary[]>('cac', 'GET', '/api/motions')).body;
    expect(after.find((m) => m.id === id)?.identical).toEqual([]);
  });

  it('records a card vote only when its figures give the step’s result', async () => {
    await refused(
      'official',
      id,
      { event: 'carry', note: '', vote: exampleVote(false, 8) },
      'The figures give 35.00% for — NOT CARRIED; that is not “Record: carried”',
    );
    const lost = await step('official', id, {
      event: 'lose',
      note: '',
      vote: exampleVote(false, 8),
    });
    expect(lost.body.state).toBe('not-carried');
    expect(lost.body.progress.result).toMatchObject({
      card: 8,
      forPercent: 35,
      againstPercent: 65,
      carried: false,
      words: 'NOT CARRIED',
    });
    expect(lost.body.progress.year).toBeGreaterThanOrEqual(2026);
  });

  it('lists every motion with what it has on record, for the dashboard', async () => {
    const list = (await as<MotionSummary[]>('cac', 'GET', '/api/motions')).body;
    const mine = list.find((m) => m.id === id);
    expect(mine?.progress).toMatchObject({
      version: 1,
      ruling: { label: 'Ruled in order' },
      position: { label: 'NEC alternative', alternative: necMotion },
      result: { card: 8, words: 'NOT CARRIED' },
    });
  });
});
