/**
 * Chapter and clause headings: recognised in Markdown only on `#`/`##` lines (as remark found
 * them), in plain text on lines that start with the level word ("Chapter 5 Selections …").
 */
import type { Profile } from '../../../schemas/profile';
import { labelAt } from '../labels';
import type { LabelKind } from '../types';

export type Heading =
  | { kind: 'chapter' | 'clause'; label: string; title: string }
  /** A Markdown heading that is neither (`### Notes`, `# Foreword`). */
  | { kind: 'other' }
  | { kind: 'none' };

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
