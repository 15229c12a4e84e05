/**
 * The motions dashboard (SPEC §4.4) as pure logic: which motions a filter keeps, the order a
 * column sort gives, the counts per state beside the filter, the text of its cells, and the
 * filter and sort as a URL query string, so that a filtered view is a link people can share,
 * bookmark and reload. The scene only renders what these functions answer.
 */
import type { EditionSummary, MotionSummary, ProgressView } from '../../schemas/api';
import type { Profile, Workflow } from '../../schemas/profile';
import { labourProfile } from '../../core/profiles';
import { labelOrdinal, levelKind } from '../../core/rulebook/labels';
import { editionProfile } from './rulebook';

/** The columns the table sorts by, in the order it shows them. */
export const SORT_COLUMNS = [
  'title',
  'body',
  'state',
  'units',
  'ruling',
  'position',
  'result',
  'year',
  'updated',
] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export type SortDirection = 'asc' | 'desc';

export interface DashboardSort {
  column: SortColumn;
  direction: SortDirection;
}

/** What the dashboard shows; every part narrows the list, an empty part keeps everything. */
export interface DashboardFilter {
  /** State ids; a motion in any of them is kept. */
  state: string[];
  /** Body ids; a motion of any of them is kept. */
  body: string[];
  edition: string | null;
  /** A unit path prefix by whole segments: "5.IV" keeps a motion touching 5.IV.5.B.i. */
  unit: string;
  /** Words that must all appear in the title or the body's name (any case). */
  q: string;
  /** The conference year a motion was submitted for. */
  year: number | null;
}

export interface DashboardQuery {
  filter: DashboardFilter;
  sort: DashboardSort;
}

/** Most recently changed first: what someone coming back to the dashboard looks for. */
export const DEFAULT_SORT: DashboardSort = { column: 'updated', direction: 'desc' };

/** A filter that keeps every motion (a fresh object each call: callers may change it). */
export function emptyFilter(): DashboardFilter {
  return { state: [], body: [], edition: null, unit: '', q: '', year: null };
}

/** The dashboard as it first opens: everything, most recently changed first. */
export function defaultQuery(): DashboardQuery {
  return { filter: emptyFilter(), sort: { ...DEFAULT_SORT } };
}

// ---------------------------------------------------------------------------------------------
// The query string

// Lone surrogates cannot be percent-encoded (encodeURIComponent throws), so they become U+FFFD.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const wellFormed = (s: string) => s.replace(LONE_SURROGATE, '\uFFFD');

const isColumn = (s: string): s is SortColumn => (SORT_COLUMNS as readonly string[]).includes(s);

const validYear = (n: number | null): number | null =>
  n !== null && Number.isInteger(n) && n >= 1 && n <= 9999 ? n : null;

/** Ids as a set: order and repeats say nothing, so one filter has one spelling in the URL. */
const idSet = (ids: readonly string[]): string[] =>
  [...new Set(ids.map(wellFormed).filter((id) => id !== ''))].sort();

/**
 * The one canonical form of a query: ids deduplicated and sorted, an empty edition as null, a
 * year only when it is one. Text is kept as typed (a trailing space is the next word coming), so
 * the box someone types in never loses what they typed when the URL is read back.
 */
export function normaliseQuery(query: DashboardQuery): DashboardQuery {
  const f = query.filter;
  return {
    filter: {
      state: idSet(f.state),
      body: idSet(f.body),
      edition: f.edition ? wellFormed(f.edition) : null,
      unit: wellFormed(f.unit),
      q: wellFormed(f.q),
      year: validYear(f.year),
    },
    sort: isColumn(query.sort.column)
      ? { column: query.sort.column, direction: query.sort.direction === 'asc' ? 'asc' : 'desc' }
      : { ...DEFAULT_SORT },
  };
}

