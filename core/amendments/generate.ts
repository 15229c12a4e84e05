/**
 * Generates instructions from a redline: what must be said to turn the base edition into the
 * proposed text. Quoted anchors are the shortest text unique within the unit, nearby changes
 * merge, a mostly-changed unit is replaced whole, and every result is checked by applying it —
 * when a compact wording would not reproduce the proposal exactly, a plainer one is used.
 */
import { diffArrays } from 'diff';
import { diagnostic, type Diagnostic } from '../diagnostics';
import {
  commonPrefix,
  commonSuffix,
  renderTokens,
  similarity,
  tokenize,
  wordHunks,
  type Hunk,
} from '../diff/words';
import { labelAt, labelOrdinal, levelKind } from '../rulebook/labels';
import type { LabelKind, Rulebook, Unit } from '../rulebook/types';
import type { DraftingStyle, Profile } from '../../schemas/profile';
import { labourProfile } from '../profiles';
import { applyTextOps, findQuoted } from './apply';
import type { Instruction, NewUnit, TextOp } from './model';
import { quotePairFor } from './quotes';

export interface GenerateResult {
  instructions: Instruction[];
  diagnostics: Diagnostic[];
}

/** True when some quote pair of the style can enclose `s` without ambiguity. */
export function quotable(s: string, style: DraftingStyle): boolean {
  return !s.includes('\n') && quotePairFor(s, style) !== null;
}

/**
 * The text operations that turn `base` into `proposed`, or null when the unit should be replaced
 * whole (most of it changes, a paragraph break moves, or no short wording reproduces it exactly).
 */
export function textOps(
  base: string,
  proposed: string,
  style: DraftingStyle,
  mayReplaceWhole = true,
): TextOp[] | null {
  const B = tokenize(base);
  const P = tokenize(proposed);
  const hunks = mergeHunks(wordHunks(B, P), B, style.mergeWithin);
  if (hunks.length === 0) return [];
  const changed = hunks.reduce((n, h) => n + (h.to - h.from) + h.tokens.length, 0);
  if (mayReplaceWhole && changed / Math.max(1, B.length + P.length) > style.replaceWholeAbove)
    return null;
  if (hunks.some((h) => h.tokens.includes('\n') || B.slice(h.from, h.to).includes('\n')))
    return null;
  const offsets = tokenOffsets(base);
  // The finer wording first ("after ‘timetable’ insert ‘and inform the CLP’"); if together the
  // finer ops do not reproduce the proposal exactly, whole words only.
  for (const fine of [true, false]) {
    const ops: TextOp[] = [];
    for (const hunk of hunks) {
      const op = (fine ? refinedOp(base, B, offsets, hunk) : null) ?? hunkOp(base, B, hunk);
      if (!op) return null;
      ops.push(op);
    }
    const strings = ops.flatMap((op) => Object.values(op).filter((v) => v !== op.op));
    if (!strings.every((s) => quotable(s, style))) continue;
    if (applyTextOps(base, ops, '', { line: 1, column: 1 }).text === proposed) return ops;
  }
  return null;
}

/** Where each token of normalised text starts. */
function tokenOffsets(text: string): number[] {
  const offsets: number[] = [];
  for (const m of text.matchAll(/[^\s]+|\n/g)) offsets.push(m.index);
  return offsets;
}

const LETTER = /[\p{L}\p{N}]/u;

/**
 * Quoted words a secretary can read and check against the rulebook: a phrase, not "after ‘by’"
 * or "delete ‘15’" — at least two words and eight letters or digits, unless the unit's whole
 * text is no longer than that.
 */
export function readable(words: string, text: string): boolean {
  const letters = (s: string) => (s.match(/[\p{L}\p{N}]/gu) ?? []).length;
  const phrase = (s: string) => s.trim().split(/\s+/).length >= 2 && letters(s) >= 8;
  return phrase(words) || !phrase(text) || letters(words) >= letters(text);
}

/**
 * A change that, letter by letter, only adds or only removes words inside the hunk's neighbourhood
 * — "timetable." → "timetable and inform the CLP." — worded as an insertion after (or deletion
 * of) whole words rather than a replacement that repeats the punctuation.
 */
