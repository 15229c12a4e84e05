/**
 * Conflicts between two motions on overlapping text (SPEC §4.4): each shared unit side by side
 * against the same base, whether both can apply (a three-way merge at word level), and which
 * falls if the other carries (SPEC §2: when an NEC rule change on overlapping text passes first,
 * the overlapping CLP motions fall). Pure: the caller passes each motion's motion text.
 *
 * "Both can apply" is about the rule text: every unit ends up with one well-defined wording that
 * keeps both motions' changes. Changes that meet (the same words, or words next to each other,
 * where one motion's quoted anchor is the other's change) are conflicts. Anything that moves units
 * about (renumbering, replacing a run of units by a different number) is never merged by guess:
 * it claims the whole parent, as in consolidation.
 */
import { applyInstructions, applyTextOps } from '../amendments/apply';
import type { Instruction, NewUnit } from '../amendments/model';
import { parseMotionText } from '../amendments/parse';
import { formatCitation } from '../citations';
import type { Diagnostic } from '../diagnostics';
import { normaliseText, renderTokens, tokenize, wordHunks, type Hunk } from '../diff/words';
import { findUnit, walkUnits } from '../rulebook/tree';
import type { Rulebook, Unit, UnitPath } from '../rulebook/types';
import type { BodyKind, Profile } from '../../schemas/profile';
import { overlaps } from './checks';
import { footprint } from './consolidate';

/** A motion to compare: who moves it (for messages and precedence) and its motion text. */
export interface ConflictMotion {
  id: string;
  title: string;
  body: string;
  bodyKind: BodyKind;
  text: string;
}

/** What one motion does to a unit: nothing, its words, the whole unit, removes it, adds it. */
export type UnitChange = 'none' | 'amend' | 'replace' | 'delete' | 'insert';

/** A unit as it would read if only one motion carried. */
export interface SideText {
  /** null when the motion removes the unit, or (a new unit) does not add it. */
  text: string | null;
  change: UnitChange;
}

/** Words both motions change differently: the base words and what each makes of them. */
export interface Clash {
  base: string;
  a: string;
  b: string;
  /** The base word just before the clash ('' at the start), to say where two additions meet. */
  before: string;
}

export type SharedVerdict =
  /** Both apply; `text` is the unit with both changes (null: the unit is removed). */
  | { kind: 'merged'; text: string | null }
  /** The two change the same words (or the same unit incompatibly). */
  | { kind: 'conflict'; message: string; clashes: Clash[] }
  /** A change of structure (renumbering) is involved: never combined automatically. */
  | { kind: 'manual'; message: string };

/** One unit both motions bear on, side by side. */
export interface SharedUnit {
  path: string;
  /** A unit a motion adds: not in the base edition. */
  isNew: boolean;
  citation: string;
  base: string | null;
  a: SideText;
  b: SideText;
  verdict: SharedVerdict;
}

/** Which motion falls if the other carries; null when neither does. */
export interface Falls {
  falls: 'a' | 'b' | 'first' | null;
  message: string;
}

export interface MotionConflict {
  /** Where the two motions' footprints overlap, in document order. */
  units: string[];
  shared: SharedUnit[];
  bothApply: boolean;
  falls: Falls;
  /** A motion whose text does not apply to the base on its own: nothing about it can be trusted. */
  problems: { motion: string; diagnostics: Diagnostic[] }[];
}

/**
 * The body kind whose rule changes are taken first (SPEC §2). Not yet a profile setting: only
 * Labour's procedure says so, and the other profiles' NEC-like bodies do not submit rule changes.
 */
const TAKEN_FIRST: BodyKind = 'nec';

/** A unit one motion touches, keyed by path (new units by `+path`, so they never meet a base unit). */
interface Touch {
  path: UnitPath;
  isNew: boolean;
  side: SideText;
}

interface Reading {
  motion: ConflictMotion;
  instructions: Instruction[];
  /** Every unit the motion changes, restated sub-units of a whole replacement included. */
  touches: Map<string, Touch>;
  /** The units each instruction names itself (targets and new units). */
  named: Map<Instruction, string[]>;
  errors: Diagnostic[];
}

