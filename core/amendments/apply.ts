/**
 * Applies instructions to an edition. All or nothing: every instruction is checked against the
 * base first, and if anything cannot be applied unambiguously the result is diagnostics and no
 * rulebook — a rule change is never half-applied and never guessed.
 */
import { diagnostic, hasErrors, type Diagnostic } from '../diagnostics';
import { normaliseText } from '../diff/words';
import { labelAt, labelOrdinal, levelKind, markerLike } from '../rulebook/labels';
import { cloneRulebook, findUnit, reindex } from '../rulebook/tree';
import type { LabelKind, Rulebook, Unit, UnitPath } from '../rulebook/types';
import type { Profile } from '../../schemas/profile';
import { labourProfile } from '../profiles';
import type { Instruction, NewUnit, Place, TextOp } from './model';

export interface ApplyResult {
  rulebook: Rulebook | null;
  diagnostics: Diagnostic[];
}

/**
 * Folds characters that people type interchangeably (curly and straight quotes, dashes, no-break
 * spaces) so "members’" in a motion finds "members'" in the rulebook. One character in, one out,
 * so offsets in the folded text are offsets in the original.
 */
export function fold(s: string): string {
  return s
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/[“”„‟″]/g, '"')
    .replace(/[‐‑‒–—]/g, '-')
    .replace(/\u00a0/g, ' ');
}

const WORDISH = /[\p{L}\p{N}]/u;

/**
 * Start offsets of `needle` in `text` that do not cut a word in two: a quote that begins or ends
 * with a letter must begin or end at a word edge ("no" is not found inside "not").
 */
export function findQuoted(text: string, needle: string): number[] {
  const hay = fold(text);
  const pin = fold(normaliseText(needle));
  if (pin === '') return [];
  const starts: number[] = [];
  const checkStart = WORDISH.test(pin[0] as string);
  const checkEnd = WORDISH.test(pin.at(-1) as string);
  for (let at = hay.indexOf(pin); at !== -1; at = hay.indexOf(pin, at + 1)) {
    const before = at > 0 ? (hay[at - 1] as string) : '';
    const after = hay[at + pin.length] ?? '';
    if (checkStart && before && WORDISH.test(before)) continue;
    if (checkEnd && after && WORDISH.test(after)) continue;
    starts.push(at);
  }
  return starts;
}

interface Span {
  start: number;
  end: number;
  insert: string;
}

/**
 * Applies text operations to one unit's base text. Returns the new text, or diagnostics naming the
 * quote that is missing, repeated or overlapping another.
 */
