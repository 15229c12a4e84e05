/**
 * New words in a unit's text:
 *
 *   after ‘a’ insert ‘b’ · before ‘a’ add ‘b’ · insert ‘b’ after ‘a’ · insert: ‘b’ between ‘a’
 *   and ‘c’ · add at end ‘b’ · add at the end of the sub-clause: ‘b’ · at the start insert ‘b’ ·
 *   insert ‘b’ at the end · add new sentence to 12.4: ‘b’ · insert a new third sentence, ‘b’
 */
import { INSERT, filler, ordinal, words, type Reader } from './common';
import { record, text } from './words';

/** "after ‘a’ insert ‘b’", "before the words ‘a’, add ‘b’". */
export const readAfterInsert: Reader = (cur, st) => {
  const start = cur.offset;
  const where = cur.word(/after|before|following/);
  if (!where) return false;
  cur.maybe(/the/, /words?/);
  const anchor = cur.operand();
  if (!anchor || !anchor.quoted) return false;
  cur.punct(',');
  cur.soft();
  if (!cur.word(INSERT)) return false;
  cur.maybe(/the/, /words?/);
  const added = cur.operand();
  if (!added) return false;
  record(
    cur,
    st,
    {
      op: where === 'before' ? 'insertBefore' : 'insertAfter',
      anchor: words(anchor),
      new: text(added),
    },
    start,
  );
  return true;
};

/** "add at end ‘b’", "add at the end of the sub-clause: ‘b’", "at the start insert ‘b’". */
export const readAtEnd: Reader = (cur, st) => {
  const start = cur.offset;
  let where: 'end' | 'start';
  if (cur.word(INSERT)) {
    if (!cur.word(/at/)) return false;
    cur.word(/the/);
    const w = cur.word(/end|start|beginning/);
    if (!w) return false;
    where = w === 'end' ? 'end' : 'start';
  } else if (cur.word(/at/)) {
    cur.word(/the/);
    const w = cur.word(/end|start|beginning/);
    if (!w) return false;
    where = w === 'end' ? 'end' : 'start';
    cur.punct(',');
    if (cur.word(/of/)) filler(cur, st);
    cur.punct(',');
    cur.soft();
    if (!cur.word(INSERT)) return false;
  } else return false;
  if (cur.word(/of/)) filler(cur, st);
  cur.maybe(/the/, /words?/);
  const added = cur.operand();
  if (!added) return false;
  record(cur, st, { op: where === 'end' ? 'addAtEnd' : 'addAtStart', new: text(added) }, start);
  return true;
};

/** "at the start of the last sentence" before a change: the quoted words already locate it. */
export const readLocator: Reader = (cur) => {
  if (!cur.words(/at/, /the/, /start|beginning|end/, /of/, /the/)) return false;
  if (!cur.word(/\w+/)) return false;
  cur.word(/sentence|paragraph|sub-?clause|clause|rule|text/);
  cur.punct(',');
  const t = cur.peek();
  return t?.t === 'word' && /^(?:delete|replace|insert|add)$/.test(t.lower);
};

/**
 * "insert ‘b’ after ‘a’", "insert: ‘b’ between ‘a’ and ‘c’", "insert ‘b’ at the end",
 * "add new sentence to 12.4: ‘b’", "insert a new third sentence, ‘b’".
 */
export const readInsertWords: Reader = (cur, st) => {
  const start = cur.offset;
  if (!cur.word(INSERT)) return false;
  // "insert a new third sentence, ‘b’" / "add new sentence to 12.4: ‘b’"
  const sentence = cur.attempt(() => {
    cur.word(/a/);
    cur.word(/new|further/);
    const position = ordinal(cur);
    if (!cur.word(/sentence/)) return null;
    return { position };
  });
  if (sentence) {
    if (cur.word(/to|in|at/)) filler(cur, st);
    cur.punct(',');
    const added = cur.operand();
    if (!added) return false;
    cur.punct(',');
    const op =
      sentence.position === null || sentence.position === 'last'
        ? ({ op: 'addAtEnd', new: text(added) } as const)
        : ({ op: 'insertSentence', position: sentence.position, new: text(added) } as const);
    record(cur, st, op, start);
    return true;
  }
  cur.maybe(/the/, /words?/);
  const added = cur.operand();
  if (!added) return false;
  const place = cur.attempt(() => {
    cur.punct(',');
    cur.soft();
    const w = cur.word(/after|before|between/);
    if (w) {
      cur.maybe(/the/, /words?/);
      const a = cur.operand();
      if (!a) return null;
      if (w !== 'between') return { where: w, a };
      if (!cur.word(/and/)) return null;
      const b = cur.operand();
      return b ? { where: w, a, b } : null;
    }
    if (cur.words(/at/, /the/, /end/)) return { where: 'end' };
    if (cur.words(/at/, /the/, /start|beginning/)) return { where: 'start' };
    return null;
  });
  if (!place) {
    st.report(
      'error',
      'insert-place',
      `Unexpected insertion without a place, expected where to insert: after ‘…’, before ‘…’ or at the end`,
      start,
      cur.lastEnd,
      {
        kind: 'edit-text',
        hint: 'Say where the words go: "after ‘…’", "before ‘…’" or "at the end".',
      },
    );
    st.instructionAt(start);
    return true;
  }
  const added2 = text(added);
  if (place.where === 'end') record(cur, st, { op: 'addAtEnd', new: added2 }, start);
  else if (place.where === 'start') record(cur, st, { op: 'addAtStart', new: added2 }, start);
  else if (place.where === 'between' && 'b' in place && place.b && place.a)
    record(
      cur,
      st,
      { op: 'insertBetween', first: text(place.a), second: text(place.b), new: added2 },
      start,
    );
  else if ('a' in place && place.a)
    record(
      cur,
      st,
      {
        op: place.where === 'before' ? 'insertBefore' : 'insertAfter',
        anchor: words(place.a),
        new: added2,
      },
      start,
    );
  return true;
};
