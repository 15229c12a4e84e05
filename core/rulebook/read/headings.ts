/**
 * Chapter and clause headings: recognised in Markdown only on `#`/`##` lines (as remark found
 * them), in plain text on lines that start with the level word ("Chapter 5 Selections …").
 */
import type { Profile } from '../../../schemas/profile';
import { labelAt } from '../labels';
import type { LabelKind, Unit } from '../types';
import type { LineState } from './state';

export type Heading =
  | { kind: 'chapter' | 'clause'; label: string; title: string }
  /** A Markdown heading that is neither (`### Notes`, `# Foreword`). */
  | { kind: 'other' }
  | { kind: 'none' };

/** A chapter or clause heading as read. */
export type HeadingOf = Extract<Heading, { kind: 'chapter' | 'clause' }>;

export interface HeadingPatterns {
  chapter: RegExp;
  clause: RegExp;
}

/** The heading patterns of a profile ("Chapter 5: …", "Clause IV. …" and its own level names), built once per parse. */
export function headingPatterns(profile: Profile): HeadingPatterns {
  const words = (i: number, fallback: string) =>
    [fallback, profile.levels[i]?.name ?? fallback].map(escapeRegExp).join('|');
  return {
    chapter: new RegExp(`^(?:${words(0, 'Chapter')})\\s+(\\d+)\\b\\s*[:.\\-–—]?\\s*(.*)$`, 'i'),
    clause: new RegExp(
      `^(?:${words(1, 'Clause')})\\s+([IVXLCDM]+|\\d+)\\b\\s*[:.\\-–—]?\\s*(.*)$`,
      'i',
    ),
  };
}

/**
 * What heading a trimmed line is. `markdownDepth` is the `#` count remark gave the line, or
 * undefined when it is not a heading there (Markdown decides by structure, not by words).
 */
export function readHeading(
  format: 'markdown' | 'text',
  markdownDepth: number | undefined,
  line: string,
  { chapter: chapterRe, clause: clauseRe }: HeadingPatterns,
): Heading {
  if (format === 'markdown') {
    if (markdownDepth === undefined) return { kind: 'none' };
    const text = line.replace(/^#+\s*/, '').replace(/\s+#+\s*$/, '');
    const re = markdownDepth === 1 ? chapterRe : markdownDepth === 2 ? clauseRe : null;
    const m = re?.exec(text);
    if (!m) return { kind: 'other' };
    return {
      kind: markdownDepth === 1 ? 'chapter' : 'clause',
      label: m[1] as string,
      title: (m[2] ?? '').trim(),
    };
  }
  const chapter = chapterRe.exec(line);
  if (chapter)
    return { kind: 'chapter', label: chapter[1] as string, title: (chapter[2] ?? '').trim() };
  const clause = clauseRe.exec(line);
  // "Clause 5 of the model rules applies" is prose; a heading has a title-like rest or nothing.
  if (clause && (/^[IVXLCDM]+$/.test(clause[1] as string) || (clause[2] ?? '') === '')) {
    return { kind: 'clause', label: clause[1] as string, title: (clause[2] ?? '').trim() };
  }
  return { kind: 'none' };
}

/**
 * The `#`/`##` lines of a fragment (units quoted in a motion, wrapped in headings by the caller),
 * with their depth: there is no other Markdown to find, so remark is not needed.
 */
export function fragmentHeadings(lines: readonly string[]): Map<number, number> {
  const headings = new Map<number, number>();
  lines.forEach((line, i) => {
    const hashes = /^(#{1,2}) /.exec(line);
    if (hashes) headings.set(i, (hashes[1] as string).length);
  });
  return headings;
}

/** "Clause 4" in a rulebook whose clauses are roman becomes IV, so addresses stay canonical. */
export function normaliseClauseLabel(label: string, kind: LabelKind): string {
  if (/^\d+$/.test(label) && kind !== 'decimal') return labelAt(Number(label), kind);
  return kind === 'upper-roman' ? label.toUpperCase() : label;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A chapter heading opens a chapter: clauses and units after it are its own. */
export function openChapter(st: LineState, heading: HeadingOf, i: number, indent: number): void {
  if (!st.withinLimits(0, i, indent)) return;
  st.preambleDone = true;
  const { label, title } = heading;
  const chapter = st.newUnit('chapter', 0, label, '', title, [label], i, indent);
  st.chapter = chapter;
  st.placeUnit(chapter, null, st.rulebook.chapters, 'Chapter');
  st.rulebook.chapters.push(chapter);
  st.clause = null;
  startHeading(st, chapter);
}

/** A clause heading opens a clause of the open chapter; before any chapter it is an error. */
export function openClause(
  st: LineState,
  heading: HeadingOf,
  trimmed: string,
  i: number,
  indent: number,
): void {
  st.preambleDone = true;
  const { chapter } = st;
  if (!chapter) {
    st.report(
      'error',
      'clause-outside-chapter',
      `Unexpected clause heading '${trimmed}' before any chapter, expected a 'Chapter' heading first`,
      i + 1,
      indent + 1,
    );
    st.blank = 0;
    return;
  }
  if (!st.withinLimits(1, i, indent)) return;
  const label = normaliseClauseLabel(heading.label, st.kindAt(1));
  const path = [chapter.label, label];
  const clause = st.newUnit('clause', 1, label, '', heading.title, path, i, indent);
  st.clause = clause;
  st.placeUnit(clause, chapter, chapter.children, 'Clause');
  chapter.children.push(clause);
  startHeading(st, clause);
}

/** After a heading, text is the heading unit's own and no numbered unit is open. */
function startHeading(st: LineState, unit: Unit): void {
  st.stack = [];
  st.target = unit;
  st.blank = 0;
  st.paragraphOpen = false;
}
