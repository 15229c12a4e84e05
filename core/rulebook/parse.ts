/**
 * Parses a rulebook edition — Markdown (SPEC §3) or plain text pasted from a PDF or Word file —
 * into a unit tree with addresses, plus diagnostics. Never throws on content.
 *
 * Markdown block structure (front matter, headings) comes from markdown.ts; the numbered units are
 * read line by line, because their literal labels (`A.`, `ii.`) are not Markdown lists and their
 * text must be sliced from the source exactly as written.
 *
 * Time is linear in the source: the profile's limits (characters, units, depth) are enforced as
 * error diagnostics, the size and "is it text at all" before anything else, units and depth as
 * the tree is built, where they stop the reading; a rulebook with no chapter is an error too.
 */
import { capDiagnostics, diagnostic, type Diagnostic } from '../diagnostics';
import type { Profile } from '../../schemas/profile';
import { labourProfile } from '../profiles';
import { unitAddress } from './address';
import { labelAt, labelOrdinal, levelKind, matchLabel } from './labels';
import { Addresses, checkSequence } from './read/checks';
import { readFrontMatter } from './read/front-matter';
import {
  fragmentHeadings,
  headingPatterns,
  normaliseClauseLabel,
  readHeading,
} from './read/headings';
import { count, leadingColumns, lineOffsets, refuseSource } from './read/source';
import { findContentsPage } from './contents';
import { markdownBlocks } from './markdown';
import { markOrigin } from './tree';
import type { ParseResult, Position, Rulebook, RulebookMeta, Unit } from './types';

export interface ParseOptions {
  profile?: Profile;
  /** Force a format; by default front matter or `#` headings mean Markdown. */
  format?: 'markdown' | 'text';
  /** Edition to use when the source does not name one (plain text). */
  edition?: string;
  /**
   * A few units quoted in a motion, wrapped in `#`/`##` lines by the caller: no front matter or
   * other Markdown to find, so the headings are read line by line instead of through remark.
   */
  fragment?: boolean;
}

/** Tells Markdown from plain text: front matter or `#` headings mean Markdown. */
export function detectFormat(source: string): 'markdown' | 'text' {
  return /^---\r?\n/.test(source) || /^#{1,2} /m.test(source) ? 'markdown' : 'text';
}

interface Open {
  unit: Unit;
  /** Column (0-based) of the label; deeper-indented labels are children. */
  col: number;
}