/** A percent-encoded value, or null when it is malformed (that parameter is then ignored). */
function decode(raw: string): string | null {
  try {
    // "+" is a space in form-encoded links people may write by hand.
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

function decodeList(raw: string): string[] | null {
  const items = raw.split(',').map(decode);
  return items.some((i) => i === null) ? null : (items as string[]);
}

/** "-updated" → updated, descending; "title" → title, ascending; anything else → null. */
function parseSort(s: string): DashboardSort | null {
  const desc = s.startsWith('-');
  const column = desc ? s.slice(1) : s;
  return isColumn(column) ? { column, direction: desc ? 'desc' : 'asc' } : null;
}

/**
 * Reads `state=carried,nec-position&body=anytown-clp&sort=-updated` (with or without the "?").
 * Unknown parameters and malformed values are ignored rather than refused: an old or hand-edited
 * link still opens the dashboard, showing what it can. A repeated parameter: the last one counts.
 */
export function parseDashboardQuery(search: string): DashboardQuery {
  const query = defaultQuery();
  const { filter } = query;
  for (const pair of search.replace(/^\?/, '').split('&')) {
    const at = pair.indexOf('=');
    const key = at < 0 ? pair : pair.slice(0, at);
    const raw = at < 0 ? '' : pair.slice(at + 1);
    if (key === 'state' || key === 'body') {
      const ids = decodeList(raw);
      if (ids) filter[key] = ids;
      continue;
    }
    const value = decode(raw);
    if (value === null) continue;
    switch (key) {
      case 'edition':
        filter.edition = value || null;
        break;
      case 'unit':
      case 'q':
        filter[key] = value;
        break;
      case 'year':
        filter.year = /^\d{1,4}$/.test(value) ? validYear(Number(value)) : null;
        break;
      case 'sort':
        query.sort = parseSort(value) ?? { ...DEFAULT_SORT };
        break;
    }
  }
  return normaliseQuery(query);
}

/**
 * The query string of a query, without "?", empty for the default view. Parameters come in a
 * fixed order and the default sort is left out, so one view has one link.
 */
export function serialiseDashboardQuery(query: DashboardQuery): string {
  const { filter: f, sort } = normaliseQuery(query);
  const enc = encodeURIComponent;
  const parts: string[] = [];
  if (f.state.length > 0) parts.push(`state=${f.state.map(enc).join(',')}`);
  if (f.body.length > 0) parts.push(`body=${f.body.map(enc).join(',')}`);
  if (f.edition !== null) parts.push(`edition=${enc(f.edition)}`);
  if (f.unit !== '') parts.push(`unit=${enc(f.unit)}`);
  if (f.q !== '') parts.push(`q=${enc(f.q)}`);
  if (f.year !== null) parts.push(`year=${f.year}`);
  if (sort.column !== DEFAULT_SORT.column || sort.direction !== DEFAULT_SORT.direction) {
    parts.push(`sort=${sort.direction === 'desc' ? '-' : ''}${sort.column}`);
  }
  return parts.join('&');
}

// ---------------------------------------------------------------------------------------------
// Filtering and counting

/** Whether some unit path starts with the prefix's segments ("5.IV" is not a prefix of "5.IVA"). */
export function touchesUnit(units: readonly string[], prefix: string): boolean {
  const want = prefix
    .trim()
    .replace(/^\.+|\.+$/g, '')
    .toLowerCase();
  if (want === '') return true;
  const segments = want.split('.');
  return units.some((path) => {
    const have = path.toLowerCase().split('.');
    return segments.every((s, i) => have[i] === s);
  });
}

/** Whether every search word appears in the motion's title or its body's name. */
export function matchesText(m: Pick<MotionSummary, 'title' | 'body'>, q: string): boolean {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = `${m.title}\n${m.body}`.toLowerCase();
  return words.every((w) => haystack.includes(w));
}

/** Whether a motion passes every part of the filter. */
export function matchesFilter(m: MotionSummary, f: DashboardFilter): boolean {
  return (
    (f.state.length === 0 || f.state.includes(m.state)) &&
    (f.body.length === 0 || f.body.includes(m.bodyId)) &&
    (f.edition === null || m.editionId === f.edition) &&
    (f.year === null || m.progress.year === f.year) &&
    touchesUnit(m.units, f.unit) &&
    matchesText(m, f.q)
  );
}

/** The motions a filter keeps, in the order given. */
export function filterMotions(
  motions: readonly MotionSummary[],
  f: DashboardFilter,
): MotionSummary[] {
  return motions.filter((m) => matchesFilter(m, f));
}

/**
 * How many motions are in each state among those every other part of the filter keeps: the
 * number beside a state says what choosing that state (alone) would show.
 */
export function stateCounts(
  motions: readonly MotionSummary[],
  f: DashboardFilter,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of filterMotions(motions, { ...f, state: [] })) {
    counts.set(m.state, (counts.get(m.state) ?? 0) + 1);
  }
  return counts;
}

/** Whether anything narrows the list (the sort does not). */
export function isFiltered(f: DashboardFilter): boolean {
  return (
    f.state.length > 0 ||
    f.body.length > 0 ||
    f.edition !== null ||
    f.unit.trim() !== '' ||
    f.q.trim() !== '' ||
    f.year !== null
  );
}

/** The query with every filter cleared; the sort stays, as the person chose it. */
export function clearFilters(query: DashboardQuery): DashboardQuery {
  return { filter: emptyFilter(), sort: query.sort };
}

/** Adds the state to the filter, or takes it out when it is there. */
export function toggleState(query: DashboardQuery, state: string): DashboardQuery {
  const current = query.filter.state;
  const next = current.includes(state)
    ? current.filter((s) => s !== state)
    : [...current, state].sort();
  return { ...query, filter: { ...query.filter, state: next } };
}

// ---------------------------------------------------------------------------------------------
// Sorting

const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });

