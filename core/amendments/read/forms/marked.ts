/**
 * A unit restated as amended with its changes shown only by formatting, which plain text has
 * lost: "Amend Chapter 3, Clause II, Sub-clause 1 to read as follows (the new words are underlined
 * and the deleted words are struck through): …", "Amend Rule 4 so that it reads (new words in
 * bold): ‘…’". Read here so that decide.ts can offer a person the words to mark; a mention of
 * formatting without a text to mark stays with readReferences, refused with a hint.
 */
import type { Reader } from './common';
import { FORMATTING } from './references';
import { sentenceStart } from './restate';

export const readMarkedText: Reader = (cur, st) => {
  const start = cur.offset;
  if (!sentenceStart(cur)) return false;
  cur.word(/amend|amends/);
  const c = cur.citation();
  if (c) st.context = st.cite(c);
  // The lead-in, up to its colon or the quotation: it says the unit will read so, and how the
  // changes are shown. A full stop first means it is some other sentence.
  let reads = false;
  for (let n = 0; n < 40; n++) {
    cur.soft();
    const t = cur.peek();
    if (!t || t.t === 'break' || t.t === 'quote') break;
    if (t.t === 'punct' && t.text === ':') break;
    if (t.t === 'punct' && '.;'.includes(t.text)) return false;
    if (t.t === 'word' && /^(?:read|reads|follows|shown)$/.test(t.lower)) reads = true;
    cur.i++;
  }
  const lead = cur.text.slice(start, cur.offset);
  const said = [...lead.matchAll(new RegExp(FORMATTING.source, 'gi'))];
  if (!reads || said.length === 0) return false;
  const first = said[0] as RegExpMatchArray;
  const last = said.at(-1) as RegExpMatchArray;
  let from = start + (first.index ?? 0);
  let to = start + (last.index ?? 0) + last[0].length;
  // The brackets around the mention, when it is one: "(the new words are underlined …)".
  const open = lead.lastIndexOf('(', from - start);
  const close = lead.indexOf(')', to - start);
  if (open >= 0 && close >= 0 && !lead.slice(open, from - start).includes(')')) {
    from = start + open;
    to = start + close + 1;
  }
  const operand = cur.operand();
  if (!operand || !operand.text.trim()) return false;
  st.marked.push({ target: st.context, operand, mention: { start: from, end: to }, start });
  st.instructionAt(start);
  return true;
};
