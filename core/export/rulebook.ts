/**
 * A whole rulebook edition as a document — typically a consolidated edition, with the summary of
 * the amendments that made it at the front — clean, or as a redline against the edition it was
 * made from.
 */
import type { AmendmentSummaryLine } from '../../schemas/api';
import type { Profile } from '../../schemas/profile';
import { formatCitationList } from '../citations/format';
import { diffArrays } from 'diff';
import { similarity, tokenize } from '../diff/words';
import type { Rulebook, Unit } from '../rulebook/types';
import type { Block, ExportDocument, Run } from './model';
import { diffRuns, editionName, headingText, marked, numberedUnit, plain } from './runs';

export interface RulebookExportInput {
  rulebook: Rulebook;
  /** The edition it was made from: a redline shows the changes against it. */
  base: Rulebook | null;
  profile: Profile;
  /** The summary of amendments, in conference order; units in `rulebook`'s numbering. */
  amendments: AmendmentSummaryLine[];
}

/**
 * The edition's summary of amendments, contents, and every heading and numbered unit. With
 * `redline` and a base, each unit is diffed word by word against its base unit (a unit only in
 * the edition is all inserted, one only in the base all deleted). Base units are found per
 * parent by `alignSiblings`, not by path alone, so renumbering after an insertion or deletion
 * does not show every later unit as rewritten. One pass over both trees, with a word diff only
 * where a unit's text differs, so a 60,000-word edition takes milliseconds.
 */
export function rulebookDocument(
  input: RulebookExportInput,
  options: { redline: boolean },
): ExportDocument {
  const { rulebook, profile } = input;
  const base = options.redline ? input.base : null;
  const blocks: Block[] = [];
  if (input.amendments.length > 0) {
    blocks.push({
      kind: 'heading',
      level: 1,
      runs: plain('Summary of amendments'),
      id: 'summary-of-amendments',
    });
    for (const line of input.amendments) {
      blocks.push({ kind: 'paragraph', runs: plain(summaryLine(line, profile)) });
    }
  }
  blocks.push({ kind: 'toc' });
  emitSiblings(rulebook.chapters, base ? base.chapters : null, profile, blocks);
  const from = input.base ? editionName(input.base) : '';
  return {
    title: editionName(rulebook),
    subtitle: from
      ? base
        ? `As amended, with the changes from the ${from} marked`
        : `As amended, consolidated from the ${from}`
      : undefined,
    redline: base !== null,
    blocks,
  };
}

/** "Conference 2026, card vote 2 — Open selection (Anytown CLP): Chapter 5, Clause IV, …". */
export function summaryLine(line: AmendmentSummaryLine, profile: Profile): string {
  const paths = line.units.filter((u) => u !== '').map((u) => u.split('.'));
  const whole = line.units.includes('') ? ['the whole rulebook'] : [];
  const units = [...whole, ...(paths.length > 0 ? [formatCitationList(paths, profile)] : [])];
  const where = units.length > 0 ? `: ${units.join('; ')}` : '';
  return `Conference ${line.conference}, card vote ${line.card} — ${line.title} (${line.body})${where}`;
}

/**
 * Emits one list of siblings. In a redline they are first lined up with the base siblings of the
 * same parent (see `alignSiblings`); `baseSiblings` null means clean.
 */
function emitSiblings(
  units: readonly Unit[],
  baseSiblings: readonly Unit[] | null,
  profile: Profile,
  out: Block[],
): void {
  if (baseSiblings === null) {
    for (const unit of units) emitUnit(unit, null, null, profile, out);
    return;
  }
  for (const { now, before } of alignSiblings(baseSiblings, units)) {
    emitUnit(now, before, before ? before.children : [], profile, out);
  }
}

/** A unit as it reads now and as it read in the base; one side null for a new or removed unit. */
interface Pair {
  now: Unit | null;
  before: Unit | null;
}

/**
 * Lines up one parent's children in the base and now, as Word's compare would: units whose own
 * text is unchanged are matched in order (a word diff over the sibling list, with each unit's
 * text as one token), so a unit inserted or deleted with renumbering shows as that one unit
 * added or struck through, not as every later sibling rewritten under the label it now has.
 * Between two matches, as many units on each side are changed units in place (paired in order);
 * otherwise each unit now is paired with the most similar base unit left, if any is at least
 * half the same, and the rest are new or removed. Cost: one diff of each sibling list, which
 * is linear while few units change.
 */
