/**
 * Consolidation through the real server: motions taken to carried by real workflow steps (each
 * by the person whose role takes it), previewed in conference order, refused with every
 * diagnostic (and nothing written) when two carried motions change the same text, and otherwise
 * published as the next edition, with the motions incorporated and each unit's history.
 *
 * The server starts with the sample edition alone (seed mode `edition`) and its own bodies and
 * people, made in the store: the demo seed's motions and submissions cannot get in the way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearIn } from '../../core/procedure/checks';
import type {
  ApiError,
  Consolidated,
  ConsolidationPreview,
  Edition,
  EditionHistory,
  Motion,
} from '../../schemas/api';
import type { BodyKind, Role } from '../../schemas/profile';
import { SESSION_COOKIE } from '../commands/auth';
import { call } from '../test/collab-client';
import { startTestServer, type TestServer } from '../test/server';
import { exampleVote, stepRequest } from '../test/steps';

let server: TestServer;
const cookies = new Map<string, string>();
const YEAR = yearIn(new Date(), 'Europe/London');

const PEOPLE: { id: string; body: string; kind: BodyKind; role: Role }[] = [
  ...['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((x) => ({
    id: `sec-${x}`,
    body: `clp-${x}`,
    kind: 'clp' as const,
    role: 'secretary' as const,
  })),
  { id: 'member-a', body: 'clp-a', kind: 'clp', role: 'member' },
  { id: 'cac', body: 'cac', kind: 'cac', role: 'cac' },
  { id: 'nec', body: 'nec', kind: 'nec', role: 'nec' },
  { id: 'official', body: 'officials', kind: 'officials', role: 'official' },
];

const as = <T>(who: string, method: string, path: string, body?: unknown) =>
  call<T>(server.url, method, path, body, cookies.get(who));

const store = () => server.commands.store;

/** Everything a refused consolidation must leave as it was. */
async function fingerprint() {
  return {
    audit: (await store().listAudit()).length,
    editions: (await store().listEditions()).map((e) => e.id),
    motions: (await store().listMotions()).map((m) => `${m.id} ${m.state}`),
  };
}

