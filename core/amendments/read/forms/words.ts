/**
 * Changes to the words of a unit, in the forms people write them:
 *
 *   delete ‘a’ · delete ‘a’ and replace with ‘b’ · delete ‘a’, substitute ‘b’ · delete ‘a’, ‘b’
 *   and ‘c’ · Delete: …a… / Replace with: b (unquoted, on their own lines) · delete the wording
 *   ‘a’ with ‘b’ · Delete the text of clause 4 (x): ‘a’ And replace it with: ‘b’ · deletes the
 *   following wording: ‘a’ and replaces it with the following wording: ‘b’ · delete final
 *   sentence and substitute: ‘b’ · Delete the whole wording (‘a’) and replace with: b
 *   replace ‘a’ with ‘b’ · Replace: ‘a’ With: ‘b’ · Replace the second sentence which reads ‘a’
 *   with ‘b’ · Replace it with: ‘b’ · change [the phrase …] from: ‘a’ to: ‘b’
 *
 * Each reader records what it read against the current context; which unit holds the words, and
 * whether they occur once, is decided later (decide.ts) against the edition.
 */
import { fromQuote, type Cursor, type Operand } from '../cursor';
import type { ReadState, Selector, PendingOp } from '../state';
import {
  DELETE,
  INSERT,
  REPLACE,
  filler,
  lineHint,
  sentenceSelector,
  trimEllipsis,
  wholeSelector,
  words,
  wordsLead,
  type Reader,
} from './common';

/** Records a change read between `start` and the cursor, with a "(line n)" after it if any. */
export function record(cur: Cursor, st: ReadState, op: PendingOp, start: number): void {
  const hint = lineHint(cur) ?? st.pendingLine ?? undefined;
  st.pendingLine = null;
  st.ops.push({
    op,
    target: st.context,
    start,
    end: cur.lastEnd,
    ...(hint ? { lineHint: hint } : {}),
  });
  st.instructionAt(start);
}

/**
 * The replacement after a deletion: "and replace with ‘b’", ", substitute ‘b’", "; insert ‘b’",
 * "with ‘b’", "And replace it with:" on the next paragraph. Null when none follows.
 */
function replacement(cur: Cursor): Operand | null {
  return cur.attempt(() => {
    cur.gap();
    cur.punct(',;');
    cur.gap();
    cur.word(/and/);
    cur.soft();
    if (cur.word(REPLACE) || cur.word(INSERT)) {
      // "insert at the end …" / "add a new …" are instructions of their own.
      if (cur.attempt(() => cur.word(/at|a|new/))) return null;
      cur.word(/it|them|this|these|that/);
      cur.word(/with|by/);
    } else if (!cur.word(/with|by/)) return null;
    wordsLead(cur);
    return cur.operand();
  });
}

/** After a replacement: "after ‘c’", "before ‘c’", "at the end" — the new words go elsewhere. */
function placeAfterward(
  cur: Cursor,
): { where: 'after' | 'before'; anchor: Operand } | 'end' | 'start' | null {
  return cur.attempt(() => {
    cur.punct(',');
    const w = cur.word(/after|before/);
    if (w) {
      cur.maybe(/the/, /words?/);
      const anchor = cur.operand();
      return anchor ? { where: w as 'after' | 'before', anchor } : null;
    }
    if (cur.words(/at/, /the/, /end/)) return 'end';
    if (cur.words(/at/, /the/, /start|beginning/)) return 'start';
    return null;
  });
}

/** Several operands joined by commas and "and", across lines ("Delete: ‘a’ And ‘b’"). */
function moreOperands(cur: Cursor): Operand[] {
  const more: Operand[] = [];
  for (;;) {
    const next = cur.attempt(() => {
      cur.gap();
      const comma = cur.punct(',') !== null;
      cur.gap();
      const and = cur.word(/and|or/) !== null;
      if (!comma && !and) return null;
      const t = cur.quote();
      return t ? t : null;
    });
    if (!next) return more;
    more.push(fromQuote(next));
  }
}