const keyOf = (path: UnitPath, isNew: boolean) => `${isNew ? '+' : ''}${path.join('.')}`;

/**
 * Parses and applies a motion alone to the base (any error is a problem), and records what it
 * makes of each unit it touches. The texts come from its own instructions, through the same text
 * operations apply uses, rather than by looking paths up in the applied rulebook: a unit keeps
 * its base path there even when the motion renumbers the units around it.
 */
function read(base: Rulebook, profile: Profile, motion: ConflictMotion): Reading {
  const parsed = parseMotionText(motion.text, base, profile);
  const instructions = parsed.motion.instructions;
  const applied = applyInstructions(base, instructions, profile);
  const errors = [...parsed.diagnostics, ...applied.diagnostics].filter(
    (d) => d.severity === 'error',
  );
  const touches = new Map<string, Touch>();
  const named = new Map<Instruction, string[]>();
  const gone: SideText = { text: null, change: 'delete' };
  const touch = (path: UnitPath, isNew: boolean, side: SideText) => {
    const key = keyOf(path, isNew);
    touches.set(key, { path, isNew, side });
    return key;
  };
  const addNew = (units: readonly NewUnit[], parent: UnitPath): string[] =>
    units.map((u) => {
      const path = [...parent, u.label];
      addNew(u.children, path);
      return touch(path, true, { text: normaliseText(u.text), change: 'insert' });
    });
  /** A whole replacement restates the sub-units: each is the replacement's, or gone. */
  const restate = (units: readonly Unit[], replacements: readonly NewUnit[], parent: UnitPath) => {
    for (const u of units) {
      const r = replacements.find((n) => n.label === u.label);
      touch(u.path, false, r ? { text: normaliseText(r.text), change: 'replace' } : gone);
      restate(u.children, r?.children ?? [], u.path);
    }
    const fresh = replacements.filter((r) => !units.some((u) => u.label === r.label));
    addNew(fresh, parent);
  };

  for (const instruction of instructions) {
    const keys: string[] = [];
    switch (instruction.kind) {
      case 'text': {
        const hit = findUnit(base, instruction.target);
        if (!hit) break; // applyInstructions has said so
        const at = instruction.at ?? { line: 1, column: 1 };
        const where = instruction.target.join('.');
        const result = applyTextOps(hit.unit.text, instruction.ops, where, at);
        if (result.text === null) break;
        keys.push(touch(instruction.target, false, { text: result.text, change: 'amend' }));
        break;
      }
      case 'deleteUnits':
        for (const target of instruction.targets) {
          const hit = findUnit(base, target);
          if (!hit) continue;
          keys.push(touch(target, false, gone));
          for (const u of walkUnits(hit.unit.children)) touch(u.path, false, gone);
        }
        break;
      case 'replaceUnits': {
        const oneForOne = instruction.units.length === instruction.targets.length;
        instruction.targets.forEach((target, n) => {
          const hit = findUnit(base, target);
          if (!hit) return;
          const r = oneForOne ? instruction.units[n] : undefined;
          keys.push(
            touch(target, false, r ? { text: normaliseText(r.text), change: 'replace' } : gone),
          );
          restate(hit.unit.children, r?.children ?? [], target);
        });
        if (!oneForOne && instruction.targets[0]) {
          keys.push(...addNew(instruction.units, instruction.targets[0].slice(0, -1)));
        }
        break;
      }
      case 'insertUnits':
        keys.push(...addNew(instruction.units, instruction.parent));
        break;
      case 'noChange':
        break;
    }
    named.set(instruction, keys);
  }
  return { motion, instructions, touches, named, errors };
}

/** Whether an instruction moves units about: it claims the parent (see {@link footprint}). */
function reshapes(instruction: Instruction): boolean {
  switch (instruction.kind) {
    case 'insertUnits':
    case 'deleteUnits':
      return instruction.renumber;
    case 'replaceUnits':
      return instruction.renumber || instruction.units.length !== instruction.targets.length;
    default:
      return false;
  }
}

