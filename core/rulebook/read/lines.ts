/**
 * One line of the body at a time: each line is a heading, a line of the preamble, a numbered
 * unit or text, and goes to the reader of that concern.
 */
import { findContentsPage } from '../contents';
import { markdownBlocks } from '../markdown';
import { matchLabel } from '../labels';
import { readFrontMatter } from './front-matter';
import { fragmentHeadings, openChapter, openClause, readHeading } from './headings';
import { leadingColumns } from './source';
import type { LineState } from './state';
import { readText } from './text';
import { openUnit } from './units';

/**
 * The block structure before the lines are read: Markdown headings and front matter (through
 * markdown.ts), or a fragment's `#` lines, which need no Markdown parser.
 */
export function readBlocks(st: LineState, fragment: boolean, edition: string | undefined): void {
  if (fragment) {
    st.headingLines = fragmentHeadings(st.lines);
    return;
  }
  if (st.format !== 'markdown') return;
  const blocks = markdownBlocks(st.lines);
  st.headingLines = blocks.headings;
  if (blocks.frontMatter) {
    const end = blocks.frontMatter.endLine + 1;
    st.rulebook.frontMatter = st.lines.slice(0, end).join('\n');
    st.bodyStart = end;
    readFrontMatter(blocks.frontMatter.value, 1, st.meta, edition, st.diagnostics);
  }
}

/** Finds a contents page pasted before the rules, to be kept verbatim and read as nothing. */
export function skipContents(st: LineState): void {
  const contents = findContentsPage(st.lines, st.bodyStart, (line) => {
    const h = readHeading('text', undefined, line, st.patterns);
    return h.kind === 'chapter' || h.kind === 'clause' ? h : null;
  });
  if (!contents) return;
  st.contents = contents;
  st.report(
    'warning',
    'contents-page',
    `Unexpected contents page, expected the rules: lines ${contents.start + 1}–${contents.end + 1} were read as a contents page and skipped`,
    contents.start + 1,
    1,
  );
}

/** Reads the 0-based line `i` of the body. */
export function readLine(st: LineState, i: number): void {
  const raw = st.lines[i] ?? '';
  const { contents } = st;
  if (contents && i >= contents.start && i <= contents.end) return toPreamble(st, raw);
  if (raw.trim() === '') {
    st.blank++;
    st.paragraphOpen = false;
    return;
  }
  const indent = leadingColumns(raw);
  const trimmed = raw.trim();
  const heading = readHeading(st.format, st.headingLines.get(i), trimmed, st.patterns);
  if (heading.kind === 'chapter') return openChapter(st, heading, i, indent);
  if (heading.kind === 'clause') return openClause(st, heading, trimmed, i, indent);
  if (heading.kind === 'other') {
    st.report(
      'warning',
      'unexpected-heading',
      `Unexpected heading '${trimmed}', expected 'Chapter N: title' or 'Clause IV. title'`,
      i + 1,
      indent + 1,
    );
  }
  if (!st.preambleDone) return readPreamble(st, raw, trimmed, i, indent);
  if (st.format === 'text' && /^\d{1,4}$/.test(trimmed) && !matchLabel(trimmed)) {
    // A lone number in pasted PDF text is a page number, not rule text.
    st.blank = 0;
    return;
  }
  const label = heading.kind === 'other' ? null : matchLabel(trimmed);
  if (label && openUnit(st, label, i, indent)) return;
  readText(st, trimmed, i, indent);
}

/**
 * A line before the first chapter: kept verbatim. In Markdown it is a warning (the front matter
 * says what the edition is); in plain text a title line such as "Rule Book 2024" names the edition.
 */
function readPreamble(st: LineState, raw: string, trimmed: string, i: number, indent: number) {
  if (st.format === 'markdown') {
    st.report(
      'warning',
      'text-outside-chapter',
      'Unexpected text before the first chapter, expected a chapter heading',
      i + 1,
      indent + 1,
    );
  } else if (!st.meta.edition) {
    const year = /\b((?:19|20)\d\d)\b/.exec(trimmed);
    if (year && /rule\s*book|constitution|rules/i.test(trimmed))
      st.meta.edition = year[1] as string;
  }
  toPreamble(st, raw);
}

/** Keeps a line, and the blank lines before it, in the preamble. */
function toPreamble(st: LineState, raw: string): void {
  // One push at a time: a spread of a million blank lines would overflow the stack.
  for (; st.blank > 0; st.blank--) st.rulebook.preamble.push('');
  st.rulebook.preamble.push(raw);
}
