/**
 * Words a person marks in a text (the `mark-words` fix): what the recorded answer looks like, and
 * the strict reading of it. The answer is written by a browser and kept with the motion, so it is
 * read like any other input: a mark that does not fit the text is a problem to report, never a
 * reason to guess.
 *
 * The value names each set and lists its character ranges into the fix's text, end exclusive:
 * `words=12-18` (one set), `new=62-81,102-105;struck=96-101` (two; a set may be empty, `struck=`).
 */
import { diffArrays } from 'diff';
import type { MarkSet, MarkWords } from '../../diagnostics';

export type Range = [number, number];

/** The recorded value for marks, one list of ranges per set, in the fix's order of sets. */
export function encodeMarks(sets: readonly Pick<MarkSet, 'name' | 'marked'>[]): string {
  return sets.map((s) => `${s.name}=${s.marked.map(([a, b]) => `${a}-${b}`).join(',')}`).join(';');
}

/**
 * The marks a value records, each set's ranges sorted, or what is wrong with them (worded to
 * follow "Unexpected marks …"): a value that is not the grammar above, a set the fix did not ask
 * for or one missing, a range that is empty, outside the text, splits a word or overlaps another.
 */
export function readMarks(
  text: string,
  names: readonly string[],
  value: string,
): { sets: Map<string, Range[]> } | { problem: string } {
  const sets = new Map<string, Range[]>();
  for (const part of value.split(';')) {
    const m = /^([a-z]+)=((?:\d+-\d+(?:,\d+-\d+)*)?)$/.exec(part.trim());
    if (!m) return { problem: `‘${short(part)}’, expected a set of ranges such as "words=12-18"` };
    const name = m[1] as string;
    if (!names.includes(name) || sets.has(name))
      return { problem: `set ‘${name}’, expected ${names.map((n) => `‘${n}’`).join(' and ')}` };
    const ranges: Range[] = (m[2] ? (m[2] as string).split(',') : []).map(
      (r) => r.split('-').map(Number) as Range,
    );
    sets.set(
      name,
      ranges.sort((x, y) => x[0] - y[0]),
    );
  }
  const missing = names.find((n) => !sets.has(n));
  if (missing) return { problem: `without set ‘${missing}’, expected one for each question` };
  const all = [...sets.values()].flat().sort((x, y) => x[0] - y[0]);
  for (const [a, b] of all) {
    if (!(a < b)) return { problem: `range ${a}-${b}, which is empty, expected at least one word` };
    if (b > text.length)
      return {
        problem: `range ${a}-${b}, outside the text of ${text.length} characters, expected ranges in it`,
      };
    if (!onWordBoundaries(text, a, b))
      return {
        problem: `range ${a}-${b} (‘${short(text.slice(a, b))}’), which does not start and end at word boundaries, expected whole words`,
      };
  }
  for (let k = 1; k < all.length; k++) {
    const [a, b] = all[k - 1] as Range;
    const [c] = all[k] as Range;
    if (c < b)
      return { problem: `range ${a}-${b} overlapping another, expected each word marked once` };
  }
  return { sets };
}

/** True when [a, b) holds whole words: it neither splits a word nor starts or ends in space. */
function onWordBoundaries(text: string, a: number, b: number): boolean {
  const letter = (i: number) => i >= 0 && i < text.length && WORD.test(text[i] as string);
  const space = (i: number) => /\s/.test(text[i] as string);
  return (
    !(letter(a - 1) && letter(a)) && !(letter(b - 1) && letter(b)) && !space(a) && !space(b - 1)
  );
}
const WORD = /[\p{L}\p{N}]/u;

/**
 * The text with the ranges taken out, white space tidied where they were: one space between the
 * words either side, none before punctuation that followed them.
 */
export function removeRanges(text: string, ranges: readonly Range[]): string {
  let out = '';
  let at = 0;
  for (const [a, b] of [...ranges].sort((x, y) => x[0] - y[0])) {
    out += text.slice(at, a);
    at = b;
    // The space after the words goes with them; before punctuation, the space before them does.
    if (/^[ \t]/.test(text.slice(at))) at++;
    else if (/^[,.;:)\]’”]|^$|^\n/.test(text.slice(at))) out = out.replace(/[ \t]+$/, '');
  }
  return out + text.slice(at);
}

/** White space made single spaces: how marked text is compared with a unit's text. */
export const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** The ranges of `given` whose words `current` does not have: the new words, from a word diff. */
export function newWords(current: string, given: string): Range[] {
  const words = wordsOf(given).map(([a, b]) => ({ w: given.slice(a, b), a, b }));
  const old = wordsOf(current).map(([a, b]) => current.slice(a, b));
  const out: Range[] = [];
  let k = 0;
  for (const part of diffArrays(
    old,
    words.map((x) => x.w),
  )) {
    const n = part.count ?? part.value.length;
    if (part.removed) continue;
    if (part.added) {
      const first = words[k] as (typeof words)[number];
      const last = words[k + n - 1] as (typeof words)[number];
      out.push([first.a, last.b]);
    }
    k += n;
  }
  return out;
}

/**
 * The words of a text as ranges, what a person can mark: a word, with the dots, hyphens and
 * apostrophes inside it ("5.IV.5", "re-selection", "CLP’s"), or a run of punctuation on its own —
 * so "December" can be struck without the full stop after it, and a sentence with it.
 */
export function wordsOf(text: string): Range[] {
  return [...text.matchAll(WORDS)].map((m) => [m.index ?? 0, (m.index ?? 0) + m[0].length]);
}
const WORDS = /[\p{L}\p{N}](?:[\p{L}\p{N}'’.\-/]*[\p{L}\p{N}])?|[^\s\p{L}\p{N}]+/gu;

/** Words marked (indices into `words`) as ranges, each run of neighbouring words one range. */
export function runsOf(words: readonly Range[], marked: ReadonlySet<number>): Range[] {
  const out: Range[] = [];
  words.forEach(([a, b], k) => {
    if (!marked.has(k)) return;
    const last = out.at(-1);
    if (last && marked.has(k - 1)) last[1] = b;
    else out.push([a, b]);
  });
  return out;
}

/** The words (indices into `words`) that lie inside the ranges: how marks are shown again. */
export function wordsIn(words: readonly Range[], ranges: readonly Range[]): Set<number> {
  const inside = new Set<number>();
  words.forEach(([a, b], k) => {
    if (ranges.some(([x, y]) => x <= a && b <= y)) inside.add(k);
  });
  return inside;
}

/** What the marks say, in words, for the record of the motion ("struck: ‘seven’; new: ‘ten’"). */
export function describeMarks(fix: MarkWords, value: string): string | null {
  const read = readMarks(
    fix.text,
    fix.sets.map((s) => s.name),
    value,
  );
  if ('problem' in read) return null;
  return fix.sets
    .map((s) => {
      const ranges = read.sets.get(s.name) ?? [];
      const words = ranges.map(([a, b]) => `‘${fix.text.slice(a, b)}’`).join(', ');
      return `${s.label}: ${words || 'none'}`;
    })
    .join('; ');
}

const short = (s: string) => (s.length > 40 ? `${s.slice(0, 37)}…` : s);
