/**
 * The result of a conference vote on a rule change, from each section's votes: the weighted
 * share for and against, whether it carries under the profile's rule, and the line the results
 * sheet prints ("Card vote 8 — … — 14.58% for, 85.42% against — NOT CARRIED").
 */
import type { Vote } from '../../schemas/profile';

/** One section's votes: counts, or percentages as announced (only their ratio matters). */
export interface SectionVotes {
  for: number;
  against: number;
}

export type VoteResult =
  | { ok: true; forPercent: number; againstPercent: number; carried: boolean; words: string }
  | { ok: false; reason: string };

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Weighs each section's share for by its weight; refuses a missing or empty section. */
export function voteResult(vote: Vote, votes: Readonly<Record<string, SectionVotes>>): VoteResult {
  let share = 0;
  for (const section of vote.sections) {
    const v = votes[section.id];
    if (!v) return { ok: false, reason: `No votes recorded for ${section.label}` };
    const valid = [v.for, v.against].every((n) => Number.isFinite(n) && n >= 0);
    if (!valid || v.for + v.against === 0) {
      return {
        ok: false,
        reason: `${section.label}: votes for and against must be numbers, not both 0`,
      };
    }
    share += section.weight * (v.for / (v.for + v.against));
  }
  const unknown = Object.keys(votes).filter((id) => !vote.sections.some((s) => s.id === id));
  if (unknown.length > 0)
    return { ok: false, reason: `Unknown vote section ${unknown.join(', ')}` };
  const { share: needed, strict } = vote.carries;
  const carried = strict ? share > needed : share >= needed;
  const forPercent = round2(share * 100);
  return {
    ok: true,
    forPercent,
    againstPercent: round2(100 - forPercent),
    carried,
    words: carried ? vote.words.carried : vote.words.notCarried,
  };
}

/**
 * The results-sheet line: "Card vote 8 — Open selection — 14.58% for, 85.42% against — NOT
 * CARRIED". With `bodies` (identical submissions share one card vote) they follow the title:
 * "Card vote 8 — Open selection — Anytown CLP, Bigtown CLP — …". An empty title or no bodies
 * leave their part out, for a motion's own page where the title is already printed.
 */
export function resultLine(
  label: string,
  title: string,
  result: VoteResult & { ok: true },
  bodies: readonly string[] = [],
): string {
  const pct = (x: number) => `${x.toFixed(2)}%`;
  const figures = `${pct(result.forPercent)} for, ${pct(result.againstPercent)} against`;
  return [label, title, bodies.join(', '), figures, result.words]
    .filter((part) => part !== '')
    .join(' — ');
}