/** Parses a rulebook source into its unit tree and diagnostics. */
export function parseRulebook(input: string, options: ParseOptions = {}): ParseResult {
  const profile = options.profile ?? labourProfile;
  const { limits } = profile;
  // A fragment is motion text the caller wrapped; its size and bytes were the motion's to check.
  const refused = options.fragment ? null : refuseSource(input, limits.rulebookChars);
  if (refused) {
    const meta = { organisation: profile.organisation, title: 'Rule Book', edition: '' };
    const format = options.format ?? 'text';
    const rulebook: Rulebook = { format, meta, frontMatter: null, preamble: [], chapters: [] };
    return { rulebook, diagnostics: [refused] };
  }
  const source = input.replace(/\r\n?/g, '\n');
  const format = options.format ?? detectFormat(source);
  const lines = source.split('\n');
  const diagnostics: Diagnostic[] = [];
  const patterns = headingPatterns(profile);
  const kindAt = (depth: number) => levelKind(profile, depth);

  let frontMatter: string | null = null;
  let bodyStart = 0;
  const meta: RulebookMeta = {
    organisation: profile.organisation,
    title: 'Rule Book',
    edition: options.edition ?? '',
  };
  /** Line numbers (0-based) of Markdown headings, with their depth. */
  let headingLines = new Map<number, number>();

  if (options.fragment) {
    headingLines = fragmentHeadings(lines);
  } else if (format === 'markdown') {
    const blocks = markdownBlocks(lines);
    headingLines = blocks.headings;
    if (blocks.frontMatter) {
      const end = blocks.frontMatter.endLine + 1;
      frontMatter = lines.slice(0, end).join('\n');
      bodyStart = end;
      readFrontMatter(blocks.frontMatter.value, 1, meta, options.edition, diagnostics);
    }
  }

  const rulebook: Rulebook = { format, meta, frontMatter, preamble: [], chapters: [] };
  let chapter: Unit | null = null;
  let clause: Unit | null = null;
  let stack: Open[] = [];
  /** The unit receiving text, and whether the last line was blank (a paragraph break). */
  let target: Unit | null = null;
  let blank = 0;
  let paragraphOpen = false;
  let preambleDone = false;
  /** Units made so far, against the profile's limit; past it, or too deep, reading stops. */
  let units = 0;
  let stopped = false;
  const withinLimits = (depth: number, line: number, col: number): boolean => {
    units++;
    if (units > limits.rulebookUnits) {
      diagnostics.push(
        diagnostic(
          'error',
          'too-many-units',
          `Unexpected unit number ${count(units)}, expected at most ${count(limits.rulebookUnits)} units (the profile's limit)`,
          line + 1,
          col + 1,
        ),
      );
      stopped = true;
    } else if (depth + 1 > limits.rulebookDepth) {
      diagnostics.push(
        diagnostic(
          'error',
          'nested-too-deep',
          `Unexpected unit nested ${depth + 1} levels deep, expected at most ${limits.rulebookDepth} levels (the profile's limit)`,
          line + 1,
          col + 1,
        ),
      );
      stopped = true;
    }
    return !stopped;
  };

  const addresses = new Addresses(profile);
  const placeAddress = (unit: Unit, parent: Unit | null, previous: Unit | undefined) =>
    addresses.place(unit, parent, previous, diagnostics);

  const offsets = lineOffsets(lines);
  const pos = (line: number, col: number): Position => ({
    line: line + 1,
    column: col + 1,
    offset: (offsets[line] ?? source.length) + col,
  });

  const newUnit = (
    kind: Unit['kind'],
    depth: number,
    label: string,
    marker: string,
    title: string,
    path: string[],
    line: number,
    col: number,
  ): Unit => ({
    kind,
    depth,
    label,
    marker,
    title,
    text: '',
    path,
    address: unitAddress(meta.edition, path),
    children: [],
    start: pos(line, col),
    end: pos(line, lines[line]?.length ?? 0),
    sourceLines: [lines[line] ?? ''],
    blankBefore: blank,
  });

  /** Adds a line of text to the receiving unit, as a continuation or a new paragraph. */
  const addText = (unit: Unit, text: string, line: number, newParagraph: boolean) => {
    const clean = text.replace(/\s+/g, ' ').trim();
    if (clean === '') return;
    if (unit.text === '') unit.text = clean;
    else unit.text += (newParagraph ? '\n' : ' ') + clean;
    extendTo(unit, line);
  };

  const extendTo = (unit: Unit, line: number) => {
    // Text after a unit's own sub-units cannot be re-emitted in place: render that unit afresh.
    // Otherwise its source lines run from its start to `line`: add the ones since its last end
    // (not a fresh slice each time, which made a long unit quadratic).
    if (unit.children.length > 0) unit.sourceLines = [];
    else for (let l = unit.end.line; l <= line; l++) unit.sourceLines.push(lines[l] ?? '');
    unit.end = pos(line, lines[line]?.length ?? 0);
  };

  // A contents page pasted before the rules: kept verbatim in the preamble, read as nothing.
  const contents = options.fragment
    ? null
    : findContentsPage(lines, bodyStart, (line) => {
        const h = readHeading('text', undefined, line, patterns);
        return h.kind === 'chapter' || h.kind === 'clause' ? h : null;
      });
  if (contents) {
    diagnostics.push(
      diagnostic(
        'warning',
        'contents-page',
        `Unexpected contents page, expected the rules: lines ${contents.start + 1}–${contents.end + 1} were read as a contents page and skipped`,
        contents.start + 1,
        1,
      ),
    );
  }

  for (let i = bodyStart; i < lines.length && !stopped; i++) {
    const raw = lines[i] ?? '';
    if (contents && i >= contents.start && i <= contents.end) {
      for (; blank > 0; blank--) rulebook.preamble.push('');
      rulebook.preamble.push(raw);
      continue;
    }
    if (raw.trim() === '') {
      blank++;
      paragraphOpen = false;
      continue;
    }
    const indent = leadingColumns(raw);
    const trimmed = raw.trim();

    const heading = readHeading(format, headingLines.get(i), trimmed, patterns);
    if (heading.kind === 'chapter') {
      if (!withinLimits(0, i, indent)) break;
      preambleDone = true;
      chapter = newUnit('chapter', 0, heading.label, '', heading.title, [heading.label], i, indent);
      const previous = rulebook.chapters.at(-1);
      if (placeAddress(chapter, null, previous)) {
        const d = checkSequence(previous?.label, heading.label, kindAt(0), i, indent, 'Chapter');
        if (d) diagnostics.push(d);
      }
      rulebook.chapters.push(chapter);
      clause = null;
      stack = [];
      target = chapter;
      blank = 0;
      paragraphOpen = false;
      continue;
    }
    if (heading.kind === 'clause') {
      preambleDone = true;
      if (!chapter) {
        diagnostics.push(
          diagnostic(
            'error',
            'clause-outside-chapter',
            `Unexpected clause heading '${trimmed}' before any chapter, expected a 'Chapter' heading first`,
            i + 1,
            indent + 1,
          ),
        );
        blank = 0;
        continue;
      }
      if (!withinLimits(1, i, indent)) break;
      const label = normaliseClauseLabel(heading.label, kindAt(1));
      clause = newUnit('clause', 1, label, '', heading.title, [chapter.label, label], i, indent);
      const previousClause = chapter.children.at(-1);
      if (placeAddress(clause, chapter, previousClause)) {
        const d = checkSequence(previousClause?.label, label, kindAt(1), i, indent, 'Clause');
        if (d) diagnostics.push(d);
      }
      chapter.children.push(clause);
      stack = [];
      target = clause;
      blank = 0;
      paragraphOpen = false;
      continue;
    }
    if (heading.kind === 'other') {
      diagnostics.push(
        diagnostic(
          'warning',
          'unexpected-heading',
          `Unexpected heading '${trimmed}', expected 'Chapter N: title' or 'Clause IV. title'`,
          i + 1,
          indent + 1,
        ),
      );
    }

    if (!preambleDone) {
      if (format === 'markdown') {
        diagnostics.push(
          diagnostic(
            'warning',
            'text-outside-chapter',
            'Unexpected text before the first chapter, expected a chapter heading',
            i + 1,
            indent + 1,
          ),
        );
      } else if (!meta.edition) {
        const year = /\b((?:19|20)\d\d)\b/.exec(trimmed);
        if (year && /rule\s*book|constitution|rules/i.test(trimmed))
          meta.edition = year[1] as string;
      }
      // One push at a time: a spread of a million blank lines would overflow the stack.
      for (let b = 0; b < blank; b++) rulebook.preamble.push('');
      rulebook.preamble.push(raw);
      blank = 0;
      continue;
    }
    if (format === 'text' && /^\d{1,4}$/.test(trimmed) && !matchLabel(trimmed)) {
      // A lone number in pasted PDF text is a page number, not rule text.
      blank = 0;
      continue;
    }

    const label = heading.kind === 'other' ? null : matchLabel(trimmed);
    const placed = label && clause ? place(label.label, indent, blank > 0 || !paragraphOpen) : null;
    if (label && placed && clause) {
      const parent = placed.parentIndex < 0 ? clause : (stack[placed.parentIndex]?.unit ?? clause);
      const depth = parent.depth + 1;
      if (!withinLimits(depth, i, indent)) break;
      const unit = newUnit(
        'unit',
        depth,
        label.label,
        label.marker,
        '',
        [...parent.path, label.label],
        i,
        indent,
      );
      const previous = parent.children.at(-1);
      if (placeAddress(unit, parent, previous)) {
        const d = checkSequence(
          previous?.label,
          label.label,
          kindAt(depth),
          i,
          indent,
          (profile.levels[depth]?.name ?? 'unit').toLowerCase(),
        );
        if (d) diagnostics.push(d);
      }
      if (placed.note) diagnostics.push(placed.note(i, indent));
      parent.children.push(unit);
      stack = [...stack.slice(0, placed.parentIndex + 1), { unit, col: indent }];
      target = unit;
      addText(unit, label.rest, i, false);
      blank = 0;
      paragraphOpen = true;
      continue;
    }
    if (label && !clause && chapter && blank > 0) {
      diagnostics.push(
        diagnostic(
          'error',
          'unit-outside-clause',
          `Unexpected numbered unit '${label.marker}' outside any clause, expected a 'Clause' heading first`,
          i + 1,
          indent + 1,
        ),
      );
    }

    // Plain text: a continuation of the open paragraph, or a new paragraph of the deepest unit
    // whose label is left of it (Markdown) / the deepest unit (plain text, where indents are lost).
    const receiver: Unit | null = paragraphOpen && blank === 0 ? target : paragraphReceiver(indent);
    if (!receiver) continue;
    if (receiver.kind === 'chapter' && receiver.text === '') {
      diagnostics.push(
        diagnostic(
          'warning',
          'text-outside-clause',
          'Unexpected text outside any clause, expected a clause heading before it',
          i + 1,
          indent + 1,
        ),
      );
    }
    addText(receiver, trimmed, i, !(paragraphOpen && blank === 0));
    // Later lines of this unit's own text extend its source, and the ancestors' ends stay put.
    target = receiver;
    blank = 0;
    paragraphOpen = true;
  }

  // Without front matter the edition comes from the caller or a title line; with neither, every
  // address would be ":5.IV" and no motion could name the edition it amends.
  if (
    !options.fragment &&
    frontMatter === null &&
    rulebook.chapters.length > 0 &&
    meta.edition.trim() === ''
  ) {
    diagnostics.push(
      diagnostic(
        'error',
        'no-edition',
        format === 'markdown'
          ? 'Unexpected rulebook without an edition, expected front matter with `edition: "2024"`'
          : "Unexpected rulebook without an edition, expected a title line such as 'Rule Book 2024' before the first chapter",
        1,
        1,
      ),
    );
  }
  if (rulebook.chapters.length === 0 && !options.fragment) {
    diagnostics.push(
      diagnostic(
        'error',
        'no-chapters',
        format === 'markdown'
          ? "Unexpected rulebook without chapters, expected '# Chapter 1: …' headings"
          : "Unexpected rulebook without chapters, expected lines such as 'Chapter 1 Title' before its rules",
        Math.min(bodyStart + 1, lines.length),
        1,
      ),
    );
  }
  markOrigin(rulebook.chapters);
  return { rulebook, diagnostics: capDiagnostics(diagnostics) };

  function paragraphReceiver(indent: number): Unit | null {
    if (stack.length === 0) return clause ?? chapter;
    if (format === 'markdown') {
      for (let s = stack.length - 1; s >= 0; s--) {
        const open = stack[s] as Open;
        if (open.col < indent) {
          stack = stack.slice(0, s + 1);
          return open.unit;
        }
      }
    }
    return stack.at(-1)?.unit ?? null;
  }

  /**
   * Decides where a labelled line goes: the index in `stack` of its parent (-1 = the clause).
   * Markdown indentation decides first; when the label's kind does not fit that level (or in plain
   * text, where indentation is unreliable) the label's place in a sequence decides.
   */
  function place(
    label: string,
    indent: number,
    afterBreak: boolean,
  ): { parentIndex: number; note?: (line: number, col: number) => Diagnostic } | null {
    if (format === 'markdown') {
      let parentIndex = stack.length - 1;
      while (parentIndex >= 0 && (stack[parentIndex] as Open).col >= indent) parentIndex--;
      const depth = parentIndex + 3;
      if (labelOrdinal(label, kindAt(depth)) !== null) return { parentIndex };
    }
    const inferred = inferPlace(label);
    if (inferred !== null) return { parentIndex: inferred };
    if (!afterBreak) return null; // a wrapped line that happens to start like a label
    // Nothing fits: put it where its kind is expected, and say so.
    for (let s = stack.length - 1; s >= -1; s--) {
      if (labelOrdinal(label, kindAt(s + 3)) !== null) return { parentIndex: s };
    }
    const parentIndex = stack.length - 1;
    const expected = labelAt(1, kindAt(parentIndex + 3));
    return {
      parentIndex,
      note: (line, col) =>
        diagnostic(
          'error',
          'label-kind',
          `Unexpected label '${label}' at this level, expected a label like '${expected}'`,
          line + 1,
          col + 1,
        ),
    };
  }

  /** Where a label continues a sequence: next sibling at the deepest level, a first child, or an ancestor's next sibling. */
  function inferPlace(label: string): number | null {
    const nextOf = (s: number) => {
      const open = stack[s] as Open;
      const kind = kindAt(open.unit.depth);
      const prev = labelOrdinal(open.unit.label, kind);
      const ord = labelOrdinal(label, kind);
      return prev !== null && ord === prev + 1;
    };
    const deepest = stack.length - 1;
    if (deepest >= 0 && nextOf(deepest)) return deepest - 1;
    if (labelOrdinal(label, kindAt(deepest + 3)) === 1) return deepest;
    for (let s = deepest - 1; s >= 0; s--) if (nextOf(s)) return s - 1;
    if (stack.length === 0 && clause && clause.children.length === 0) {
      return labelOrdinal(label, kindAt(2)) !== null ? -1 : null;
    }
    return null;
  }
}
