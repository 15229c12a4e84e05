/**
 * Words and redlines for the conflicts panel: what each column of a shared unit shows, and the
 * one-line summary of the overlapping motions. Pure, so the panel is a thin rendering of these.
 */
import type { ConflictSideView, ConflictUnitView, MotionConflictView } from '../../schemas/api';
import { redlineSpans, type RedlineSpan } from './redline';

/** What a motion does to the unit, as the column's caption says it. */
const CHANGE_LABELS: Record<ConflictSideView['change'], string> = {
  none: 'Unchanged',
  amend: 'Amended',
  replace: 'Replaced whole',
  delete: 'Deleted',
  insert: 'New unit',
};

/** One column of a shared unit: a caption and the redline against the base, or a note instead. */
export interface ConflictColumn {
  caption: string;
  spans: RedlineSpan[];
  /** Shown in place of text: the motion has no such unit. */
  note: string | null;
}

/** A motion's column: its text as a redline against the base (deleted text struck through). */
export function sideColumn(unit: ConflictUnitView, side: ConflictSideView): ConflictColumn {
  const caption = CHANGE_LABELS[side.change];
  if (side.text === null && side.change === 'none') {
    return { caption: 'Not in this motion', spans: [], note: 'This motion adds no such unit.' };
  }
  return { caption, spans: redlineSpans(unit.base ?? '', side.text ?? ''), note: null };
}

/** The base column: the edition's text, or a note for a unit a motion adds. */
export function baseColumn(unit: ConflictUnitView): ConflictColumn {
  if (unit.base === null) {
    return {
      caption: 'Not in the rulebook',
      spans: [],
      note: 'A new unit: the rulebook has none.',
    };
  }
  return { caption: 'Current text', spans: [{ kind: 'same', text: unit.base }], note: null };
}

/** The merged unit as a redline against the base (null when the unit is removed). */
export function mergedSpans(unit: ConflictUnitView): RedlineSpan[] | null {
  if (unit.verdict !== 'merged' || unit.merged === null) return null;
  return redlineSpans(unit.base ?? '', unit.merged);
}

/** "2 overlapping motions: 1 can apply with this one, 1 conflicts." for the panel's status line. */
export function conflictsSummary(views: readonly MotionConflictView[]): string {
  if (views.length === 0) return 'No other motion you can see changes the same text.';
  const clash = views.filter((v) => !v.bothApply).length;
  const fine = views.length - clash;
  const parts = [
    ...(fine > 0 ? [`${fine} can apply with this one`] : []),
    ...(clash > 0 ? [`${clash} ${clash === 1 ? 'conflicts' : 'conflict'}`] : []),
  ];
  const motions = `${views.length} overlapping motion${views.length === 1 ? '' : 's'}`;
  return `${motions}: ${parts.join(', ')}.`;
}
