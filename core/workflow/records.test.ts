import { describe, expect, it } from 'vitest';
import type { TransitionRequest } from '../../schemas/api';
import type { Profile } from '../../schemas/profile';
import { labourProfile, libdemProfile } from '../profiles';
import { checkRecord, progressOf, type StepEvent } from './records';

const TODAY = '2026-06-01';
const NEC_MOTION = 'necmotion001';
const facts = { today: TODAY, alternatives: [NEC_MOTION] };

const step = (profile: Profile, event: string) => {
  const t = profile.workflow.transitions.find((x) => x.event === event);
  if (!t) throw new Error(`no ${event} in ${profile.id}`);
  return t;
};
const check = (event: string, request: Partial<TransitionRequest>, profile = labourProfile) =>
  checkRecord(profile, step(profile, event), { event, note: '', ...request }, facts);

const meeting = {
  date: '2026-05-14',
  meeting: 'General Committee',
  for: 24,
  against: 3,
  abstain: 1,
};
const vote = (clp: [number, number], affiliates: [number, number], card = 8) => ({
  card,
  sections: {
    clp: { for: clp[0], against: clp[1] },
    affiliates: { for: affiliates[0], against: affiliates[1] },
  },
});

describe('checkRecord: the adoption meeting', () => {
  it('keeps a valid meeting record as it is', () => {
    expect(check('adopt', { meeting })).toEqual({ ok: true, record: meeting });
  });

  it('refuses adoption without a record, with a future date, an unknown meeting or a lost vote', () => {
    expect(check('adopt', {})).toEqual({
      ok: false,
      reason: "“Record adoption by the meeting” needs the meeting's date, kind and votes",
    });
    expect(check('adopt', { meeting: { ...meeting, date: '2026-06-02' } })).toEqual({
      ok: false,
      reason: 'The meeting date 2026-06-02 is in the future',
    });
    expect(check('adopt', { meeting: { ...meeting, date: TODAY } }).ok).toBe(true);
    expect(check('adopt', { meeting: { ...meeting, meeting: 'Branch' } })).toEqual({
      ok: false,
      reason:
        'Unknown meeting “Branch”: it must be one of “General Committee”, “All-member meeting”, “NEC meeting”',
    });
    for (const [yes, no] of [
      [10, 12],
      [7, 7],
    ] as const) {
      expect(check('adopt', { meeting: { ...meeting, for: yes, against: no } })).toEqual({
        ok: false,
        reason: `Not adopted: ${yes} for and ${no} against; a motion is adopted only with more votes for than against`,
      });
    }
  });

  it("uses the profile's own meetings", () => {
    const local = { ...meeting, meeting: 'Local party executive' };
    // The Liberal Democrat workflow has no adoption step; its meetings are still validated data.
    expect(libdemProfile.procedure.meetings).toContain(local.meeting);
    expect(check('adopt', { meeting: local }).ok).toBe(false);
  });
});

describe('checkRecord: notes, rulings and records a step does not take', () => {
  it('needs a reason for a ruling out of order, an appeal, its dismissal and a withdrawal', () => {
    for (const event of ['rule-out-of-order', 'appeal', 'dismiss-appeal', 'withdraw']) {
      const label = step(labourProfile, event).label;
      expect(check(event, {})).toEqual({ ok: false, reason: `“${label}” needs a note saying why` });
      expect(check(event, { note: 'Not a rule change' })).toEqual({ ok: true, record: null });
    }
    expect(check('rule-in-order', {})).toEqual({ ok: true, record: null });
  });

  it('refuses a record the step does not take', () => {
    expect(check('submit', { meeting })).toEqual({
      ok: false,
      reason: '“Submit to conference” records no meeting',
    });
    expect(check('adopt', { meeting, vote: vote([60, 40], [60, 40]) })).toEqual({
      ok: false,
      reason: '“Record adoption by the meeting” records no vote',
    });
  });
});