async function step(who: string, id: string, request: ReturnType<typeof stepRequest>) {
  const res = await as<Motion & ApiError>(who, 'POST', `/api/motions/${id}/transitions`, request);
  expect(res.status, `${request.event}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
}

/** A motion imported from motion text by a CLP's secretary, adopted and submitted. */
async function submitted(clp: string, editionId: string, title: string, text: string) {
  const secretary = `sec-${clp}`;
  const created = await as<Motion>(secretary, 'POST', '/api/motions/import', {
    editionId,
    title,
    bodyId: `clp-${clp}`,
    text,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  await step(secretary, created.body.id, stepRequest('adopt'));
  await step(secretary, created.body.id, stepRequest('submit'));
  return created.body.id;
}

/** Ruled in order, the NEC's position, and the card vote that carries it. */
async function carry(id: string, card: number) {
  await step('cac', id, stepRequest('rule-in-order'));
  await step('nec', id, stepRequest('record-nec-position'));
  const carried = await step('official', id, {
    ...stepRequest('carry'),
    vote: exampleVote(true, card),
  });
  expect(carried.state).toBe('carried');
}

const FIFTH =
  'Chapter 5, Clause IV, Sub-clause 5.B.i — delete ‘one third’ and replace with ‘one fifth’.';
const QUARTER =
  'Chapter 5, Clause IV, Sub-clause 5.B.i — delete ‘one third’ and replace with ‘one quarter’.';
const ONE_YEAR =
  'Chapter 3, Clause III, Sub-clause 4 — delete ‘three years’ and replace with ‘one year’.';
const AFFILIATES =
  'Chapter 5, Clause IV, Sub-clause 5.B.ii — delete ‘one third’ and replace with ‘one fifth’.';

/** Motion ids by name. */
const ids = { fifth: '', year: '', pending: '', first: '', second: '' };

beforeAll(async () => {
  server = await startTestServer({ seed: 'edition' });
  const system = { actorId: null, action: 'test-setup' };
  for (const p of PEOPLE) {
    if (!(await store().getBody(p.body))) {
      await store().createBody({ id: p.body, name: `Body ${p.body}`, kind: p.kind }, system);
    }
    await store().createUser(
      {
        id: p.id,
        email: `${p.id}@example.org`,
        name: `Person ${p.id}`,
        passwordHash: '',
        admin: false,
      },
      system,
    );
    await store().setMembership({ bodyId: p.body, userId: p.id, role: p.role }, system);
    cookies.set(p.id, `${SESSION_COOKIE}=${(await server.auth.openSession(p.id)).token}`);
  }
  // A second copy of the sample edition, for two motions that conflict.
  const source = (await store().getEdition('labour-2024'))?.source ?? '';
  const imported = await as('official', 'POST', '/api/editions', {
    id: 'conflict-2024',
    profile: 'labour',
    source,
  });
  expect(imported.status).toBe(201);

  // Every submission before any vote: a decided unit is closed to new submissions (three-year rule).
  ids.fifth = await submitted('a', 'labour-2024', 'One fifth of branches', FIFTH);
  ids.year = await submitted('b', 'labour-2024', 'Revisit after one year', ONE_YEAR);
  ids.pending = await submitted('c', 'labour-2024', 'Affiliates too', AFFILIATES);
  ids.first = await submitted('d', 'conflict-2024', 'One fifth', FIFTH);
  ids.second = await submitted('e', 'conflict-2024', 'One quarter', QUARTER);
  // Card 8 before card 3 on the agenda: consolidation goes by card number, not by submission.
  await carry(ids.fifth, 8);
  await carry(ids.year, 3);
  await step('cac', ids.pending, stepRequest('rule-in-order'));
  await carry(ids.first, 1);
  await carry(ids.second, 2);
}, 60_000);

afterAll(async () => {
  await server.stop();
});

describe('consolidation', () => {
  it('previews the carried motions in conference order, to anyone signed in', async () => {
    const res = await as<ConsolidationPreview>(
      'sec-c',
      'GET',
      '/api/editions/labour-2024/consolidation',
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      editionId: 'labour-2024',
      motions: [
        {
          id: ids.year,
          title: 'Revisit after one year',
          body: 'Body clp-b',
          conference: YEAR,
          card: 3,
          words: 'CARRIED',
          units: ['3.III.4'],
        },
        {
          id: ids.fifth,
          title: 'One fifth of branches',
          body: 'Body clp-a',
          conference: YEAR,
          card: 8,
          words: 'CARRIED',
          units: ['5.IV.5.B.i'],
        },
      ],
      problems: [],
      ready: true,
      canConsolidate: false,
    });
    const official = await as<ConsolidationPreview>(
      'official',
      'GET',
      '/api/editions/labour-2024/consolidation',
    );
    expect(official.body.canConsolidate).toBe(true);
  });

  it('refuses two carried motions on the same text, naming both, and writes nothing', async () => {
    const preview = await as<ConsolidationPreview>(
      'official',
      'GET',
      '/api/editions/conflict-2024/consolidation',
    );
    expect(preview.body.ready).toBe(false);
    expect(preview.body.problems.map((p) => [p.motionId, p.motion])).toEqual([
      [ids.second, 'One quarter'],
    ]);
    const before = await fingerprint();
    const res = await as<ApiError & { diagnostics: { message: string; ruleId: string }[] }>(
      'official',
      'POST',
      '/api/editions/conflict-2024/consolidate',
      { id: 'conflict-2025', edition: '2025' },
    );
    expect(res.status).toBe(409);
    expect(res.body.error.id).toBe('consolidation-problems');
    expect(res.body.error.message).toMatch(/^Cannot consolidate; nothing was changed\./);
    expect(res.body.error.message).toContain('“One quarter”');
    expect(res.body.error.message).toContain('“One fifth” (carried earlier)');
    expect(res.body.diagnostics.map((d) => d.ruleId)).toEqual(['consolidation-conflict']);
    expect(res.body.diagnostics[0]?.message).toMatch(
      /^“One quarter”: Unexpected change to 5\.IV\.5\.B\.i/,
    );
    expect(await fingerprint()).toEqual(before);
    expect((await store().getMotion(ids.first))?.state).toBe('carried');
    expect((await store().getMotion(ids.second))?.state).toBe('carried');
  });

  it('is for conference officials only', async () => {
    const before = await fingerprint();
    for (const who of ['sec-a', 'member-a', 'cac', 'nec']) {
      const res = await as<ApiError>(who, 'POST', '/api/editions/labour-2024/consolidate', {
        id: 'labour-2025',
        edition: '2025',
      });
      expect(res.status, who).toBe(403);
      expect(res.body.error).toEqual({
        id: 'official-only',
        message: 'Only a conference official can consolidate carried motions into a new edition',
      });
    }
    const bad = await as<ApiError>('official', 'POST', '/api/editions/labour-2024/consolidate', {
      id: 'Not An Id',
      edition: '2025',
    });
    expect(bad.status).toBe(400);
    const taken = await as<ApiError>('official', 'POST', '/api/editions/labour-2024/consolidate', {
      id: 'conflict-2024',
      edition: '2025',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.id).toBe('edition-exists');
    expect(await fingerprint()).toEqual(before);
  });

  it('publishes the next edition, incorporates the motions and records each unit’s history', async () => {
    const auditBefore = (await store().listAudit()).length;
    const res = await as<Consolidated>(
      'official',
      'POST',
      '/api/editions/labour-2024/consolidate',
      {
        id: 'labour-2025',
        edition: '2025',
      },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.edition).toMatchObject({
      id: 'labour-2025',
      edition: '2025',
      profile: 'labour',
    });
    expect(res.body.basedOn).toBe('labour-2024');
    const line = (id: string, title: string, body: string, card: number, units: string[]) => ({
      motionId: id,
      title,
      body,
      conference: YEAR,
      card,
      words: 'CARRIED',
      units,
    });
    const amendments = [
      line(ids.year, 'Revisit after one year', 'Body clp-b', 3, ['3.III.4']),
      line(ids.fifth, 'One fifth of branches', 'Body clp-a', 8, ['5.IV.5.B.i']),
    ];
    expect(res.body.amendments).toEqual(amendments);

    const text = async (edition: string, path: string) => {
      const unit = await as<{ text: string }>(
        'sec-c',
        'GET',
        `/api/editions/${edition}/units/${path}`,
      );
      return unit.body.text;
    };
    expect(await text('labour-2025', '5.IV.5.B.i')).toContain('one fifth');
    expect(await text('labour-2025', '5.IV.5.B.i')).not.toContain('one third');
    expect(await text('labour-2025', '3.III.4')).toContain('one year');
    expect(await text('labour-2024', '5.IV.5.B.i')).toContain('one third');
    const edition = await as<Edition>('sec-c', 'GET', '/api/editions/labour-2025');
    expect(edition.body.edition).toBe('2025');

    for (const id of [ids.fifth, ids.year]) {
      expect((await store().getMotion(id))?.state).toBe('incorporated');
    }
    expect((await store().getMotion(ids.pending))?.state).toBe('in-order');
    const written = (await store().listAudit()).slice(auditBefore);
    expect(written.map((e) => [e.action, e.motionId, e.detail])).toEqual([
      [
        'transition',
        ids.year,
        {
          event: 'incorporate',
          from: 'carried',
          to: 'incorporated',
          note: '',
          edition: 'labour-2025',
        },
      ],
      [
        'transition',
        ids.fifth,
        {
          event: 'incorporate',
          from: 'carried',
          to: 'incorporated',
          note: '',
          edition: 'labour-2025',
        },
      ],
      [
        'edition-consolidated',
        null,
        { edition: 'labour-2025', basedOn: 'labour-2024', motions: [ids.year, ids.fifth] },
      ],
    ]);
    // The motion timeline shows the step like any other.
    const motion = await as<Motion>('sec-a', 'GET', `/api/motions/${ids.fifth}`);
    expect(motion.body.stateLabel).toBe('Incorporated in the rulebook');

    const history = await as<EditionHistory>('sec-c', 'GET', '/api/editions/labour-2025/history');
    expect(history.status).toBe(200);
    expect(history.body.basedOn).toEqual({
      id: 'labour-2024',
      title: 'Rule Book',
      edition: '2024',
    });
    expect(history.body.amendments).toEqual(amendments);
    expect(
      history.body.entries.map((e) => `${e.path}: Conference ${e.conference}, card vote ${e.card}`),
    ).toEqual([
      `3.III.4: Conference ${YEAR}, card vote 3`,
      `5.IV.5.B.i: Conference ${YEAR}, card vote 8`,
    ]);
    expect(history.body.entries.every((e) => e.editionId === 'labour-2025')).toBe(true);
    const base = await as<EditionHistory>('sec-c', 'GET', '/api/editions/labour-2024/history');
    expect(base.body).toEqual({
      editionId: 'labour-2024',
      basedOn: null,
      amendments: [],
      entries: [],
    });

    // Nothing is left to consolidate on the base edition.
    const again = await as<ApiError>('official', 'POST', '/api/editions/labour-2024/consolidate', {
      id: 'labour-2025b',
      edition: '2025',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.id).toBe('nothing-to-consolidate');
  });

  it('carries the history of earlier editions into the next one, in its numbering', async () => {
    const id = await submitted('f', 'labour-2025', 'Affiliated branches too', AFFILIATES);
    // Renumbering moves every later sub-clause of 3.III: the 2025 line on 3.III.4 goes to 3.III.
    const renumber = await submitted(
      'g',
      'labour-2025',
      'Fewer procedures',
      'Delete Chapter 3, Clause III, Sub-clause 3 and renumber accordingly.',
    );
    await carry(id, 5);
    await carry(renumber, 6);
    const res = await as<Consolidated>(
      'official',
      'POST',
      '/api/editions/labour-2025/consolidate',
      {
        id: 'labour-2026',
        edition: '2026',
      },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.amendments.map((a) => [a.card, a.units])).toEqual([
      [5, ['5.IV.5.B.ii']],
      [6, ['3.III']],
    ]);
    // What was 3.III.4 (amended in 2025) is 3.III.3 now.
    const moved = await as<{ text: string }>(
      'sec-c',
      'GET',
      '/api/editions/labour-2026/units/3.III.3',
    );
    expect(moved.body.text).toContain('one year');
    const history = await as<EditionHistory>('sec-c', 'GET', '/api/editions/labour-2026/history');
    expect(history.body.basedOn?.id).toBe('labour-2025');
    expect(history.body.entries.map((e) => [e.path, e.recordedPath, e.editionId, e.card])).toEqual([
      ['5.IV.5.B.ii', '5.IV.5.B.ii', 'labour-2026', 5],
      ['3.III', '3.III', 'labour-2026', 6],
      ['3.III', '3.III.4', 'labour-2025', 3],
      ['5.IV.5.B.i', '5.IV.5.B.i', 'labour-2025', 8],
    ]);
  });
});
