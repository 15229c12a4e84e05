/**
 * Reads motion text written by people — pasted from an agenda, an e-mail or a PDF — into
 * instructions against the edition it amends. Shaped like a small compiler:
 *
 * 1. `read/source.ts` cleans what was pasted (keeping the way back to it for every offset);
 * 2. `read/tokens.ts` splits it into words, punctuation, line breaks and quotations — a citation
 *    or an instruction word inside quoted new text is part of the quotation, never read;
 * 3. one small reader per instruction form (`read/forms/*`) tries each sentence in turn and
 *    records what it read against the unit cited before it;
 * 4. `read/decide.ts` decides, in one place, what is understood, what needs a person and what is
 *    refused, against the edition.
 *
 * It never guesses and is never silent: every sentence that looks like an instruction becomes an
 * instruction or a diagnostic, and a motion from which nothing applicable can be read is refused.
 * Diagnostics carry the span they are about and, where a person can finish the job in one step,
 * the choices (`Diagnostic.fix`). Time is linear in the text; at most 100 diagnostics.
 */
import { editionMention, parseCitation } from '../citations';
import { capDiagnostics, diagnostic, type Diagnostic } from '../diagnostics';
import type { Rulebook } from '../rulebook/types';
import type { Profile } from '../../schemas/profile';
import { labourProfile } from '../profiles';
import type { Motion } from './model';
import { Cursor, fromQuote } from './read/cursor';
import { decide } from './read/decide';
import type { Reader } from './read/forms/common';
import { readAfterInsert, readAtEnd, readInsertWords, readLocator } from './read/forms/insert';
import { readMarkedText } from './read/forms/marked';
import { readReferences } from './read/forms/references';
import {
  readCitedQuotation,
  readCurrentText,
  readLeadIn,
  readRestatement,
  sentenceStart,
} from './read/forms/restate';
import {
  readAddLabelled,
  readDeleteUnits,
  readInsertUnits,
  readMove,
  readNoChange,
  readReplaceCited,
  readReplaceUnits,
} from './read/forms/units';
import { readChange, readDelete, readReplace } from './read/forms/words';
import { brief, INSTRUCTION_VERB, lineHint } from './read/forms/common';
import { motionSource } from './read/source';
import { ReadState, type Resolution } from './read/state';
import { tokenize, type Token } from './read/tokens';

export type { Resolution } from './read/state';

export interface ParseMotionOptions {
  /** Choices a person made on the fixes offered by an earlier reading of the same text. */
  resolutions?: readonly Resolution[];
}

export interface ParseMotionResult {
  motion: Motion;
  diagnostics: Diagnostic[];
}

/** Headings after which the motion argues for itself: none of it is instruction. */
const ARGUMENT_HEADING =
  /^[ \t]*(?:\d{1,2}[.)][ \t]*)?(?:supporting (?:argument|statement)|reasons?(?: for (?:the )?(?:rule )?change)?|argument|rationale|explanation|purpose(?: of (?:the )?(?:rule )?change)?|background)[ \t]*(?:[:\-–—][ \t]*|$)/im;

/**
 * The readers, most specific first: unit instructions before word changes ("Delete Sub-clause 6"
 * before "delete ‘…’"), restatements before current text ("so that it reads" before "reads").
 */
const READERS: readonly Reader[] = [
  readNoChange,
  readReplaceUnits,
  readReplaceCited,
  readDeleteUnits,
  readInsertUnits,
  readMarkedText,
  readRestatement,
  readCurrentText,
  readCitedQuotation,
  readDelete,
  readReplace,
  readChange,
  readAfterInsert,
  readAtEnd,
  readAddLabelled,
  readMove,
  readInsertWords,
  readLocator,
  readLeadIn,
];

