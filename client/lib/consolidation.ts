/**
 * Consolidated editions as the rulebook view shows them: each unit's history in words
 * ("Amended by Conference 2026, card vote 8"), the redline of every unit that changed against the
 * base edition, and the id and name suggested for the next edition. Pure, so it is unit-tested.
 */
import type { ApiUnit, UnitHistoryEntry } from '../../schemas/api';
import { redlineSpans, type RedlineSpan } from './redline';
import { flattenUnits } from './rulebook';

/** "Amended by Conference 2026, card vote 8" — what a unit's history line says first. */
export function amendedBy(entry: Pick<UnitHistoryEntry, 'conference' | 'card'>): string {
  return `Amended by Conference ${entry.conference}, card vote ${entry.card}`;
}

/** History lines by the unit they belong to (in the edition's own numbering), in order. */
export function historyByPath(
  entries: readonly UnitHistoryEntry[],
): Map<string, UnitHistoryEntry[]> {
  const byPath = new Map<string, UnitHistoryEntry[]>();
  for (const e of entries) byPath.set(e.path, [...(byPath.get(e.path) ?? []), e]);
  return byPath;
}

/** How a unit of the consolidated edition differs from the unit at its path in the base. */
export interface UnitChange {
  kind: 'changed' | 'inserted';
  /** The redline of its title (headings) or text: base → consolidated. */
  spans: RedlineSpan[];
}

export interface EditionChanges {
  /** Units of the consolidated edition that are new or read differently, by path. */
  changed: Map<string, UnitChange>;
  /** Units of the base with no unit at their path any more, by their parent's path ('' for chapters). */
  removed: Map<string, ApiUnit[]>;
}

const parentOf = (path: string) => path.split('.').slice(0, -1).join('.');
const wording = (u: ApiUnit) => (u.kind === 'unit' ? u.text : [u.title, u.text].join('\n'));

/**
 * The changes from `base` to `next`, unit by unit at the same path: a consolidated edition cites
 * units by their labels, so "Sub-clause 6 now reads …" is what a renumbering means for a reader.
 */
export function editionChanges(base: readonly ApiUnit[], next: readonly ApiUnit[]): EditionChanges {
  const before = new Map(flattenUnits(base).map((u) => [u.path, u]));
  const after = new Set<string>();
  const changed = new Map<string, UnitChange>();
  for (const unit of flattenUnits(next)) {
    after.add(unit.path);
    const old = before.get(unit.path);
    if (old && wording(old) === wording(unit)) continue;
    changed.set(unit.path, {
      kind: old ? 'changed' : 'inserted',
      spans: redlineSpans(old ? wording(old) : '', wording(unit)),
    });
  }
  const removed = new Map<string, ApiUnit[]>();
  for (const [path, unit] of before) {
    // Only the top of a removed subtree: its children go with it.
    if (after.has(path) || (parentOf(path) !== '' && !after.has(parentOf(path)))) continue;
    removed.set(parentOf(path), [...(removed.get(parentOf(path)) ?? []), unit]);
  }
  return { changed, removed };
}

/**
 * The next edition's id and name from the current ones: the trailing year moves on by one
 * ("labour-2024", "2024" → "labour-2025", "2025"); without a year, a suffix the person edits.
 */
export function nextEdition(current: { id: string; edition: string }): {
  id: string;
  edition: string;
} {
  const bump = (s: string) => s.replace(/(\d{4})$/, (y) => String(Number(y) + 1));
  const id = /\d{4}$/.test(current.id) ? bump(current.id) : `${current.id}-next`;
  const edition = /\d{4}$/.test(current.edition) ? bump(current.edition) : '';
  return { id, edition };
}
