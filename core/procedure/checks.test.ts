import { describe, expect, it } from 'vitest';
import { labourProfile, libdemProfile } from '../profiles';
import {
  checkProcedure,
  debateYear,
  overlaps,
  submissionYear,
  type ProcedureFacts,
} from './checks';

const labour = labourProfile.procedure;

/** A motion from Anytown CLP for Conference 2026, well before the deadline, with no problems. */
const facts = (over: Partial<ProcedureFacts> = {}): ProcedureFacts => ({
  procedure: labour,
  body: { name: 'Anytown CLP', kind: 'clp' },
  year: 2026,
  now: new Date('2026-03-01T10:00:00Z'),
  units: ['5.IV.5.B.i'],
  submittedByBody: 0,
  changesText: true,
  decided: {},
  others: [],
  ...over,
});

const ids = (f: ProcedureFacts) => checkProcedure(f).map((c) => [c.id, c.severity]);

describe('checkProcedure', () => {
  it('finds nothing wrong with a timely, single-subject motion citing a rule', () => {
    expect(checkProcedure(facts())).toEqual([]);
  });

  it('refuses a motion that changes no rule', () => {
    expect(ids(facts({ units: [] }))).toEqual([['rule-cited', 'error']]);
  });

  it('lets a motion kept unread go to the CAC with a warning, and only one kept unread', () => {
    expect(ids(facts({ units: [], unread: true }))).toEqual([['reading-unfinished', 'warning']]);
    expect(ids(facts({ units: [], unread: false }))).toEqual([['rule-cited', 'error']]);
    // A motion read (it cites units) has nothing to finish, whatever the flag says.
    expect(ids(facts({ unread: true }))).toEqual([]);
  });

  it('refuses an adopted text that cites a rule but changes nothing, not a draft still being written', () => {
    expect(ids(facts({ changesText: false }))).toEqual([['no-change', 'error']]);
    expect(ids(facts({ changesText: null }))).toEqual([]);
    expect(ids(facts({ changesText: false, units: [] }))).toEqual([['rule-cited', 'error']]);
  });

  it('warns in the last fortnight and refuses after the deadline, in the party’s time zone', () => {
    const soon = checkProcedure(facts({ now: new Date('2026-06-10T09:00:00Z') }));
    expect(soon).toEqual([
      {
        id: 'deadline',
        severity: 'warning',
        message: '8 days left: submissions for Conference 2026 close at 17 June 2026 at 12:00',
      },
    ]);
    const late = checkProcedure(facts({ now: new Date('2026-06-17T11:00:01Z') }));
    expect(late).toEqual([
      {
        id: 'deadline',
        severity: 'error',
        message: 'The deadline for Conference 2026 passed at 17 June 2026 at 12:00',
      },
    ]);
    // One second before noon, London time (11:00 UTC in summer), is still in time.
    expect(ids(facts({ now: new Date('2026-06-17T10:59:59Z') }))).toEqual([
      ['deadline', 'warning'],
    ]);
    expect(ids(facts({ year: 2031 }))).toEqual([['deadline', 'warning']]);
  });

  it('refuses a second rule change from a CLP in one year, and any from a body with no allowance', () => {
    expect(checkProcedure(facts({ submittedByBody: 1 }))[0]?.message).toBe(
      'Anytown CLP has already submitted 1 of its 1 rule change for Conference 2026',
    );
    expect(ids(facts({ body: { name: 'CAC', kind: 'cac' } }))).toEqual([['allowance', 'error']]);
  });

  it('applies the three-year rule to the unit, its parts and the parts it is in, by debate year', () => {
    // Submitted in 2026, debated in 2027 (the delay): 2024's decisions still bind, 2023's do not.
    const decided = { '5.IV.5': 2024, '5.IV.7': 2024, '3.III.4': 2023 };
    const delayed = checkProcedure(facts({ units: ['5.IV.5.B.i', '3.III.4.C'], decided }));
    // Debated in 2027 = 2024 + 3: on the agenda again. Only the two chapters are worth a word.
    expect(delayed.map((c) => c.id)).toEqual(['several-chapters']);
    // The same motion with no delay (debated in 2026) is too early for 5.IV.5.
    const noDelay = { ...labour, delay: { ...labour.delay, years: { '2026': 0 as const } } };
    const early = checkProcedure(facts({ procedure: noDelay, units: ['5.IV.5.B.i'], decided }));
    expect(early.map((c) => c.message)).toEqual([
      '5.IV.5 was decided by Conference 2024: it cannot be on the agenda again before 2027 (this motion would be debated in 2026)',
    ]);
    // A parent unit overlaps a decided child.
    expect(ids(facts({ procedure: noDelay, units: ['5.IV'], decided }))).toEqual([
      ['three-year-rule', 'error'],
      ['three-year-rule', 'error'],
    ]);
    // A profile without the rule never applies it.
    expect(
      ids(facts({ procedure: libdemProfile.procedure, decided, now: new Date('2026-03-01') })),
    ).toEqual([]);
  });

  it('warns about several chapters (Labour), and refuses them where the profile says so', () => {
    const units = ['5.IV.5', '3.III.4'];
    expect(ids(facts({ units }))).toEqual([['several-chapters', 'warning']]);
    expect(ids(facts({ units, procedure: libdemProfile.procedure }))).toEqual([
      ['several-chapters', 'error'],
    ]);
  });

  it('names the other motions that change the same text', () => {
    const others = [
      { id: 'a', title: 'Open selection', body: 'Riverside CLP', units: ['5.IV.5.B', '5.IV.6'] },
      { id: 'b', title: 'Elsewhere', body: 'Northfield CLP', units: ['3.III.4'] },
    ];
    expect(checkProcedure(facts({ others }))).toEqual([
      {
        id: 'overlap',
        severity: 'warning',
        message: '“Open selection” (Riverside CLP) also changes 5.IV.5.B',
      },
    ]);
  });

  it('lists errors before warnings', () => {
    const result = checkProcedure(
      facts({ units: ['5.IV.5', '3.III.4'], submittedByBody: 1, now: new Date('2026-06-10') }),
    );
    const severities = result.map((c) => c.severity);
    expect(severities).toEqual([...severities].sort());
    expect(severities[0]).toBe('error');
  });
});

