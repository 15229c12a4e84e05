/**
 * A motion kept as submitted, unread, and its reading finished later, through the real server:
 * a CLP keeps the text its meeting agreed although the reader cannot decide it alone, adopts and
 * submits it as agreed, and the CAC answers the reader's question on the submitted motion, which
 * reads its instructions into the draft. Who may finish, and that a refused finish changes
 * nothing, are checked at each step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ApiDiagnostic,
  ApiError,
  AuditView,
  Motion,
  SubmittedReadingView,
} from '../../schemas/api';
import { call, signIn } from '../test/collab-client';
import { startTestServer, type TestServer } from '../test/server';
import { stepRequest } from '../test/steps';

let server: TestServer;
const cookies: Record<string, string> = {};
const PEOPLE = {
  riverside: 'secretary@riverside.example',
  anytown: 'member@anytown.example',
  cac: 'cac@conference.example',
} as const;
type Who = keyof typeof PEOPLE;
type Refusal = ApiError & { diagnostics?: ApiDiagnostic[] };

beforeAll(async () => {
  server = await startTestServer({}, { logError: () => undefined });
  for (const [who, email] of Object.entries(PEOPLE)) cookies[who] = await signIn(server.url, email);
});

afterAll(async () => {
  await server.stop();
});

const as = <T>(who: Who, method: string, path: string, body?: unknown) =>
  call<T>(server.url, method, path, body, cookies[who]);
const reading = (who: Who, id: string) =>
  as<SubmittedReadingView>(who, 'GET', `/api/motions/${id}/reading`);
const finish = (who: Who, id: string, resolutions: unknown[]) =>
  as<Motion & Refusal>(who, 'POST', `/api/motions/${id}/reading`, { resolutions });
const step = (who: Who, id: string, event: string) =>
  as<Motion & ApiError>(who, 'POST', `/api/motions/${id}/transitions`, stepRequest(event));

// The words occur twice in 5.E: the reader cannot decide alone which is meant.
const instruction =
  'Chapter 5, Clause IV, Sub-clause 5.E — delete ‘the trigger ballot’ and replace with ‘that ballot’.';
const agreed = `Which ballot\n\n${instruction}\n\nSupporting argument: one ballot is enough.\n`;
const at = agreed.indexOf('‘the trigger ballot’');

describe('a motion kept unread, finished by the CAC', () => {
  let id = '';

  beforeAll(async () => {
    const kept = await as<Motion & { diagnostics: ApiDiagnostic[] }>(
      'riverside',
      'POST',
      '/api/motions/import',
      { editionId: 'labour-2024', bodyId: 'riverside-clp', text: agreed, keepUnread: true },
    );
    expect(kept.status, JSON.stringify(kept.body)).toBe(201);
    id = kept.body.id;
    // Kept word for word, with what could not be read, and nothing read from it.
    expect(kept.body.submittedText).toBe(agreed);
    expect(kept.body.amendments).toEqual([]);
    expect(kept.body.title).toBe('Which ballot');
    expect(kept.body.argument).toContain('one ballot is enough');
    expect(kept.body.diagnostics.map((d) => [d.ruleId, d.severity])).toContainEqual([
      'quote-ambiguous',
      'error',
    ]);
  });

  it('without keepUnread, the same text still creates nothing', async () => {
    const before = (await as<unknown[]>('riverside', 'GET', '/api/motions')).body.length;
    const res = await as<Refusal>('riverside', 'POST', '/api/motions/import', {
      editionId: 'labour-2024',
      bodyId: 'riverside-clp',
      text: agreed,
    });
    expect(res.status).toBe(422);
    expect((await as<unknown[]>('riverside', 'GET', '/api/motions')).body.length).toBe(before);
  });

  it('can be submitted as agreed, with a warning that it is unread', async () => {
    const draft = (await as<Motion>('riverside', 'GET', `/api/motions/${id}`)).body;
    expect(draft.checks.map((c) => [c.id, c.severity])).toContainEqual([
      'reading-unfinished',
      'warning',
    ]);
    expect(draft.checks.some((c) => c.id === 'rule-cited')).toBe(false);
    expect((await step('riverside', id, 'adopt')).status).toBe(200);
    const submitted = await step('riverside', id, 'submit');
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.state).toBe('submitted');
  });

  it('cannot be ruled in order while unread; ruling it is refused and changes nothing', async () => {
    const before = await server.commands.store.listAudit({ motionId: id });
    const res = await step('cac', id, 'rule-in-order');
    expect(res.status).toBe(409);
    expect(res.body.error.id).toBe('reading-unfinished');
    expect(res.body.error.message).toMatch(/not read into instructions yet/);
    expect(await server.commands.store.listAudit({ motionId: id })).toEqual(before);
  });

  it('offers the CAC the question, and nobody else the answering of it', async () => {
    const cac = await reading('cac', id);
    expect(cac.status).toBe(200);
    expect(cac.body).toMatchObject({ unread: true, canFinish: true });
    const question = cac.body.diagnostics.find((d) => d.ruleId === 'quote-ambiguous');
    expect(question?.span?.start).toBe(at);
    expect(question?.fix?.kind).toBe('choose-occurrence');
    // Its secretary reads it too, but the text is frozen for them once submitted.
    expect((await reading('riverside', id)).body).toMatchObject({ unread: true, canFinish: false });
    const theirs = await finish('riverside', id, [{ at, value: '2' }]);
    expect(theirs.status).toBe(403);
    expect(theirs.body.error.id).toBe('reading-not-yours');
    // Another CLP's member reads a submitted motion, and may not finish it either.
    expect((await finish('anytown', id, [{ at, value: '2' }])).status).toBe(403);
  });

  it('refuses a finish that still does not read, with the diagnostics, changing nothing', async () => {
    const before = await server.commands.store.listAudit({ motionId: id });
    const none = await finish('cac', id, []);
    expect(none.status).toBe(422);
    expect(none.body.diagnostics?.map((d) => d.ruleId)).toContain('quote-ambiguous');
    const wrong = await finish('cac', id, [{ at, value: '7' }]);
    expect(wrong.status).toBe(422);
    expect((await as<Motion>('cac', 'GET', `/api/motions/${id}`)).body.amendments).toEqual([]);
    expect(await server.commands.store.listAudit({ motionId: id })).toEqual(before);
    expect((await as<ApiError>('cac', 'POST', `/api/motions/${id}/reading`, {})).status).toBe(400);
  });

  it('reads the instructions with the CAC’s choice, records it, and then it may be ruled in order', async () => {
    const done = await finish('cac', id, [{ at, value: '2' }]);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.state).toBe('submitted');
    expect(done.body.amendments.map((a) => [a.kind, a.target])).toEqual([['amend', '5.IV.5.E']]);
    const text = done.body.amendments[0]?.text ?? '';
    expect(text).toContain('Where the trigger ballot is not lost');
    expect(text).toContain('The result of that ballot, including');
    // The wording as agreed is untouched; the choice is kept beside it.
    expect(done.body.submittedText).toBe(agreed);
    expect(done.body.importResolutions).toMatchObject([
      { at, ruleId: 'quote-ambiguous', kind: 'choose-occurrence', value: '2' },
    ]);
    const events = await as<AuditView[]>('cac', 'GET', `/api/motions/${id}/events`);
    const finished = events.body.filter((e) => e.action === 'reading-finished');
    expect(finished.map((e) => [e.actor, e.detail.state, e.detail.instructions])).toEqual([
      ['Casey Arrangements', 'submitted', 1],
    ]);
    expect((await reading('cac', id)).body).toMatchObject({ unread: false, canFinish: false });

    // Once read, it is not read again: a second finish is refused and changes nothing.
    const again = await finish('cac', id, [{ at, value: '1' }]);
    expect(again.status).toBe(409);
    expect(again.body.error.id).toBe('reading-finished');
    expect((await as<Motion>('cac', 'GET', `/api/motions/${id}`)).body.amendments).toHaveLength(1);

    const ruled = await step('cac', id, 'rule-in-order');
    expect(ruled.status, JSON.stringify(ruled.body)).toBe(200);
    expect(ruled.body.state).toBe('in-order');
  });

  it('lets its drafters finish it while it is a draft, and refuses a motion drafted here', async () => {
    const kept = await as<Motion>('riverside', 'POST', '/api/motions/import', {
      editionId: 'labour-2024',
      bodyId: 'riverside-clp',
      text: agreed,
      keepUnread: true,
    });
    expect(kept.status).toBe(201);
    expect((await reading('riverside', kept.body.id)).body).toMatchObject({ canFinish: true });
    // The CAC has no say over a CLP's draft.
    expect((await reading('cac', kept.body.id)).status).toBe(404);
    const done = await finish('riverside', kept.body.id, [{ at, value: '1' }]);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.amendments[0]?.text).toContain('Where that ballot is not lost');

    const drafted = await as<Motion>('riverside', 'POST', '/api/motions', {
      editionId: 'labour-2024',
      bodyId: 'riverside-clp',
      title: 'Drafted here',
    });
    const res = await finish('riverside', drafted.body.id, []);
    expect(res.status).toBe(409);
    expect(res.body.error.id).toBe('not-imported');
  });
});
