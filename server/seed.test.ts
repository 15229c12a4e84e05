/** What each seed mode leaves in a fresh database, through the real server and store. */
import { describe, expect, it } from 'vitest';
import { labourProfile } from '../core/profiles';
import { startTestServer } from './test/server';

describe('REDLINE_SEED', () => {
  it.each([
    ['demo', 2, true],
    ['edition', 1, false],
    ['none', 0, false],
  ] as const)('%s: %i edition(s), demo people %s', async (seed, editions, people) => {
    const server = await startTestServer({ seed });
    try {
      const { store } = server.commands;
      expect(await store.listEditions()).toHaveLength(editions);
      expect((await store.findUserByEmail('member@anytown.example')) !== null).toBe(people);
      expect((await store.listBodies()).length > 0).toBe(people);
      expect((await store.listMotions()).length > 0).toBe(people);
      // Whatever the seed, the first start offers the admin's one-time link.
      expect(server.adminLink).toMatch(/#\/welcome\//);
    } finally {
      await server.stop();
    }
  });
});

describe('the demo seed', () => {
  it('has a motion in every state, three overlapping trigger-ballot motions and a finished conference', async () => {
    const server = await startTestServer({ seed: 'demo' });
    try {
      const { store } = server.commands;
      const motions = await store.listMotions();
      const states = new Set(motions.map((m) => m.state));
      expect([...states].sort()).toEqual(labourProfile.workflow.states.map((s) => s.id).sort());

      // The trigger ballot: open selection and a two-thirds threshold, the NEC's alternative
      // to them, all live and overlapping on the same sub-clauses.
      const transitions = await store.listAudit({ action: 'transition' });
      const byTitle = (title: string) => motions.find((m) => m.title === title);
      const nec = byTitle('Trigger ballot reform (NEC)');
      const open = byTitle('Open selection: a full selection whenever one branch asks');
      const twoThirds = byTitle('A two-thirds threshold for a full selection');
      expect([nec?.state, open?.state, twoThirds?.state]).toEqual([
        'in-order',
        'nec-position',
        'nec-position',
      ]);
      const positionOf = (id = '') =>
        transitions.find((t) => t.motionId === id && t.detail.event === 'record-nec-position')
          ?.detail.record;
      expect(positionOf(open?.id)).toMatchObject({ position: 'alternative', alternative: nec?.id });

      // Last year's conference: card votes 1–3 recorded, one fell to the NEC's change.
      const cards = transitions
        .map((t) => (t.detail.record as { card?: number } | undefined)?.card)
        .filter((c) => c !== undefined)
        .sort();
      expect(cards).toEqual([1, 2, 3, 4]);
      expect(byTitle('Three-year terms for the CAC')?.state).toBe('fell');
      // …and its carried motions are the next edition, each changed unit with its history.
      expect((await store.listEditions()).map((e) => e.id)).toContain('labour-2025');
      expect(byTitle('The CAC elected every year')?.state).toBe('incorporated');
      expect(byTitle('A reduced rate for members under 30')?.state).toBe('incorporated');
      const next = await server.commands.store.getEdition('labour-2025');
      expect(next?.source).toContain('shall hold office for one year');
      expect(next?.source).toContain('aged under 30');
    } finally {
      await server.stop();
    }
  });
});
