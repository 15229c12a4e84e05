/**
 * The text of a unit as a motion quotes it — now ("Clause 8(xi) currently states: …", "In the
 * Section which reads: iv) …") or after the change ("So that it reads: …", "17(ii) as amended
 * would read: …", "Rule 12.4 shall then read ‘…’", "The relevant sentence would then read: …").
 *
 * A restatement is checked against what the instructions do; when a motion gives only the text as
 * it will read, the restatement is the instruction (decide.ts).
 */
import { fromQuote, type Cursor } from '../cursor';
import { unitQuoted } from '../decide';
import { filler, type Reader } from './common';

/** True at the start of a sentence: the first token, or after a line end or a full stop. */
export function sentenceStart(cur: Cursor): boolean {
  const prev = cur.tokens[cur.i - 1];
  return (
    !prev ||
    prev.t === 'eol' ||
    prev.t === 'break' ||
    (prev.t === 'punct' && '.;:'.includes(prev.text))
  );
}

/**
 * "would read", "shall then read", "now reads" — and plain "reads" after "so" or "as amended":
 * the verb of a restatement. Plain "X reads:" is the current text (readCurrentText).
 */
function futureRead(cur: Cursor, plain: boolean): boolean {
  return (
    cur.attempt(() => {
      const now = cur.word(/now|then/) !== null;
      if ((plain || now) && cur.word(/reads?|becomes/)) return true;
      if (!cur.word(/would|shall|will|should|to|must/)) return false;
      cur.word(/now|then|therefore/);
      return cur.word(/read|become/) !== null;
    }) ?? false
  );
}

const follows = (cur: Cursor) => {
  cur.maybe(/as/, /follows/);
  cur.punct(',');
};

/**
 * "So that it reads:", "So the whole paragraph 7viii reads as follows:", "17(ii) as amended
 * would read:", "Rule 12.4 shall then read ‘…’", "The relevant sentence would then read:".
 */
export const readRestatement: Reader = (cur, st) => {
  const start = cur.offset;
  const first = cur.peek();
  if (!sentenceStart(cur) && !(first?.t === 'word' && first.lower === 'so')) return false;
  // "Amend so that it reads:", "Amend Rule 12.6 to read:"
  if (cur.word(/amend|amends|amended/)) {
    const c = cur.citation();
    if (c) st.context = st.cite(c);
  }
  const so = cur.word(/so/) !== null;
  if (so) cur.word(/that|as/);
  let part = false;
  // Up to a few words naming what will read so: "it", "the whole paragraph 7viii", a citation.
  let named = false;
  for (let n = 0; n < 12; n++) {
    cur.soft();
    const t = cur.peek();
    if (!t || t.t !== 'word') {
      if (t?.t === 'punct' && '(),.'.includes(t.text) && t.text !== '.') {
        cur.i++;
        continue;
      }
      break;
    }
    if (/^(?:now|then|reads?|would|shall|will|should|becomes)$/.test(t.lower)) break;
    if (/^(?:currently|presently|which|that)$/.test(t.lower) && !so) return false;
    const c = cur.citation();
    if (c) {
      st.context = st.cite(c);
      named = true;
      continue;
    }
    if (/^(?:sentence|sentences|words|phrase)$/.test(t.lower)) part = true;
    cur.i++;
    named = true;
  }
  if (!so && !named) return false;
  const amended = cur.words(/as/, /amended/);
  cur.punct(',');
  if (!futureRead(cur, so || amended)) return false;
  follows(cur);
  const o =
    cur.operand() ?? cur.attempt(() => (cur.punct(','), cur.quote() ? cur.operand() : null));
  if (!o) return false;
  st.restatements.push({ target: st.context, operand: o, part, start });
  return true;
};

/**
 * "Clause 8(xi) of the Constitution currently states: …", "4.x currently reads: …", "In the
 * Rules, Section which reads: iv) …". The quoted text locates the unit when the
 * motion cites none.
 */
export const readCurrentText: Reader = (cur, st) => {
  const start = cur.offset;
  cur.word(/which|that/);
  cur.word(/currently|presently|now|at present/);
  if (!cur.word(/reads|states|says|provides/)) return false;
  follows(cur);
  const o = cur.operand();
  if (!o) return false;
  if (!st.context) {
    const unit = unitQuoted(st, o.text);
    if (unit)
      st.context = {
        paths: [unit.path],
        start: o.start,
        end: o.end,
        problems: [],
        byText: true,
      };
  }
  st.current.push({ target: st.context, operand: o, start });
  return true;
};

/**
 * "Subsection ii) of Article 6, the Society's Constitution:" followed by a
 * quotation and no instruction: the current text of the cited unit.
 */
export const readCitedQuotation: Reader = (cur, st) => {
  const start = cur.offset;
  if (!sentenceStart(cur)) return false;
  cur.word(/in/);
  const c = cur.citation();
  if (!c) return false;
  const target = st.cite(c);
  filler(cur, st);
  if (!cur.punct(':')) return false;
  const q = cur.quote();
  if (!q) return false;
  st.context = target;
  st.current.push({
    target,
    operand: fromQuote(q),
    start,
  });
  return true;
};

/**
 * Lead-ins that introduce instructions without being one: "Amend Rule 12.6:", "Revise
 * constitution as follows", "Conference agrees to the following amendment to the Constitution:".
 * A citation among them sets the context.
 */
export const readLeadIn: Reader = (cur, st) => {
  if (!sentenceStart(cur)) return false;
  if (!cur.word(/amend|amends|revise|revises/)) return false;
  const c = cur.citation();
  if (c) st.context = st.cite(c);
  else if (!filler(cur, st) && !cur.words(/as/, /follows/)) {
    // "Revise constitution as follows" with no colon
    for (let n = 0; n < 6 && !cur.done; n++) {
      if (cur.words(/as/, /follows/)) break;
      const t = cur.peek();
      if (!t || t.t !== 'word') return false;
      cur.i++;
    }
  }
  cur.maybe(/as/, /follows/);
  cur.punct(':');
  return true;
};