describe('checkRecord: the NEC position', () => {
  it('labels a position with the profile’s words', () => {
    expect(check('record-nec-position', { position: { position: 'remit' } })).toEqual({
      ok: true,
      record: { position: 'remit', label: 'Seek remission' },
    });
  });

  it('needs a position, one the profile offers, and an alternative that is an NEC motion', () => {
    expect(check('record-nec-position', {})).toEqual({
      ok: false,
      reason: '“Record the NEC position” needs the position taken',
    });
    expect(
      check('record-nec-position', {
        position: { position: 'alternative', alternative: NEC_MOTION },
      }),
    ).toEqual({
      ok: true,
      record: { position: 'alternative', alternative: NEC_MOTION, label: 'NEC alternative' },
    });
    expect(check('record-nec-position', { position: { position: 'alternative' } })).toEqual({
      ok: false,
      reason: "NEC alternative: name the NEC's own rule change on the same rulebook (none given)",
    });
    expect(
      check('record-nec-position', {
        position: { position: 'alternative', alternative: 'clpmotion001' },
      }),
    ).toEqual({
      ok: false,
      reason:
        "NEC alternative: name the NEC's own rule change on the same rulebook (clpmotion001 is not one)",
    });
    expect(
      check('record-nec-position', { position: { position: 'support', alternative: NEC_MOTION } }),
    ).toEqual({ ok: false, reason: 'Only an alternative names a motion; “Support” does not' });
  });

  it('offers only the positions a profile lists', () => {
    const fpc: Profile = {
      ...labourProfile,
      procedure: { ...labourProfile.procedure, positions: libdemProfile.procedure.positions },
    };
    expect(check('record-nec-position', { position: { position: 'remit' } }, fpc)).toEqual({
      ok: false,
      reason: 'The position “remit” is not one of “FPC supports”, “FPC opposes”',
    });
  });
});

describe('checkRecord: the card vote', () => {
  it('computes the result and keeps it with the figures', () => {
    const figures = vote([60, 40], [55, 45]);
    expect(check('carry', { vote: figures })).toEqual({
      ok: true,
      record: {
        ...figures,
        forPercent: 57.5,
        againstPercent: 42.5,
        carried: true,
        words: 'CARRIED',
      },
    });
  });

  it('refuses figures that do not give the step’s result, saying what they give', () => {
    expect(check('carry', { vote: vote([20, 80], [9.16, 90.84]) })).toEqual({
      ok: false,
      reason: 'The figures give 14.58% for — NOT CARRIED; that is not “Record: carried”',
    });
    expect(check('lose', { vote: vote([60, 40], [55, 45]) })).toEqual({
      ok: false,
      reason: 'The figures give 57.50% for — CARRIED; that is not “Record: not carried”',
    });
    // Labour needs more than half: exactly half is not carried.
    expect(check('lose', { vote: vote([50, 50], [50, 50]) }).ok).toBe(true);
  });

  it('refuses missing or malformed figures with the section named', () => {
    expect(check('carry', {})).toEqual({
      ok: false,
      reason: "“Record: carried” needs the card vote's number and figures",
    });
    expect(
      check('carry', { vote: { card: 1, sections: { clp: { for: 1, against: 0 } } } }),
    ).toEqual({ ok: false, reason: 'No votes recorded for Affiliates' });
  });

  it('applies a two-thirds, single-section rule in the second profile', () => {
    const conference = (yes: number, no: number) => ({
      card: 2,
      sections: { conference: { for: yes, against: no } },
    });
    const pass = (v: ReturnType<typeof conference>) => check('pass', { vote: v }, libdemProfile).ok;
    expect(pass(conference(2, 1))).toBe(true);
    expect(pass(conference(65, 35))).toBe(false);
    expect(check('lose', { vote: conference(65, 35) }, libdemProfile)).toMatchObject({
      ok: true,
      record: { words: 'LOST', carried: false },
    });
  });
});

describe('progressOf', () => {
  const at = '2026-06-01T10:00:00.000Z';
  const e = (event: string, to: string, extra: Partial<StepEvent> = {}): StepEvent => ({
    event,
    to,
    note: '',
    at,
    ...extra,
  });

  it('is empty for a motion that has taken no step', () => {
    expect(progressOf(labourProfile.workflow, [])).toEqual({
      version: 0,
      meeting: null,
      ruling: null,
      position: null,
      result: null,
      year: null,
    });
  });

  it('folds the steps: versions count adoptions; the latest ruling, position and vote win', () => {
    const second = { ...meeting, date: '2026-05-20' };
    const result = { ...vote([60, 40], [55, 45]), forPercent: 57.5, againstPercent: 42.5 };
    const progress = progressOf(labourProfile.workflow, [
      e('adopt', 'adopted', { record: meeting }),
      e('reopen', 'draft'),
      e('adopt', 'adopted', { record: second }),
      e('submit', 'submitted', { year: 2027 }),
      e('rule-out-of-order', 'out-of-order', { note: 'Not a rule change' }),
      e('appeal', 'appealed', { note: 'It is' }),
      e('uphold-appeal', 'in-order', { note: 'Agreed' }),
      e('record-nec-position', 'nec-position', { record: { position: 'oppose', label: 'Oppose' } }),
      e('carry', 'carried', { record: { ...result, carried: true, words: 'CARRIED' } }),
    ]);
    expect(progress).toEqual({
      version: 2,
      meeting: second,
      ruling: { label: 'Ruled in order', note: 'Agreed', at },
      position: { position: 'oppose', label: 'Oppose' },
      result: { ...result, carried: true, words: 'CARRIED' },
      year: 2027,
    });
  });
});