describe('submissionYear', () => {
  it('is this year until its deadline, then the next year with a deadline ahead', () => {
    expect(submissionYear(labour, new Date('2026-03-01T00:00:00Z'))).toBe(2026);
    expect(submissionYear(labour, new Date('2026-06-17T10:59:59Z'))).toBe(2026);
    expect(submissionYear(labour, new Date('2026-06-17T11:00:00Z'))).toBe(2027);
    expect(submissionYear(labour, new Date('2026-11-22T12:00:00Z'))).toBe(2027);
  });

  it('falls back to this year, or the next once this year’s deadline passed, when none is set ahead', () => {
    expect(submissionYear(labour, new Date('2031-01-01T00:00:00Z'))).toBe(2031);
    const only = { ...labour, deadlines: { '2031': '2031-06-01T12:00:00+01:00' } };
    expect(submissionYear(only, new Date('2031-07-01T00:00:00Z'))).toBe(2032);
  });
});

describe('debateYear', () => {
  it('delays CLP rule changes a year, except in suspended years and for the NEC', () => {
    expect(debateYear(labour, 2026, 'clp')).toBe(2027);
    expect(debateYear(labour, 2019, 'clp')).toBe(2019);
    expect(debateYear(labour, 2026, 'nec')).toBe(2026);
    expect(debateYear(libdemProfile.procedure, 2026, 'clp')).toBe(2026);
  });
});

describe('overlaps', () => {
  it('is true for the same unit and for one inside the other, not for siblings or prefixes of labels', () => {
    expect(overlaps('5.IV.5', '5.IV.5')).toBe(true);
    expect(overlaps('5.IV.5', '5.IV.5.B')).toBe(true);
    expect(overlaps('5.IV.5.B', '5.IV')).toBe(true);
    expect(overlaps('5.IV.5', '5.IV.6')).toBe(false);
    expect(overlaps('5.IV.1', '5.IV.10')).toBe(false);
    // The empty path is the whole rulebook (a new chapter renumbers them all).
    expect(overlaps('', '3.III.4')).toBe(true);
    expect(overlaps('5.IV', '')).toBe(true);
  });
});
