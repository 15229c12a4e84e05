/**
 * Helpers the export builders and renderers share: runs from a word-level diff, units as numbered
 * blocks, and the small formatting rules (edition names, dates, meetings) every export prints the
 * same way.
 */
import type { MeetingRecord } from '../../schemas/api';
import type { Profile } from '../../schemas/profile';
import { renderTokens, tokenize, wordHunks } from '../diff/words';
import { levelKind } from '../rulebook/labels';
import type { Rulebook, Unit } from '../rulebook/types';
import type { Block, NumberedUnit, Run } from './model';

/** One unmarked run, or none for empty text (renderers never see empty runs from builders). */
export function plain(text: string): Run[] {
  return text === '' ? [] : [{ text }];
}

/** The whole text with one mark (a new unit all inserted, a removed one all deleted). */
export function marked(text: string, mark: Run['mark']): Run[] {
  return text === '' ? [] : [{ text, mark }];
}

interface Segment {
  mark?: 'ins' | 'del';
  tokens: string[];
}

/**
 * The word-level redline of one unit's text: unchanged words plain, removed words `del`, added
 * words `ins`. A replacement reads "old new" (deleted first), with a plain space between the two
 * so that every mark starts and ends on a word edge — which Markdown emphasis needs.
 */
export function diffRuns(base: string, proposed: string): Run[] {
  if (base === proposed) return plain(base);
  const from = tokenize(base);
  const hunks = wordHunks(from, tokenize(proposed));
  const segments: Segment[] = [];
  let at = 0;
  for (const hunk of hunks) {
    if (hunk.from > at) segments.push({ tokens: from.slice(at, hunk.from) });
    if (hunk.to > hunk.from) segments.push({ mark: 'del', tokens: from.slice(hunk.from, hunk.to) });
    if (hunk.tokens.length > 0) segments.push({ mark: 'ins', tokens: hunk.tokens });
    at = hunk.to;
  }
  if (at < from.length) segments.push({ tokens: from.slice(at) });

  const runs: Run[] = [];
  const push = (run: Run) => {
    if (run.text === '') return;
    const last = runs[runs.length - 1];
    if (last && last.mark === run.mark) last.text += run.text;
    else runs.push(run);
  };
  segments.forEach((segment, i) => {
    const previous = segments[i - 1];
    // Words are separated by one space, except around a paragraph break (as renderTokens does).
    if (previous && previous.tokens.at(-1) !== '\n' && segment.tokens[0] !== '\n') {
      push({ text: ' ' });
    }
    const text = renderTokens(segment.tokens);
    push(segment.mark ? { text, mark: segment.mark } : { text });
  });
  return runs;
}

/**
 * Splits runs at paragraph breaks (`\n` in unit text and arguments) into lines of runs, so each
 * renderer can start a new paragraph or line its own way. Empty runs are dropped; a line may be
 * empty when a break itself was inserted or deleted.
 */
export function splitLines(runs: readonly Run[]): Run[][] {
  const lines: Run[][] = [[]];
  for (const run of runs) {
    const parts = run.text.split('\n');
    parts.forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (part !== '') (lines[lines.length - 1] as Run[]).push({ ...run, text: part });
    });
  }
  return lines;
}

/** The text of runs as it now reads (deleted words left out), for contents lists and titles. */
export function currentText(runs: readonly Run[]): string {
  return runs
    .filter((r) => r.mark !== 'del')
    .map((r) => r.text)
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "Labour Party Rule Book 2024". */
export function editionName(rulebook: Rulebook): string {
  const { organisation, title, edition } = rulebook.meta;
  return [organisation, title, edition].filter((s) => s !== '').join(' ');
}

/** A numbered rulebook unit as an export block, with its runs (plain text or a redline). */
export function numberedUnit(
  unit: Pick<Unit, 'depth' | 'label' | 'marker' | 'path'>,
  runs: Run[],
  profile: Profile,
  idPrefix = '',
): NumberedUnit {
  return {
    level: Math.max(0, unit.depth - 2),
    marker: unit.marker,
    kind: levelKind(profile, unit.depth),
    label: unit.label,
    runs,
    id: idPrefix + unit.path.join('.'),
  };
}

/** A chapter or clause heading as printed: "Chapter 5: Selections", "Clause IV. Westminster". */
export function headingText(unit: Unit, profile: Profile): string {
  const word = profile.levels[unit.depth]?.name ?? (unit.kind === 'chapter' ? 'Chapter' : 'Clause');
  const sep = unit.kind === 'chapter' ? ':' : '.';
  return `${word} ${unit.label}${unit.title ? `${sep} ${unit.title}` : ''}`;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2026-05-14" → "14 May 2026", read from the digits (no time zone can shift the day). */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!m || !month) return iso;
  return `${Number(m[3])} ${month} ${m[1]}`;
}

/** "General Committee, 14 May 2026 — 24 for, 3 against, 1 abstention". */
export function formatMeeting(meeting: MeetingRecord): string {
  const abstentions = `${meeting.abstain} abstention${meeting.abstain === 1 ? '' : 's'}`;
  return `${meeting.meeting}, ${formatDate(meeting.date)} — ${meeting.for} for, ${meeting.against} against, ${abstentions}`;
}

/** A percentage as results print it: "14.58%". */
export function percent(x: number): string {
  return `${x.toFixed(2)}%`;
}

/** Lines of free text (an argument, motion text) as paragraphs' text: blank lines dropped. */
export function textLines(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** One line of a table of contents: a level 1 or 2 heading, with its block index. */
export interface TocEntry {
  level: 1 | 2;
  text: string;
  /** Index of the heading in `doc.blocks`. */
  index: number;
}

/** The level 1 and 2 headings of a document, as they now read, for its table of contents. */
export function tocEntries(blocks: readonly Block[]): TocEntry[] {
  const entries: TocEntry[] = [];
  blocks.forEach((block, index) => {
    if (block.kind === 'heading' && block.level <= 2) {
      entries.push({ level: block.level as 1 | 2, text: currentText(block.runs), index });
    }
  });
  return entries;
}

/**
 * Numbers contents entries as "1", "1.1", "1.2", "2": level 2 entries count within their level 1
 * entry, or at the top when no level 1 entry comes before them.
 */
export function tocNumbers(entries: readonly TocEntry[]): string[] {
  let top = 0;
  let sub = 0;
  let underTop = false;
  return entries.map((entry) => {
    if (entry.level === 1) {
      top++;
      sub = 0;
      underTop = true;
      return String(top);
    }
    if (!underTop) return String(++top);
    return `${top}.${++sub}`;
  });
}