/** Parses motion text against the edition it amends. */
export function parseMotionText(
  input: string,
  base: Rulebook,
  profile: Profile = labourProfile,
  options: ParseMotionOptions = {},
): ParseMotionResult {
  const source = motionSource(input);
  const { text } = source;
  const st = new ReadState(source, base, profile, options.resolutions);

  const argumentMatch = ARGUMENT_HEADING.exec(text);
  const end = argumentMatch ? argumentMatch.index : text.length;
  const argument = argumentMatch
    ? text.slice(argumentMatch.index + argumentMatch[0].length).trim()
    : '';
  const { tokens, unclosed } = tokenize(text, 0, end);
  const cur = new Cursor(tokens, text, profile, end);

  // An edition named in prose (a heading, "… of the Rulebook 2016 as follows") is checked as a
  // citation's is.
  const named = editionMention(text.slice(0, end), profile);
  if (named) st.named(named.edition, named.start, named.end);

  for (const t of tokens) {
    if (t.t === 'quote' && t.closed && t.close in { '‘': 1, '“': 1 })
      st.report(
        'warning',
        'quote-mark',
        `Unexpected ${t.close} closing the quotation opened with ${t.open}, expected a closing mark: read as its end`,
        t.end - 1,
        t.end,
      );
    // ‘a ‘b’: the same curly mark opening again inside a quotation means the first never closed.
    if (t.t !== 'quote' || !t.closed || (t.open !== '‘' && t.open !== '“')) continue;
    const inner = t.raw.search(t.open === '‘' ? /(?:^|\s)‘/ : /(?:^|\s)“/);
    if (inner >= 0)
      st.report(
        'error',
        'unbalanced-quote',
        `Unexpected ${t.open} inside a quotation, expected the quotation opened before it to close first`,
        t.start + 1 + inner + (/\s/.test(t.raw[inner] ?? '') ? 1 : 0),
        t.end,
        { kind: 'edit-text', hint: 'Close the first quotation before the second one opens.' },
      );
  }

  /** Sentences already reported as unreadable, by their start. */
  let unreadFrom = -1;
  /** Where the prose since the last thing read (a citation, an instruction, a quotation) starts. */
  let proseFrom = 0;
  /** Records a plain-words instruction shown by the quotation at token `q` (see read/shown.ts). */
  const shownBy = (q: number, start: number) => {
    const quote = cur.tokens[q] as Extract<Token, { t: 'quote' }>;
    st.shown.push({
      target: st.context,
      prose: { start: Math.min(proseFrom, start), end: quote.start },
      start,
      operand: fromQuote(quote),
    });
    st.instructionAt(start);
    cur.i = q + 1;
    proseFrom = quote.end;
  };
  while (!cur.done) {
    const before = cur.i;
    const t = cur.peek()!;
    if (
      t.t === 'word' &&
      mayStart(cur, t.lower) &&
      READERS.some((read) => tryRead(read, cur, st))
    ) {
      proseFrom = cur.lastEnd;
      continue;
    }
    cur.i = before;
    const hint = lineHint(cur);
    if (hint) {
      st.pendingLine = hint;
      continue;
    }
    if (t.t === 'word') {
      const c = cur.citation();
      if (c) {
        st.context = st.cite(c);
        cur.attempt(
          () => (
            cur.punct('('),
            cur.word(/pages?|pg|pp?|p/) ? (cur.punct('.'), cur.word(/\d+/), cur.punct(')')) : null
          ),
        );
        proseFrom = cur.lastEnd;
        continue;
      }
      if (INSTRUCTION_VERB.test(t.lower) && unreadFrom < t.start && looksLikeInstruction(cur)) {
        unreadFrom = t.start;
        const start = t.start;
        const q = st.context ? quoteShowing(cur) : -1;
        if (q >= 0) {
          shownBy(q, start);
          continue;
        }
        cur.toSentenceEnd();
        st.report(
          'error',
          'unreadable-instruction',
          `Unexpected instruction that could not be read (‘${brief(text.slice(start, cur.lastEnd))}’), expected a form such as "delete ‘…’ and replace with ‘…’", "after ‘…’ insert ‘…’" or "add at end ‘…’" with the words quoted`,
          start,
          cur.lastEnd,
          {
            kind: 'edit-text',
            hint: 'Quote the words to change and the new words, e.g. "delete ‘…’ and replace with ‘…’".',
          },
        );
        st.instructionAt(start);
        continue;
      }
    }
    if (t.t === 'break') proseFrom = t.end;
    if (
      t.t === 'quote' &&
      t.closed &&
      st.context &&
      PLAIN_EDIT.test(text.slice(proseFrom, t.start))
    ) {
      shownBy(cur.i, proseFrom + Math.max(0, text.slice(proseFrom, t.start).search(/\S/)));
      continue;
    }
    if (t.t === 'quote') st.lastQuote = fromQuote(t);
    if (t.t === 'quote') proseFrom = t.end;
    if (t.t === 'quote' && t.closed && st.firstInstruction >= 0 && t.start > st.firstInstruction) {
      st.report(
        'error',
        'stray-quotation',
        `Unexpected quotation ‘${brief(t.raw)}’ outside an instruction, expected "delete", "replace", "after … insert" or "add at end" before it`,
        t.start,
        t.end,
      );
    }
    cur.i = before + 1;
  }
  readReferences(tokens, st, 0, end);
  for (const q of unclosed) {
    if (cur.blocks.some((b) => b.start <= q.start && q.start < b.end)) continue;
    // A restatement whose closing mark was left off at the very end: it changes nothing (it is
    // only compared with what the instructions give), so read to the end and say so.
    const restates = st.restatements.some((r) => r.operand.start === q.start);
    if (restates && q.end >= end) {
      st.report(
        'warning',
        'unbalanced-quote',
        `Unexpected end of the motion inside the restatement opened with ${q.open}, expected a closing quote: read to the end, and only compared with the instructions`,
        q.start,
        q.end,
      );
      continue;
    }
    // In the title or preamble, before any instruction, a stray mark changes nothing: said, but
    // not a reason to refuse the motion.
    const preamble = st.firstInstruction >= 0 && q.end <= st.firstInstruction;
    st.report(
      preamble ? 'warning' : 'error',
      'unbalanced-quote',
      `Unexpected end of quotation opened with ${q.open}, expected a closing quote`,
      q.start,
      q.end,
      { kind: 'edit-text', hint: `Close the quotation that opens here with the matching mark.` },
    );
  }
  const { instructions, quotations } = decide(st);
  for (const r of st.unusedResolutions()) {
    // Never silent: a recorded choice that no longer matches the text is said so.
    const p = source.placeOf(Math.min(r.at, text.length));
    st.diagnostics.push({
      ...diagnostic(
        'error',
        'resolution-unused',
        `Unexpected choice ‘${r.value}’ recorded here, expected a question it answers: the text has changed since it was made`,
        p.line,
        p.column,
      ),
      span: { start: r.at, end: r.at },
    });
  }
  return {
    motion: {
      title: titleOf(text, profile),
      edition: st.edition,
      instructions,
      quotations,
      argument,
    },
    diagnostics: capDiagnostics(st.diagnostics),
  };
}

