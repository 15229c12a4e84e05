import { describe, expect, it } from 'vitest';
import { labourProfile } from '../../core/profiles';
import type { ActionView, AuditView, RecordOptions } from '../../schemas/api';
import {
  emptyStep,
  liveVote,
  meetingWords,
  noteLabel,
  recordParts,
  resultWords,
  rulingSteps,
  sectionWords,
  stepRequest,
  voteWarning,
  voteWords,
  type StepFields,
} from './steps';

const { workflow, procedure } = labourProfile;
const TODAY = '2026-11-29';

const options: RecordOptions = {
  meetings: ['General Committee', 'All-member meeting'],
  positions: [
    { id: 'support', label: 'Support' },
    { id: 'oppose', label: 'Oppose' },
    { id: 'alternative', label: 'NEC alternative' },
  ],
  sections: [
    { id: 'clp', label: 'CLPs' },
    { id: 'affiliates', label: 'Affiliates' },
  ],
  alternatives: [{ id: 'nec-1', title: 'The NEC’s own change' }],
};

/** The action as the server offers it, from the Labour profile's transition. */
function action(event: string): ActionView {
  const t = workflow.transitions.find((x) => x.event === event);
  if (!t) throw new Error(`no ${event}`);
  return {
    event,
    label: t.label,
    record: t.record ?? null,
    result: t.result ?? null,
    noteRequired: t.noteRequired,
  };
}

const form = (patch: Partial<StepFields>): StepFields => ({
  ...emptyStep(options, TODAY),
  ...patch,
});

const votes = (clp: [string, string], affiliates: [string, string]) => ({
  clp: { for: clp[0], against: clp[1] },
  affiliates: { for: affiliates[0], against: affiliates[1] },
});

