/**
 * Reading rule citations out of free text, the way branches actually write them: long form
 * ("Chapter 5, Clause IV, Sub-clause 5.A"), with edition and page, compact ("5.IV.5.A", "C5.IV.5"),
 * decimal ("Rule 5.4.1"), relative ("Clause I.1.A above"), lists and ranges. A small hand-written
 * scanner over the string (sticky regexes, explicit offsets) rather than a grammar library, so the
 * offsets are exact and nothing can throw or backtrack badly on arbitrary input.
 *
 * How the numbers are read depends on the level word and on the label kinds of the profile: each
 * reading ("chapter.clause.units", "clause.units", "units" …) is tried in turn and the first whose
 * labels are all of the right kind for their level wins.
 */
import type { Profile } from '../../schemas/profile';
import { fromRoman, labelAt, labelOrdinal } from '../rulebook/labels';
import type { LabelKind } from '../rulebook/types';

/** A possibly partial reference to one unit. */
export interface CitationTarget {
  chapter?: string;
  clause?: string;
  units: string[];
}

export interface Citation {
  /** Offsets of the whole citation in the input string (end exclusive). */
  start: number;
  end: number;
  /** "2022" from "The Labour Party Rule Book 2022, …" or "Rule Book 2024". */
  edition?: string;
  /** "35" from "(pg 35)", "(page 35)", "(p. 35)". */
  page?: string;
  /** One, or several for a list ("Sub-clauses 5 and 5.A", "Clause IV.5 and IV.6"). */
  targets: CitationTarget[];
  /** True when targets = [from, to] of a range ("5.A through to 5.E", "5.A to 5.E", "5.A–5.E"). */
  range: boolean;
  /** "Clause I.1.A above". */
  relative?: 'above' | 'below';
}

/** Label kinds used when no profile is given (Labour's). */
const DEFAULT_KINDS: readonly LabelKind[] = [
  'decimal',
  'upper-roman',
  'decimal',
  'upper-alpha',
  'lower-roman',
  'lower-alpha',
  'decimal',
];

/**
 * What a level word says about the numbers after it: a depth (0 chapter, 1 clause, 2+ units),
 * 'generic' for words used with decimal numbering (Rule, Article, Section), 'sub' for
 * "Sub-section" (a clause when it is a lower-case numeral, "Subsection iv) of Article 8", else a
 * unit), 'point' for "point 6 of Clause 5(xvii)" (a unit, and a citation only together with the
 * place it is in: "at this point 6 members" is prose), 'compact' for the "C" of "C5.IV.5",
 * 'bare' for a compact citation with no word at all ("5.IV.5.A").
 */
type WordRole = number | 'generic' | 'sub' | 'point';
type Role = WordRole | 'compact' | 'bare';

/** Level words known whatever the profile; a trailing "." marks an abbreviation. */
const GENERIC_WORDS: ReadonlyArray<[string, WordRole]> = [
  ['Chapter', 0],
  ['Chapters', 0],
  ['Chap.', 0],
  ['Ch.', 0],
  ['Part', 0],
  ['Parts', 0],
  ['Clause', 1],
  ['Clauses', 1],
  ['Cl.', 1],
  ['Sub-clause', 2],
  ['Sub-clauses', 2],
  ['Paragraph', 3],
  ['Paragraphs', 3],
  ['Para.', 3],
  ['Paras.', 3],
  ['Sub-paragraph', 4],
  ['Sub-paragraphs', 4],
  ['Sub-para.', 4],
  ['Sub-paras.', 4],
  ['Item', 5],
  ['Items', 5],
  ['Sub-item', 6],
  ['Sub-items', 6],
  ['Rule', 'generic'],
  ['Rules', 'generic'],
  ['Article', 'generic'],
  ['Articles', 'generic'],
  ['Section', 'generic'],
  ['Sections', 'generic'],
  ['Sub-section', 'sub'],
  ['Sub-sections', 'sub'],
  ['Point', 'point'],
  ['Points', 'point'],
];

