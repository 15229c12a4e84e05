/**
 * The demo's example motions against the sample 2024 rulebook: a finished conference (carried,
 * not carried, fell; consolidated into the next edition) and the current round, with a motion in
 * every other state and three overlapping motions on the trigger ballot (open selection, a
 * two-thirds threshold, the NEC's alternative). Data only; server/seed.ts runs it through the
 * same commands the API uses.
 */
import type { TransitionRequest } from '../schemas/api';
import type { AmendmentKind } from '../schemas/collab';
import type { Position } from '../schemas/profile';

export interface ExampleAmendment {
  kind: AmendmentKind;
  target: string;
  /** Amend: the base text → the proposed text. Insert: ignored. */
  edit?: (base: string) => string;
  /** Insert: the new unit's text. */
  text?: string;
}

/** A step, or one that needs the ids of motions seeded before it (an NEC alternative). */
export type ExampleStep =
  | TransitionRequest
  | ((idOf: (title: string) => string) => TransitionRequest);

export interface ExampleMotion {
  title: string;
  /** The body's id; one of its drafters drafts it (for Anytown, its member). */
  body: string;
  /** Workflow steps after drafting, each taken by the demo person whose role may take it. */
  steps?: ExampleStep[];
  argument: string;
  amendments: ExampleAmendment[];
}

/** Replaces `from` with `to`, failing loudly when the example no longer fits the rulebook. */
const swap =
  (from: string, to: string) =>
  (base: string): string => {
    if (!base.includes(from)) throw new Error(`seed: ${JSON.stringify(from)} not in unit text`);
    return base.replace(from, to);
  };

/** Amends each unit by one swap. */
const swapping = (targets: string[], from: string, to: string): ExampleAmendment[] =>
  targets.map((target) => ({ kind: 'amend', target, edit: swap(from, to) }));

const adopt = (meeting = 'General Committee', [yes, no, abstain] = [31, 4, 2]): ExampleStep => ({
  event: 'adopt',
  note: '',
  meeting: { date: '2026-05-14', meeting, for: yes, against: no, abstain },
});
const step = (event: string, note = ''): ExampleStep => ({ event, note });
const position = (p: Exclude<Position, 'alternative'>): ExampleStep => ({
  event: 'record-nec-position',
  note: '',
  position: { position: p },
});
/** A card vote: the CLP and affiliate sections' shares for, in per cent. */
const cardVote = (
  event: 'carry' | 'lose',
  card: number,
  clp: number,
  affiliates: number,
): ExampleStep => ({
  event,
  note: '',
  vote: {
    card,
    sections: {
      clp: { for: clp, against: 100 - clp },
      affiliates: { for: affiliates, against: 100 - affiliates },
    },
  },
});
const submitted = [adopt(), step('submit')];
const inOrder = [...submitted, step('rule-in-order')];

const NEC_CAC_TERMS = 'The CAC elected every year';
const NEC_TRIGGER = 'Trigger ballot reform (NEC)';
const TRIGGER_UNITS = ['5.IV.5.B.i', '5.IV.5.B.ii'];

/** Last year's conference: decided, then consolidated into the next edition. */
export const FINISHED_CONFERENCE: readonly ExampleMotion[] = [
  {
    title: NEC_CAC_TERMS,
    body: 'nec',
    steps: [
      adopt('NEC meeting', [28, 5, 1]),
      step('submit'),
      step('rule-in-order'),
      position('support'),
      cardVote('carry', 1, 61.2, 72.4),
    ],
    argument:
      'Elected every year, the CAC answers to each conference for the arrangements it makes.',
    amendments: swapping(['3.II.3'], 'two years', 'one year'),
  },
  {
    title: 'Three-year terms for the CAC',
    body: 'redhill-clp',
    steps: [
      ...inOrder,
      position('oppose'),
      step('fall', "The NEC's rule change on the same sub-clause was carried first (card vote 1)"),
    ],
    argument: 'Longer terms would let the CAC build up experience of running conference.',
    amendments: swapping(['3.II.3'], 'two years', 'three years'),
  },
  {
    title: 'A reduced rate for members under 30',
    body: 'greenway-clp',
    steps: [...inOrder, position('support'), cardVote('carry', 2, 78.3, 55.1)],
    argument:
      'Young members in their late twenties are often in insecure work; the reduced rate should reach them.',
    amendments: swapping(['2.III.2.B'], 'aged under 27', 'aged under 30'),
  },
  {
    title: 'NEC nominations from 1 per cent of CLPs',
    body: 'oakfield-clp',
    steps: [...inOrder, position('oppose'), cardVote('lose', 3, 20, 9.16)],
    argument: 'A lower threshold lets more candidates from the membership reach the NEC ballot.',
    amendments: swapping(
      ['4.IV.4.B'],
      'at least 2 per cent of CLPs',
      'at least 1 per cent of CLPs',
    ),
  },
];