export function applyTextOps(
  text: string,
  ops: readonly TextOp[],
  where: string,
  at: Place,
): { text: string | null; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const spans: Span[] = [];
  const locate = (quoted: string): number | null => {
    const found = findQuoted(text, quoted);
    if (found.length === 1) return found[0] as number;
    diagnostics.push(
      diagnostic(
        'error',
        found.length === 0 ? 'quote-not-found' : 'quote-ambiguous',
        found.length === 0
          ? `Unexpected quotation ‘${quoted}’, not found in ${where}`
          : `Unexpected quotation ‘${quoted}’, found ${found.length} times in ${where}, expected once: quote more words`,
        at.line,
        at.column,
      ),
    );
    return null;
  };
  const quotedLength = (quoted: string) => normaliseText(quoted).length;
  for (const op of ops) {
    switch (op.op) {
      case 'replace':
      case 'delete': {
        const s = locate(op.old);
        if (s === null) break;
        const end = s + quotedLength(op.old);
        const insert = op.op === 'replace' ? op.new : '';
        // Deleting "2009" from "the meeting of 2009." leaves "of.", not "of .": no space before punctuation.
        const tidy =
          insert === '' && s > 0 && text[s - 1] === ' ' && /^[.,;:)]/.test(text.slice(end));
        spans.push({ start: tidy ? s - 1 : s, end, insert });
        break;
      }
      case 'insertAfter': {
        const s = locate(op.anchor);
        if (s !== null) {
          const end = s + quotedLength(op.anchor);
          // "After ‘CLP’ insert ‘, and its branches’" attaches the comma to the word before.
          spans.push({ start: end, end, insert: /^[,.;:)]/.test(op.new) ? op.new : ` ${op.new}` });
        }
        break;
      }
      case 'insertBefore': {
        const s = locate(op.anchor);
        if (s !== null) spans.push({ start: s, end: s, insert: `${op.new} ` });
        break;
      }
      case 'addAtEnd':
        spans.push({ start: text.length, end: text.length, insert: ` ${op.new}` });
        break;
      case 'addAtStart':
        spans.push({ start: 0, end: 0, insert: `${op.new} ` });
        break;
    }
  }
  if (diagnostics.length > 0) return { text: null, diagnostics };
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < spans.length; i++) {
    const prev = spans[i - 1] as Span;
    const cur = spans[i] as Span;
    if (cur.start < prev.end || (cur.start === prev.start && cur.start === cur.end)) {
      diagnostics.push(
        diagnostic(
          'error',
          'overlapping-changes',
          `Unexpected overlapping changes in ${where}, expected each change to touch different words`,
          at.line,
          at.column,
        ),
      );
      return { text: null, diagnostics };
    }
  }
  let out = text;
  for (const span of [...spans].reverse()) {
    out = out.slice(0, span.start) + span.insert + out.slice(span.end);
  }
  return { text: normaliseText(out), diagnostics };
}