/**
 * Words a form can start with; other forms start a sentence (restatements, quotations of a cited
 * unit). A cheap test that keeps a long run of prose from trying every reader at every word.
 */
const STARTERS = new Set(
  'delete deletes remove removes omit omits strike strikes replace replaces substitute substitutes insert inserts add adds change changes amend amends amended alter alters move moves make after before following at so which that currently presently now reads states says provides revise revises in'.split(
    ' ',
  ),
);
function mayStart(cur: Cursor, word: string): boolean {
  return STARTERS.has(word) || sentenceStart(cur);
}

/** Runs one reader; when its form does not fit, neither the cursor nor the state keeps a trace. */
function tryRead(read: Reader, cur: Cursor, st: ReadState): boolean {
  const at = cur.i;
  const restore = st.save();
  const blocks = cur.blocks.length;
  if (read(cur, st)) return true;
  cur.i = at;
  cur.blocks.length = blocks;
  restore();
  return false;
}

/**
 * An instruction verb that is not prose: at the start of a sentence (or after a citation and a
 * comma, "In 17(ii), delete …"), or in a sentence that quotes words.
 */
function looksLikeInstruction(cur: Cursor): boolean {
  const prev = cur.tokens[cur.i - 1];
  const leads =
    sentenceStart(cur) ||
    (prev?.t === 'punct' && ',—–'.includes(prev.text)) ||
    (prev?.t === 'word' && /^(?:conference|and|then|also|please)$/.test(prev.lower));
  // The rest of the sentence: a quotation or a colon makes it an instruction wherever the verb
  // stands; a leading verb does when the sentence ends like one (a heading such as "Change to
  // the Constitution" has no full stop and stands alone).
  // A sentence's first 80 tokens: enough to see its quote or colon, and linear on a long one.
  for (let k = cur.i + 1; k < Math.min(cur.tokens.length, cur.i + 80); k++) {
    const t = cur.tokens[k]!;
    if (t.t === 'quote' || (t.t === 'punct' && t.text === ':')) return true;
    if (t.t === 'break') return false;
    if (t.t === 'punct' && '.;'.includes(t.text)) return leads;
  }
  return false;
}