/** Everything derived from a profile that the scanner needs, built once per profile. */
interface Ctx {
  kinds: readonly LabelKind[];
  words: Map<string, WordRole>;
  wordRe: RegExp;
  editionRe: RegExp;
  trailingEditionRe: RegExp;
  listSepRe: RegExp;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "Sub-clause" → "subclause": the key a matched word is looked up by. */
const wordKey = (word: string): string => word.toLowerCase().replace(/[^a-z]/g, '');

/** Regex source for a word: hyphens and spaces optional and interchangeable, "." optional. */
function wordSource(word: string): string {
  const abbreviated = word.endsWith('.');
  const bare = abbreviated ? word.slice(0, -1) : word;
  const source = bare
    .split(/[\s\-‐‑–]+/)
    .map(escapeRe)
    .join('[\\s\\-‐‑–]?');
  return abbreviated ? `${source}\\.?` : source;
}

const contexts = new WeakMap<Profile, Ctx>();
let defaultCtx: Ctx | undefined;

function contextFor(profile: Profile | undefined): Ctx {
  if (!profile) return (defaultCtx ??= buildContext(undefined));
  let ctx = contexts.get(profile);
  if (!ctx) {
    ctx = buildContext(profile);
    contexts.set(profile, ctx);
  }
  return ctx;
}

function buildContext(profile: Profile | undefined): Ctx {
  const kinds = profile ? profile.levels.map((l) => l.kind) : DEFAULT_KINDS;
  const entries: Array<[string, WordRole]> = [...GENERIC_WORDS];
  profile?.levels.forEach((level, depth) => {
    entries.push([level.name, depth], [level.plural, depth]);
  });
  const words = new Map<string, WordRole>();
  for (const [word, role] of entries) words.set(wordKey(word), role);
  const sources = [...new Set(entries.map(([word]) => wordSource(word)))].sort(
    (a, b) => b.length - a.length,
  );
  const wordRe = new RegExp(`(?:${sources.join('|')})(?![A-Za-z])`, 'iy');

  const orgs = [...new Set([profile?.organisation, 'Labour Party', 'Labour'])]
    .filter((o): o is string => !!o && o.trim() !== '')
    .sort((a, b) => b.length - a.length)
    .map((o) => o.trim().split(/\s+/).map(escapeRe).join('\\s+'));
  const org = `(?:(?:${orgs.join('|')})(?:['’]s)?\\s+)?`;
  // "Rule Book", "Rulebook", "Rule-book". `\\s*(?:,\\s*)?`, not `\\s*,?\\s*`: the same matches
  // without quadratic backtracking over a long run of spaces after "Rule Book".
  const book = 'rule(?:\\s*-\\s*|\\s*)book(?![A-Za-z])';
  const edition = `(?:the\\s+)?(?:${org}${book}\\s*(?:,\\s*)?(\\d{4})|${org}(\\d{4})\\s+${org}${book})(?!\\d)`;
  const editionRe = new RegExp(edition, 'iy');
  const trailingEditionRe = new RegExp(`(?:\\s*,\\s*|\\s+(?:of|in|from)\\s+)${edition}`, 'iy');

  const and = profile?.citation.and.trim();
  const ands = ['and', '&', ...(and && and !== 'and' ? [escapeRe(and)] : [])];
  const listSepRe = new RegExp(
    `\\s*,\\s*(?:and\\s+)?|\\s+(?:${ands.join('|')})\\s+|\\s*&\\s*`,
    'iy',
  );

  return { kinds, words, wordRe, editionRe, trailingEditionRe, listSepRe };
}

/** Runs a sticky regex at `pos`; null when it does not match exactly there. */
function matchAt(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

const RANGE_SEP_RE = /\s+(?:through\s+to|through|thru|up\s+to|to)\s+|\s*[-–—]\s*/iy;
const PAREN_PAGE_RE = /\s*\(\s*(?:pages?|pgs?|pp?)\.?\s*(\d+(?:\s*[-–]\s*\d+)?)\s*\)/iy;
// `\s*,\s+|\s+`, not `\s*,?\s+`: the same matches, without quadratic backtracking over a long
// run of spaces.
const BARE_PAGE_RE =
  /(?:\s*,\s+|\s+)(?:pages?|pgs?\.?|pp?\.)\s*(\d+(?:\s*[-–]\s*\d+)?)(?![\d\w])/iy;
const PAREN_TITLE_RE = /\s*\([^()\n]{1,200}\)/y;
const RELATIVE_RE = /\s+(above|below)(?![A-Za-z])/iy;
const TITLE_LEAD_RE = /[ \t]*[:–—-]?[ \t]*/y;
const INSTRUCTION_WORD_RE =
  /\b(?:delete|replace|substitute|insert|add|after|before|amend|make|reads?|renumber)\b/i;
const SPACE_RE = /\s*/y;
const AFTER_EDITION_RE = /\s*[,:]?\s*/y;
/**
 * What may stand between the components of one citation. After "of" or "in" comes the place the
 * citation so far is in ("Sub-clause 5 of Clause IV"); after a comma or a space, more often a
 * deeper unit ("Clause II, Section 2B").
 */
const JOINERS: ReadonlyArray<{ re: RegExp; outer: boolean }> = [
  { re: /\s*,\s*/y, outer: false },
  { re: /\s+(?:of|in)\s+(?:the\s+)?/iy, outer: true },
  { re: /\s+/y, outer: false },
];
/**
 * One label: a number, optionally with a capital glued on ("5A") or a lower-case roman numeral
 * ("7viii", "14i": chapter and clause as other organisations print them), or letters.
 */
const LABEL_RE =
  /(\d{1,4})(?:([A-Z]{1,2})|([ivx]{1,7}))?(?![A-Za-z0-9])|([A-Za-z]{1,8})(?![A-Za-z0-9])/y;
/** A label in parentheses after another ("8(xi)", "2B (ii)"): a lower-case numeral or letter. */
const PAREN_LABEL_RE = /\(([ivxlcdm]{2,7}|[a-z])\)/y;
/** "i.e." and "e.g." after a level word ("the rule i.e. …") are prose, not labels. */
const ABBREVIATION_RE = /(?:i\.e|e\.g)\.?(?![A-Za-z0-9])/iy;

const isAlnum = (ch: string | undefined): boolean => ch !== undefined && /[A-Za-z0-9]/.test(ch);
const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';

/** Letters accepted as a label: roman numerals, one or two capitals, short lower-case letters. */
function acceptLetters(word: string, first: boolean): boolean {
  if (/^[A-Z]{1,2}$/.test(word)) return true;
  if (/^(?:[IVXLCDM]+|[ivxlcdm]+)$/.test(word) && fromRoman(word) !== null) return true;
  // "a" but not "as": a two-letter lower-case label only after a dot, where prose cannot be.
  return first ? /^[a-z]$/.test(word) : /^[a-z]{1,2}$/.test(word);
}

/** A dotted label sequence ("IV.5.A"), as tokens so that a reading can back off token by token. */
interface Item {
  tokens: Array<{ labels: string[]; end: number }>;
  /**
   * A number with a lower-case numeral glued on or in parentheses ("7viii", "8(xi)", "4 (x)"):
   * the way other organisations print chapter and clause, whatever level word stands before it.
   */
  pair: boolean;
  /** Some label was printed in parentheses: later list items may be too ("8(xi) and (xii)"). */
  parens: boolean;
}

/**
 * The most labels read as one item. No rulebook nests this deep, and without a bound
 * "Rule 1.1.1.…" over a pasted line made `readFirst` quadratic in its length.
 */
const MAX_TOKENS = 32;

interface ItemOptions {
  /** The item may open with a label in parentheses ("Subsection (iv)"): after a level word only. */
  parenFirst?: boolean;
  /** A parenthesised label may follow after one space ("clause 4 (x)"): after a level word only. */
  spacedParen?: boolean;
}

/** A label in parentheses at `p` (after at most one space when allowed), or null. */
function parenLabelAt(
  text: string,
  p: number,
  spaced: boolean,
): { label: string; end: number } | null {
  const at = spaced && (text[p] === ' ' || text[p] === '\t') ? p + 1 : p;
  const m = matchAt(PAREN_LABEL_RE, text, at);
  if (!m) return null;
  const label = m[1] as string;
  if (label.length > 1 && fromRoman(label) === null) return null;
  return { label, end: at + m[0].length };
}

function readItem(text: string, pos: number, options: ItemOptions = {}): Item | null {
  if (matchAt(ABBREVIATION_RE, text, pos)) return null;
  const tokens: Item['tokens'] = [];
  let pair = false;
  let parens = false;
  let p = pos;
  /** Reads labels in parentheses at `p` ("(xi)", "(ii)(a)"); the first of them, if any. */
  const readParens = (spaced: boolean): string | undefined => {
    let firstLabel: string | undefined;
    let q = parenLabelAt(text, p, spaced);
    while (q && tokens.length < MAX_TOKENS) {
      firstLabel ??= q.label;
      tokens.push({ labels: [q.label], end: q.end });
      p = q.end;
      parens = true;
      q = parenLabelAt(text, p, false);
    }
    return firstLabel;
  };
  if (!(options.parenFirst && readParens(false) !== undefined)) {
    while (tokens.length < MAX_TOKENS) {
      const m = matchAt(LABEL_RE, text, p);
      if (!m) break;
      const first = tokens.length === 0;
      let labels: string[];
      if (m[1] !== undefined && m[2] !== undefined) labels = [m[1], m[2]];
      else if (m[1] !== undefined && m[3] !== undefined) {
        if (fromRoman(m[3]) === null) break;
        labels = [m[1], m[3]];
        pair ||= first;
      } else if (m[1] !== undefined) labels = [m[1]];
      else if (m[4] !== undefined && acceptLetters(m[4], first)) labels = [m[4]];
      else break;
      p += m[0].length;
      tokens.push({ labels, end: p });
      // Labels in parentheses end the item: "8(xi)", "2B (ii)(a)", never "8(xi).2".
      const inParens = readParens(options.spacedParen === true);
      if (inParens !== undefined) {
        pair ||= first && labels.length === 1 && m[1] !== undefined && /^[ivx]+$/.test(inParens);
        break;
      }
      if (text[p] !== '.') break;
      p += 1;
    }
  }
  const last = tokens.at(-1);
  if (!last) return null;
  // "Subsection iv)", "Clause iv)": a lower-case label printed with a closing parenthesis only.
  const label = last.labels.at(-1) ?? '';
  if (text[last.end] === ')' && text[last.end - 1] !== ')' && /^[a-z]+$/.test(label)) last.end += 1;
  return { tokens, pair, parens };
}

/** The labels of the first `count` tokens. */
const labelsOf = (item: Item, count: number): string[] =>
  item.tokens.slice(0, count).flatMap((t) => t.labels);

// ---- Readings of a label sequence ----------------------------------------------------------

/**
 * The label as it is written at `depth`, or null when it is not of that level's kind. A clause
 * numeral is taken in either case and written in the profile's ("iv" → "IV"): organisations that
 * print "4.x", "Clause iv)" or "Part viii" mean the clause the rulebook numbers X, IV or VIII.
 */
function fitAt(label: string, depth: number, kinds: readonly LabelKind[]): string | null {
  const kind = kinds[depth];
  if (kind === undefined || labelOrdinal(label, kind) !== null) return label;
  if (depth !== 1 || (kind !== 'upper-roman' && kind !== 'lower-roman')) return null;
  if (label !== label.toLowerCase() && label !== label.toUpperCase()) return null;
  const n = fromRoman(label);
  return n === null ? null : labelAt(n, kind);
}

function validAt(label: string, depth: number, kinds: readonly LabelKind[]): boolean {
  return fitAt(label, depth, kinds) !== null;
}

function validFrom(labels: readonly string[], depth: number, kinds: readonly LabelKind[]): boolean {
  return labels.every((label, i) => validAt(label, depth + i, kinds));
}

/** "4" → "IV" when clauses are roman: decimal citations number clauses in arabic. */
function arabicClause(label: string, kinds: readonly LabelKind[]): string | null {
  if (!/^\d+$/.test(label)) return null;
  const n = Number(label);
  return n >= 1 ? labelAt(n, kinds[1] ?? 'upper-roman') : null;
}

type Reading = (s: readonly string[], kinds: readonly LabelKind[]) => CitationTarget | null;

const chapterOnly: Reading = ([chapter, ...rest], kinds) =>
  chapter !== undefined && rest.length === 0 && validAt(chapter, 0, kinds)
    ? { chapter, units: [] }
    : null;

/** "5.IV.5.A", "4.x", "8(xi)": chapter, clause as printed (in the profile's case), units. */
const compact: Reading = ([chapter, printed, ...units], kinds) => {
  if (chapter === undefined || printed === undefined || !validAt(chapter, 0, kinds)) return null;
  const clause = fitAt(printed, 1, kinds);
  return clause !== null && validFrom(units, 2, kinds) ? { chapter, clause, units } : null;
};

/** "5.4.5.A": chapter, clause as an arabic number, units. */
const decimal: Reading = ([chapter, number, ...units], kinds) => {
  if (chapter === undefined || number === undefined || !validAt(chapter, 0, kinds)) return null;
  const clause = arabicClause(number, kinds);
  return clause !== null && validFrom(units, 2, kinds) ? { chapter, clause, units } : null;
};

/** "IV.5.A": clause, units. */
const clauseRelative =
  (minLength: number): Reading =>
  (s, kinds) => {
    const [printed, ...units] = s;
    const clause = printed === undefined ? null : fitAt(printed, 1, kinds);
    return clause !== null && s.length >= minLength && validFrom(units, 2, kinds)
      ? { clause, units }
      : null;
  };

/** "Clause 4" → Clause IV. */
const clauseNumber: Reading = ([number, ...rest], kinds) => {
  if (number === undefined || rest.length > 0) return null;
  const clause = arabicClause(number, kinds);
  return clause === null ? null : { clause, units: [] };
};

/** "5.A.ii": units below a clause, checked from `depth`. */
const unitsFrom =
  (depth: number): Reading =>
  (s, kinds) =>
    s.length > 0 && validFrom(s, depth, kinds) ? { units: [...s] } : null;

/** Units as written, unchecked: after a sub-clause word anything label-like is a citation. */
const lenient: Reading = (s) => (s.length > 0 ? { units: [...s] } : null);

/** "Subsection iv)": a lower-case numeral as the clause (a capital "C" is a unit's letter). */
const lowerClause: Reading = (s, kinds) =>
  /^[ivxlcdm]+$/.test(s[0] ?? '') ? clauseRelative(1)(s, kinds) : null;

/**
 * "Section 3, subsection II": an upper-case numeral as the clause, where it is not a single letter
 * that is also a unit's ("Sub-section C" is unit C).
 */
const upperClause: Reading = (s, kinds) =>
  /^(?:[IVX]+|[IVXLCDM]{2,})$/.test(s[0] ?? '') ? clauseRelative(1)(s, kinds) : null;

/**
 * The readings of a "Section" or "Sub-section" word just after a clause ("Clause II, Section 2",
 * "Clause IV, Sub-section C"): a unit below it, not another chapter or clause.
 */
function belowReadings(role: Role): Reading[] {
  if (role === 'generic') return [unitsFrom(2)];
  if (role === 'sub') return [unitsFrom(2), lenient];
  return [];
}

/** True when chapters are numbered and clauses roman, so that "8(xi)" can mean chapter 8, clause XI. */
const pairable = (kinds: readonly LabelKind[]): boolean =>
  kinds[0] === 'decimal' && (kinds[1] === 'upper-roman' || kinds[1] === 'lower-roman');

/** The readings to try for the first item after a word, in order. */
function firstReadings(role: Role, kinds: readonly LabelKind[]): Reading[] {
  switch (role) {
    case 'generic':
      // Last, "Section 2B (ii)": units, when the labels are no chapter or clause.
      return [compact, decimal, clauseRelative(1), chapterOnly, unitsFrom(2)];
    case 'sub':
      return [lowerClause, unitsFrom(2), upperClause, lenient];
    case 'point':
      return [unitsFrom(2), lenient];
    case 'compact':
      return [compact];
    case 'bare':
      // Only where clauses are roman (compact checks the clause's kind), so that prose numbers
      // ("2.5 per cent", "1.5.3") never match.
      return kinds[1] === 'upper-roman' || kinds[1] === 'lower-roman' ? [compact] : [];
    case 0:
      // Last, "Part viii of section 4": a numeral that cannot be a chapter is the clause.
      return [chapterOnly, compact, decimal, clauseRelative(1)];
    case 1:
      return [clauseRelative(1), compact, decimal, clauseNumber, unitsFrom(2)];
    default:
      return [unitsFrom(2), clauseRelative(2), unitsFrom(role), lenient];
  }
}

interface Reader {
  target: CitationTarget;
  /** How many labels the reading used, and where it ends. */
  count: number;
  end: number;
}

/** The longest prefix of an item (by tokens) that one of the readings accepts; `whole`: all of it. */
function readFirst(
  item: Item,
  readings: readonly Reading[],
  kinds: readonly LabelKind[],
  whole = false,
): Reader | null {
  const shortest = whole ? item.tokens.length : 1;
  for (let n = item.tokens.length; n >= shortest; n--) {
    const labels = labelsOf(item, n);
    for (const read of readings) {
      const target = read(labels, kinds);
      if (target) return { target, count: labels.length, end: item.tokens[n - 1]?.end ?? 0 };
    }
  }
  return null;
}

/** A target's labels with the depth each stands at. */
function depthPath(t: CitationTarget): Array<{ label: string; depth: number }> {
  const out: Array<{ label: string; depth: number }> = [];
  if (t.chapter !== undefined) out.push({ label: t.chapter, depth: 0 });
  if (t.clause !== undefined) out.push({ label: t.clause, depth: 1 });
  t.units.forEach((label, i) => out.push({ label, depth: 2 + i }));
  return out;
}

function fromDepthPath(path: ReadonlyArray<{ label: string; depth: number }>): CitationTarget {
  const target: CitationTarget = { units: [] };
  for (const { label, depth } of path) {
    if (depth === 0) target.chapter = label;
    else if (depth === 1) target.clause = label;
    else target.units.push(label);
  }
  return target;
}

/** "Clause IV.5 and 6", "5.A to E": a shorter item replaces the last labels of the first item. */
function align(
  s: readonly string[],
  first: CitationTarget,
  kinds: readonly LabelKind[],
): CitationTarget | null {
  const path = depthPath(first);
  const k = s.length;
  if (k === 0 || k >= path.length) return null;
  const head = path.slice(0, path.length - k);
  const tail: Array<{ label: string; depth: number }> = [];
  for (const [i, entry] of path.slice(path.length - k).entries()) {
    const label = fitAt(s[i] ?? '', entry.depth, kinds);
    if (label === null) return null;
    tail.push({ label, depth: entry.depth });
  }
  return fromDepthPath([...head, ...tail]);
}

/** A later list item that names no chapter or clause shares those of the first item. */
function inherit(t: CitationTarget, first: CitationTarget): CitationTarget {
  if (t.chapter !== undefined) return t;
  if (t.clause !== undefined) return withDefined({ ...t, chapter: first.chapter });
  if (t.units.length === 0) return t;
  return withDefined({ chapter: first.chapter, clause: first.clause, units: t.units });
}

/** Drops undefined chapter/clause keys so targets compare cleanly. */
function withDefined(t: CitationTarget): CitationTarget {
  return {
    ...(t.chapter !== undefined && { chapter: t.chapter }),
    ...(t.clause !== undefined && { clause: t.clause }),
    units: t.units,
  };
}

/** Reads the second and later items of a list or range, relative to the first. */
function readLater(
  item: Item,
  role: Role,
  first: Reader,
  kinds: readonly LabelKind[],
): Reader | null {
  const singleFirst = first.count === 1;
  const aligned: Reading = (s, k) => align(s, first.target, k);
  let readings: Reading[];
  if (typeof role === 'number' && role >= 2) {
    readings = [unitsFrom(2), clauseRelative(2), aligned, unitsFrom(role)];
  } else {
    const own = firstReadings(role, kinds).filter(
      (r) => singleFirst || (r !== chapterOnly && r !== clauseNumber),
    );
    readings = [
      aligned,
      ...own.map(
        (r): Reading =>
          (s, k) => {
            const t = r(s, k);
            return t && inherit(t, first.target);
          },
      ),
    ];
  }
  return readFirst(item, readings, kinds);
}

// ---- Components: one level word and its numbers ------------------------------------------

interface Component {
  targets: CitationTarget[];
  range: boolean;
  end: number;
  /** The depth the word names, for "Sub-clause 5, Paragraph A". */
  wordDepth?: number;
  /** A unit named by a word of no fixed depth ("Sub-section C", "point 6"), read below a unit. */
  unitWord?: boolean;
  /** "point 6": a citation only once merged with the place it is in. */
  weak?: boolean;
}

/** How far back a line's indentation is looked at. */
const MAX_INDENT = 40;

/**
 * "12.6:" or "29.1:" at the start of a line: a decimal citation with no word before it, the way
 * some organisations head an amendment. Anywhere else a bare "10.30:" is prose (a time).
 */
function headsLine(text: string, pos: number, item: Item): boolean {
  const end = item.tokens.at(-1)?.end ?? pos;
  if (item.tokens.length < 2 || text[end] !== ':' || /\S/.test(text[end + 1] ?? ' ')) return false;
  for (let k = pos - 1; k >= Math.max(0, pos - MAX_INDENT); k--) {
    if (text[k] === '\n') return true;
    if (text[k] !== ' ' && text[k] !== '\t') return false;
  }
  return pos <= MAX_INDENT && /^[ \t]*$/.test(text.slice(0, pos));
}

/**
 * One level word and its numbers at `pos`. `below`: read the numbers as units below a clause
 * already cited, for the words that can name either (null for the others).
 */
function parseComponent(
  text: string,
  pos: number,
  ctx: Ctx,
  allowBare: boolean,
  below = false,
): Component | null {
  let role: Role;
  let p: number;
  if (text[pos] === 'C' && isDigit(text[pos + 1])) {
    role = 'compact';
    p = pos + 1;
  } else {
    const m = matchAt(ctx.wordRe, text, pos);
    const known = m ? ctx.words.get(wordKey(m[0])) : undefined;
    if (m && known !== undefined) {
      role = known;
      p = pos + m[0].length;
      p += matchAt(SPACE_RE, text, p)?.[0].length ?? 0;
    } else if (allowBare && isDigit(text[pos]) && text[pos - 1] !== '.') {
      role = 'bare';
      p = pos;
    } else return null;
  }
  const alternative = below ? belowReadings(role) : null;
  if (alternative?.length === 0) return null;
  const worded = role !== 'bare' && role !== 'compact';
  const firstItem = readItem(text, p, { parenFirst: worded, spacedParen: worded });
  if (!firstItem) return null;
  // A bare "3x" or "12v" is prose (three times, twelve volts); "7viii" and "8(xi)" are citations.
  const glued = firstItem.tokens[0]?.labels[1];
  if (role === 'bare' && firstItem.pair && glued !== undefined && glued.length < 2) return null;
  const pairs = !below && firstItem.pair && pairable(ctx.kinds);
  const readings = alternative ?? firstReadings(role, ctx.kinds);
  // Below a clause, the numbers are a unit only if all of them are ("Section 3.3.2" is not).
  const first =
    readFirst(firstItem, pairs ? [compact, ...readings] : readings, ctx.kinds, below) ??
    (role === 'bare' && headsLine(text, pos, firstItem)
      ? readFirst(firstItem, [decimal], ctx.kinds, true)
      : null);
  if (!first) return null;

  const targets = [first.target];
  let end = first.end;
  let range = false;
  const rangeSep = matchAt(RANGE_SEP_RE, text, end);
  const later: ItemOptions = { parenFirst: firstItem.parens };
  const rangeItem = rangeSep ? readItem(text, end + rangeSep[0].length, later) : null;
  const to = rangeItem ? readLater(rangeItem, role, first, ctx.kinds) : null;
  if (to) {
    targets.push(to.target);
    end = to.end;
    range = true;
  } else {
    for (;;) {
      const sep = matchAt(ctx.listSepRe, text, end);
      const item = sep ? readItem(text, end + sep[0].length, later) : null;
      const next = item ? readLater(item, role, first, ctx.kinds) : null;
      if (!next) break;
      targets.push(next.target);
      end = next.end;
    }
  }
  const component: Component = { targets: targets.map(withDefined), range, end };
  if (typeof role === 'number') component.wordDepth = role;
  if (role === 'sub' || role === 'point' || below) component.unitWord = true;
  if (role === 'point') component.weak = true;
  return component;
}

const top = (t: CitationTarget): number =>
  t.chapter !== undefined ? 0 : t.clause !== undefined ? 1 : 2;
const bottom = (t: CitationTarget): number =>
  t.units.length > 0 ? 2 : t.clause !== undefined ? 1 : 0;

/** Fills a target's missing chapter/clause from an outer one. */
const fillFrom = (t: CitationTarget, outer: CitationTarget): CitationTarget =>
  withDefined({
    chapter: t.chapter ?? outer.chapter,
    clause: t.clause ?? outer.clause,
    units: t.units,
  });

/**
 * Combines the citation so far with the next component when together they name one place:
 * "Chapter 5" + "Clause IV", "Sub-clause 5" + "of Clause IV", "Sub-clause 5" + "Paragraph A".
 * Null when they overlap (a second citation starts).
 */
function merge(acc: Component, next: Component, kinds: readonly LabelKind[]): Component | null {
  const [a] = acc.targets;
  const [b] = next.targets;
  if (!a || !b) return null;
  // Loops, not Math.min(...spread): a pasted list of 100,000 units would overflow the stack.
  const least = (ts: readonly CitationTarget[], f: (t: CitationTarget) => number) =>
    ts.reduce((m, t) => Math.min(m, f(t)), Number.POSITIVE_INFINITY);
  const most = (ts: readonly CitationTarget[], f: (t: CitationTarget) => number) =>
    ts.reduce((m, t) => Math.max(m, f(t)), Number.NEGATIVE_INFINITY);
  const accTop = least(acc.targets, top);
  const accBottom = most(acc.targets, bottom);
  const nextTop = least(next.targets, top);
  const nextBottom = most(next.targets, bottom);
  const single = acc.targets.length === 1;
  // Merged, a "point 6" has its place: it is a citation now.
  if (single && accBottom < nextTop) {
    return { ...next, weak: false, targets: next.targets.map((t) => fillFrom(t, a)) };
  }
  const depth = 2 + a.units.length;
  if (
    single &&
    a.units.length > 0 &&
    nextTop === 2 &&
    (next.wordDepth === depth || (next.unitWord && next.wordDepth === undefined)) &&
    next.targets.every((t) => validFrom(t.units, depth, kinds))
  ) {
    return {
      ...next,
      weak: false,
      targets: next.targets.map((t) => ({ ...a, units: [...a.units, ...t.units] })),
    };
  }
  if (next.targets.length === 1 && nextBottom < accTop) {
    return { ...acc, weak: false, end: next.end, targets: acc.targets.map((t) => fillFrom(t, b)) };
  }
  return null;
}

/**
 * A joiner (", ", " of ", " ") and a component that merges with the citation so far. A word that
 * can name a unit or a chapter ("Section 2") is read as the unit first after a comma or a space
 * under a cited clause, and as the place the citation is in first after "of".
 */
function joinNext(text: string, pos: number, acc: Component, ctx: Ctx): Component | null {
  const underClause = acc.targets.length === 1 && acc.targets.every((t) => bottom(t) >= 1);
  for (const joiner of JOINERS) {
    const m = matchAt(joiner.re, text, pos);
    if (!m) continue;
    const at = pos + m[0].length;
    const order = !underClause ? [false] : joiner.outer ? [false, true] : [true, false];
    for (const below of order) {
      const next = parseComponent(text, at, ctx, false, below);
      const merged = next && merge(acc, next, ctx.kinds);
      if (merged) return merged;
    }
  }
  return null;
}

/**
 * The next piece of the same citation after `pos`: a component, possibly after a chapter or
 * clause title ("(Selections, rights …)" or "Selections, rights and responsibilities,").
 * Returns the combined component, whose end is where the citation now ends.
 */
function parseNext(text: string, pos: number, acc: Component, ctx: Ctx): Component | null {
  const joined = joinNext(text, pos, acc, ctx);
  if (joined) return joined;
  const paren = matchAt(PAREN_TITLE_RE, text, pos);
  if (paren && !matchAt(PAREN_PAGE_RE, text, pos)) {
    const after = pos + paren[0].length;
    const next = joinNext(text, after, acc, ctx);
    if (next) return next;
    // A title followed by the page: keep the title inside the citation.
    if (matchAt(PAREN_PAGE_RE, text, after)) return { ...acc, end: after };
  }
  // A title without parentheses runs to a comma; only chapters and clauses have titles.
  if (acc.targets.length !== 1 || acc.targets.some((t) => t.units.length > 0)) return null;
  const afterCaps = capitalTitleNext(text, pos, acc, ctx);
  if (afterCaps) return afterCaps;
  const start = pos + (matchAt(TITLE_LEAD_RE, text, pos)?.[0].length ?? 0);
  if (start === pos) return null;
  let commas = 0;
  for (let q = start; q < text.length && q - start < 160; q++) {
    const ch = text[q];
    if (ch === '\n' || ch === '.' || ch === ';' || ch === '(' || ch === ')') break;
    if (ch !== ',') continue;
    if (q === start) break;
    // "Clause II — Replace Chapter 1, …" is a citation and an instruction, not a title.
    if (INSTRUCTION_WORD_RE.test(text.slice(start, q))) break;
    const next = joinNext(text, q, acc, ctx);
    if (next) return next;
    if (++commas >= 3) break;
  }
  return null;
}

/** One word of a title printed in capitals ("MEETINGS", "AND", "&"), after its space. */
const CAPITAL_WORD_RE = /[ \t]+(?:[A-Z][A-Z'’-]+|&)(?![A-Za-z0-9])/y;
/** The most words of such a title. */
const CAPITAL_WORDS = 8;

/**
 * "Section 10 MEETINGS Clause iv)", "Section 10. MEETINGS Clause iv)": a chapter or clause
 * title printed in capitals, with no comma, between the numbers. Tried after each word, so that
 * only a title followed by the rest of the citation is taken for one.
 */
function capitalTitleNext(text: string, pos: number, acc: Component, ctx: Ctx): Component | null {
  let q = text[pos] === '.' || text[pos] === ':' ? pos + 1 : pos;
  for (let words = 0; words < CAPITAL_WORDS; words++) {
    const m = matchAt(CAPITAL_WORD_RE, text, q);
    // "Chapter 5 DELETE …" is a citation and an instruction.
    if (!m || INSTRUCTION_WORD_RE.test(m[0])) return null;
    q += m[0].length;
    const next = joinNext(text, q, acc, ctx);
    if (next) return next;
  }
  return null;
}

function editionOf(m: RegExpExecArray): string {
  return m[1] ?? m[2] ?? '';
}

/** Parses one citation starting exactly at `pos`, or null. */
function parseAt(text: string, pos: number, ctx: Ctx): Citation | null {
  let p = pos;
  let edition: string | undefined;
  const ed = matchAt(ctx.editionRe, text, pos);
  if (ed) {
    edition = editionOf(ed);
    p = pos + ed[0].length;
    p += matchAt(AFTER_EDITION_RE, text, p)?.[0].length ?? 0;
  }
  let acc = parseComponent(text, p, ctx, !ed);
  if (!acc) return null;
  // "Sub-section ii of Clause IV", "Section 3 of Chapter 5": a unit of the place named after it.
  const outer = JOINERS.find((j) => j.outer);
  if (outer && matchAt(outer.re, text, acc.end)) {
    const unit = parseComponent(text, p, ctx, false, true);
    const placed =
      unit && !parseNext(text, acc.end, acc, ctx) && parseNext(text, unit.end, unit, ctx);
    if (placed) acc = placed;
  }
  let page: string | undefined;
  for (;;) {
    const pg: RegExpExecArray | null =
      page === undefined
        ? (matchAt(PAREN_PAGE_RE, text, acc.end) ?? matchAt(BARE_PAGE_RE, text, acc.end))
        : null;
    if (pg) {
      page = pg[1]?.replace(/\s+/g, '');
      acc = { ...acc, end: acc.end + pg[0].length };
      continue;
    }
    const next = parseNext(text, acc.end, acc, ctx);
    if (!next || next.end <= acc.end) break;
    acc = next;
  }
  if (acc.weak) return null;
  let end = acc.end;
  let relative: Citation['relative'];
  const rel = matchAt(RELATIVE_RE, text, end);
  if (rel) {
    relative = rel[1]?.toLowerCase() === 'above' ? 'above' : 'below';
    end += rel[0].length;
  }
  if (edition === undefined) {
    const trailing = matchAt(ctx.trailingEditionRe, text, end);
    if (trailing) {
      edition = editionOf(trailing);
      end += trailing[0].length;
    }
  }
  const citation: Citation = { start: pos, end, targets: acc.targets, range: acc.range };
  if (edition !== undefined) citation.edition = edition;
  if (page !== undefined) citation.page = page;
  if (relative !== undefined) citation.relative = relative;
  return citation;
}

/** Where a citation may begin: the start of a word, not inside "Sub-clause" or "1.5". */
function canStart(text: string, i: number): boolean {
  if (!isAlnum(text[i])) return false;
  const prev = text[i - 1];
  if (isAlnum(prev)) return false;
  if (prev !== undefined && /[-‐‑–]/.test(prev) && /[A-Za-z]/.test(text[i - 2] ?? '')) return false;
  return true;
}

function scan(text: string, profile: Profile | undefined, limit: number): Citation[] {
  const ctx = contextFor(profile);
  const out: Citation[] = [];
  let i = 0;
  while (i < text.length && out.length < limit) {
    const citation = citationAt(text, i, ctx);
    if (citation) {
      out.push(citation);
      i = citation.end;
    } else i++;
  }
  return out;
}

function citationAt(text: string, pos: number, ctx: Ctx): Citation | null {
  return canStart(text, pos) ? parseAt(text, pos, ctx) : null;
}

/**
 * The citation that starts exactly at `pos` (offsets in `text`), or null — without looking
 * further on: for a reader that is at a place where a citation may stand. (`parseCitation` on the
 * text from there tries every later position before it could say no.)
 */
export function parseCitationAt(text: string, pos: number, profile?: Profile): Citation | null {
  return citationAt(text, pos, contextFor(profile));
}

/**
 * Every citation in free text, in order and non-overlapping, so that motion text can be linked to
 * the units it amends. Accepts every style whatever the profile; the profile adds its level names
 * and label kinds (how "5.4" and "Clause 5" are read). Never throws.
 */
export function parseCitations(text: string, profile?: Profile): Citation[] {
  return scan(text, profile, Number.POSITIVE_INFINITY);
}

/** The first citation in the text, or null: for a field meant to hold one citation. */
export function parseCitation(text: string, profile?: Profile): Citation | null {
  return scan(text, profile, 1)[0] ?? null;
}

/**
 * The first edition the text names as people write it — "The Labour Party Rulebook 2016", "Rule
 * Book 2016", "Rulebook 2016", "2016 Rule Book", "the 2016 rulebook" — or null: for a motion's
 * edition named outside its citations (its heading, "… of the Rulebook 2016 as follows"). The
 * same reading as a citation's `edition`; the profile adds its organisation's name.
 */
export function editionNamed(text: string, profile?: Profile): string | null {
  return editionMention(text, profile)?.edition ?? null;
}

/** {@link editionNamed} with where the words naming it stand (offsets, end exclusive). */
export function editionMention(
  text: string,
  profile?: Profile,
): { edition: string; start: number; end: number } | null {
  const ctx = contextFor(profile);
  for (let i = 0; i < text.length; i++) {
    const m = canStart(text, i) ? matchAt(ctx.editionRe, text, i) : null;
    if (m) return { edition: editionOf(m), start: i, end: i + m[0].length };
  }
  return null;
}

/**
 * A full unit path from a possibly partial target, filling the chapter and clause from the place
 * the citation was written (a motion's clause). Null when they are missing from both; a target
 * that names its chapter takes nothing from a context in another chapter.
 */
export function resolveTarget(
  target: CitationTarget,
  context: { chapter?: string; clause?: string },
): string[] | null {
  const { chapter, clause, units } = target;
  if (chapter !== undefined) {
    if (clause !== undefined) return [chapter, clause, ...units];
    if (units.length === 0) return [chapter];
    return context.clause !== undefined && context.chapter === chapter
      ? [chapter, context.clause, ...units]
      : null;
  }
  if (context.chapter === undefined) return null;
  if (clause !== undefined) return [context.chapter, clause, ...units];
  if (units.length === 0 || context.clause === undefined) return null;
  return [context.chapter, context.clause, ...units];
}

/**
 * The paths a range covers ("5.A to 5.E" → 5.A, 5.B, … 5.E), read from the actual siblings so that
 * gaps and inserted labels count as they stand in the rulebook. Null unless from and to share a
 * parent, both are among `siblings` (the parent's children's labels, in order) and from ≤ to.
 */
export function expandRange(
  from: readonly string[],
  to: readonly string[],
  siblings: readonly string[],
): string[][] | null {
  if (from.length === 0 || from.length !== to.length) return null;
  const parent = from.slice(0, -1);
  if (parent.some((label, i) => to[i] !== label)) return null;
  const a = siblings.indexOf(from[from.length - 1] ?? '');
  const b = siblings.indexOf(to[to.length - 1] ?? '');
  if (a < 0 || b < 0 || a > b) return null;
  return siblings.slice(a, b + 1).map((label) => [...parent, label]);
}
