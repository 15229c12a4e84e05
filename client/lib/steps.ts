/**
 * The forms of workflow steps that record something (the adoption meeting, the NEC's position, a
 * card vote, a reason) and the words for what is on record. Pure, so the form's rules are tested
 * without a browser. The form checks only what it can see for itself (a field left empty, a count
 * that is not a number, a date ahead of today); whether a vote adopts or carries is the server's
 * decision (core/workflow/records), which the form shows live as a warning but never pre-empts.
 */
import { voteResult, type VoteResult } from '../../core/procedure/vote';
import type {
  ActionView,
  AuditView,
  MeetingRecord,
  ProgressView,
  RecordOptions,
  TransitionRequest,
} from '../../schemas/api';
import type { Position, Vote, Workflow } from '../../schemas/profile';

/** What the person has typed, as typed: number fields stay strings until the request is made. */
export interface StepFields {
  note: string;
  date: string;
  meeting: string;
  for: string;
  against: string;
  abstain: string;
  position: Position | '';
  alternative: string;
  card: string;
  sections: Record<string, { for: string; against: string }>;
}

/** A field of the form: a key of {@link StepFields}, or `<section id>.for` / `.against`. */
export type StepField = Exclude<keyof StepFields, 'sections'> | `${string}.${'for' | 'against'}`;

export interface FieldError {
  field: StepField;
  message: string;
}

export type StepCheck =
  | { ok: true; request: TransitionRequest }
  | { ok: false; errors: FieldError[] };

/**
 * A fresh form: the meeting today (the usual case is recording last night's meeting), the first
 * meeting kind offered, no abstentions; everything the person must decide left empty.
 */
export function emptyStep(options: RecordOptions, today: string): StepFields {
  return {
    note: '',
    date: today,
    meeting: options.meetings[0] ?? '',
    for: '',
    against: '',
    abstain: '0',
    position: '',
    alternative: '',
    card: '',
    sections: Object.fromEntries(options.sections.map((s) => [s.id, { for: '', against: '' }])),
  };
}

/** The label of the note field: a step that needs a reason says so. */
export function noteLabel(action: Pick<ActionView, 'noteRequired' | 'record'>): string {
  if (action.noteRequired) return 'Reason (required)';
  return action.record === 'ruling' ? 'Reason (optional)' : 'Note (optional, kept in the history)';
}

const WHOLE = /^\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;

/** A count typed in a field: a whole number of 0 or more, or null. */
function whole(text: string): number | null {
  const t = text.trim();
  return WHOLE.test(t) ? Number(t) : null;
}

/** A section's votes may be counts or announced percentages, so decimals are allowed. */
function decimal(text: string): number | null {
  const t = text.trim();
  return DECIMAL.test(t) ? Number(t) : null;
}

/** Each section's figures as numbers, or null while any is empty or not a number. */
function sectionVotes(
  fields: StepFields,
  options: RecordOptions,
): Record<string, { for: number; against: number }> | null {
  const out: Record<string, { for: number; against: number }> = {};
  for (const s of options.sections) {
    const typed = fields.sections[s.id];
    const yes = decimal(typed?.for ?? '');
    const no = decimal(typed?.against ?? '');
    if (yes === null || no === null) return null;
    out[s.id] = { for: yes, against: no };
  }
  return out;
}

/** The result the figures typed so far give, once every section has both figures. */
export function liveVote(
  vote: Vote,
  fields: StepFields,
  options: RecordOptions,
): VoteResult | null {
  const votes = sectionVotes(fields, options);
  return votes ? voteResult(vote, votes) : null;
}

/** The live result in words: "55.00% for, 45.00% against — CARRIED". */
export function voteWords(result: VoteResult & { ok: true }): string {
  return `${result.forPercent.toFixed(2)}% for, ${result.againstPercent.toFixed(2)}% against — ${result.words}`;
}

/**
 * A warning when the figures do not give the result the step records ("Record: carried" with
 * figures that fall short), or cannot give any; null when they fit. Shown before submitting:
 * the server refuses such a step, and the person should see why before asking it.
 */