/** Words that say a change in plain language; with a quotation after them it may show it. */
const PLAIN_EDIT =
  /\b(?:pluralis|pluraliz|singularis|singulariz|capitalis|capitaliz|hyphenat|insert|add|delet|remov|replac|chang|amend|reword|correct|swap)\w*/i;

/**
 * The quotation an unread instruction is followed by, as the rule will read: the token index of
 * the first closed quotation within its sentence, or after its sentence when only an editor's
 * note in brackets ("[The responsibilities of branches are to:]") stands between; -1 when none.
 * A paragraph break ends the search. Bounded: at most 60 tokens.
 */
function quoteShowing(cur: Cursor): number {
  let bracketed = 0;
  for (let k = cur.i + 1; k < Math.min(cur.tokens.length, cur.i + 60); k++) {
    const t = cur.tokens[k]!;
    if (t.t === 'break') return -1;
    if (t.t === 'quote') return t.closed ? k : -1;
    if (t.t !== 'punct') continue;
    if (t.text === '[') bracketed++;
    else if (t.text === ']') bracketed = Math.max(0, bracketed - 1);
    else if ('.;'.includes(t.text) && bracketed === 0) {
      const next = cur.tokens[k + 1];
      if (!(next?.t === 'quote' || (next?.t === 'punct' && next.text === '['))) return -1;
    }
  }
  return -1;
}

/**
 * The title: the first line, unless it is an instruction or a citation; a motion number alone
 * ("Motion #21") is passed over for the line after it.
 */
function titleOf(text: string, profile: Profile): string {
  return titleLine(text, profile)?.title ?? '';
}

/** The title and where its line ends, or null when the text gives itself none. */
function titleLine(text: string, profile: Profile): { title: string; end: number } | null {
  for (const m of text.matchAll(/^[ \t]*(\S[^\n]*)/gm)) {
    const line = (m[1] as string).trim();
    if (/^(?:motion|proposal|amendment)\s*(?:no\.?|#)?\s*\d+[a-z]?$/i.test(line)) continue;
    const looksLikeInstruction =
      /^\s*(delete|replace|insert|add|after|before|make no)\b/i.test(line) ||
      /\b(delete|replace|insert|add)\b[^'‘“"]*['‘“"]/i.test(line.slice(0, 400));
    if (looksLikeInstruction || parseCitation(line, profile)?.start === 0) return null;
    return { title: line.replace(/^title:\s*/i, '').trim(), end: (m.index ?? 0) + m[0].length };
  }
  return null;
}

/**
 * The motion's own words exactly as given (line ends as LF): after its title, up to its
 * supporting argument, blank lines at either end trimmed. What the meeting agreed, which an
 * export prints instead of the instructions reworded in the house style.
 */
export function motionWording(input: string, profile: Profile = labourProfile): string {
  const source = motionSource(input);
  const { text } = source;
  const argument = ARGUMENT_HEADING.exec(text);
  const end = argument ? argument.index : text.length;
  const start = Math.min(titleLine(text, profile)?.end ?? 0, end);
  const words = source.original.slice(source.originalOffset(start), source.originalOffset(end));
  return words.replace(/^(?:[ \t]*\n)+/, '').trimEnd();
}
