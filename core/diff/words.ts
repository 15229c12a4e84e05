/**
 * Word-level diff of one unit's text. Per unit, not per document: a unit is at most a few thousand
 * words, so a keystroke re-diffs in well under a millisecond (PERFORMANCE D1).
 *
 * Words are whitespace-separated tokens with their punctuation attached ("branches," is one word)
 * and a paragraph break is a token of its own, so rendering tokens back is unambiguous.
 */
import { diffArrays } from 'diff';

/** Collapses runs of spaces, keeps single paragraph breaks, trims — the form units are stored in. */
export function normaliseText(text: string): string {
  return text
    .replace(/[ \t\r\f\v\u00a0]+/g, ' ')
    .replace(/ ?\n[\s]*/g, '\n')
    .trim();
}

/** Splits normalised text into word tokens and `\n` paragraph tokens. */
export function tokenize(text: string): string[] {
  return text.match(/[^\s]+|\n/g) ?? [];
}

/** Joins tokens back into normalised text: words by one space, no space around paragraph breaks. */
export function renderTokens(tokens: readonly string[]): string {
  let out = '';
  for (const token of tokens) {
    if (token === '\n' || out === '' || out.endsWith('\n')) out += token;
    else out += ` ${token}`;
  }
  return out;
}

/** One change: base tokens [from, to) become `tokens` (empty = deletion, from === to = insertion). */
export interface Hunk {
  from: number;
  to: number;
  tokens: string[];
}

/** The changes that turn `base` into `proposed`, in base token coordinates, left to right. */
export function wordHunks(base: readonly string[], proposed: readonly string[]): Hunk[] {
  const hunks: Hunk[] = [];
  let at = 0;
  let open: Hunk | null = null;
  for (const part of diffArrays(base as string[], proposed as string[])) {
    if (!part.added && !part.removed) {
      if (open) hunks.push(open);
      open = null;
      at += part.count ?? part.value.length;
      continue;
    }
    open ??= { from: at, to: at, tokens: [] };
    if (part.removed) {
      at += part.count ?? part.value.length;
      open.to = at;
    } else {
      open.tokens.push(...part.value);
    }
  }
  if (open) hunks.push(open);
  return hunks;
}

/** Share of tokens two texts have in common (0–1), to tell an amended unit from a new one. */
export function similarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 1;
  let common = 0;
  for (const part of diffArrays(a as string[], b as string[])) {
    if (!part.added && !part.removed) common += part.count ?? part.value.length;
  }
  return (2 * common) / (a.length + b.length);
}

/** Counts words (paragraph breaks are not words). */
export function wordCount(text: string): number {
  return tokenize(text).filter((t) => t !== '\n').length;
}

/** Length of the longest common prefix of two strings. */
export function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** Length of the longest common suffix of two strings that leaves their first `skip` characters alone. */
export function commonSuffix(a: string, b: string, skip = 0): number {
  let n = 0;
  while (
    n < a.length - skip &&
    n < b.length - skip &&
    a[a.length - 1 - n] === b[b.length - 1 - n]
  ) {
    n++;
  }
  return n;
}