/**
 * Two unit paths in rulebook order, reading each segment as its level counts (Chapter 5 before
 * 10, Clause IV before IX, paragraph I after H): plain string order gets all of these wrong.
 */
export function comparePaths(a: string, b: string, profile: Profile = labourProfile): number {
  const as = a.split('.');
  const bs = b.split('.');
  for (let depth = 0; depth < Math.min(as.length, bs.length); depth++) {
    const x = as[depth] ?? '';
    const y = bs[depth] ?? '';
    if (x === y) continue;
    const kind = levelKind(profile, depth);
    const nx = labelOrdinal(x, kind);
    const ny = labelOrdinal(y, kind);
    if (nx !== null && ny !== null && nx !== ny) return nx - ny;
    return collator.compare(x, y) || (x < y ? -1 : 1);
  }
  return as.length - bs.length;
}

/** What the sort needs beyond the motions: the workflow order of states and each edition's profile. */
export interface SortContext {
  /** State ids in workflow order: sorting by state follows a motion's progress, not the alphabet. */
  stateOrder: readonly string[];
  /** The profile of an edition, for reading unit labels; Labour's when not given. */
  profileOf?: (editionId: string) => Profile;
}

type Sorter = (
  motions: readonly MotionSummary[],
  sign: 1 | -1,
  ctx: SortContext,
) => MotionSummary[];

const byNumber = (a: number, b: number) => a - b;
const byText = (a: string, b: string) => collator.compare(a, b);