export function voteWarning(
  vote: Vote,
  action: Pick<ActionView, 'label' | 'result'>,
  result: VoteResult | null,
): string | null {
  if (!result || !action.result) return null;
  if (!result.ok) return result.reason;
  if (result.carried === (action.result === 'carried')) return null;
  const needed = action.result === 'carried' ? vote.words.carried : vote.words.notCarried;
  return `These figures give ${result.words}; “${action.label}” needs figures that give ${needed}`;
}

/** A date input's value; as strings these compare in date order, so `date > today` works. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date (`Date.parse` accepts 31 February and rolls it over into March). */
function isDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

function meetingRecord(
  fields: StepFields,
  options: RecordOptions,
  today: string,
  errors: FieldError[],
): MeetingRecord | null {
  const date = fields.date.trim();
  if (!date) errors.push({ field: 'date', message: 'Give the date of the meeting' });
  else if (!isDate(date)) {
    errors.push({ field: 'date', message: 'The date must be a date such as 2026-05-14' });
  } else if (date > today) {
    errors.push({ field: 'date', message: `The meeting date ${date} is in the future` });
  }
  if (!options.meetings.includes(fields.meeting)) {
    errors.push({ field: 'meeting', message: 'Choose which meeting adopted it' });
  }
  const counts = (['for', 'against', 'abstain'] as const).map((field) => {
    const n = whole(fields[field]);
    if (n === null) {
      const name = { for: 'Votes for', against: 'Votes against', abstain: 'Abstentions' }[field];
      errors.push({ field, message: `${name}: a whole number, 0 or more` });
    }
    return n;
  });
  const [yes, no, abstain] = counts;
  if (errors.length > 0 || yes == null || no == null || abstain == null) return null;
  return { date, meeting: fields.meeting, for: yes, against: no, abstain };
}

/**
 * The request a filled form makes, or what is wrong with it, field by field (in the order the
 * fields are shown, so the first error is the first field to fix). Only the record the step
 * asks for is sent: the server refuses any other.
 */
export function stepRequest(
  action: ActionView,
  fields: StepFields,
  options: RecordOptions,
  today: string,
): StepCheck {
  const errors: FieldError[] = [];
  const request: TransitionRequest = { event: action.event, note: fields.note.trim() };
  switch (action.record) {
    case 'meeting': {
      const meeting = meetingRecord(fields, options, today, errors);
      if (meeting) request.meeting = meeting;
      break;
    }
    case 'position': {
      const position = fields.position;
      if (!position || !options.positions.some((p) => p.id === position)) {
        errors.push({ field: 'position', message: 'Choose the NEC’s position' });
      } else if (position === 'alternative') {
        if (options.alternatives.length === 0) {
          errors.push({
            field: 'alternative',
            message: 'The NEC has no rule change of its own on this rulebook to name',
          });
        } else if (!options.alternatives.some((a) => a.id === fields.alternative)) {
          errors.push({
            field: 'alternative',
            message: 'Choose the NEC’s alternative rule change',
          });
        } else {
          request.position = { position, alternative: fields.alternative };
        }
      } else {
        request.position = { position };
      }
      break;
    }
    case 'vote': {
      const card = whole(fields.card);
      if (card === null || card < 1) {
        errors.push({ field: 'card', message: 'Card vote number: a whole number, 1 or more' });
      }
      for (const s of options.sections) {
        for (const side of ['for', 'against'] as const) {
          if (decimal(fields.sections[s.id]?.[side] ?? '') === null) {
            errors.push({
              field: `${s.id}.${side}`,
              message: `${s.label} ${side}: a number, 0 or more`,
            });
          }
        }
      }
      const sections = sectionVotes(fields, options);
      if (card !== null && card >= 1 && sections) request.vote = { card, sections };
      break;
    }
    case 'ruling':
    case null:
      break;
  }
  if (action.noteRequired && !request.note) {
    errors.push({ field: 'note', message: `Give a reason: “${action.label}” needs one` });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, request };
}