function refinedOp(
  text: string,
  B: readonly string[],
  offsets: readonly number[],
  hunk: Hunk,
): TextOp | null {
  const l = Math.max(0, hunk.from - 1);
  const r = Math.min(B.length, hunk.to + 1);
  const start = offsets[l] ?? text.length;
  const end = r > 0 ? (offsets[r - 1] ?? 0) + (B[r - 1] as string).length : 0;
  const O = text.slice(start, end);
  const N = renderTokens([...B.slice(l, hunk.from), ...hunk.tokens, ...B.slice(hunk.to, r)]);
  let pre = commonPrefix(O, N);
  // Never split a word: back off to where a word ends.
  while (
    pre > 0 &&
    (LETTER.test(O[pre] ?? '') || LETTER.test(N[pre] ?? '')) &&
    LETTER.test(O[pre - 1] as string)
  )
    pre--;
  const suf = commonSuffix(O, N, pre);
  const removed = O.slice(pre, O.length - suf);
  const added = N.slice(pre, N.length - suf);
  const at = start + pre;
  if (removed === '' && added !== '' && !/\s$/.test(added)) {
    const insert = added.startsWith(' ') ? added.slice(1) : /^[,.;:)]/.test(added) ? added : null;
    if (insert === null || insert === '' || /^\s/.test(insert)) return null;
    // At the very end: "add at end", as people write it, not "after ‘…the NEC.’ insert".
    if (at === text.length && added.startsWith(' ')) return { op: 'addAtEnd', new: insert };
    // The anchor: whole words ending exactly at the insertion point, as few as are unique.
    for (let k = offsets.length - 1; k >= 0; k--) {
      const s = offsets[k] as number;
      if (s >= at) continue;
      const anchor = text.slice(s, at);
      if (anchor.includes('\n')) return null;
      if (!readable(anchor, text)) continue;
      const found = findQuoted(text, anchor);
      if (found.length === 1 && found[0] === s) {
        return { op: 'insertAfter', anchor, new: insert };
      }
    }
    return null;
  }
  if (added === '' && removed.startsWith(' ') && !/\s$/.test(removed)) {
    const old = removed.slice(1);
    const found = findQuoted(text, old);
    if (
      old &&
      readable(old, text) &&
      !LETTER.test(text[at + removed.length] ?? '') &&
      found.length === 1 &&
      found[0] === at + 1
    ) {
      return { op: 'delete', old };
    }
  }
  return null;
}

/** Joins changes separated by at most `within` unchanged words into one. */
function mergeHunks(hunks: Hunk[], base: readonly string[], within: number): Hunk[] {
  const merged: Hunk[] = [];
  for (const hunk of hunks) {
    const last = merged.at(-1);
    if (last && hunk.from - last.to <= within) {
      last.tokens = [...last.tokens, ...base.slice(last.to, hunk.from), ...hunk.tokens];
      last.to = hunk.to;
    } else {
      merged.push({ ...hunk, tokens: [...hunk.tokens] });
    }
  }
  return merged;
}

/** Words once in the unit text, as the apply step will look for them. */
function unique(text: string, tokens: readonly string[]): boolean {
  return tokens.length > 0 && findQuoted(text, renderTokens(tokens)).length === 1;
}

/** Words a window of base tokens [l, r) with the change spliced in. */
function spliced(B: readonly string[], hunk: Hunk, l: number, r: number): string[] {
  return [...B.slice(l, hunk.from), ...hunk.tokens, ...B.slice(hunk.to, r)];
}

