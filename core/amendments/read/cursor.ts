/**
 * A cursor over a motion's tokens, with the few moves every instruction reader needs: a word or a
 * run of words, punctuation, the line breaks people put between an instruction and its words, a
 * quotation, and an operand — the words an instruction acts on, quoted or not.
 *
 * Every move either succeeds and advances, or fails and leaves the cursor where it was, so a
 * reader tries a form and, when the form does not fit, nothing has been consumed.
 */
import type { Citation } from '../../citations';
import { parseCitationAt } from '../../citations';
import type { Profile } from '../../../schemas/profile';
import { quotedText, type QuoteToken, type Token } from './tokens';

/** Words an instruction acts on: quoted, or written out after a colon. */
export interface Operand {
  /** The words, wrapped lines joined and paragraphs kept as `\n`. */
  text: string;
  /** As written, for new units read as a block. */
  raw: string;
  quoted: boolean;
  closed: boolean;
  start: number;
  end: number;
}

/** Words that begin the next instruction or a restatement, where an unquoted operand stops. */
export const INSTRUCTION_START =
  /^(?:delete|deletes|replace|replaces|insert|inserts|add|adds|substitute|substitutes|change|changes|remove|removes|amend|amends|move|moves|renumber|make|so|and|after|before|at|in|within)$/;

export class Cursor {
  i = 0;
  /** Spans read as unquoted blocks: quotation marks inside them are the block's own text. */
  readonly blocks: { start: number; end: number }[] = [];
  constructor(
    readonly tokens: readonly Token[],
    readonly text: string,
    readonly profile: Profile,
    /** Offset where the motion's instructions end (its supporting argument starts). */
    readonly end: number,
  ) {}

  get done(): boolean {
    return this.i >= this.tokens.length;
  }
  peek(k = 0): Token | undefined {
    return this.tokens[this.i + k];
  }
  /** Offset of the current token (the end of the text when done). */
  get offset(): number {
    return this.peek()?.start ?? this.end;
  }
  /** Offset just after the previous token. */
  get lastEnd(): number {
    return this.i > 0 ? (this.tokens[this.i - 1] as Token).end : 0;
  }

  /** Runs `read`; when it returns null or false, puts the cursor back. */
  attempt<T>(read: () => T | null | false): T | null {
    const save = this.i;
    const got = read();
    if (got === null || got === false) {
      this.i = save;
      return null;
    }
    return got;
  }

  /** The current token is a word matching `re` (whole word, any case): consume it. */
  word(re: RegExp): string | null {
    const t = this.peek();
    if (t?.t !== 'word' || !whole(re).test(t.text)) return null;
    this.i++;
    return t.lower;
  }
  /** Several words in a row, line ends allowed between them. */
  words(...res: RegExp[]): boolean {
    return (
      this.attempt(() => {
        for (const re of res) {
          this.soft();
          if (!this.word(re)) return false;
        }
        return true;
      }) ?? false
    );
  }
  /** Optional words in a row: consumed only all together. */
  maybe(...res: RegExp[]): boolean {
    return this.words(...res);
  }
  punct(chars: string): string | null {
    const t = this.peek();
    if (t?.t !== 'punct' || !chars.includes(t.text)) return null;
    this.i++;
    return t.text;
  }
  /** Skips line ends inside a paragraph. */
  soft(): void {
    while (this.peek()?.t === 'eol') this.i++;
  }
  /** Skips line ends and blank lines. */
  gap(): void {
    while (this.peek()?.t === 'eol' || this.peek()?.t === 'break') this.i++;
  }
  /** The current token is a quotation (after line breaks): consume it. */
  quote(): QuoteToken | null {
    return this.attempt(() => {
      this.gap();
      const t = this.peek();
      if (t?.t !== 'quote') return null;
      this.i++;
      return t;
    });
  }

  /** A citation starting at the current word, consuming the tokens it covers. */
  citation(): Citation | null {
    this.soft();
    const t = this.peek();
    if (!t || t.t !== 'word') return null;
    const window = this.text.slice(t.start, Math.min(this.end, t.start + 400));
    const c = parseCitationAt(window, 0, this.profile);
    if (!c) return null;
    const end = t.start + c.end;
    while (!this.done && (this.peek() as Token).start < end) this.i++;
    return { ...c, start: c.start + t.start, end };
  }

