/**
 * Finding a chapter or clause by its printed heading — "BRANCH FINANCE", "17. Elections" — for
 * motions that name a part of the rules by its title instead of (or as well as) its number.
 * Every match is returned, so that the caller can refuse a title that is ambiguous rather than
 * guess.
 */
import { fromRoman } from '../rulebook/labels';
import type { Rulebook, Unit } from '../rulebook/types';

/** Level words that may stand before the number of a heading ("Chapter 17: Elections"). */
const LEVEL_WORD = /^(?:chapter|clause|section|part|article|rule)\s+/;
/** A heading's number and the title after it: "17. elections", "xvii elections", "4 - members". */
const NUMBERED = /^(\d{1,4}|[ivxlcdm]{1,8})(?:[.:)]|\s*[-–—])?\s+(\S.*)$/;
/** Marks around a title that are not part of it: quotes, brackets, closing punctuation. */
const EDGE = new Set([...`"'“”‘’()[]{}.,:;`]);

/**
 * A heading as compared: case folded, runs of whitespace as one space, curly quotes and dashes
 * as plain ones, without quotes or punctuation around it.
 */
function titleKey(text: string): string {
  const s = text
    .normalize('NFKC')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[‐‑–—]/g, '-')
    .replace(/\s+/g, ' ')
    .toLowerCase();
  // Loops, not /^[…]+|[…]+$/: that pattern is quadratic on a long run of such marks.
  let start = 0;
  let end = s.length;
  while (start < end && (s[start] === ' ' || EDGE.has(s[start] as string))) start++;
  while (end > start && (s[end - 1] === ' ' || EDGE.has(s[end - 1] as string))) end--;
  return s.slice(start, end);
}

/** True when a printed number names the unit's label: "17" or "xvii" for 17, "4" or "iv" for IV. */
function sameLabel(printed: string, label: string): boolean {
  if (printed === label.toLowerCase()) return true;
  const value = (s: string) => (/^\d+$/.test(s) ? Number(s) : fromRoman(s));
  const a = value(printed);
  return a !== null && a === value(label);
}

/**
 * The chapters and clauses, in document order, whose heading is the text: the title alone
 * ("BRANCH FINANCE" finds the chapter titled "Branch Finance") or the number and the title
 * ("17. Elections" finds chapter 17 when it is titled "Elections", and not a clause "Elections"
 * elsewhere). Case, runs of whitespace and surrounding punctuation do not count. Empty when
 * nothing matches; several units when the title is ambiguous.
 */
export function citationByTitle(rulebook: Rulebook, text: string): Unit[] {
  const whole = titleKey(text);
  if (whole === '') return [];
  const numbered = NUMBERED.exec(whole.replace(LEVEL_WORD, ''));
  const label = numbered?.[1];
  const rest = numbered?.[2] === undefined ? '' : titleKey(numbered[2]);
  const matches = (unit: Unit): boolean => {
    if (unit.title === '') return false;
    const key = titleKey(unit.title);
    return key === whole || (label !== undefined && key === rest && sameLabel(label, unit.label));
  };
  const found: Unit[] = [];
  for (const chapter of rulebook.chapters) {
    if (matches(chapter)) found.push(chapter);
    for (const clause of chapter.children) {
      if (clause.kind === 'clause' && matches(clause)) found.push(clause);
    }
  }
  return found;
}
