/**
 * Consolidation: every carried motion, in conference order, applied to the edition they all
 * amend, giving the next edition and a summary of amendments. Each motion's instructions cite the
 * BASE edition, so a later motion may only be applied where no earlier one changed (or
 * renumbered) the text it cites; otherwise the two conflict and the conflict is reported, never
 * resolved by guessing.
 */
import { applyInstructions } from '../amendments/apply';
import type { Instruction } from '../amendments/model';
import { parseMotionText } from '../amendments/parse';
import { diagnostic, hasErrors, type Diagnostic } from '../diagnostics';
import type { Rulebook } from '../rulebook/types';
import type { Profile } from '../../schemas/profile';
import { overlaps } from './checks';

/** A carried motion: a name for messages (its title or file) and its motion text. */
export interface CarriedMotion {
  name: string;
  text: string;
}

export interface ConsolidationResult {
  /** The next edition, or null when any motion does not apply or two conflict. */
  rulebook: Rulebook | null;
  /** Problems, by the motion they are in (positions are in that motion's text). */
  problems: { motion: string; diagnostics: Diagnostic[] }[];
  /** What each motion changed, in the order applied: unit paths of the base edition. */
  summary: { motion: string; units: string[] }[];
}

/**
 * The base units an instruction may change, as paths; renumbering claims the whole parent, since
 * every later sibling's label moves. The empty path (the rulebook itself) overlaps everything.
 */
export function footprint(instruction: Instruction): string[] {
  const join = (p: readonly string[]) => p.join('.');
  const parentOf = (p: readonly string[]) => join(p.slice(0, -1));
  switch (instruction.kind) {
    case 'text':
      return [join(instruction.target)];
    case 'replaceUnits': {
      const reshaped =
        instruction.renumber || instruction.units.length !== instruction.targets.length;
      return instruction.targets.map((t) => (reshaped ? parentOf(t) : join(t)));
    }
    case 'deleteUnits':
      return instruction.targets.map((t) => (instruction.renumber ? parentOf(t) : join(t)));
    case 'insertUnits':
      return instruction.renumber
        ? [join(instruction.parent)]
        : instruction.units.map((u) => join([...instruction.parent, u.label]));
    case 'noChange':
      return [];
  }
}

/** The rulebook renamed as edition `edition`, in its metadata and its front matter. */
export function asEdition(rulebook: Rulebook, edition: string): Rulebook {
  const line = `edition: ${JSON.stringify(edition)}`;
  const fm = rulebook.frontMatter;
  const frontMatter =
    fm === null
      ? null
      : /^edition:.*$/m.test(fm)
        ? fm.replace(/^edition:.*$/m, line)
        : fm.replace(/\n---\s*$/, `\n${line}\n---`);
  return { ...rulebook, frontMatter, meta: { ...rulebook.meta, edition } };
}

/** Applies `motions` in order to `base`, as the next edition when `edition` is given; all or nothing. */
export function consolidate(
  base: Rulebook,
  motions: readonly CarriedMotion[],
  profile: Profile,
  edition?: string,
): ConsolidationResult {
  const problems: ConsolidationResult['problems'] = [];
  const summary: ConsolidationResult['summary'] = [];
  const claimed: { motion: string; path: string }[] = [];
  let current: Rulebook | null = base;

  for (const motion of motions) {
    const parsed = parseMotionText(motion.text, base, profile);
    const diagnostics = [...parsed.diagnostics];
    const paths = new Set<string>();
    for (const instruction of parsed.motion.instructions) {
      for (const path of footprint(instruction)) {
        paths.add(path);
        const earlier = claimed.find((c) => overlaps(c.path, path));
        if (!earlier) continue;
        const at = instruction.at ?? { line: 1, column: 1 };
        diagnostics.push(
          diagnostic(
            'error',
            'consolidation-conflict',
            `Unexpected change to ${path || 'the whole rulebook'}, which “${earlier.motion}” (carried earlier) already changes at ${earlier.path || 'the whole rulebook'}; expected motions on separate text, so resolve the two by hand`,
            at.line,
            at.column,
          ),
        );
      }
    }
    if (hasErrors(diagnostics)) {
      current = null;
    } else if (current) {
      // Safe to apply to the consolidated text: nothing this motion cites has moved.
      const applied = applyInstructions(current, parsed.motion.instructions, profile);
      diagnostics.push(...applied.diagnostics);
      current = applied.rulebook;
    }
    if (diagnostics.length > 0) problems.push({ motion: motion.name, diagnostics });
    for (const path of paths) claimed.push({ motion: motion.name, path });
    summary.push({ motion: motion.name, units: [...paths] });
  }
  // `current` is null once any motion failed (applyInstructions answers null on its errors).
  const next = current && edition ? asEdition(current, edition) : current;
  return { rulebook: next, problems, summary };
}
