/**
 * Unit labels: `5`, `A`, `ii`, `IV`. Counting them, recognising their kind and writing the n-th
 * label of a kind — needed to place units by sequence and to renumber after inserts and deletes.
 */
import type { Profile } from '../../schemas/profile';
import type { LabelKind } from './types';

const ROMAN: ReadonlyArray<[number, string]> = [
  [1000, 'm'],
  [900, 'cm'],
  [500, 'd'],
  [400, 'cd'],
  [100, 'c'],
  [90, 'xc'],
  [50, 'l'],
  [40, 'xl'],
  [10, 'x'],
  [9, 'ix'],
  [5, 'v'],
  [4, 'iv'],
  [1, 'i'],
];

/** Lower-case roman numeral for n ≥ 1. */
export function toRoman(n: number): string {
  let out = '';
  let rest = n;
  for (const [value, numeral] of ROMAN) {
    while (rest >= value) {
      out += numeral;
      rest -= value;
    }
  }
  return out;
}

/** The value of a well-formed roman numeral (either case), or null when it is not one. */
export function fromRoman(s: string): number | null {
  const lower = s.toLowerCase();
  if (!/^[ivxlcdm]+$/.test(lower)) return null;
  let total = 0;
  let rest = lower;
  for (const [value, numeral] of ROMAN) {
    while (rest.startsWith(numeral)) {
      total += value;
      rest = rest.slice(numeral.length);
    }
  }
  // Reject non-canonical forms such as "iiii" or "vx" by writing the value back.
  return rest === '' && toRoman(total) === lower ? total : null;
}

/** a → 1, z → 26, aa → 27 (the way long lettered lists continue). */
function fromAlpha(s: string): number | null {
  if (!/^[a-z]+$/i.test(s)) return null;
  let n = 0;
  for (const ch of s.toLowerCase()) n = n * 26 + (ch.charCodeAt(0) - 96);
  return n;
}

function toAlpha(n: number): string {
  let out = '';
  let rest = n;
  while (rest > 0) {
    const r = (rest - 1) % 26;
    out = String.fromCharCode(97 + r) + out;
    rest = Math.floor((rest - 1) / 26);
  }
  return out;
}

/** The ordinal of a label read as the given kind (1-based), or null if it is not of that kind. */
export function labelOrdinal(label: string, kind: LabelKind): number | null {
  switch (kind) {
    case 'decimal':
      return /^\d+$/.test(label) ? Number(label) : null;
    case 'upper-alpha':
      return /^[A-Z]+$/.test(label) ? fromAlpha(label) : null;
    case 'lower-alpha':
      return /^[a-z]+$/.test(label) ? fromAlpha(label) : null;
    case 'upper-roman':
      return /^[IVXLCDM]+$/.test(label) ? fromRoman(label) : null;
    case 'lower-roman':
      return /^[ivxlcdm]+$/.test(label) ? fromRoman(label) : null;
  }
}

/** The n-th label of a kind (n ≥ 1). */
export function labelAt(n: number, kind: LabelKind): string {
  switch (kind) {
    case 'decimal':
      return String(n);
    case 'upper-alpha':
      return toAlpha(n).toUpperCase();
    case 'lower-alpha':
      return toAlpha(n);
    case 'upper-roman':
      return toRoman(n).toUpperCase();
    case 'lower-roman':
      return toRoman(n);
  }
}

/** Every kind a label could be read as ("i" is a letter and a numeral; "5" only a number). */
export function labelKinds(label: string): LabelKind[] {
  const kinds: LabelKind[] = [
    'decimal',
    'upper-alpha',
    'lower-alpha',
    'upper-roman',
    'lower-roman',
  ];
  return kinds.filter((k) => labelOrdinal(label, k) !== null);
}

/**
 * A unit label at the start of a line: `5.`, `A.`, `ii.`, `(a)`, `a)`, `5A.`-style inserted labels
 * are not accepted (they are written as plain numbers in the rulebooks we model).
 * Returns the bare label, the marker as printed and the text after it.
 */
export function matchLabel(line: string): { label: string; marker: string; rest: string } | null {
  const m =
    /^(?:(\d{1,3}|[A-Z]{1,2}|[a-z]{1,2}|[ivxlcdm]{1,6}|[IVXLCDM]{1,6})\.|\((\d{1,3}|[A-Za-z]{1,6})\)|(\d{1,3}|[a-z]{1,6})\))(?:\s+|$)/.exec(
      line,
    );
  if (!m) return null;
  const label = (m[1] ?? m[2] ?? m[3]) as string;
  const marker = m[0].trimEnd();
  return { label, marker, rest: line.slice(m[0].length) };
}

/** Writes a marker for a new label in the same punctuation style as an existing marker. */
export function markerLike(example: string, label: string): string {
  if (example.startsWith('(')) return `(${label})`;
  if (example.endsWith(')')) return `${label})`;
  return `${label}.`;
}

/** How labels count at a depth of the tree (0 chapter, 1 clause, …); past the profile's last level, its last kind. */
export function levelKind(profile: Profile, depth: number): LabelKind {
  return profile.levels[Math.min(depth, profile.levels.length - 1)]?.kind ?? 'decimal';
}