const quote = (s: string) => `“${s}”`;

/** Why a reshaping instruction cannot be combined with another change in the same parent. */
function reshapeMessage(
  instruction: Instruction,
  mover: ConflictMotion,
  other: ConflictMotion,
  profile: Profile,
): string {
  const cite = (path: UnitPath) =>
    path.length > 0 ? formatCitation(path, profile) : 'the rulebook';
  const parent = footprint(instruction)[0] ?? '';
  let what = 'changes the units of';
  if (instruction.kind === 'deleteUnits' && instruction.targets[0]) {
    what = `deletes ${cite(instruction.targets[0])} and renumbers the units after it in`;
  } else if (instruction.kind === 'insertUnits' && instruction.units[0]) {
    const added = [...instruction.parent, instruction.units[0].label];
    what = `adds ${cite(added)} and renumbers the units after it in`;
  } else if (instruction.kind === 'replaceUnits' && instruction.targets[0]) {
    what = `replaces ${cite(instruction.targets[0])} by a different number of units, renumbering`;
  }
  return `${quote(mover.title)} ${what} ${cite(parent ? parent.split('.') : [])}, so units there may change their numbers while ${quote(other.title)} changes that text: the two cannot be combined automatically; resolve them by hand`;
}

/** Applies hunks (base coordinates, left to right) to `base`. */
function applyHunks(base: readonly string[], hunks: readonly Hunk[], offset = 0): string[] {
  const out: string[] = [];
  let at = offset;
  for (const h of hunks) {
    out.push(...base.slice(at - offset, h.from - offset), ...h.tokens);
    at = h.to;
  }
  out.push(...base.slice(at - offset));
  return out;
}

/**
 * A three-way merge of two word-level changes to one text: changes that neither overlap nor
 * touch are combined; where they meet, the same result is taken once, a different one is a clash.
 */
export function mergeWords(
  base: string,
  a: string,
  b: string,
): { text: string; clashes: [] } | { text: null; clashes: Clash[] } {
  const B = tokenize(normaliseText(base));
  const hunks = [
    ...wordHunks(B, tokenize(normaliseText(a))).map((h) => ({ h, side: 'a' as const })),
    ...wordHunks(B, tokenize(normaliseText(b))).map((h) => ({ h, side: 'b' as const })),
  ].sort((x, y) => x.h.from - y.h.from || x.h.to - y.h.to);

  // Clusters of hunks that overlap or touch: sorted by start, a hunk joins while it starts
  // no later than the cluster ends. One side's own hunks never touch (a common word parts them).
  const clusters: { from: number; to: number; items: typeof hunks }[] = [];
  for (const item of hunks) {
    const last = clusters.at(-1);
    if (last && item.h.from <= last.to) {
      last.to = Math.max(last.to, item.h.to);
      last.items.push(item);
    } else {
      clusters.push({ from: item.h.from, to: item.h.to, items: [item] });
    }
  }
  const out: string[] = [];
  const clashes: Clash[] = [];
  let at = 0;
  for (const c of clusters) {
    out.push(...B.slice(at, c.from));
    const region = B.slice(c.from, c.to);
    const side = (s: 'a' | 'b') =>
      applyHunks(
        region,
        c.items.filter((i) => i.side === s).map((i) => i.h),
        c.from,
      );
    const [ra, rb] = [side('a'), side('b')];
    const sides = new Set(c.items.map((i) => i.side));
    if (sides.size === 1) out.push(...(sides.has('a') ? ra : rb));
    else if (ra.join(' ') === rb.join(' ')) out.push(...ra);
    else {
      const before = B[c.from - 1] ?? '';
      clashes.push({
        base: renderTokens(region),
        a: renderTokens(ra),
        b: renderTokens(rb),
        before,
      });
    }
    at = c.to;
  }
  out.push(...B.slice(at));
  return clashes.length > 0 ? { text: null, clashes } : { text: renderTokens(out), clashes: [] };
}

