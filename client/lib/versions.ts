/**
 * The compare view of a motion's versions: each adoption freezes the text as a numbered version,
 * and reopening the draft lets people write the next one. Which versions there are, which two to
 * compare by default, and the word-level redline between two of them — of the motion text and of
 * each amendment, matched by what it does to which unit. Pure, so it is unit-tested.
 */
import type { AmendmentView, MotionVersions, VersionText } from '../../schemas/api';
import { redlineSpans, type RedlineSpan } from './redline';
import { meetingWords } from './steps';

export interface VersionChoice {
  number: number;
  /** With the meeting that adopted it, for the list. */
  label: string;
  /** The name alone, for the pickers. */
  short: string;
}

/** The number the open draft has in the API (no adoption has given it one yet). */
export const DRAFT = 0;

/** Every text that can be compared, oldest first, the open draft last. */
export function versionChoices(view: MotionVersions): VersionChoice[] {
  const choices = view.versions.map((v) => ({
    number: v.number,
    label: `Version ${v.number}${v.meeting ? ` — ${meetingWords(v.meeting)}` : ''}`,
    short: `Version ${v.number}`,
  }));
  if (view.draft) {
    choices.push({ number: DRAFT, label: 'The draft as it stands', short: 'The draft' });
  }
  return choices;
}

/**
 * The two texts compared at first: the latest two (the last adoption against the draft reopened
 * after it, or the last two adoptions); null when there are fewer than two.
 */
export function defaultPair(choices: readonly VersionChoice[]): [number, number] | null {
  const from = choices[choices.length - 2];
  const to = choices[choices.length - 1];
  return from && to ? [from.number, to.number] : null;
}

/** The text of version `number` (0: the draft), if there is one. */
export function versionText(view: MotionVersions, number: number): VersionText | undefined {
  if (number === DRAFT) return view.draft ?? undefined;
  return view.versions.find((v) => v.number === number);
}

/** One amendment across two versions: kept (perhaps changed), added or dropped. */
export interface AmendmentChange {
  key: string;
  kind: AmendmentView['kind'];
  target: string;
  marker: string;
  status: 'same' | 'changed' | 'added' | 'removed';
  spans: RedlineSpan[];
}

export interface Comparison {
  motionText: RedlineSpan[];
  amendments: AmendmentChange[];
  /** Whether anything differs (the motion text or any amendment). */
  changed: boolean;
}

/**
 * Amendments keyed by what they do to which unit. Several new units may follow the same unit,
 * so a repeat of kind and target counts up ("insert 5.IV.5.E #2") in draft order.
 */
function keyed(amendments: readonly AmendmentView[]): Map<string, AmendmentView> {
  const out = new Map<string, AmendmentView>();
  const seen = new Map<string, number>();
  for (const a of amendments) {
    const base = `${a.kind} ${a.target}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    out.set(n === 1 ? base : `${base} #${n}`, a);
  }
  return out;
}

const changedSpans = (spans: readonly RedlineSpan[]) => spans.some((s) => s.kind !== 'same');

/** The redline from `from` to `to`: the amendments in `to`'s order, then those `to` dropped. */
export function compareVersions(from: VersionText, to: VersionText): Comparison {
  const before = keyed(from.amendments);
  const after = keyed(to.amendments);
  const amendments: AmendmentChange[] = [];
  for (const [key, a] of after) {
    const old = before.get(key);
    const spans = redlineSpans(old?.text ?? '', a.text);
    const status = !old ? 'added' : changedSpans(spans) ? 'changed' : 'same';
    amendments.push({ key, kind: a.kind, target: a.target, marker: a.marker, status, spans });
  }
  for (const [key, a] of before) {
    if (after.has(key)) continue;
    const spans = redlineSpans(a.text, '');
    amendments.push({
      key,
      kind: a.kind,
      target: a.target,
      marker: a.marker,
      status: 'removed',
      spans,
    });
  }
  const motionText = redlineSpans(from.motionText, to.motionText);
  const changed = changedSpans(motionText) || amendments.some((a) => a.status !== 'same');
  return { motionText, amendments, changed };
}

/** What an amendment does, as the redline labels it: "5.IV.5.B.i", "New unit F after 5.IV.5.E". */
export function amendmentLabel(a: Pick<AmendmentChange, 'kind' | 'target' | 'marker'>): string {
  if (a.kind === 'insert') return `New unit ${a.marker ? `${a.marker} ` : ''}after ${a.target}`;
  if (a.kind === 'delete') return `${a.target} deleted`;
  return a.target;
}
