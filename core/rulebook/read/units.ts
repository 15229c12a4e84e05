/**
 * Numbered units ("5.", "A.", "ii.") and their nesting. Their labels are not Markdown lists: in
 * Markdown the indentation says where a unit goes, unless its label's kind does not fit that
 * level; in plain text (indentation lost in the paste) the label's place in a sequence decides.
 */
import type { matchLabel } from '../labels';
import { labelAt, labelOrdinal } from '../labels';
import type { LineState, Open } from './state';
import { addText } from './text';

type Label = NonNullable<ReturnType<typeof matchLabel>>;

/** Where a labelled line goes: its parent's index in the stack (-1: the clause). */
export interface Placement {
  parentIndex: number;
  /** Nothing fitted: the label expected at that level, for the error. */
  expected?: string;
}

/**
 * Opens a unit for a labelled line of the open clause; false when the line is text after all (a
 * wrapped line that happens to start like a label, or no clause is open).
 */
export function openUnit(st: LineState, label: Label, i: number, indent: number): boolean {
  const { clause } = st;
  if (!clause) {
    if (st.chapter && st.blank > 0) {
      st.report(
        'error',
        'unit-outside-clause',
        `Unexpected numbered unit '${label.marker}' outside any clause, expected a 'Clause' heading first`,
        i + 1,
        indent + 1,
      );
    }
    return false;
  }
  const placed = place(st, label.label, indent, st.blank > 0 || !st.paragraphOpen);
  if (!placed) return false;
  const parent = placed.parentIndex < 0 ? clause : (st.stack[placed.parentIndex]?.unit ?? clause);
  const depth = parent.depth + 1;
  if (!st.withinLimits(depth, i, indent)) return true;
  const path = [...parent.path, label.label];
  const unit = st.newUnit('unit', depth, label.label, label.marker, '', path, i, indent);
  const what = (st.profile.levels[depth]?.name ?? 'unit').toLowerCase();
  st.placeUnit(unit, parent, parent.children, what);
  if (placed.expected !== undefined) {
    st.report(
      'error',
      'label-kind',
      `Unexpected label '${label.label}' at this level, expected a label like '${placed.expected}'`,
      i + 1,
      indent + 1,
    );
  }
  parent.children.push(unit);
  st.stack = [...st.stack.slice(0, placed.parentIndex + 1), { unit, col: indent }];
  st.target = unit;
  addText(st, unit, label.rest, i, false);
  st.blank = 0;
  st.paragraphOpen = true;
  return true;
}

/**
 * Decides where a labelled line goes, or null when it is a wrapped line (not after a break) that
 * fits nowhere. Markdown indentation decides first; when the label's kind does not fit that
 * level (or in plain text, where indentation is unreliable) the label's place in a sequence
 * decides; after a break, a label that fits nowhere goes where its kind is expected.
 */
export function place(
  st: LineState,
  label: string,
  indent: number,
  afterBreak: boolean,
): Placement | null {
  const { stack } = st;
  if (st.format === 'markdown') {
    let parentIndex = stack.length - 1;
    while (parentIndex >= 0 && (stack[parentIndex] as Open).col >= indent) parentIndex--;
    const depth = parentIndex + 3;
    if (labelOrdinal(label, st.kindAt(depth)) !== null) return { parentIndex };
  }
  const inferred = inferPlace(st, label);
  if (inferred !== null) return { parentIndex: inferred };
  if (!afterBreak) return null; // a wrapped line that happens to start like a label
  // Nothing fits: put it where its kind is expected, and say so.
  for (let s = stack.length - 1; s >= -1; s--) {
    if (labelOrdinal(label, st.kindAt(s + 3)) !== null) return { parentIndex: s };
  }
  const parentIndex = stack.length - 1;
  return { parentIndex, expected: labelAt(1, st.kindAt(parentIndex + 3)) };
}

/** Where a label continues a sequence: next sibling at the deepest level, a first child, or an ancestor's next sibling. */
export function inferPlace(st: LineState, label: string): number | null {
  const { stack, clause } = st;
  const nextOf = (s: number) => {
    const open = stack[s] as Open;
    const kind = st.kindAt(open.unit.depth);
    const prev = labelOrdinal(open.unit.label, kind);
    const ord = labelOrdinal(label, kind);
    return prev !== null && ord === prev + 1;
  };
  const deepest = stack.length - 1;
  if (deepest >= 0 && nextOf(deepest)) return deepest - 1;
  if (labelOrdinal(label, st.kindAt(deepest + 3)) === 1) return deepest;
  for (let s = deepest - 1; s >= 0; s--) if (nextOf(s)) return s - 1;
  if (stack.length === 0 && clause && clause.children.length === 0) {
    return labelOrdinal(label, st.kindAt(2)) !== null ? -1 : null;
  }
  return null;
}
