/**
 * Pieces several instruction readers share: the words between a verb and its operand, which
 * sentence of a unit is meant, a "(line 2)" written beside the words, and the ordinal words.
 */
import { labelKinds, labelOrdinal } from '../../../rulebook/labels';
import type { LabelKind } from '../../../rulebook/types';
import type { Cursor, Operand } from '../cursor';
import type { ReadState, Selector } from '../state';

/**
 * A reader: tries one form at the cursor; true when it read (and consumed) it. On false the
 * caller (parse.ts `tryRead`) puts the cursor and the reading state back, so a reader need not.
 */
export type Reader = (cur: Cursor, st: ReadState) => boolean;

export const DELETE = /delete|deletes|remove|removes|omit|omits|strike|strikes/;
export const REPLACE = /replace|replaces|substitute|substitutes/;
export const INSERT = /insert|inserts|add|adds/;
/**
 * Verbs that make a sentence an instruction: the words between a verb and its operand stop at
 * one, and an unread sentence starting with one is an error, never prose (parse.ts).
 */
export const INSTRUCTION_VERB =
  /^(?:delete|deletes|replace|replaces|insert|inserts|add|adds|substitute|substitutes|remove|removes|amend|amends|change|changes|move|moves|strike|omit|omits|renumber)$/;

const ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
};

/** "first" … "tenth", "1st", "3rd": the number; "last"/"final": 'last'. */
export function ordinal(cur: Cursor): number | 'last' | null {
  const w = cur.word(
    /first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final|\d{1,2}(?:st|nd|rd|th)/,
  );
  if (!w) return null;
  if (w === 'last' || w === 'final') return 'last';
  return ORDINALS[w] ?? Number.parseInt(w, 10);
}

/** "the final sentence", "the second sentence": a sentence of the unit. */
export function sentenceSelector(cur: Cursor): Selector | null {
  return cur.attempt(() => {
    cur.word(/the/);
    const which = ordinal(cur);
    if (which === null || !cur.word(/sentence/)) return null;
    return { by: 'sentence', which } as Selector;
  });
}

/** "the whole wording", "the whole text", "the whole of the text": all of the unit's text. */
export function wholeSelector(cur: Cursor): Selector | null {
  return cur.attempt(() => {
    cur.word(/the/);
    if (!cur.word(/whole|entire/)) return null;
    cur.maybe(/of/, /the/);
    if (!cur.word(/wording|text|words|paragraph|clause|rule|sub-?clause|section/)) return null;
    return { by: 'whole' } as Selector;
  });
}

/**
 * Words between a verb and its operand — "the following wording", "the words", "the text of
 * clause 4 (x) of the current constitution", "[Sub-branch membership can consist of:]" (an
 * editor's note in brackets, often the list's stem with its colon) — up to a colon or a
 * quotation (not consumed). A citation among them sets the context. Fails at another verb, a
 * paragraph break, or after a dozen words: then the text is not this form.
 */
export function filler(cur: Cursor, st: ReadState): boolean {
  return (
    cur.attempt(() => {
      let bracketed = 0;
      for (let n = 0; n < 24; n++) {
        cur.soft();
        const t = cur.peek();
        if (!t || t.t === 'break') return false;
        if (t.t === 'quote') return true;
        if (t.t === 'punct' && t.text === '[') bracketed++;
        if (t.t === 'punct' && t.text === ']') bracketed = Math.max(0, bracketed - 1);
        if (t.t === 'punct' && t.text === ':' && bracketed === 0) return true;
        if (t.t === 'word') {
          if (INSTRUCTION_VERB.test(t.lower)) return false;
          const c = cur.citation();
          if (c) {
            st.context = st.cite(c);
            continue;
          }
        }
        cur.i++;
      }
      return false;
    }) ?? false
  );
}

/** "(line 2)", "in line 1", "on lines 3–4": a printed line number beside the words. */
export function lineHint(cur: Cursor): { start: number; end: number } | null {
  return cur.attempt(() => {
    const start = cur.offset;
    const paren = cur.punct('(') !== null;
    cur.word(/in|on|at/);
    if (!cur.word(/lines?/)) return null;
    const t = cur.peek();
    if (t?.t !== 'word' || !/^\d+$/.test(t.text)) return null;
    cur.i++;
    if (cur.punct('–—-') || cur.word(/to|and/)) cur.word(/\d+/);
    if (paren && !cur.punct(')')) return null;
    return { start, end: cur.lastEnd };
  });
}

/** "the following words", "the words", "the wording", "the following": said before an operand. */
export function wordsLead(cur: Cursor): void {
  cur.word(/the/);
  cur.word(/following/);
  cur.word(/new/);
  cur.word(/words?|wording|text|phrase|sentence/);
}

/** Removes an ellipsis that marks words left out at either end of a quotation ("…and may"). */
export function trimEllipsis(text: string): string {
  return text.replace(/^(?:\.{3}|…)\s*/, '').replace(/\s*(?:\.{3}|…)$/, '');
}

/** The words of an operand as a selector of the unit's text. */
export function words(o: Operand): Selector {
  return { by: 'words', words: trimEllipsis(o.text), start: o.start, end: o.end };
}

/**
 * The number a label written in a motion stands for at a level whose labels are `kind`: "v)"
 * under upper-roman clauses is 5 (not the letter v, 22), "b" under upper-alpha is 2. The level's
 * own kind is tried first in either case, then any kind.
 */
export function ordinalAt(label: string, kind: LabelKind): number | null {
  for (const l of [label, label.toUpperCase(), label.toLowerCase()]) {
    const n = labelOrdinal(l, kind);
    if (n !== null) return n;
  }
  const roman = kind.endsWith('roman')
    ? labelOrdinal(label, kind.startsWith('upper') ? 'lower-roman' : 'upper-roman')
    : null;
  if (roman !== null) return roman;
  return (
    labelKinds(label)
      .map((k) => labelOrdinal(label, k))
      .find((x) => x !== null) ?? null
  );
}

/** A few words of text, on one line, for a message. */
export function brief(s: string): string {
  const w = s.replace(/\s+/g, ' ').trim();
  return w.length > 60 ? `${w.slice(0, 57)}…` : w;
}
