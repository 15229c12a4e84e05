/**
 * The procedure checks through the real server: shown on a motion before submission, enforced
 * by the submit step (refused with the reasons, nothing changed), and recorded with the
 * conference year they were made for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, Motion } from '../../schemas/api';
import { call, signIn } from '../test/collab-client';
import { startTestServer, type TestServer } from '../test/server';
import { stepRequest } from '../test/steps';

let server: TestServer;
let secretary = '';

beforeAll(async () => {
  server = await startTestServer();
  secretary = await signIn(server.url, 'secretary@anytown.example');
});

afterAll(async () => {
  await server.stop();
});

const as = <T>(method: string, path: string, body?: unknown) =>
  call<T>(server.url, method, path, body, secretary);

/** An adopted Anytown motion: empty, or imported from motion text that changes a rule. */
async function adoptedDraft(title: string, text?: string): Promise<string> {
  const created = text
    ? await as<Motion>('POST', '/api/motions/import', {
        editionId: 'labour-2024',
        title,
        bodyId: 'anytown-clp',
        text,
      })
    : await as<Motion>('POST', '/api/motions', {
        editionId: 'labour-2024',
        title,
        bodyId: 'anytown-clp',
      });
  expect(created.status).toBe(201);
  const id = created.body.id;
  expect((await as('POST', `/api/motions/${id}/transitions`, stepRequest('adopt'))).status).toBe(
    200,
  );
  return id;
}

const submit = (id: string) =>
  as<Motion & ApiError>('POST', `/api/motions/${id}/transitions`, { event: 'submit' });

describe('procedure checks', () => {
  it('sees a unit another draft cites from the moment it is added (the cited units are cached)', async () => {
    const mine = await adoptedDraft(
      'Nomination threshold',
      'Chapter 5, Clause IV, Sub-clause 5.B.i — delete ‘one third’ and replace with ‘two fifths’.',
    );
    const overlaps = async () =>
      (await as<Motion>('GET', `/api/motions/${mine}`)).body.checks.filter(
        (c) => c.id === 'overlap' && c.message.includes('Cached units'),
      );
    const other = await as<Motion>('POST', '/api/motions', {
      editionId: 'labour-2024',
      title: 'Cached units',
      bodyId: 'anytown-clp',
    });
    expect(await overlaps()).toEqual([]);
    const added = await as('POST', `/api/motions/${other.body.id}/amendments`, {
      kind: 'amend',
      target: '5.IV.5.B.i',
    });
    expect(added.status).toBe(201);
    expect(await overlaps()).toEqual([
      expect.objectContaining({ message: '“Cached units” (Anytown CLP) also changes 5.IV.5.B.i' }),
    ]);
  });

  it('refuses to submit a motion that cites no rule, saying why, and changes nothing', async () => {
    const id = await adoptedDraft('Nothing yet');
    const shown = await as<Motion>('GET', `/api/motions/${id}`);
    expect(shown.body.checks.map((c) => [c.id, c.severity])).toContainEqual([
      'rule-cited',
      'error',
    ]);
    const auditBefore = (await server.commands.store.listAudit()).length;
    const res = await submit(id);
    expect(res.status).toBe(409);
    expect(res.body.error).toEqual({
      id: 'procedure-checks',
      message:
        'Cannot submit: The motion changes no rule yet: amend, insert or delete a unit of the rulebook',
    });
    expect((await server.commands.store.getMotion(id))?.state).toBe('adopted');
    expect(await server.commands.store.listAudit()).toHaveLength(auditBefore);
  });

  it('refuses to submit an adopted text that cites a rule but changes none of it', async () => {
    const created = await as<Motion>('POST', '/api/motions', {
      editionId: 'labour-2024',
      title: 'Unchanged',
      bodyId: 'anytown-clp',
    });
    const id = created.body.id;
    await as('POST', `/api/motions/${id}/amendments`, { kind: 'amend', target: '5.IV.6' });
    // While drafting, the live motion text shows it; the check waits for the adopted text.
    const drafting = (await as<Motion>('GET', `/api/motions/${id}`)).body;
    expect(drafting.checks.map((c) => c.id)).not.toContain('no-change');
    await as('POST', `/api/motions/${id}/transitions`, stepRequest('adopt'));
    const adopted = (await as<Motion>('GET', `/api/motions/${id}`)).body;
    expect(adopted.checks[0]).toMatchObject({ id: 'no-change', severity: 'error' });
    const res = await submit(id);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('changes none of its text');
    expect((await server.commands.store.getMotion(id))?.state).toBe('adopted');
  });

  it('shows overlap with the body’s own draft, submits with the year, then refuses a second', async () => {
    const first = await adoptedDraft(
      'Trigger ballot threshold',
      'Chapter 5, Clause IV, Sub-clause 5.B.i — delete ‘one third’ and replace with ‘one quarter’.',
    );
    const shown = (await as<Motion>('GET', `/api/motions/${first}`)).body;
    // The seeded Anytown draft changes the same sub-paragraph.
    expect(shown.checks).toContainEqual({
      id: 'overlap',
      severity: 'warning',
      message: '“Open selection of MPs” (Anytown CLP) also changes 5.IV.5.B.i',
    });
    expect(shown.checks.filter((c) => c.severity === 'error')).toEqual([]);
    const year = shown.checksYear;
    expect(year).toBeGreaterThanOrEqual(2026);

    const res = await submit(first);
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('submitted');
    expect(res.body.checks).toEqual([]); // submitted: nothing left to check
    const recorded = (await server.commands.store.listAudit({ motionId: first })).at(-1);
    expect(recorded?.detail).toMatchObject({ event: 'submit', year });

    const second = await adoptedDraft(
      'Another one',
      'Chapter 3, Clause III, Sub-clause 4 — delete ‘three years’ and replace with ‘two years’.',
    );
    const before = await as<Motion>('GET', `/api/motions/${second}`);
    expect(before.body.checks[0]).toEqual({
      id: 'allowance',
      severity: 'error',
      message: `Anytown CLP has already submitted 1 of its 1 rule change for Conference ${year}`,
    });
    const refused = await submit(second);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('has already submitted 1 of its 1 rule change');
    expect((await server.commands.store.getMotion(second))?.state).toBe('adopted');

    // Withdrawing the first gives the allowance back.
    const withdrawn = await as<Motion>(
      'POST',
      `/api/motions/${first}/transitions`,
      stepRequest('withdraw'),
    );
    expect(withdrawn.body.state).toBe('withdrawn');
    const after = (await as<Motion>('GET', `/api/motions/${second}`)).body.checks;
    expect(after.filter((c) => c.severity === 'error')).toEqual([]);
    expect((await submit(second)).status).toBe(200);
  });
});