describe('step forms', () => {
  it('start with today, the first meeting, no abstentions and nothing else decided', () => {
    expect(emptyStep(options, TODAY)).toEqual({
      note: '',
      date: TODAY,
      meeting: 'General Committee',
      for: '',
      against: '',
      abstain: '0',
      position: '',
      alternative: '',
      card: '',
      sections: votes(['', ''], ['', '']),
    });
  });

  it('label the note as required only where the step needs a reason', () => {
    expect(noteLabel(action('rule-out-of-order'))).toBe('Reason (required)');
    expect(noteLabel(action('rule-in-order'))).toBe('Reason (optional)');
    expect(noteLabel(action('submit'))).toBe('Note (optional, kept in the history)');
  });

  it('make the adoption request with the meeting, trimmed and as numbers', () => {
    const check = stepRequest(
      action('adopt'),
      form({ note: '  GC minutes ', for: '24', against: ' 3', abstain: '1' }),
      options,
      TODAY,
    );
    expect(check).toEqual({
      ok: true,
      request: {
        event: 'adopt',
        note: 'GC minutes',
        meeting: { date: TODAY, meeting: 'General Committee', for: 24, against: 3, abstain: 1 },
      },
    });
  });

  it('name every field of the meeting that is wrong, in the order shown', () => {
    const check = stepRequest(
      action('adopt'),
      form({ date: '2026-12-01', meeting: 'Branch', for: '', against: '2.5', abstain: '-1' }),
      options,
      TODAY,
    );
    expect(check).toEqual({
      ok: false,
      errors: [
        { field: 'date', message: 'The meeting date 2026-12-01 is in the future' },
        { field: 'meeting', message: 'Choose which meeting adopted it' },
        { field: 'for', message: 'Votes for: a whole number, 0 or more' },
        { field: 'against', message: 'Votes against: a whole number, 0 or more' },
        { field: 'abstain', message: 'Abstentions: a whole number, 0 or more' },
      ],
    });
  });

  it('refuse dates that are not dates, but leave the majority to the server', () => {
    const bad = (date: string) =>
      stepRequest(action('adopt'), form({ date, for: '1', against: '1' }), options, TODAY);
    expect(bad('')).toMatchObject({
      ok: false,
      errors: [{ message: 'Give the date of the meeting' }],
    });
    expect(bad('2026-02-31')).toMatchObject({
      ok: false,
      errors: [{ message: 'The date must be a date such as 2026-05-14' }],
    });
    // A tie is not an adoption, but that is core/workflow's rule: the server says so.
    expect(bad('2026-02-28')).toMatchObject({ ok: true });
  });

  it('send a position, and an alternative only with the NEC motion it names', () => {
    const nec = action('record-nec-position');
    expect(stepRequest(nec, form({ position: 'oppose' }), options, TODAY)).toEqual({
      ok: true,
      request: { event: 'record-nec-position', note: '', position: { position: 'oppose' } },
    });
    expect(stepRequest(nec, form({}), options, TODAY)).toEqual({
      ok: false,
      errors: [{ field: 'position', message: 'Choose the NEC’s position' }],
    });
    expect(stepRequest(nec, form({ position: 'alternative' }), options, TODAY)).toEqual({
      ok: false,
      errors: [{ field: 'alternative', message: 'Choose the NEC’s alternative rule change' }],
    });
    const named = form({ position: 'alternative', alternative: 'nec-1' });
    expect(stepRequest(nec, named, options, TODAY)).toMatchObject({
      ok: true,
      request: { position: { position: 'alternative', alternative: 'nec-1' } },
    });
    // A position the profile does not offer (remit is left out of these options).
    expect(stepRequest(nec, form({ position: 'remit' }), options, TODAY)).toMatchObject({
      ok: false,
    });
    const none = { ...options, alternatives: [] };
    expect(stepRequest(nec, form({ position: 'alternative' }), none, TODAY)).toEqual({
      ok: false,
      errors: [
        {
          field: 'alternative',
          message: 'The NEC has no rule change of its own on this rulebook to name',
        },
      ],
    });
  });

  it('send a card vote with decimal figures, and name the sections left out', () => {
    const carry = action('carry');
    expect(
      stepRequest(
        carry,
        form({ card: '8', sections: votes(['62.5', '37.5'], ['40', '60']) }),
        options,
        TODAY,
      ),
    ).toEqual({
      ok: true,
      request: {
        event: 'carry',
        note: '',
        vote: {
          card: 8,
          sections: { clp: { for: 62.5, against: 37.5 }, affiliates: { for: 40, against: 60 } },
        },
      },
    });
    expect(
      stepRequest(
        carry,
        form({ card: '0', sections: votes(['1', ''], ['x', '2']) }),
        options,
        TODAY,
      ),
    ).toEqual({
      ok: false,
      errors: [
        { field: 'card', message: 'Card vote number: a whole number, 1 or more' },
        { field: 'clp.against', message: 'CLPs against: a number, 0 or more' },
        { field: 'affiliates.for', message: 'Affiliates for: a number, 0 or more' },
      ],
    });
  });

  it('need a reason where the step says so, after the record’s own errors', () => {
    expect(stepRequest(action('rule-out-of-order'), form({ note: '  ' }), options, TODAY)).toEqual({
      ok: false,
      errors: [{ field: 'note', message: 'Give a reason: “Rule out of order” needs one' }],
    });
    expect(
      stepRequest(action('rule-out-of-order'), form({ note: 'Not a rule change' }), options, TODAY),
    ).toEqual({
      ok: true,
      request: { event: 'rule-out-of-order', note: 'Not a rule change' },
    });
    // A step without a record sends none, whatever the hidden fields hold.
    expect(stepRequest(action('submit'), form({ for: '3', card: '2' }), options, TODAY)).toEqual({
      ok: true,
      request: { event: 'submit', note: '' },
    });
  });
});