/** Names the clashing words and what each motion makes of them. */
function clashMessage(clashes: readonly Clash[], a: ConflictMotion, b: ConflictMotion): string {
  const [ta, tb] = [quote(a.title), quote(b.title)];
  const fate = (words: string, title: string) =>
    words === '' ? `is deleted by ${title}` : `becomes ${quote(words)} in ${title}`;
  const parts = clashes.map((c) => {
    if (c.base !== '' && c.a !== '' && c.b !== '') {
      return `${quote(c.base)} becomes ${quote(c.a)} in ${ta} but ${quote(c.b)} in ${tb}`;
    }
    if (c.base !== '') return `${quote(c.base)} ${fate(c.a, ta)} but ${fate(c.b, tb)}`;
    const where = c.before ? `after ${quote(c.before)}` : 'at the start';
    return `${where}, ${ta} adds ${quote(c.a)} and ${tb} adds ${quote(c.b)}`;
  });
  return `${ta} and ${tb} change the same words: ${parts.join('; ')}`;
}

/** The verdict on one unit from what each motion alone makes of it. */
function judge(
  base: string | null,
  sa: SideText,
  sb: SideText,
  a: ConflictMotion,
  b: ConflictMotion,
): SharedVerdict {
  if (sa.change === 'none') return { kind: 'merged', text: sb.text };
  if (sb.change === 'none') return { kind: 'merged', text: sa.text };
  if (sa.text === sb.text) return { kind: 'merged', text: sa.text };
  const [ta, tb] = [quote(a.title), quote(b.title)];
  const clash: Clash = { base: base ?? '', a: sa.text ?? '', b: sb.text ?? '', before: '' };
  if (sa.change === 'delete' || sb.change === 'delete') {
    const [deleter, keeper] = sa.change === 'delete' ? [ta, tb] : [tb, ta];
    return {
      kind: 'conflict',
      message: `${deleter} deletes this unit, which ${keeper} changes`,
      clashes: [clash],
    };
  }
  if (sa.change === 'insert' || sb.change === 'insert') {
    return {
      kind: 'conflict',
      message: `${ta} and ${tb} both add a unit here, with different text`,
      clashes: [clash],
    };
  }
  if (sa.change === 'replace' || sb.change === 'replace') {
    const [replacer, amender] = sa.change === 'replace' ? [ta, tb] : [tb, ta];
    return {
      kind: 'conflict',
      message: `${replacer} restates this unit in full (it replaces it whole), so it cannot be combined with ${amender}’s change to its words: whichever carries second would decide them`,
      clashes: [clash],
    };
  }
  const merged = mergeWords(base ?? '', sa.text ?? '', sb.text ?? '');
  if (merged.text !== null) return { kind: 'merged', text: merged.text };
  return {
    kind: 'conflict',
    message: clashMessage(merged.clashes, a, b),
    clashes: merged.clashes,
  };
}

/** Which falls if the other carries: the NEC's change is taken first; otherwise the first carried. */
export function fallsIfOtherCarries(
  a: ConflictMotion,
  b: ConflictMotion,
  bothApply: boolean,
): Falls {
  if (bothApply) return { falls: null, message: 'Neither falls: both can apply.' };
  const [aFirst, bFirst] = [a.bodyKind === TAKEN_FIRST, b.bodyKind === TAKEN_FIRST];
  if (bFirst && !aFirst) {
    return {
      falls: 'a',
      message: `If ${quote(b.title)} carries, ${quote(a.title)} falls: the NEC’s rule change is taken first.`,
    };
  }
  if (aFirst && !bFirst) {
    return {
      falls: 'b',
      message: `If ${quote(a.title)} carries, ${quote(b.title)} falls: the NEC’s rule change is taken first.`,
    };
  }
  return { falls: 'first', message: 'Whichever carries first stands; the other falls.' };
}

/** The deeper of two overlapping paths: where they meet. */
function meeting(x: string, y: string): string {
  if (x === '') return y;
  if (y === '') return x;
  return x.split('.').length >= y.split('.').length ? x : y;
}

