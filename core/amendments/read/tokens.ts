/**
 * The first stage of reading a motion: its text as a list of tokens — words, punctuation, line
 * ends, paragraph breaks and quotations. Everything after this works on tokens, so a citation or
 * an instruction word inside quoted new text is never read as one: it is inside a quotation token.
 *
 * Quotations are where real motions differ most from generated text:
 * - marks are mixed and mismatched (‘…', “…"), so each opening mark may close with either mark of
 *   its family (CLOSERS);
 * - a quotation of new rules runs over several paragraphs with blank lines, numbered units and
 *   citations inside it. A quotation that opens at the start of a line may therefore cross blank
 *   lines; one opened inside a sentence may not (it is far likelier to be a missing mark);
 * - apostrophes ("CLP’s", "members’ branch") look like closing marks. A closing mark counts only
 *   where a quotation can end: before punctuation, a line end, or a word that continues an
 *   instruction ("and", "with", "to" …). A mark before any other word is remembered as a weak end,
 *   used only when no better end comes before the quotation must stop.
 *
 * Time is linear: for every family of marks the next possible end, the next strong end and the
 * next place a quotation must stop are computed once, backwards over the text, so finding where a
 * quotation ends is a few array reads whatever the text holds.
 */
import { CLOSERS } from '../quotes';

export type Token =
  | { t: 'word'; text: string; lower: string; start: number; end: number }
  | { t: 'punct'; text: string; start: number; end: number }
  | { t: 'eol'; start: number; end: number }
  | { t: 'break'; start: number; end: number }
  | {
      t: 'quote';
      /** The quoted text exactly as written between the marks. */
      raw: string;
      open: string;
      /** False when no closing mark was found: `end` is then where reading it stopped. */
      closed: boolean;
      /** The mark that closed it (an opening mark typed at a line end closes weakly). */
      close: string;
      /** Opened as the first thing on its line (may run over several paragraphs). */
      block: boolean;
      start: number;
      end: number;
    };

export type QuoteToken = Extract<Token, { t: 'quote' }>;

const LETTER = /[\p{L}\p{N}]/u;
/** Any white space but a line end (no-break spaces are common in pasted text). */
const SPACE = /[^\S\n]/;
/** Words after which a closing mark really closes: they continue the instruction, not the quote. */
const CONTINUES =
  /^(?:and|or|with|to|by|after|before|between|in|into|from|so|at|as|which|then|is|are|be|shall|should|would|will|for|of|on|insert(?:s|ed)?|replace(?:s|d)?|delete(?:s|d)?|substitute(?:s|d)?|add(?:s|ed)?|change(?:s|d)?|now|reads?|states?|becomes?)\b/i;
const PUNCT = new Set([',', ';', ':', '.', '(', ')', '[', ']', '—', '–', '!', '?']);
const OPENERS = Object.keys(CLOSERS);
/** Families of marks: a quotation opened with one may be closed by the other's closing mark. */
const FAMILY: Record<string, string> = { '‘': 's', "'": 's', '“': 'd', '"': 'd', '«': 'g' };