/** Picks the shortest wording for one change: delete, insert after/before, or replace with context. */
function hunkOp(text: string, B: readonly string[], hunk: Hunk): TextOp | null {
  const { from, to, tokens } = hunk;
  const added = renderTokens(tokens);
  if (from === to) {
    if (from === B.length) return { op: 'addAtEnd', new: added };
    if (from === 0) return { op: 'addAtStart', new: added };
    for (let k = from - 1; k >= 0; k--) {
      if (unique(text, B.slice(k, from)) && readable(renderTokens(B.slice(k, from)), text))
        return { op: 'insertAfter', anchor: renderTokens(B.slice(k, from)), new: added };
    }
    for (let k = from + 1; k <= B.length; k++) {
      if (unique(text, B.slice(from, k)) && readable(renderTokens(B.slice(from, k)), text))
        return { op: 'insertBefore', anchor: renderTokens(B.slice(from, k)), new: added };
    }
  } else if (
    tokens.length === 0 &&
    unique(text, B.slice(from, to)) &&
    readable(renderTokens(B.slice(from, to)), text)
  ) {
    return { op: 'delete', old: renderTokens(B.slice(from, to)) };
  }
  // Widen the quoted words, fewest first, until they occur once in the unit.
  const maxExtra = B.length - (to - from);
  for (let extra = 0; extra <= maxExtra; extra++) {
    for (let left = 0; left <= extra; left++) {
      const l = from - left;
      const r = to + (extra - left);
      if (l < 0 || r > B.length || r === l) continue;
      if (!unique(text, B.slice(l, r)) || !readable(renderTokens(B.slice(l, r)), text)) continue;
      const replacement = spliced(B, hunk, l, r);
      const old = renderTokens(B.slice(l, r));
      if (replacement.length === 0) return { op: 'delete', old };
      const added = renderTokens(replacement);
      // ‘three years’ → ‘two years’, not ‘three years,’ → ‘two years,’: the same punctuation
      // after both is left out when the words stay unique without it.
      const stop = /[,;:.]$/.exec(old)?.[0];
      const bare = old.slice(0, -1);
      if (stop && added.endsWith(stop) && findQuoted(text, bare).length === 1 && !LETTER.test(stop))
        return { op: 'replace', old: bare, new: added.slice(0, -1) };
      return { op: 'replace', old, new: added };
    }
  }
  return null;
}

/** Converts units of the proposed rulebook into the units written out in an instruction. */
export function toNewUnits(units: readonly Unit[]): NewUnit[] {
  return units.map((u) => ({
    marker: u.marker,
    label: u.label,
    ...(u.title ? { title: u.title } : {}),
    text: u.text,
    children: toNewUnits(u.children),
  }));
}

interface Pair {
  b?: Unit;
  p?: Unit;
}

/** Aligns two sibling lists: equal texts first, then similar texts among what is left between them. */
function alignChildren(base: readonly Unit[], proposed: readonly Unit[]): Pair[] {
  const pairs: Pair[] = [];
  let removed: Unit[] = [];
  let added: Unit[] = [];
  const flush = () => {
    const inner = diffArrays(removed, added, {
      comparator: (x: Unit, y: Unit) => similarity(tokenize(x.text), tokenize(y.text)) >= 0.5,
    });
    let bi = 0;
    let pi = 0;
    for (const part of inner) {
      const n = part.count ?? part.value.length;
      for (let k = 0; k < n; k++) {
        if (part.removed) pairs.push({ b: removed[bi++] });
        else if (part.added) pairs.push({ p: added[pi++] });
        else pairs.push({ b: removed[bi++], p: added[pi++] });
      }
    }
    removed = [];
    added = [];
  };
  let bi = 0;
  let pi = 0;
  const parts = diffArrays(base as Unit[], proposed as Unit[], {
    comparator: (x: Unit, y: Unit) => x.text === y.text,
  });
  for (const part of parts) {
    const n = part.count ?? part.value.length;
    if (part.removed) removed.push(...base.slice(bi, (bi += n)));
    else if (part.added) added.push(...proposed.slice(pi, (pi += n)));
    else {
      flush();
      for (let k = 0; k < n; k++) pairs.push({ b: base[bi++], p: proposed[pi++] });
    }
  }
  flush();
  return pairs;
}