/** Applies every instruction to a copy of `base`; null rulebook and diagnostics when any fails. */
export function applyInstructions(
  base: Rulebook,
  instructions: readonly Instruction[],
  profile: Profile = labourProfile,
): ApplyResult {
  const rulebook = cloneRulebook(base);
  const diagnostics: Diagnostic[] = [];
  const kindAt = (depth: number) => levelKind(profile, depth);
  const place = (i: Instruction): Place => i.at ?? { line: 1, column: 1 };
  const missing = (path: UnitPath, at: Place) =>
    diagnostics.push(
      diagnostic(
        'error',
        'unit-not-found',
        `Unexpected citation of ${path.join('.')}, no such unit in edition ${base.meta.edition}`,
        at.line,
        at.column,
      ),
    );

  // Units claimed by an instruction: two instructions on the same unit would depend on order.
  const claimed = new Map<Unit, Instruction>();
  const claim = (unit: Unit, instruction: Instruction) => {
    const other = claimed.get(unit);
    if (other && other !== instruction) {
      const at = place(instruction);
      diagnostics.push(
        diagnostic(
          'error',
          'conflicting-instructions',
          `Unexpected second instruction on ${unit.path.join('.')}, expected one instruction per unit (the other is at line ${place(other).line})`,
          at.line,
          at.column,
        ),
      );
    }
    claimed.set(unit, instruction);
  };

  interface ParentPlan {
    siblings: Unit[];
    depth: number;
    removed: Set<Unit>;
    /** New units to put after a base unit (or at the start: key null). */
    after: Map<Unit | null, Unit[]>;
    /** The units after which renumbering starts. */
    renumberFrom: Set<Unit | null>;
    /**
     * Where renumbering starts at new units, the number before their own first label: "a new
     * part x … and renumber accordingly" makes the new unit X whatever the unit before it is.
     */
    renumberBase?: number;
  }
  const plans = new Map<Unit[], ParentPlan>();
  const planFor = (siblings: Unit[], depth: number): ParentPlan => {
    let plan = plans.get(siblings);
    if (!plan) {
      plan = { siblings, depth, removed: new Set(), after: new Map(), renumberFrom: new Set() };
      plans.set(siblings, plan);
    }
    return plan;
  };
  const toUnits = (
    units: readonly NewUnit[],
    parentPath: UnitPath,
    depth: number,
    blankBefore: number,
  ): Unit[] =>
    units.map((n) => ({
      kind: depth === 0 ? 'chapter' : depth === 1 ? 'clause' : 'unit',
      depth,
      label: n.label,
      marker: n.marker,
      title: n.title ?? '',
      text: normaliseText(n.text),
      path: [...parentPath, n.label],
      address: '' as Unit['address'],
      children: toUnits(n.children, [...parentPath, n.label], depth + 1, blankBefore),
      start: { line: 0, column: 0, offset: 0 },
      end: { line: 0, column: 0, offset: 0 },
      sourceLines: [],
      blankBefore,
    }));

  /** Resolves a run of sibling targets: all must exist, share a parent and follow each other. */
  const resolveRun = (targets: readonly UnitPath[], at: Place) => {
    const found = targets.map((t) => ({ t, hit: findUnit(rulebook, t) }));
    if (found.some((f) => !f.hit)) {
      for (const f of found) if (!f.hit) missing(f.t, at);
      return null;
    }
    const hits = found.map((f) => f.hit!);
    const siblings = hits[0]!.siblings;
    const indexes = hits.map((h) => siblings.indexOf(h.unit));
    const contiguous = hits.every(
      (h, i) => h.siblings === siblings && indexes[i] === indexes[0]! + i,
    );
    if (!contiguous) {
      diagnostics.push(
        diagnostic(
          'error',
          'not-a-run',
          `Unexpected units ${targets.map((t) => t.join('.')).join(', ')}, expected consecutive units of one parent`,
          at.line,
          at.column,
        ),
      );
      return null;
    }
    if (hits[0]!.unit.kind !== 'unit') {
      diagnostics.push(
        diagnostic(
          'error',
          'unsupported-target',
          `Unexpected ${hits[0]!.unit.kind} ${targets[0]!.join('.')} as a whole-unit target, expected a numbered unit`,
          at.line,
          at.column,
        ),
      );
      return null;
    }
    return {
      units: hits.map((h) => h.unit),
      siblings,
      depth: hits[0]!.unit.depth,
      parentPath: targets[0]!.slice(0, -1),
    };
  };

  const newTexts = new Map<Unit, string>();
  for (const instruction of instructions) {
    const at = place(instruction);
    switch (instruction.kind) {
      case 'noChange':
        break;
      case 'text': {
        const hit = findUnit(rulebook, instruction.target);
        if (!hit) {
          missing(instruction.target, at);
          break;
        }
        claim(hit.unit, instruction);
        const result = applyTextOps(
          hit.unit.text,
          instruction.ops,
          instruction.target.join('.'),
          at,
        );
        diagnostics.push(...result.diagnostics);
        if (result.text !== null) newTexts.set(hit.unit, result.text);
        break;
      }
      case 'deleteUnits':
      case 'replaceUnits': {
        const run = resolveRun(instruction.targets, at);
        if (!run) break;
        const plan = planFor(run.siblings, run.depth);
        for (const unit of run.units) {
          claim(unit, instruction);
          plan.removed.add(unit);
        }
        const index = run.siblings.indexOf(run.units[0]!);
        const before = index > 0 ? run.siblings[index - 1]! : null;
        if (instruction.kind === 'replaceUnits') {
          const added = toUnits(
            instruction.units,
            run.parentPath,
            run.depth,
            run.units[0]!.blankBefore,
          );
          plan.after.set(before, [...(plan.after.get(before) ?? []), ...added]);
        }
        if (instruction.renumber) plan.renumberFrom.add(before);
        break;
      }
      case 'insertUnits': {
        const parent = findUnit(rulebook, instruction.parent);
        // A new chapter goes among the chapters themselves.
        if (!parent && instruction.parent.length > 0) {
          missing(instruction.parent, at);
          break;
        }
        const siblings = parent ? parent.unit.children : rulebook.chapters;
        let after: Unit | null = null;
        if (instruction.after) {
          const hit = findUnit(rulebook, instruction.after);
          if (!hit || hit.siblings !== siblings) {
            missing(instruction.after, at);
            break;
          }
          after = hit.unit;
        }
        const depth = parent ? parent.unit.depth + 1 : 0;
        const plan = planFor(siblings, depth);
        const blank = siblings[0]?.blankBefore ?? 1;
        const added = toUnits(instruction.units, instruction.parent, depth, blank);
        if (plan.after.has(after)) {
          diagnostics.push(
            diagnostic(
              'error',
              'conflicting-instructions',
              `Unexpected second insertion at the same place in ${instruction.parent.join('.')}, expected one`,
              at.line,
              at.column,
            ),
          );
          break;
        }
        plan.after.set(after, added);
        if (instruction.renumber) {
          plan.renumberFrom.add(after);
          // Only past a gap the base itself has (an excerpt, a number left out: no unit numbered
          // just before the new one). Elsewhere the new units count on from the unit before, as
          // they always did — a motion may number new units as they will stand after it.
          const first = labelOrdinal(added[0]?.label ?? '', kindAt(depth));
          const prev = after ? (labelOrdinal(after.label, kindAt(depth)) ?? 0) : 0;
          const gap = !siblings.some(
            (u) => labelOrdinal(u.label, kindAt(depth)) === (first ?? 0) - 1,
          );
          if (first !== null && first > prev + 1 && gap) plan.renumberBase = first - 1;
        }
        break;
      }
    }
  }
  // Text changes inside units that another instruction deletes or replaces cannot both hold.
  for (const plan of plans.values()) {
    for (const unit of plan.removed) {
      for (const [claimedUnit, instruction] of claimed) {
        if (claimedUnit !== unit && isBelow(claimedUnit, unit)) {
          const at = place(instruction);
          diagnostics.push(
            diagnostic(
              'error',
              'conflicting-instructions',
              `Unexpected change to ${claimedUnit.path.join('.')}, which another instruction removes`,
              at.line,
              at.column,
            ),
          );
        }
      }
    }
  }
  if (hasErrors(diagnostics)) return { rulebook: null, diagnostics };

  for (const [unit, text] of newTexts) unit.text = text;
  for (const plan of plans.values()) {
    const next: Unit[] = [...(plan.after.get(null) ?? [])];
    let renumberAt = plan.renumberFrom.has(null) ? 0 : -1;
    for (const unit of plan.siblings) {
      if (!plan.removed.has(unit)) next.push(unit);
      if (plan.renumberFrom.has(unit) && renumberAt < 0) renumberAt = next.length;
      next.push(...(plan.after.get(unit) ?? []));
    }
    // A new unit's own label decides only when it is the one change in its parent: with other
    // insertions or deletions there, its label may already count them.
    const alone = plan.after.size === 1 && plan.removed.size === 0;
    if (renumberAt >= 0)
      relabel(next, renumberAt, kindAt(plan.depth), alone ? plan.renumberBase : undefined);
    plan.siblings.splice(0, plan.siblings.length, ...next);
  }
  reindex(rulebook);
  return { rulebook, diagnostics };
}

/** Relabels siblings from index `from` on so they count on from the sibling before (or `base`). */
function relabel(units: Unit[], from: number, kind: LabelKind, base?: number) {
  const before = from > 0 ? units[from - 1] : undefined;
  let n = base ?? (before ? (labelOrdinal(before.label, kind) ?? from) : 0);
  for (let i = from; i < units.length; i++) {
    const unit = units[i] as Unit;
    n++;
    const label = labelAt(n, kind);
    if (label !== unit.label) {
      unit.label = label;
      // Chapters and clauses carry their number in the heading, not in a marker.
      if (unit.kind === 'unit') unit.marker = markerLike(unit.marker, label);
    }
  }
}

function isBelow(unit: Unit, ancestor: Unit): boolean {
  return ancestor.children.some((c) => c === unit || isBelow(unit, c));
}