/** True when the character at `i` opens a quotation: after a space, a line start or a bracket. */
function opensAt(text: string, i: number): boolean {
  const ch = text[i] as string;
  if (!(ch in CLOSERS)) return false;
  const prev = i > 0 ? (text[i - 1] as string) : '\n';
  const next = text[i + 1];
  if (next === undefined || next === '\n' || SPACE.test(next)) return false;
  return /[\s([{:—–\-/]/.test(prev) || prev in CLOSERS;
}

/** True when the line after the line end at `nl` is blank (or the text ends). */
function lineStartsBlank(text: string, nl: number): boolean {
  for (let k = nl + 1; k < text.length; k++) {
    const c = text[k] as string;
    if (c === '\n') return true;
    if (!SPACE.test(c)) return false;
  }
  return true;
}

interface Family {
  /** Next index ≥ i holding a closing mark that may end a quotation (weak or strong), or n. */
  nextEnd: Int32Array;
  /** Next index ≥ i holding a strong closing mark, or n. */
  nextStrong: Int32Array;
}

export interface Tokens {
  tokens: Token[];
  /** Quotations that never closed, for diagnostics. */
  unclosed: QuoteToken[];
}

/** Splits `text[from, to)` into tokens. */
export function tokenize(text: string, from = 0, to = text.length): Tokens {
  const n = to;
  // Where an inline quotation must stop (a blank line) and where a block quotation must (a line
  // that starts with an opening mark of the same family: a new quotation begins there).
  const nextBlank = new Int32Array(n + 1).fill(n);
  const lineOpens: Record<string, Int32Array> = {};
  // And the next opening mark of each family anywhere (a quotation that crosses a blank line
  // and meets one has not closed: "Title with a stray \" …" must not swallow what follows).
  const opens: Record<string, Int32Array> = {};
  for (const f of new Set(Object.values(FAMILY))) {
    lineOpens[f] = new Int32Array(n + 1).fill(n);
    opens[f] = new Int32Array(n + 1).fill(n);
  }
  for (let i = n - 1; i >= from; i--) {
    nextBlank[i] = nextBlank[i + 1] as number;
    for (const f in lineOpens) {
      (lineOpens[f] as Int32Array)[i] = lineOpens[f]![i + 1] as number;
      (opens[f] as Int32Array)[i] = opens[f]![i + 1] as number;
    }
    const own = FAMILY[text[i] as string];
    if (own && opensAt(text, i)) (opens[own] as Int32Array)[i] = i;
    if (text[i] === '\n') {
      if (lineStartsBlank(text, i)) nextBlank[i] = i;
      let k = i + 1;
      while (k < n && SPACE.test(text[k] as string)) k++;
      const f = FAMILY[text[k] as string];
      if (f && k < n && opensAt(text, k)) (lineOpens[f] as Int32Array)[i] = i;
    }
  }
  const families = new Map<string, Family>();
  const family = (open: string): Family => {
    const key = FAMILY[open] as string;
    let fam = families.get(key);
    if (fam) return fam;
    const all = new Set(Object.entries(CLOSERS).flatMap(([o, c]) => (FAMILY[o] === key ? c : [])));
    const openers = Object.keys(FAMILY).filter((o) => FAMILY[o] === key);
    const nextEnd = new Int32Array(n + 1).fill(n);
    const nextStrong = new Int32Array(n + 1).fill(n);
    for (let i = n - 1; i >= from; i--) {
      nextEnd[i] = nextEnd[i + 1] as number;
      nextStrong[i] = nextStrong[i + 1] as number;
      const ch = text[i] as string;
      const prev = text[i - 1] ?? '\n';
      const next = i + 1 < n ? (text[i + 1] as string) : '';
      // "… of the Society. “" at a line end: a mark typed the wrong way round where the
      // quotation plainly ends. Only a weak end, used when nothing better closes it.
      if (openers.includes(ch) && SPACE.test(prev) && (next === '\n' || next === '')) {
        nextEnd[i] = i;
        continue;
      }
      if (!all.has(ch)) continue;
      if (/\s/.test(prev) && prev !== '\n') continue; // a mark after a space opens, not closes
      if (LETTER.test(next)) continue; // an apostrophe inside a word
      nextEnd[i] = i;
      // Double marks are never apostrophes: wherever one can close, it does.
      if (key !== 's' || closesStrongly(text, i + 1, n)) nextStrong[i] = i;
    }
    fam = { nextEnd, nextStrong };
    families.set(key, fam);
    return fam;
  };

  const tokens: Token[] = [];
  const unclosed: QuoteToken[] = [];
  let i = from;
  while (i < n) {
    const ch = text[i] as string;
    if (ch === '\n' || SPACE.test(ch)) {
      const s = i;
      let lines = 0;
      while (i < n && /\s/.test(text[i] as string)) {
        if (text[i] === '\n') lines++;
        i++;
      }
      if (lines >= 2) tokens.push({ t: 'break', start: s, end: i });
      else if (lines === 1) tokens.push({ t: 'eol', start: s, end: i });
      continue;
    }
    if (OPENERS.includes(ch) && opensAt(text, i)) {
      const lineStart = text.lastIndexOf('\n', i - 1) + 1;
      const block = text.slice(lineStart, i).trim() === '';
      const fam = family(ch);
      const f = FAMILY[ch] as string;
      let stop = block ? ((lineOpens[f] as Int32Array)[i] as number) : (nextBlank[i] as number);
      // Past a blank line, a quotation ends where another of its marks opens one.
      const blank = nextBlank[i] as number;
      if (block && blank < stop && ((opens[f] as Int32Array)[blank] as number) < stop) stop = blank;
      const strong = fam.nextStrong[i + 1] as number;
      const weak = fam.nextEnd[i + 1] as number;
      const close = strong < stop ? strong : weak < stop ? weak : -1;
      if (close >= 0) {
        tokens.push({
          t: 'quote',
          raw: text.slice(i + 1, close),
          open: ch,
          close: text[close] as string,
          closed: true,
          block,
          start: i,
          end: close + 1,
        });
        i = close + 1;
        continue;
      }
      // Never closed: keep what it would have held for the message, then read on after the
      // mark, so the instructions that follow still get their diagnostics.
      const upto = Math.min(stop, n);
      const token: QuoteToken = {
        t: 'quote',
        raw: text.slice(i + 1, upto),
        open: ch,
        close: '',
        closed: false,
        block,
        start: i,
        end: upto,
      };
      unclosed.push(token);
      tokens.push(token);
      i = upto;
      continue;
    }
    if (PUNCT.has(ch) || ch in CLOSERS || ch === '’' || ch === '”' || ch === '»') {
      tokens.push({ t: 'punct', text: ch, start: i, end: i + 1 });
      i++;
      continue;
    }
    const s = i;
    while (i < n) {
      const c = text[i] as string;
      if (/\s/.test(c) || (PUNCT.has(c) && c !== '.') || c === '"' || c === '“' || c === '”') break;
      if (c === '.' && !LETTER.test(text[i + 1] ?? '')) break; // a full stop, not "13.1"
      if ((c === '’' || c === "'") && !LETTER.test(text[i + 1] ?? '')) break;
      if (c === '‘' || c === '«' || c === '»') break;
      i++;
    }
    if (i === s) i++;
    const word = text.slice(s, i);
    tokens.push({ t: 'word', text: word, lower: word.toLowerCase(), start: s, end: i });
  }
  return { tokens, unclosed };
}

/** After a closing mark at `at - 1`: does what follows show the quotation ended there? */
function closesStrongly(text: string, at: number, n: number): boolean {
  if (at >= n) return true;
  const next = text[at] as string;
  if (next === '\n' || PUNCT.has(next) || '’”»\'"'.includes(next)) return true;
  if (!SPACE.test(next)) return false;
  let k = at;
  while (k < n && SPACE.test(text[k] as string)) k++;
  if (k >= n || '\n([—–-'.includes(text[k] as string)) return true;
  if ((text[k] as string) in CLOSERS) return true;
  return CONTINUES.test(text.slice(k, k + 16));
}

/** The quoted words as one line of text: wrapped lines joined, paragraphs kept as `\n`. */
export function quotedText(raw: string): string {
  return raw
    .replace(/[ \t]*\n[ \t]*\n\s*/g, '\u0000')
    .replace(/[ \t]*\n(?=[ \t]*(?:[•*·\-–]|\(?[0-9A-Za-z]{1,6}[.)])[ \t])/g, '\u0000')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .split('\u0000')
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .join('\n');
}
