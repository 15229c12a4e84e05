/**
 * What a workflow step records besides who and when (the adoption meeting, the CAC's ruling, the
 * NEC's position, the card vote), checked against the profile before anything is written, and
 * folded from a motion's events into what the dashboard shows. Pure: the caller supplies today's
 * date and the motions an NEC alternative may name.
 */
import type { MeetingRecord, ProgressView, TransitionRequest } from '../../schemas/api';
import type { Profile, Transition, Workflow } from '../../schemas/profile';
import { voteResult } from '../procedure/vote';
import { stateLabel } from './transition';

/** What is kept with the event: the request's record, with the vote's computed result. */
export type StoredRecord = NonNullable<ProgressView['meeting' | 'position' | 'result']>;

export type RecordCheck = { ok: true; record: StoredRecord | null } | { ok: false; reason: string };

const refuse = (reason: string): RecordCheck => ({ ok: false, reason });

const list = (words: readonly string[]) => words.map((w) => `“${w}”`).join(', ');

function checkMeeting(profile: Profile, m: MeetingRecord, today: string): RecordCheck {
  if (m.date > today) return refuse(`The meeting date ${m.date} is in the future`);
  const { meetings } = profile.procedure;
  if (!meetings.includes(m.meeting)) {
    return refuse(`Unknown meeting “${m.meeting}”: it must be one of ${list(meetings)}`);
  }
  if (m.for <= m.against) {
    return refuse(
      `Not adopted: ${m.for} for and ${m.against} against; a motion is adopted only with more votes for than against`,
    );
  }
  return { ok: true, record: m };
}

/**
 * Checks the record a step needs (and that a step needing none is given none): a refusal names
 * what is missing or wrong, so nothing half-recorded is written.
 */
export function checkRecord(
  profile: Profile,
  t: Transition,
  request: TransitionRequest,
  facts: { today: string; alternatives: readonly string[] },
): RecordCheck {
  if (t.noteRequired && !request.note) return refuse(`“${t.label}” needs a note saying why`);
  const given = (['meeting', 'position', 'vote'] as const).filter((k) => request[k]);
  const extra = given.filter((k) => k !== t.record);
  if (extra.length > 0) return refuse(`“${t.label}” records no ${extra.join(' or ')}`);
  switch (t.record) {
    case undefined:
    case 'ruling':
      return { ok: true, record: null };
    case 'meeting':
      if (!request.meeting) {
        return refuse(`“${t.label}” needs the meeting's date, kind and votes`);
      }
      return checkMeeting(profile, request.meeting, facts.today);
    case 'position': {
      const p = request.position;
      if (!p) return refuse(`“${t.label}” needs the position taken`);
      const label = profile.procedure.positions[p.position];
      if (!label) {
        const offered = Object.values(profile.procedure.positions);
        return refuse(`The position “${p.position}” is not one of ${list(offered)}`);
      }
      if (p.position !== 'alternative' && p.alternative) {
        return refuse(`Only an alternative names a motion; “${label}” does not`);
      }
      if (p.position === 'alternative' && !facts.alternatives.includes(p.alternative ?? '')) {
        return refuse(
          `${label}: name the NEC's own rule change on the same rulebook (${p.alternative ? `${p.alternative} is not one` : 'none given'})`,
        );
      }
      return { ok: true, record: { ...p, label } };
    }
    case 'vote': {
      if (!request.vote) return refuse(`“${t.label}” needs the card vote's number and figures`);
      const { card, sections } = request.vote;
      const result = voteResult(profile.procedure.vote, sections);
      if (!result.ok) return refuse(result.reason);
      if (result.carried !== (t.result === 'carried')) {
        return refuse(
          `The figures give ${result.forPercent.toFixed(2)}% for — ${result.words}; that is not “${t.label}”`,
        );
      }
      const { forPercent, againstPercent, carried, words } = result;
      return { ok: true, record: { card, sections, forPercent, againstPercent, carried, words } };
    }
  }
}

/** One recorded step of a motion, as the audit log keeps it. */
export interface StepEvent {
  event: string;
  to: string;
  note: string;
  at: string;
  record?: unknown;
  /** The conference year of a submission. */
  year?: number;
}

/** Folds a motion's steps, oldest first, into what it has on record now. */
export function progressOf(workflow: Workflow, events: readonly StepEvent[]): ProgressView {
  const progress: ProgressView = {
    version: 0,
    meeting: null,
    ruling: null,
    position: null,
    result: null,
    year: null,
  };
  for (const e of events) {
    const t = workflow.transitions.find((x) => x.event === e.event);
    if (e.event === workflow.submitEvent && typeof e.year === 'number') progress.year = e.year;
    switch (t?.record) {
      case 'meeting':
        progress.version += 1;
        progress.meeting = e.record as ProgressView['meeting'];
        break;
      case 'ruling':
        progress.ruling = { label: stateLabel(workflow, e.to), note: e.note, at: e.at };
        break;
      case 'position':
        progress.position = e.record as ProgressView['position'];
        break;
      case 'vote':
        progress.result = e.record as ProgressView['result'];
        break;
    }
  }
  return progress;
}