export function alignSiblings(base: readonly Unit[], now: readonly Unit[]): Pair[] {
  const key = (u: Unit) => `${u.kind}\u0000${u.title}\u0000${u.text}`;
  const pairs: Pair[] = [];
  let gapBase: Unit[] = [];
  let gapNow: Unit[] = [];
  const flush = () => {
    pairs.push(...pairGap(gapBase, gapNow));
    gapBase = [];
    gapNow = [];
  };
  let i = 0;
  let j = 0;
  for (const part of diffArrays(base.map(key), now.map(key))) {
    const count = part.count ?? part.value.length;
    if (part.removed) {
      gapBase.push(...base.slice(i, i + count));
      i += count;
    } else if (part.added) {
      gapNow.push(...now.slice(j, j + count));
      j += count;
    } else {
      flush();
      for (let k = 0; k < count; k++)
        pairs.push({ now: now[j + k] ?? null, before: base[i + k] ?? null });
      i += count;
      j += count;
    }
  }
  flush();
  return pairs;
}

/** Pairs the changed units between two matches: in place when the counts agree, else by likeness. */
function pairGap(base: readonly Unit[], now: readonly Unit[]): Pair[] {
  if (base.length === now.length) return now.map((u, k) => ({ now: u, before: base[k] ?? null }));
  const pairs: Pair[] = [];
  const tokens = base.map((u) => tokenize(u.text));
  let next = 0;
  for (const unit of now) {
    const mine = tokenize(unit.text);
    let best = -1;
    let bestScore = 0.5;
    for (let k = next; k < base.length; k++) {
      const score = similarity(tokens[k] as string[], mine);
      if (score >= bestScore && (best < 0 || score > bestScore)) {
        best = k;
        bestScore = score;
      }
    }
    if (best < 0) {
      pairs.push({ now: unit, before: null });
      continue;
    }
    for (; next < best; next++) pairs.push({ now: null, before: base[next] ?? null });
    pairs.push({ now: unit, before: base[best] ?? null });
    next = best + 1;
  }
  for (; next < base.length; next++) pairs.push({ now: null, before: base[next] ?? null });
  return pairs;
}

/**
 * One unit (and below it, its sub-units): `unit` as it reads now, `before` as it read in the base.
 * Exactly one may be null in a redline (a new or a removed unit); `baseChildren` null means clean.
 */
function emitUnit(
  unit: Unit | null,
  before: Unit | null,
  baseChildren: readonly Unit[] | null,
  profile: Profile,
  out: Block[],
): void {
  const shown = (unit ?? before) as Unit;
  const redline = baseChildren !== null;
  const runsOf = (now: string, then: string): Run[] =>
    !redline
      ? plain(now)
      : !before
        ? marked(now, 'ins')
        : !unit
          ? marked(then, 'del')
          : diffRuns(then, now);

  if (shown.kind === 'unit') {
    const runs = runsOf(unit?.text ?? '', before?.text ?? '');
    // A removed unit keeps its base label; its id must not clash with a unit now at that path.
    const prefix = unit ? '' : 'deleted-';
    out.push({ kind: 'unit', unit: numberedUnit(shown, runs, profile, prefix) });
  } else {
    const now = unit ? headingText(unit, profile) : '';
    const then = before ? headingText(before, profile) : '';
    const id = `${unit ? '' : 'deleted-'}${shown.path.join('.')}`;
    out.push({
      kind: 'heading',
      level: shown.kind === 'chapter' ? 1 : 2,
      runs: runsOf(now, then),
      id,
    });
    const text = runsOf(unit?.text ?? '', before?.text ?? '');
    if (text.length > 0) out.push({ kind: 'paragraph', runs: text });
  }
  if (!redline) {
    emitSiblings(shown.children, null, profile, out);
  } else if (!unit) {
    for (const child of shown.children) emitUnit(null, child, [], profile, out);
  } else {
    emitSiblings(unit.children, baseChildren, profile, out);
  }
}