/** A date as people write it: "14 May 2026" (the input's own form when it is not a date). */
export function formatDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(d.getTime())
    ? date
    : d.toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      });
}

/** A meeting's vote as minutes print it: for–against–abstentions, "24–3–1". */
export function meetingFigures(m: Pick<MeetingRecord, 'for' | 'against' | 'abstain'>): string {
  return `${m.for}–${m.against}–${m.abstain}`;
}

/** "General Committee on 14 May 2026, 24–3–1". */
export function meetingWords(m: MeetingRecord): string {
  return `${m.meeting} on ${formatDay(m.date)}, ${meetingFigures(m)}`;
}

type Result = NonNullable<ProgressView['result']>;

/** The results-sheet line of a recorded card vote: "Card vote 3 — 55.00% for, … — CARRIED". */
export function resultWords(
  r: Pick<Result, 'card' | 'forPercent' | 'againstPercent' | 'words'>,
): string {
  return `Card vote ${r.card} — ${r.forPercent.toFixed(2)}% for, ${r.againstPercent.toFixed(2)}% against — ${r.words}`;
}

/** Each section's figures in words, in the profile's order: "CLPs: 60 for, 40 against". */
export function sectionWords(
  sections: Result['sections'],
  labels: RecordOptions['sections'],
): string[] {
  return labels.flatMap((s) => {
    const v = sections[s.id];
    return v ? [`${s.label}: ${v.for} for, ${v.against} against`] : [];
  });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * What a timeline entry recorded, in words (the meeting and the version it froze, the position,
 * the card vote). The log is read loosely: an entry written by an older server may lack fields.
 */
export function recordParts(detail: AuditView['detail']): string[] {
  const out: string[] = [];
  const r = detail['record'];
  if (isObject(r)) {
    if (typeof r['meeting'] === 'string' && typeof r['date'] === 'string') {
      const figures = [r['for'], r['against'], r['abstain']];
      const m = figures.every(num)
        ? meetingWords({
            date: r['date'],
            meeting: r['meeting'],
            for: figures[0] as number,
            against: figures[1] as number,
            abstain: figures[2] as number,
          })
        : `${r['meeting']} on ${formatDay(r['date'])}`;
      out.push(m);
    } else if (typeof r['position'] === 'string') {
      out.push(typeof r['label'] === 'string' ? r['label'] : r['position']);
    } else if (num(r['card']) && num(r['forPercent']) && num(r['againstPercent'])) {
      const words = typeof r['words'] === 'string' ? r['words'] : '';
      out.push(
        resultWords({
          card: r['card'],
          forPercent: r['forPercent'],
          againstPercent: r['againstPercent'],
          words,
        }),
      );
    }
  }
  const version = detail['version'];
  if (isObject(version) && num(version['number'])) out.push(`version ${version['number']}`);
  return out;
}

/** A ruling, or a step that asks for one (an appeal), as the record lists them. */
export interface RulingStep {
  seq: number;
  label: string;
  state: string;
  note: string;
  at: string;
}

/**
 * The steps of a motion's rulings, oldest first: each ruling (in order, out of order, an appeal
 * decided) and each step other than submitting that leads to one (an appeal), so the record keeps
 * every reason given, not only the latest ruling's.
 */
export function rulingSteps(workflow: Workflow, events: readonly AuditView[]): RulingStep[] {
  const rulings = workflow.transitions.filter((t) => t.record === 'ruling');
  const asksForRuling = (to: string) => rulings.some((r) => r.from.includes(to));
  return events.flatMap((e): RulingStep[] => {
    if (e.action !== 'transition') return [];
    const t = workflow.transitions.find((x) => x.event === e.detail['event']);
    if (!t) return [];
    const counts =
      t.record === 'ruling' || (t.event !== workflow.submitEvent && asksForRuling(t.to));
    if (!counts) return [];
    const note = typeof e.detail['note'] === 'string' ? e.detail['note'] : '';
    const state = workflow.states.find((s) => s.id === t.to)?.label ?? t.to;
    return [{ seq: e.seq, label: t.label, state, note, at: e.at }];
  });
}