/** Document order of paths in the base; a new unit sorts after its parent's last sub-unit. */
function documentOrder(base: Rulebook): (path: string, isNew: boolean) => number {
  const order = new Map<string, number>();
  const last = new Map<string, number>();
  let n = 0;
  const visit = (units: readonly Unit[]) => {
    for (const u of units) {
      const key = u.path.join('.');
      order.set(key, n++);
      visit(u.children);
      last.set(key, n - 1);
    }
  };
  visit(base.chapters);
  return (path, isNew) => {
    if (!isNew) return order.get(path) ?? n;
    const parent = path.split('.').slice(0, -1).join('.');
    return (last.get(parent) ?? n) + 0.5;
  };
}

/**
 * How motion `a` and motion `b` meet on the base edition: null when their footprints do not
 * overlap; otherwise every unit either changes where they overlap, side by side, each with its
 * verdict, whether both can apply, and which falls if the other carries.
 */
export function motionConflict(
  base: Rulebook,
  profile: Profile,
  a: ConflictMotion,
  b: ConflictMotion,
): MotionConflict | null {
  const ra = read(base, profile, a);
  const rb = read(base, profile, b);
  const units = new Set<string>();
  /** Shared units by key, with the reason to leave them to people when structure changes. */
  const sites = new Map<string, { path: UnitPath; isNew: boolean; manual: string | null }>();
  const site = (key: string, reading: Reading, manual: string | null) => {
    const touch = reading.touches.get(key);
    if (!touch) return;
    const s = sites.get(key) ?? { path: touch.path, isNew: touch.isNew, manual: null };
    s.manual ??= manual;
    sites.set(key, s);
  };

  for (const ia of ra.instructions) {
    const fa = footprint(ia);
    for (const ib of rb.instructions) {
      const fb = footprint(ib);
      const met = fa.flatMap((x) => fb.filter((y) => overlaps(x, y)).map((y) => meeting(x, y)));
      if (met.length === 0) continue;
      for (const path of met) units.add(path);
      const manual = reshapes(ia)
        ? reshapeMessage(ia, a, b, profile)
        : reshapes(ib)
          ? reshapeMessage(ib, b, a, profile)
          : null;
      for (const key of ra.named.get(ia) ?? []) site(key, ra, manual);
      for (const key of rb.named.get(ib) ?? []) site(key, rb, manual);
    }
  }
  if (units.size === 0) return null;

  const order = documentOrder(base);
  const shared: SharedUnit[] = [...sites.entries()]
    .map(([key, s]) => {
      const path = s.path.join('.');
      const baseText = s.isNew ? null : (findUnit(base, s.path)?.unit.text ?? null);
      const unchanged: SideText = { text: baseText, change: 'none' };
      const sa = ra.touches.get(key)?.side ?? unchanged;
      const sb = rb.touches.get(key)?.side ?? unchanged;
      const verdict: SharedVerdict = s.manual
        ? { kind: 'manual', message: s.manual }
        : judge(baseText, sa, sb, a, b);
      return {
        path,
        isNew: s.isNew,
        citation: formatCitation(s.path, profile),
        base: baseText,
        a: sa,
        b: sb,
        verdict,
      };
    })
    .sort((x, y) => order(x.path, x.isNew) - order(y.path, y.isNew) || (x.isNew ? 1 : -1));

  const problems = [ra, rb]
    .filter((r) => r.errors.length > 0)
    .map((r) => ({ motion: r.motion.id, diagnostics: r.errors }));
  const bothApply = problems.length === 0 && shared.every((s) => s.verdict.kind === 'merged');
  const falls: Falls =
    problems.length > 0
      ? {
          falls: null,
          message: `Cannot tell which falls: the motion text of ${[ra, rb]
            .filter((r) => r.errors.length > 0)
            .map((r) => quote(r.motion.title))
            .join(' and ')} does not apply to the base edition`,
        }
      : fallsIfOtherCarries(a, b, bothApply);
  return {
    units: [...units].sort((x, y) => order(x, false) - order(y, false)),
    shared,
    bothApply,
    falls,
    problems,
  };
}
