/**
 * The edition as the API sends it (ApiUnit tree) turned into what core/ works on (Rulebook), plus
 * a flat list of units for pickers and counts. Runs once per edition load.
 */
import type { ApiUnit, Edition } from '../../schemas/api';
import { unitAddress } from '../../core/rulebook/address';
import type { Rulebook, Unit } from '../../core/rulebook/types';
import { profiles, labourProfile } from '../../core/profiles';
import type { Profile } from '../../schemas/profile';

const NOWHERE = { line: 1, column: 1, offset: 0 };

/**
 * A Rulebook for motionFromDraft from the API's tree. Source bookkeeping (lines, positions) is
 * not sent by the API and is not needed to generate motion text, so it is left empty.
 */
export function editionToRulebook(edition: Edition): Rulebook {
  const toUnit = (u: ApiUnit): Unit => {
    const path = u.path.split('.');
    return {
      kind: u.kind,
      depth: u.depth,
      label: u.label,
      marker: u.marker,
      title: u.title,
      text: u.text,
      path,
      address: unitAddress(edition.edition, path),
      children: u.children.map(toUnit),
      start: NOWHERE,
      end: NOWHERE,
      sourceLines: [],
      blankBefore: 1,
      origin: { text: u.text, marker: u.marker, title: u.title },
    };
  };
  return {
    format: 'markdown',
    meta: { organisation: edition.organisation, title: edition.title, edition: edition.edition },
    frontMatter: null,
    preamble: [],
    chapters: edition.chapters.map(toUnit),
  };
}

/** The profile an edition names, falling back to Labour's (the first organisation served). */
export function editionProfile(edition: Pick<Edition, 'profile'>): Profile {
  return profiles[edition.profile] ?? labourProfile;
}

/** Every unit of a tree in document order, for pickers, counts and look-ups by path. */
export function flattenUnits(units: readonly ApiUnit[]): ApiUnit[] {
  const out: ApiUnit[] = [];
  const visit = (list: readonly ApiUnit[]) => {
    for (const u of list) {
      out.push(u);
      visit(u.children);
    }
  };
  visit(units);
  return out;
}

/** A unit's name as people say it: "Chapter 5", "Clause IV", or its path "5.IV.5.A". */
export function unitName(unit: Pick<ApiUnit, 'kind' | 'label' | 'path'>): string {
  if (unit.kind === 'chapter') return `Chapter ${unit.label}`;
  if (unit.kind === 'clause') return `Clause ${unit.path}`;
  return unit.path;
}

/** How many motions touch each unit path, from the motions list's `units`. */
export function touchCounts(motions: readonly { units: readonly string[] }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of motions) {
    for (const path of new Set(m.units)) counts.set(path, (counts.get(path) ?? 0) + 1);
  }
  return counts;
}
