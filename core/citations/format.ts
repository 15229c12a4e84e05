/**
 * Writing citations in an organisation's own style, from the templates in `profile.citation`.
 * Everything the formatter writes, the parser reads back to the same path (a property test
 * holds both to that), so generated motion text stays machine-checkable.
 */
import type { Profile } from '../../schemas/profile';
import { labelOrdinal } from '../rulebook/labels';

type Placeholder = 'chapter' | 'clause' | 'clauseNumber' | 'units';

const PLACEHOLDER_RE = /\{(chapter|clause|clauseNumber|units)\}/g;

/** The clause as an arabic number ("IV" → "4"), for decimal styles; the label itself otherwise. */
function clauseNumber(clause: string, profile: Profile): string {
  const n = labelOrdinal(clause, profile.levels[1]?.kind ?? 'upper-roman');
  return n === null ? clause : String(n);
}

function fill(template: string, path: readonly string[], units: string, profile: Profile): string {
  const values: Record<Placeholder, string> = {
    chapter: path[0] ?? '',
    clause: path[1] ?? '',
    clauseNumber: clauseNumber(path[1] ?? '', profile),
    units,
  };
  return template.replace(PLACEHOLDER_RE, (_, key: Placeholder) => values[key]);
}

/** The template for a path of this length: chapter, clause or unit. */
function templateFor(path: readonly string[], profile: Profile): string {
  const style = profile.citation;
  return path.length === 1 ? style.chapter : path.length === 2 ? style.clause : style.unit;
}

const unitsOf = (path: readonly string[], profile: Profile): string =>
  path.slice(2).join(profile.citation.unitSeparator);

/** "a", "a and b", "a, b and c". */
function joinList(items: readonly string[], and: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

/**
 * One chapter, clause or unit in the profile's style: "Chapter 5, Clause IV, Sub-clause 5.A"
 * (Labour), "Article 5.4.5.A" (Liberal Democrats). Empty for an empty path.
 */
export function formatCitation(path: readonly string[], profile: Profile): string {
  if (path.length === 0) return '';
  return fill(templateFor(path, profile), path, unitsOf(path, profile), profile);
}

/**
 * Several units of one clause as a single citation: "Chapter 5, Clause IV, Sub-clauses 5.A and
 * 5.B", "…, Sub-clauses 5.A, 5.B and 5.C", or with `range` "…, Sub-clauses 5.A to 5.E" (first and
 * last path). When the template glues a prefix to the units ("Articles {chapter}.{clauseNumber}.
 * {units}") the prefix is repeated for every item, so that each reads as a full citation. Paths of
 * different clauses, or chapters and clauses, fall back to full citations joined by "and"/"to".
 */
export function formatCitationList(
  paths: readonly (readonly string[])[],
  profile: Profile,
  opts: { range?: boolean } = {},
): string {
  const [first] = paths;
  if (!first) return '';
  const last = paths[paths.length - 1] ?? first;
  const listed = opts.range ? [first, last] : paths;
  const joinItems = (items: string[]) =>
    opts.range ? items.join(' to ') : joinList(items, profile.citation.and);
  if (paths.length === 1) return formatCitation(first, profile);
  const sameClause = paths.every((p) => p.length >= 3 && p[0] === first[0] && p[1] === first[1]);
  if (!sameClause) return joinItems(listed.map((p) => formatCitation(p, profile)));

  const template = profile.citation.units;
  const at = template.indexOf('{units}');
  let prefixStart = at;
  while (prefixStart > 0 && !/\s/.test(template[prefixStart - 1] ?? ' ')) prefixStart--;
  const prefix = at < 0 ? '' : template.slice(prefixStart, at);
  const repeated = prefix.includes('{') ? fill(prefix, first, '', profile) : '';
  const items = listed.map((p) => repeated + unitsOf(p, profile));
  const body = repeated
    ? template.slice(0, prefixStart) + '{units}' + template.slice(at + 7)
    : template;
  return fill(body, first, joinItems(items), profile);
}

/**
 * A citation written inside a clause's own instructions, leaving out what the reader already
 * knows from `context` ([chapter, clause]): "Sub-clause 5.E" rather than "Chapter 5, Clause IV,
 * Sub-clause 5.E". Leading comma-separated parts of the template are dropped while everything
 * they name matches the context; a style that writes the path as one token (decimal) stays full.
 */
export function formatRelative(
  path: readonly string[],
  context: readonly string[],
  profile: Profile,
): string {
  if (path.length === 0) return '';
  const sameChapter = path[0] === context[0];
  const known = new Set<string>();
  if (sameChapter) known.add('chapter');
  if (sameChapter && path.length >= 2 && path[1] === context[1]) {
    known.add('clause');
    known.add('clauseNumber');
  }
  const parts = templateFor(path, profile).split(/,\s*/);
  let drop = 0;
  while (drop < parts.length - 1) {
    const names = [...(parts[drop] ?? '').matchAll(PLACEHOLDER_RE)].map((m) => m[1] ?? '');
    if (!names.every((name) => known.has(name))) break;
    drop++;
  }
  return fill(parts.slice(drop).join(', '), path, unitsOf(path, profile), profile);
}
