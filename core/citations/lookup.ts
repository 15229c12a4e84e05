/**
 * Finds the unit a citation names, in any style the parser reads ("5.IV.5.A", "Chapter 5,
 * Clause IV, Sub-clause 5.A", "Rule 5.4.5.A") — so a pasted citation works as a link or a CLI
 * argument alike.
 */
import type { Profile } from '../../schemas/profile';
import { findUnit } from '../rulebook/tree';
import type { Rulebook, Unit, UnitPath } from '../rulebook/types';
import { parseCitation, resolveTarget } from './parse';

/** The cited path (null when the text is not a full citation) and the unit, if the edition has it. */
export function lookUpCitation(
  rulebook: Rulebook,
  citation: string,
  profile?: Profile,
): { path: UnitPath | null; unit: Unit | null } {
  const target = parseCitation(citation, profile)?.targets[0];
  const path = target ? resolveTarget(target, {}) : null;
  return { path, unit: path ? (findUnit(rulebook, path)?.unit ?? null) : null };
}