/** Generates the instructions that turn `base` into `proposed`. */
export function generateInstructions(
  base: Rulebook,
  proposed: Rulebook,
  profile: Profile = labourProfile,
): GenerateResult {
  const instructions: Instruction[] = [];
  const diagnostics: Diagnostic[] = [];
  const style = profile.drafting;
  const kindAt = (depth: number) => levelKind(profile, depth);
  const unsupported = (unit: Unit, what: string) =>
    diagnostics.push(
      diagnostic(
        'error',
        'unsupported-change',
        `Unexpected ${what} of ${unit.kind} ${unit.path.join('.')}, expected changes below clause level`,
        unit.start.line,
        unit.start.column,
      ),
    );

  /** Own-text change of a matched pair; returns false when the unit is replaced whole instead. */
  const compareText = (b: Unit, p: Unit): boolean => {
    if (b.text === p.text) return true;
    // Headings cannot be replaced as units, so their text is always amended in place if it can be.
    const ops = textOps(b.text, p.text, style, b.kind === 'unit');
    if (ops) {
      instructions.push({ kind: 'text', target: b.path, ops });
      return true;
    }
    if (b.kind === 'unit') return false;
    // Otherwise replace a heading's whole text in one quotation.
    const whole: TextOp =
      b.text === ''
        ? { op: 'addAtEnd', new: p.text }
        : p.text === ''
          ? { op: 'delete', old: b.text }
          : { op: 'replace', old: b.text, new: p.text };
    if (Object.values(whole).every((v) => v === whole.op || quotable(v, style)))
      instructions.push({ kind: 'text', target: b.path, ops: [whole] });
    else unsupported(b, 'a multi-paragraph text change');
    return true;
  };

  const compareUnit = (b: Unit, p: Unit) => {
    if (sameSubtree(b, p)) return;
    if (b.title !== p.title) unsupported(b, 'a title change');
    if (!compareText(b, p)) {
      instructions.push({
        kind: 'replaceUnits',
        targets: [b.path],
        units: toNewUnits([p]),
        renumber: false,
      });
      return;
    }
    if (b.kind === 'chapter') compareByLabel(b.children, p.children);
    else compareChildren(b, p);
  };

  /** Chapters and clauses are matched by their number; adding or removing them is not supported yet. */
  const compareByLabel = (base: readonly Unit[], proposed: readonly Unit[]) => {
    for (const b of base) {
      const p = proposed.find((u) => u.label === b.label);
      if (p) compareUnit(b, p);
      else unsupported(b, 'the removal');
    }
    for (const p of proposed)
      if (!base.some((u) => u.label === p.label)) unsupported(p, 'the addition');
  };

  /** Numbered sub-units: aligned by text, then inserts, deletes and replacements with renumbering. */
  const compareChildren = (bParent: Unit, pParent: Unit) => {
    const pairs = alignChildren(bParent.children, pParent.children);
    const kind = kindAt(bParent.depth + 1);
    const structural = planStructure(bParent, pairs);
    const plain = labelsAfter(pairs, structural.firstChange, null);
    const renumbered = labelsAfter(pairs, structural.firstChange, kind);
    const wanted = pParent.children.map((u) => u.label);
    const same = (xs: string[]) =>
      xs.length === wanted.length && xs.every((x, i) => x === wanted[i]);
    let limit = pairs.length;
    const renumberable = structural.firstStructural === structural.firstChange && same(renumbered);
    if (same(plain) || renumberable) {
      const renumber = !same(plain);
      for (const instruction of structural.instructions)
        instructions.push({ ...instruction, renumber } as Instruction);
    } else {
      // The proposal relabels units in a way renumbering does not explain: restate the rest in full.
      limit = structural.firstChange;
      const bRest = pairs.slice(limit).flatMap((x) => (x.b ? [x.b] : []));
      const pRest = pairs.slice(limit).flatMap((x) => (x.p ? [x.p] : []));
      const before = pairs.slice(0, limit).findLast((x) => x.b)?.b ?? null;
      instructions.push(runInstruction(bParent, before, bRest, pRest));
    }
    for (const pair of pairs.slice(0, limit)) if (pair.b && pair.p) compareUnit(pair.b, pair.p);
  };

  for (const b of base.chapters) {
    const p = proposed.chapters.find((u) => u.label === b.label);
    if (p) compareUnit(b, p);
    else unsupported(b, 'the removal');
  }
  for (const p of proposed.chapters)
    if (!base.chapters.some((u) => u.label === p.label)) unsupported(p, 'the addition');
  return { instructions: sortByDocument(instructions, base), diagnostics };
}