/** Equal rows keep one order whatever the direction: by title, then id. */
const tieBreak = (a: MotionSummary, b: MotionSummary) =>
  byText(a.title, b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * A sort by a key, computed once per row (the first unit of a motion is itself a sort). A null
 * key (no ruling yet, no result) goes last in both directions: turning the order round should
 * bring the other end of the values up, not a block of blanks.
 */
function by<T>(
  key: (m: MotionSummary, ctx: SortContext) => T | null,
  compare: (a: T, b: T) => number,
): Sorter {
  return (motions, sign, ctx) =>
    motions
      .map((m) => ({ m, key: key(m, ctx) }))
      .sort((a, b) => {
        if (a.key === null || b.key === null) {
          if (a.key !== b.key) return a.key === null ? 1 : -1;
          return tieBreak(a.m, b.m);
        }
        return sign * compare(a.key, b.key) || tieBreak(a.m, b.m);
      })
      .map((k) => k.m);
}

function stateRank(m: MotionSummary, ctx: SortContext): number {
  const i = ctx.stateOrder.indexOf(m.state);
  return i < 0 ? ctx.stateOrder.length : i;
}

/** The first unit a motion touches, in rulebook order. */
function firstUnit(m: MotionSummary, ctx: SortContext): { path: string; profile: Profile } | null {
  const profile = ctx.profileOf?.(m.editionId) ?? labourProfile;
  const sorted = [...m.units].sort((a, b) => comparePaths(a, b, profile));
  return sorted[0] === undefined ? null : { path: sorted[0], profile };
}

const SORTERS: Readonly<Record<SortColumn, Sorter>> = {
  title: by((m) => m.title, byText),
  body: by((m) => m.body, byText),
  state: by(
    (m, ctx) => ({ rank: stateRank(m, ctx), label: m.stateLabel }),
    (a, b) => a.rank - b.rank || byText(a.label, b.label),
  ),
  units: by(firstUnit, (a, b) => comparePaths(a.path, b.path, a.profile)),
  ruling: by(
    (m) => m.progress.ruling,
    (a, b) => byText(a.label, b.label) || byText(a.note, b.note),
  ),
  position: by((m) => m.progress.position?.label ?? null, byText),
  result: by((m) => m.progress.result?.forPercent ?? null, byNumber),
  year: by((m) => m.progress.year, byNumber),
  // ISO timestamps from one server: their string order is their time order.
  updated: by(
    (m) => m.updatedAt,
    (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  ),
};

/** The motions in the order of one column (ties by title, then id). */
export function sortMotions(
  motions: readonly MotionSummary[],
  sort: DashboardSort,
  ctx: SortContext,
): MotionSummary[] {
  return SORTERS[sort.column](motions, sort.direction === 'asc' ? 1 : -1, ctx);
}

/**
 * The sort after a click on a column header: the same column turns around; another column
 * starts with what people look for first there (newest, latest year, highest share for),
 * ascending otherwise.
 */
export function nextSort(sort: DashboardSort, column: SortColumn): DashboardSort {
  if (sort.column === column) {
    return { column, direction: sort.direction === 'asc' ? 'desc' : 'asc' };
  }
  const descFirst: readonly SortColumn[] = ['updated', 'year', 'result'];
  return { column, direction: descFirst.includes(column) ? 'desc' : 'asc' };
}

/** The `aria-sort` of a column header: only the sorted column has a direction. */
export function ariaSort(
  sort: DashboardSort,
  column: SortColumn,
): 'ascending' | 'descending' | 'none' {
  if (sort.column !== column) return 'none';
  return sort.direction === 'asc' ? 'ascending' : 'descending';
}

// ---------------------------------------------------------------------------------------------
// Choices and cells

export interface StateOption {
  id: string;
  label: string;
}

/**
 * The workflows of the editions the dashboard is about: the chosen edition's, or those of the
 * editions that have motions. Several editions usually share one profile, so each comes once.
 */
export function workflowsFor(
  editions: readonly EditionSummary[],
  motions: readonly Pick<MotionSummary, 'editionId'>[],
  edition: string | null,
): Workflow[] {
  const used = new Set(edition !== null ? [edition] : motions.map((m) => m.editionId));
  const seen = new Set<string>();
  const out: Workflow[] = [];
  for (const e of editions) {
    if (!used.has(e.id) || seen.has(e.profile)) continue;
    seen.add(e.profile);
    out.push(editionProfile(e).workflow);
  }
  return out;
}

/**
 * The states to count and toggle: every state of the workflows in workflow order, then any state
 * a motion or the filter names that they do not know (a motion of another profile, an old link),
 * so that no motion and no chosen state is left without its button.
 */
export function stateOptions(
  workflows: readonly Workflow[],
  motions: readonly Pick<MotionSummary, 'state' | 'stateLabel'>[],
  chosen: readonly string[] = [],
): StateOption[] {
  const out = new Map<string, string>();
  for (const w of workflows) for (const s of w.states) if (!out.has(s.id)) out.set(s.id, s.label);
  for (const m of motions) if (!out.has(m.state)) out.set(m.state, m.stateLabel);
  for (const id of chosen) if (!out.has(id)) out.set(id, id);
  return [...out].map(([id, label]) => ({ id, label }));
}

/** The bodies that have motions, by name, for the body filter. */
export function bodyOptions(
  motions: readonly Pick<MotionSummary, 'bodyId' | 'body'>[],
): { id: string; name: string }[] {
  const names = new Map<string, string>();
  for (const m of motions) names.set(m.bodyId, m.body);
  return [...names]
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => byText(a.name, b.name) || byText(a.id, b.id));
}

/** The conference years motions were submitted for (and the chosen one), latest first. */
export function yearOptions(
  motions: readonly Pick<MotionSummary, 'progress'>[],
  chosen: number | null,
): number[] {
  const years = new Set<number>();
  for (const m of motions) if (m.progress.year !== null) years.add(m.progress.year);
  if (chosen !== null) years.add(chosen);
  return [...years].sort((a, b) => b - a);
}

/**
 * A card vote's result without the motion's title (the row already names it), in the results
 * sheet's words otherwise (core/procedure/vote `resultLine`): "Card vote 8 — 14.58% for,
 * 85.42% against — NOT CARRIED".
 */
export function resultText(result: NonNullable<ProgressView['result']>): string {
  const pct = (x: number) => `${x.toFixed(2)}%`;
  return `Card vote ${result.card} — ${pct(result.forPercent)} for, ${pct(result.againstPercent)} against — ${result.words}`;
}

/** "12 of 20 motions": how much of the list the filter shows. */
export function countText(shown: number, total: number): string {
  return `${shown} of ${total} ${total === 1 ? 'motion' : 'motions'}`;
}