export const readDelete: Reader = (cur, st) => {
  const start = cur.offset;
  if (!cur.word(DELETE)) return false;
  cur.word(/out/); // strike out
  let sel: Selector | null = sentenceSelector(cur) ?? wholeSelector(cur);
  if (sel) {
    const quoted = cur.attempt(() => {
      cur.soft();
      const paren = cur.punct('(') !== null;
      if (!paren) cur.maybe(/which|that/, /reads?/);
      const q = cur.operand();
      if (!q || (paren && !cur.punct(')'))) return null;
      return q;
    });
    if (quoted && sel.by === 'sentence') sel = words(quoted);
    else if (quoted) st.current.push({ target: st.context, operand: quoted, start: quoted.start });
  } else if (st.lastQuote && cur.words(/these|those|the/, /words|wording|text/)) {
    // "Delete these words and replace them with: …" after the words were quoted.
    cur.word(/above/);
    sel = words(st.lastQuote);
  } else {
    filler(cur, st);
    const first = cur.operand();
    if (!first) return false;
    const list = [first, ...moreOperands(cur)];
    if (list.length > 1) {
      for (const o of list) record(cur, st, { op: 'delete', sel: words(o) }, start);
      return true;
    }
    sel = words(first);
  }
  const hint = lineHint(cur);
  if (hint) st.pendingLine = hint;
  const repl = replacement(cur);
  if (!repl) {
    record(cur, st, { op: 'delete', sel }, start);
    return true;
  }
  const place = placeAfterward(cur);
  if (!place) {
    record(cur, st, { op: 'replace', sel, new: text(repl) }, start);
    return true;
  }
  record(cur, st, { op: 'delete', sel }, start);
  if (place === 'end') record(cur, st, { op: 'addAtEnd', new: text(repl) }, start);
  else if (place === 'start') record(cur, st, { op: 'addAtStart', new: text(repl) }, start);
  else
    record(
      cur,
      st,
      {
        op: place.where === 'after' ? 'insertAfter' : 'insertBefore',
        anchor: words(place.anchor),
        new: text(repl),
      },
      start,
    );
  return true;
};

export const readReplace: Reader = (cur, st) => {
  const start = cur.offset;
  if (!cur.word(REPLACE)) return false;
  let sel: Selector | null = sentenceSelector(cur) ?? wholeSelector(cur);
  if (!sel && cur.word(/it|this|them/)) sel = { by: 'whole' };
  if (sel?.by === 'sentence') {
    const q = cur.attempt(() => {
      cur.maybe(/which|that/, /reads?/);
      cur.word(/reading/);
      return cur.operand();
    });
    if (q) sel = words(q);
  } else if (sel?.by === 'whole') {
    cur.maybe(/of/);
    const c = cur.citation();
    if (c) st.context = st.cite(c);
  }
  if (!sel) {
    wordsLead(cur);
    filler(cur, st);
    const old = cur.operand();
    if (!old) return false;
    sel = words(old);
  }
  const hint = lineHint(cur);
  if (hint) st.pendingLine = hint;
  const repl = cur.attempt(() => {
    cur.gap();
    cur.punct(',');
    cur.gap();
    if (!cur.word(/with|by/)) return null;
    wordsLead(cur);
    return cur.operand();
  });
  if (!repl) {
    st.report(
      'error',
      'expected-with',
      'Unexpected end of the replacement, expected "with" and the new words',
      start,
      cur.lastEnd,
      { kind: 'edit-text', hint: 'Add "with ‘…’" giving the new words.' },
    );
    st.instructionAt(start);
    return true;
  }
  record(cur, st, { op: 'replace', sel, new: text(repl) }, start);
  return true;
};

/** "change [the following phrase from Section 10 Clause iv)] from: ‘a’ to: ‘b’", "change ‘a’ to ‘b’". */
export const readChange: Reader = (cur, st) => {
  const start = cur.offset;
  if (!cur.word(/change|changes|amend|amends|alter|alters/)) return false;
  filler(cur, st);
  const old = cur.operand();
  if (!old) return false;
  const repl = cur.attempt(() => {
    cur.gap();
    if (!cur.word(/to|into/)) return null;
    cur.word(/read/);
    return cur.operand();
  });
  if (!repl) return false;
  record(cur, st, { op: 'replace', sel: words(old), new: text(repl) }, start);
  return true;
};

/** New words as they go into the rule: ellipses marking left-out words removed. */
export const text = (o: Operand): string => trimEllipsis(o.text);