  /**
   * An operand: a quotation, or — after a colon — the rest of the line, or when the colon ends
   * the line the paragraphs that follow (see {@link block}). Null when neither is there.
   */
  operand(): Operand | null {
    return this.attempt(() => {
      this.soft();
      const colon = this.punct(':') !== null;
      const q = this.quote();
      if (q) return fromQuote(q);
      if (!colon) return null;
      const t = this.peek();
      if (!t) return null;
      if (t.t === 'eol' || t.t === 'break') return this.block();
      return this.restOfLine();
    });
  }

  /** The words from here to the end of the line, unquoted. */
  restOfLine(): Operand | null {
    const first = this.peek();
    if (!first || first.t === 'eol' || first.t === 'break') return null;
    let last = first;
    while (!this.done) {
      const t = this.peek() as Token;
      if (t.t === 'eol' || t.t === 'break') break;
      last = t;
      this.i++;
    }
    return unquoted(this.text.slice(first.start, last.end), first.start, last.end);
  }

  /**
   * Unquoted paragraphs after a colon at a line end: the first paragraph, then each following
   * one that continues it — anything after a line ending in ':', or an indented, bulleted or
   * labelled paragraph — up to a paragraph that starts an instruction or a quotation.
   */
  block(): Operand | null {
    this.gap();
    const first = this.peek();
    if (!first || first.t === 'quote') return null;
    let last: Token = first;
    const startLine = (t: Token) => this.text.lastIndexOf('\n', t.start - 1) + 1;
    while (!this.done) {
      const t = this.peek() as Token;
      if (t.t === 'break') {
        const next = this.peek(1);
        if (!next || next.t === 'quote') break;
        const lineText = this.text.slice(startLine(next), next.start);
        const soFar = this.text.slice(first.start, last.end).trimEnd();
        const continues =
          soFar.endsWith(':') ||
          lineText.length > 0 ||
          /^(?:[•*·\-–]|\(?[0-9A-Za-z]{1,6}[.)]|(?:chapter|clause|rule|section|article|part)\s+[0-9IVXLCDM]+\b[.:]?)\s/i.test(
            this.text.slice(next.start, next.start + 10),
          );
        const instruction = next.t === 'word' && INSTRUCTION_START.test(next.lower);
        if (!continues || instruction) break;
      }
      if (t.t !== 'eol' && t.t !== 'break') last = t;
      this.i++;
    }
    // From the line start when the block starts its line (its indentation matters), else from
    // its first word ("Add: 13.2 No member …").
    const lineStart = startLine(first);
    const from = this.text.slice(lineStart, first.start).trim() === '' ? lineStart : first.start;
    const raw = this.text.slice(from, last.end);
    this.blocks.push({ start: from, end: last.end });
    return unquoted(raw, first.start, last.end);
  }

  /** Skips to the end of the current sentence (a full stop, semicolon or paragraph break). */
  toSentenceEnd(): void {
    while (!this.done) {
      const t = this.peek() as Token;
      if (t.t === 'break') return;
      this.i++;
      if (t.t === 'punct' && '.;'.includes(t.text)) return;
    }
  }
}

/** `re` anchored to a whole word, any case; compiled once per pattern (readers call it a lot). */
const wholes = new Map<string, RegExp>();
function whole(re: RegExp): RegExp {
  let w = wholes.get(re.source);
  if (!w) wholes.set(re.source, (w = new RegExp(`^(?:${re.source})$`, 'i')));
  return w;
}

/** Words written out without quotation marks, as an operand. */
function unquoted(raw: string, start: number, end: number): Operand {
  return { text: quotedText(raw), raw, quoted: false, closed: true, start, end };
}

export function fromQuote(q: QuoteToken): Operand {
  return {
    text: quotedText(q.raw),
    raw: q.raw,
    quoted: true,
    closed: q.closed,
    start: q.start,
    end: q.end,
  };
}
