/**
 * Recognising a contents page pasted with a rulebook: the run of lines near the start that lists
 * the chapter and clause headings with their page numbers ("Chapter 1 Aims and values ....... 3")
 * or repeats the headings before the real text. Read as rules, each line would make a spurious
 * chapter or clause, and the real ones would then repeat their addresses.
 *
 * One pass over the lines, each looked at once: linear in the source.
 */

/** A chapter or clause heading as the rulebook reader recognises one, or null. */
export type HeadingOf = (line: string) => { kind: 'chapter' | 'clause'; label: string } | null;

/** The lines of a contents page, 0-based and inclusive. */
export interface ContentsPage {
  start: number;
  end: number;
}

type Line =
  | { kind: 'blank' | 'title' | 'page' | 'other' }
  | { kind: 'entry'; chapter: string | null; heading: boolean }
  | { kind: 'heading'; chapter: string | null };

/** "Contents", "Table of Contents", "CONTENTS:", and the "Page" over a column of numbers. */
const TITLE_RE = /^(?:(?:table\s+of\s+)?contents|page|pages)\s*:?$/i;
/** A page number alone on its line: "3", "iv". */
const PAGE_RE = /^(?:\d{1,3}|[ivxl]{1,6})$/i;
/** Markdown around a heading: `#` marks, a list bullet. */
const MARKS_RE = /^(?:#{1,6}[ \t]+|[-*+][ \t]+)/;

/**
 * The text before a page number printed with leaders — dots ("…… 3", ". . . 3"), an ellipsis,
 * a tab or two spaces or more — or null when the line does not end that way.
 */
function beforePage(line: string): string | null {
  let k = line.length;
  while (k > 0 && /[0-9]/.test(line[k - 1] as string)) k--;
  if (k === line.length) while (k > 0 && /[ivxl]/i.test(line[k - 1] as string)) k--;
  const digits = line.length - k;
  if (digits === 0 || digits > 6 || (/\d/.test(line[k] as string) && digits > 3)) return null;
  let dots = 0;
  let spaces = 0;
  let tabs = 0;
  let j = k;
  for (; j > 0; j--) {
    const ch = line[j - 1];
    if (ch === '.' || ch === '·' || ch === '…') dots += ch === '…' ? 3 : 1;
    else if (ch === ' ') spaces++;
    else if (ch === '\t') tabs++;
    else break;
  }
  if (j === 0 || j === k) return null;
  return dots >= 3 || tabs > 0 || (dots === 0 && spaces >= 2) ? line.slice(0, j) : null;
}

function classify(raw: string, headingOf: HeadingOf): Line {
  const line = raw.trim().replace(MARKS_RE, '');
  if (line === '') return { kind: 'blank' };
  if (TITLE_RE.test(line)) return { kind: 'title' };
  if (PAGE_RE.test(line)) return { kind: 'page' };
  const before = beforePage(line);
  if (before !== null) {
    const heading = headingOf(before.trim());
    return {
      kind: 'entry',
      chapter: heading?.kind === 'chapter' ? heading.label : null,
      heading: heading !== null,
    };
  }
  const heading = headingOf(line);
  if (heading)
    return { kind: 'heading', chapter: heading.kind === 'chapter' ? heading.label : null };
  return { kind: 'other' };
}

/**
 * The contents page among `lines` from `from` on, or null. It is the first run of contents
 * lines (a "Contents" title, entries with page numbers, headings, page numbers alone) after any
 * title page, taken for one when it lists two headings with page numbers or more (or, under a
 * "Contents" title, two entries of any kind), or when it is two headings or more followed by one
 * of its chapters again (the real text starting). It never takes in the real text's first heading.
 */
export function findContentsPage(
  lines: readonly string[],
  from: number,
  headingOf: HeadingOf,
): ContentsPage | null {
  let i = from;
  let line = classify(lines[i] ?? '', headingOf);
  // A title page: words, page numbers, blank lines.
  while (
    i < lines.length &&
    (line.kind === 'blank' || line.kind === 'other' || line.kind === 'page')
  ) {
    i++;
    line = classify(lines[i] ?? '', headingOf);
  }
  const start = i;
  const chapters = new Set<string>();
  let titled = false;
  let entries = 0;
  /** Entries that are headings: "Chapter 1 Aims …… 3", not a table row "Standard fee<tab>12". */
  let listedHeadings = 0;
  let headings = 0;
  /** The last line that is surely contents (not a heading the real text could start with). */
  let lastListed = -1;
  let lastContent = -1;
  let repeat = -1;
  for (; i < lines.length; i++) {
    line = i === start ? line : classify(lines[i] ?? '', headingOf);
    if (line.kind === 'blank') continue;
    if (line.kind === 'other') break;
    if (line.kind === 'heading') {
      if (line.chapter !== null && chapters.has(line.chapter)) {
        repeat = i;
        break;
      }
      headings++;
    } else {
      if (line.kind === 'title') titled = true;
      if (line.kind === 'entry') entries++;
      if (line.kind === 'entry' && line.heading) listedHeadings++;
      lastListed = i;
    }
    if ((line.kind === 'entry' || line.kind === 'heading') && line.chapter !== null) {
      chapters.add(line.chapter);
    }
    lastContent = i;
  }
  if (lastContent < 0) return null;
  if (repeat >= 0 && headings + listedHeadings >= 2) return { start, end: lastContent };
  if (listedHeadings >= 2 || (titled && entries >= 2)) return { start, end: lastListed };
  return null;
}