/** This year's round: drafts, submissions and decisions still under way. */
export const CURRENT_MOTIONS: readonly ExampleMotion[] = [
  {
    title: 'Open selection of MPs',
    body: 'anytown-clp',
    argument:
      'A third of branches is too high a bar: in most CLPs a handful of branch meetings decide whether members get a say at all. Lowering the threshold to a fifth, and publishing the result, lets members hold their MP to account.',
    amendments: [
      ...swapping(TRIGGER_UNITS, 'one third', 'one fifth'),
      {
        kind: 'insert',
        target: '5.IV.5.E',
        text: 'The NEC shall publish the result of every trigger ballot, by branch and affiliated branch, within fourteen days of its close.',
      },
    ],
  },
  {
    title: 'A trigger ballot of all members',
    body: 'riverside-clp',
    argument:
      'Branch meetings are attended by a small share of members. A ballot of all members, one member one vote, is the fairest way to decide whether a full selection takes place.',
    amendments: swapping(
      ['5.IV.5.A'],
      'through Party branches and affiliated branches within the CLP',
      'by a ballot of all eligible individual members of the CLP, conducted by one member, one vote',
    ),
  },
  {
    title: 'Conference may revisit a rule after one year',
    body: 'northfield-clp',
    steps: submitted,
    argument:
      'Three years is a long time in politics. Conference should be able to correct a rule change that has not worked after a single year.',
    amendments: swapping(['3.III.4', '3.III.4.C'], 'three years', 'one year'),
  },
  {
    title: "Delete the NEC's power to impose a shortlist",
    body: 'hillside-blp',
    argument:
      'Even when time is short, the members of a CLP should choose between the applicants; the NEC should not be able to impose a shortlist on them.',
    amendments: swapping(['5.IV.7'], ', and may impose a shortlist', ''),
  },
  // Three overlapping motions on the trigger ballot.
  {
    title: NEC_TRIGGER,
    body: 'nec',
    steps: [adopt('NEC meeting', [22, 9, 3]), step('submit'), step('rule-in-order')],
    argument:
      'A quarter of branches is a fair test of whether members want a full selection, without making every selection open.',
    amendments: swapping(TRIGGER_UNITS, 'one third', 'one quarter'),
  },
  {
    title: 'Open selection: a full selection whenever one branch asks',
    body: 'eastbrook-clp',
    steps: [
      ...inOrder,
      (idOf) => ({
        event: 'record-nec-position',
        note: 'The NEC asks conference to support its own rule change instead.',
        position: { position: 'alternative', alternative: idOf(NEC_TRIGGER) },
      }),
    ],
    argument:
      'Every member should be able to choose their candidate: any branch that asks should get a full selection.',
    amendments: [
      {
        kind: 'amend',
        target: '5.IV.5.B.i',
        edit: swap(
          'one third or more of the Party branches in the CLP vote',
          'any Party branch in the CLP votes',
        ),
      },
      {
        kind: 'amend',
        target: '5.IV.5.B.ii',
        edit: swap(
          'one third or more of the affiliated branches in the CLP vote',
          'any affiliated branch in the CLP votes',
        ),
      },
    ],
  },
  {
    title: 'A two-thirds threshold for a full selection',
    body: 'westmoor-clp',
    steps: [...inOrder, position('oppose')],
    argument:
      'A sitting MP should face a full selection only when a clear majority of branches asks for one.',
    amendments: swapping(TRIGGER_UNITS, 'one third', 'two thirds'),
  },
  // One motion in each remaining state.
  {
    title: 'Term limits for CLP officers',
    body: 'southgate-clp',
    steps: [adopt('All-member meeting', [64, 12, 5])],
    argument: 'Six years in one office is long enough; turnover brings new members forward.',
    amendments: swapping(['6.III.6'], 'ten consecutive years', 'six consecutive years'),
  },
  {
    title: 'A later season for annual general meetings',
    body: 'brookfield-clp',
    steps: [
      ...submitted,
      step(
        'rule-out-of-order',
        'Same primary purpose as a rule change decided by conference within the last three years',
      ),
    ],
    argument: 'Many CLPs cannot hold their AGM before the end of March; April gives them time.',
    amendments: swapping(
      ['6.V.1'],
      'between 1 January and 31 March',
      'between 1 January and 30 April',
    ),
  },
  {
    title: 'A lower quorum for all member meetings',
    body: 'kingsmead-clp',
    steps: [
      ...submitted,
      step('rule-out-of-order', "A matter for each CLP's standing orders, not for the rules"),
      step(
        'appeal',
        'The quorum is set in Chapter 6 of the rules, so only a rule change can alter it',
      ),
    ],
    argument: 'Large CLPs rarely reach 5 per cent; inquorate meetings cannot do business.',
    amendments: swapping(['6.IV.3.D'], '5 per cent', '3 per cent'),
  },
  {
    title: "Ten days' notice of CLP meetings",
    body: 'ashford-clp',
    steps: [
      ...inOrder,
      position('remit'),
      step('remit', 'Remitted to the NEC with the agreement of the CLP'),
    ],
    argument: 'Seven days is too short for members who receive notices by post.',
    amendments: swapping(['6.V.4'], 'seven days', 'ten days'),
  },
  {
    title: 'A lower quorum for general committees',
    body: 'millbrook-clp',
    steps: [...submitted, step('withdraw', "Withdrawn in favour of the NEC's review of CLP rules")],
    argument: 'A third of delegates is hard to reach in winter.',
    amendments: swapping(['6.V.5'], 'one third', 'one quarter'),
  },
  {
    title: 'Independent examination of CLP accounts',
    body: 'fairfield-clp',
    steps: [...inOrder, position('support'), cardVote('carry', 4, 88.5, 91.2)],
    argument: 'Small CLPs struggle to find two auditors; an independent examiner is enough.',
    amendments: swapping(
      ['6.VI.2'],
      'two auditors elected',
      'two auditors, or an independent examiner, elected',
    ),
  },
];