describe('the live card-vote result', () => {
  const live = (clp: [string, string], affiliates: [string, string]) =>
    liveVote(procedure.vote, form({ sections: votes(clp, affiliates) }), options);

  it('waits for every figure, then weighs the sections', () => {
    expect(live(['60', '40'], ['', ''])).toBeNull();
    const result = live(['60', '40'], ['50', '50']);
    expect(result).toMatchObject({ ok: true, forPercent: 55, carried: true });
    if (!result?.ok) throw new Error('expected a result');
    expect(voteWords(result)).toBe('55.00% for, 45.00% against — CARRIED');
  });

  it('warns when the figures do not give the step’s result, or none at all', () => {
    const short = live(['35', '65'], ['35', '65']);
    expect(voteWarning(procedure.vote, action('carry'), short)).toBe(
      'These figures give NOT CARRIED; “Record: carried” needs figures that give CARRIED',
    );
    expect(voteWarning(procedure.vote, action('lose'), short)).toBeNull();
    expect(
      voteWarning(procedure.vote, action('carry'), live(['60', '40'], ['60', '40'])),
    ).toBeNull();
    expect(voteWarning(procedure.vote, action('carry'), live(['0', '0'], ['1', '1']))).toBe(
      'CLPs: votes for and against must be numbers, not both 0',
    );
    expect(voteWarning(procedure.vote, action('carry'), null)).toBeNull();
  });
});

describe('what is on record, in words', () => {
  const meeting = {
    date: '2026-05-14',
    meeting: 'General Committee',
    for: 24,
    against: 3,
    abstain: 1,
  };

  it('words a meeting, a card vote and its sections', () => {
    expect(meetingWords(meeting)).toBe('General Committee on 14 May 2026, 24–3–1');
    expect(resultWords({ card: 3, forPercent: 55, againstPercent: 45, words: 'CARRIED' })).toBe(
      'Card vote 3 — 55.00% for, 45.00% against — CARRIED',
    );
    expect(
      sectionWords(
        { affiliates: { for: 50, against: 50 }, clp: { for: 60, against: 40 } },
        options.sections,
      ),
    ).toEqual(['CLPs: 60 for, 40 against', 'Affiliates: 50 for, 50 against']);
  });

  it('reads a timeline entry’s record and version loosely', () => {
    expect(recordParts({ record: meeting, version: { number: 2 } })).toEqual([
      'General Committee on 14 May 2026, 24–3–1',
      'version 2',
    ]);
    expect(recordParts({ record: { position: 'oppose', label: 'Oppose' } })).toEqual(['Oppose']);
    expect(
      recordParts({
        record: { card: 1, forPercent: 60, againstPercent: 40, carried: true, words: 'CARRIED' },
      }),
    ).toEqual(['Card vote 1 — 60.00% for, 40.00% against — CARRIED']);
    expect(recordParts({ record: { meeting: 'General Committee', date: '2026-05-14' } })).toEqual([
      'General Committee on 14 May 2026',
    ]);
    expect(recordParts({ note: 'x', record: 'odd', version: { number: '1' } })).toEqual([]);
  });

  it('keeps every ruling and the appeal between them, with their reasons', () => {
    const step = (seq: number, event: string, note = ''): AuditView => ({
      seq,
      at: `2026-11-0${seq}T10:00:00Z`,
      actor: 'Someone',
      action: 'transition',
      motionId: 'm',
      bodyId: 'anytown-clp',
      userId: null,
      detail: { event, note },
    });
    const events = [
      step(1, 'adopt'),
      step(2, 'submit'),
      step(3, 'rule-out-of-order', 'Two subjects'),
      step(4, 'appeal', 'One subject: selections'),
      step(5, 'uphold-appeal'),
      step(6, 'record-nec-position'),
      { ...step(7, 'x'), action: 'motion-created' },
    ];
    expect(rulingSteps(workflow, events)).toEqual([
      {
        seq: 3,
        label: 'Rule out of order',
        state: 'Ruled out of order',
        note: 'Two subjects',
        at: '2026-11-03T10:00:00Z',
      },
      {
        seq: 4,
        label: 'Appeal the ruling',
        state: 'Appeal lodged',
        note: 'One subject: selections',
        at: '2026-11-04T10:00:00Z',
      },
      {
        seq: 5,
        label: 'Uphold the appeal',
        state: 'Ruled in order',
        note: '',
        at: '2026-11-05T10:00:00Z',
      },
    ]);
  });
});
