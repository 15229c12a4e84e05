/**
 * The text of units: wrapped lines joined into paragraphs, each unit keeping its own source lines
 * so that an unchanged unit is written back byte for byte.
 */
import type { Unit } from '../types';
import type { LineState, Open } from './state';

/**
 * A line of plain text: a continuation of the open paragraph, or a new paragraph of the unit
 * `paragraphReceiver` finds. Text of a chapter before its first clause is a warning.
 */
export function readText(st: LineState, trimmed: string, i: number, indent: number): void {
  const continues = st.paragraphOpen && st.blank === 0;
  const receiver = continues ? st.target : paragraphReceiver(st, indent);
  if (!receiver) return;
  if (receiver.kind === 'chapter' && receiver.text === '') {
    st.report(
      'warning',
      'text-outside-clause',
      'Unexpected text outside any clause, expected a clause heading before it',
      i + 1,
      indent + 1,
    );
  }
  addText(st, receiver, trimmed, i, !continues);
  // Later lines of this unit's own text extend its source, and the ancestors' ends stay put.
  st.target = receiver;
  st.blank = 0;
  st.paragraphOpen = true;
}

/**
 * Adds a line of text to a unit, as a continuation (one space) or a new paragraph (`\n`), with
 * runs of white space folded: the normalised text is what is diffed and amended.
 */
export function addText(
  st: LineState,
  unit: Unit,
  text: string,
  line: number,
  newParagraph: boolean,
): void {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean === '') return;
  if (unit.text === '') unit.text = clean;
  else unit.text += (newParagraph ? '\n' : ' ') + clean;
  extendTo(st, unit, line);
}

/** Makes a unit's own lines run to the 0-based `line`. */
export function extendTo(st: LineState, unit: Unit, line: number): void {
  const { lines } = st;
  // Text after a unit's own sub-units cannot be re-emitted in place: render that unit afresh.
  // Otherwise its source lines run from its start to `line`: add the ones since its last end
  // (not a fresh slice each time, which made a long unit quadratic).
  if (unit.children.length > 0) unit.sourceLines = [];
  else for (let l = unit.end.line; l <= line; l++) unit.sourceLines.push(lines[l] ?? '');
  unit.end = st.pos(line, lines[line]?.length ?? 0);
}

/**
 * The unit a new paragraph of text belongs to: the deepest open unit whose label is left of it
 * (Markdown; deeper ones close), the deepest open unit (plain text, where indents are lost), or
 * the clause or chapter when no unit is open.
 */
export function paragraphReceiver(st: LineState, indent: number): Unit | null {
  const { stack } = st;
  if (stack.length === 0) return st.clause ?? st.chapter;
  if (st.format === 'markdown') {
    for (let s = stack.length - 1; s >= 0; s--) {
      const open = stack[s] as Open;
      if (open.col < indent) {
        st.stack = stack.slice(0, s + 1);
        return open.unit;
      }
    }
  }
  return stack.at(-1)?.unit ?? null;
}
