/**
 * The conflicts view through the real server: a motion against every other live motion on its
 * edition that the person may read, with the shared unit side by side, whether both can apply,
 * and which falls if the other carries (the NEC's change is taken first). Demo people, with no
 * example motions, so every motion here is the test's own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, Motion, MotionConflictView } from '../../schemas/api';
import { seedPeople } from '../seed';
import { call, signIn } from '../test/collab-client';
import { startTestServer, type TestServer } from '../test/server';
import { stepRequest } from '../test/steps';

const PEOPLE = {
  anytown: 'secretary@anytown.example',
  riverside: 'secretary@riverside.example',
  nec: 'nec@conference.example',
} as const;
type Who = keyof typeof PEOPLE;

let server: TestServer;
const cookies = {} as Record<Who, string>;

const as = <T>(who: Who, method: string, path: string, body?: unknown) =>
  call<T>(server.url, method, path, body, cookies[who]);

const B_I = 'Chapter 5, Clause IV, Sub-clause 5.B.i';
const BASE =
  'one third or more of the Party branches in the CLP vote in favour of a full selection; or';

/** A motion of `who`'s body imported from motion text (a real change, through the API). */
async function imported(who: Who, bodyId: string, title: string, text: string): Promise<string> {
  const res = await as<Motion>(who, 'POST', '/api/motions/import', {
    editionId: 'labour-2024',
    title,
    bodyId,
    text,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

async function step(who: Who, id: string, event: string): Promise<void> {
  const res = await as<Motion>(who, 'POST', `/api/motions/${id}/transitions`, stepRequest(event));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

const conflictsOf = async (who: Who, id: string) => {
  const res = await as<MotionConflictView[]>(who, 'GET', `/api/motions/${id}/conflicts`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const byTitle = (views: MotionConflictView[]) =>
  Object.fromEntries(views.map((v) => [v.motion.title, v]));

const ids = { fifth: '', renumber: '', open: '', quarter: '', riversideDraft: '' };

beforeAll(async () => {
  server = await startTestServer({ seed: 'edition' });
  await seedPeople(server.commands);
  for (const who of Object.keys(PEOPLE) as Who[])
    cookies[who] = await signIn(server.url, PEOPLE[who]);

  // Anytown: a fifth (to be submitted), and a draft that deletes a unit and renumbers.
  ids.fifth = await imported(
    'anytown',
    'anytown-clp',
    'A fifth',
    `${B_I} — delete ‘one third’ and replace with ‘one fifth’.`,
  );
  ids.renumber = await imported(
    'anytown',
    'anytown-clp',
    'Fewer rules on the count',
    'Delete Chapter 5, Clause IV, Sub-clause 5.C and renumber accordingly.',
  );
  // Riverside: other words of the same unit, submitted (public); and a private draft.
  ids.open = await imported(
    'riverside',
    'riverside-clp',
    'Open selection',
    `${B_I} — delete ‘a full selection’ and replace with ‘an open selection’.`,
  );
  ids.riversideDraft = await imported(
    'riverside',
    'riverside-clp',
    'Riverside thinking aloud',
    `${B_I} — delete ‘Party branches’ and replace with ‘branches’.`,
  );
  // The NEC: the same words as Anytown's, changed differently, submitted.
  ids.quarter = await imported(
    'nec',
    'nec',
    'The NEC’s quarter',
    `${B_I} — delete ‘one third’ and replace with ‘one quarter’.`,
  );
  for (const [who, id] of [
    ['anytown', ids.fifth],
    ['riverside', ids.open],
    ['nec', ids.quarter],
  ] as const) {
    await step(who, id, 'adopt');
    await step(who, id, 'submit');
  }
});

afterAll(async () => {
  await server.stop();
});

describe('GET /api/motions/:id/conflicts', () => {
  it('lists each overlapping motion the person may read, side by side on the shared unit', async () => {
    const views = await conflictsOf('anytown', ids.fifth);
    // Not Riverside's private draft, and not the motion itself.
    expect(views.map((v) => v.motion.title).sort()).toEqual([
      'Fewer rules on the count',
      'Open selection',
      'The NEC’s quarter',
    ]);
    const { 'Open selection': open } = byTitle(views);
    expect(open).toEqual({
      motion: {
        id: ids.open,
        title: 'Open selection',
        body: 'Riverside CLP',
        bodyKind: 'clp',
        state: 'submitted',
        stateLabel: 'Submitted',
      },
      units: ['5.IV.5.B.i'],
      shared: [
        {
          path: '5.IV.5.B.i',
          citation: 'Chapter 5, Clause IV, Sub-clause 5.B.i',
          isNew: false,
          base: BASE,
          own: { text: BASE.replace('one third', 'one fifth'), change: 'amend' },
          other: {
            text: BASE.replace('a full selection', 'an open selection'),
            change: 'amend',
          },
          verdict: 'merged',
          merged:
            'one fifth or more of the Party branches in the CLP vote in favour of an open selection; or',
          message: '',
          clashes: [],
        },
      ],
      bothApply: true,
      falls: null,
      fallsMessage: 'Neither falls: both can apply.',
      problems: [],
    });
  });

  it('says which words clash and that a CLP motion falls if the NEC’s carries', async () => {
    const { 'The NEC’s quarter': nec } = byTitle(await conflictsOf('anytown', ids.fifth));
    expect(nec?.motion).toMatchObject({ body: 'National Executive Committee', bodyKind: 'nec' });
    expect(nec?.bothApply).toBe(false);
    expect(nec?.shared.map((s) => [s.verdict, s.message, s.clashes])).toEqual([
      [
        'conflict',
        '“A fifth” and “The NEC’s quarter” change the same words: “third” becomes “fifth” in “A fifth” but “quarter” in “The NEC’s quarter”',
        [{ base: 'third', own: 'fifth', other: 'quarter', before: 'one' }],
      ],
    ]);
    expect(nec?.falls).toBe('own');
    expect(nec?.fallsMessage).toBe(
      'If “The NEC’s quarter” carries, “A fifth” falls: the NEC’s rule change is taken first.',
    );

    // From the NEC's side: the CLP's motion falls if this one carries. Anytown's drafts are not
    // the NEC's to see; Riverside's submitted motion merges.
    const fromNec = byTitle(await conflictsOf('nec', ids.quarter));
    expect(Object.keys(fromNec).sort()).toEqual(['A fifth', 'Open selection']);
    expect(fromNec['A fifth']).toMatchObject({
      falls: 'other',
      fallsMessage:
        'If “The NEC’s quarter” carries, “A fifth” falls: the NEC’s rule change is taken first.',
    });
    expect(fromNec['Open selection']).toMatchObject({ bothApply: true, falls: null });
  });

  it('leaves a renumbering to people, and whichever carries first stands', async () => {
    const { 'Fewer rules on the count': renumber } = byTitle(
      await conflictsOf('anytown', ids.fifth),
    );
    expect(renumber?.bothApply).toBe(false);
    expect(renumber?.shared.map((s) => [s.path, s.own.change, s.other.change, s.verdict])).toEqual([
      ['5.IV.5.B.i', 'amend', 'none', 'manual'],
      ['5.IV.5.C', 'none', 'delete', 'manual'],
    ]);
    expect(renumber?.shared[0]?.message).toMatch(
      /^“Fewer rules on the count” deletes Chapter 5, Clause IV, Sub-clause 5\.C and renumbers the units after it in Chapter 5, Clause IV, Sub-clause 5, .*cannot be combined automatically; resolve them by hand$/,
    );
    expect(renumber?.falls).toBe('first');
    expect(renumber?.fallsMessage).toBe('Whichever carries first stands; the other falls.');
  });

  it('shows another body its own drafts but never someone else’s', async () => {
    // Anytown's submitted motion, from Riverside: its own draft is there, Anytown's is not.
    const titles = (await conflictsOf('riverside', ids.fifth)).map((v) => v.motion.title).sort();
    expect(titles).toEqual(['Open selection', 'Riverside thinking aloud', 'The NEC’s quarter']);
  });

  it('refuses a motion the person may not read, and an unknown one', async () => {
    const refused = await as<ApiError>(
      'riverside',
      'GET',
      `/api/motions/${ids.renumber}/conflicts`,
    );
    const unknown = await as<ApiError>('anytown', 'GET', '/api/motions/nosuchmotion/conflicts');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.id).toBe('motion-not-found');
    // A draft of another body answers as if there were none: same status, id and wording.
    expect(refused.status).toBe(404);
    expect(refused.body.error.id).toBe('motion-not-found');
    expect(refused.body.error.message.replace(ids.renumber as string, 'X')).toBe(
      unknown.body.error.message.replace('nosuchmotion', 'X'),
    );
  });

  it('drops a motion once it is no longer live', async () => {
    const res = await as<Motion>('riverside', 'POST', `/api/motions/${ids.open}/transitions`, {
      ...stepRequest('withdraw'),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const titles = (await conflictsOf('anytown', ids.fifth)).map((v) => v.motion.title).sort();
    expect(titles).toEqual(['Fewer rules on the count', 'The NEC’s quarter']);
  });
});