/** True when nothing in or below a unit changed: most of a rulebook, skipped without diffing. */
function sameSubtree(b: Unit, p: Unit): boolean {
  return (
    b.text === p.text &&
    b.title === p.title &&
    b.marker === p.marker &&
    b.children.length === p.children.length &&
    b.children.every((c, i) => sameSubtree(c, p.children[i] as Unit))
  );
}

type Structural = Extract<Instruction, { kind: 'replaceUnits' | 'deleteUnits' | 'insertUnits' }>;

/** Runs of unmatched siblings become inserts, deletes or replacements. */
function planStructure(
  parent: Unit,
  pairs: readonly Pair[],
): { instructions: Structural[]; firstChange: number; firstStructural: number } {
  const out: Structural[] = [];
  let firstChange = pairs.length;
  let firstStructural = -1;
  let previous: Unit | null = null;
  for (let i = 0; i < pairs.length; ) {
    const pair = pairs[i] as Pair;
    if (pair.b && pair.p) {
      if (pair.b.label !== pair.p.label) firstChange = Math.min(firstChange, i);
      previous = pair.b;
      i++;
      continue;
    }
    firstChange = Math.min(firstChange, i);
    if (firstStructural < 0) firstStructural = i;
    const removed: Unit[] = [];
    const added: Unit[] = [];
    while (i < pairs.length && !((pairs[i] as Pair).b && (pairs[i] as Pair).p)) {
      const x = pairs[i] as Pair;
      if (x.b) removed.push(x.b);
      if (x.p) added.push(x.p);
      i++;
    }
    out.push(runInstruction(parent, previous, removed, added));
    previous = removed.at(-1) ?? previous;
  }
  return { instructions: out, firstChange, firstStructural };
}

/** A run of sibling units removed and/or added after `after`: an insert, a delete or a replacement. */
function runInstruction(
  parent: Unit,
  after: Unit | null,
  removed: readonly Unit[],
  added: readonly Unit[],
): Structural {
  if (removed.length === 0) {
    return {
      kind: 'insertUnits',
      parent: parent.path,
      after: after?.path ?? null,
      units: toNewUnits(added),
      renumber: false,
    };
  }
  const targets = removed.map((u) => u.path);
  if (added.length === 0) return { kind: 'deleteUnits', targets, renumber: false };
  return { kind: 'replaceUnits', targets, units: toNewUnits(added), renumber: false };
}

/** The labels apply would produce: base labels kept, new labels as given, renumbered from the first change when `kind` is set. */
function labelsAfter(
  pairs: readonly Pair[],
  firstChange: number,
  kind: LabelKind | null,
): string[] {
  const labels: string[] = [];
  let at = -1;
  pairs.forEach((pair, i) => {
    if (i === firstChange) at = labels.length;
    if (pair.b && pair.p) labels.push(pair.b.label);
    else if (pair.p) labels.push(pair.p.label);
  });
  if (kind && at >= 0) {
    let n = at > 0 ? (labelOrdinal(labels[at - 1] as string, kind) ?? at) : 0;
    for (let i = at; i < labels.length; i++) labels[i] = labelAt(++n, kind);
  }
  return labels;
}

/** Orders instructions as their targets appear in the base edition, so the motion reads top to bottom. */
function sortByDocument(instructions: Instruction[], base: Rulebook): Instruction[] {
  const order = new Map<string, number>();
  /** Where a unit's last sub-unit stands: new units after it go after all of them. */
  const last = new Map<string, number>();
  let n = 0;
  const visit = (units: readonly Unit[]) => {
    for (const u of units) {
      order.set(u.path.join('.'), n++);
      visit(u.children);
      last.set(u.path.join('.'), n - 1);
    }
  };
  visit(base.chapters);
  const key = (i: Instruction): number => {
    switch (i.kind) {
      case 'text':
        return order.get(i.target.join('.')) ?? 0;
      case 'insertUnits':
        return i.after
          ? (last.get(i.after.join('.')) ?? 0) + 0.5
          : (order.get(i.parent.join('.')) ?? 0) + 0.5;
      default:
        return order.get((i.targets[0] ?? []).join('.')) ?? 0;
    }
  };
  return instructions
    .map((instruction, index) => ({ instruction, index, k: key(instruction) }))
    .sort((a, b) => a.k - b.k || a.index - b.index)
    .map((x) => x.instruction);
}
