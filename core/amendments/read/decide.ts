/**
 * The one place that decides, for everything the readers found, whether it is understood, needs a
 * person, or is refused — against the edition the motion amends:
 *
 * - which unit holds each quoted word, whether the words occur once, which sentence is meant;
 * - what a restatement ("so that it reads …") says: checked against the instructions, or, when a
 *   motion gives only the text as it will read, turned into the change it describes;
 * - never silent: a motion with nothing applicable is refused, and so is a change that changes
 *   nothing. Where a person can finish it in one step, the diagnostic carries the choices.
 */
import { parseCitationAt } from '../../citations';
import type { FixOption, MarkWords } from '../../diagnostics';
import { normaliseText } from '../../diff/words';
import { labelKinds, labelOrdinal, levelKind, matchLabel } from '../../rulebook/labels';
import { findUnit, walkUnits } from '../../rulebook/tree';
import type { Unit } from '../../rulebook/types';
import { applyTextOps, findQuoted, fold as foldQuotes } from '../apply';
import { changeShown } from './shown';
import { brief } from './forms/common';
import { textOps } from '../generate';
import type { Instruction, Motion, TextOp } from '../model';
import { FORMATTING } from './forms/references';
import { collapse, newWords, readMarks, removeRanges } from './marks';
import type { FoundOp, ReadState, Selector } from './state';

/**
 * What people type interchangeably folded (apply.ts's quote and dash folding) and all white
 * space made one space: for comparing a restatement with a result.
 */
function fold(s: string): string {
  return foldQuotes(normaliseText(s)).replace(/\s+/g, ' ').trim();
}

const ABBREVIATION =
  /(?:\b(?:i\.e|e\.g|etc|viz|cf|no|nos|para|cl|art|ch|st|mr|mrs|ms|dr)|\b[A-Za-z])\.$/i;

/** The sentences of a unit's text, each with its closing punctuation, in order. */
export function sentences(text: string): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const s = raw.trim();
    if (s) out.push({ start: start + lead, end: start + lead + s.length, text: s });
  };
  for (let k = 0; k < text.length; k++) {
    const ch = text[k] as string;
    if (ch === '\n') {
      push(k);
      start = k + 1;
      continue;
    }
    if (!'.!?'.includes(ch)) continue;
    let j = k + 1;
    while (j < text.length && '’”\'")'.includes(text[j] as string)) j++;
    if (j < text.length && text[j] !== ' ') continue;
    const next = text.slice(j).trimStart()[0];
    if (next !== undefined && !/[\p{Lu}\d‘“"'(]/u.test(next)) continue;
    if (ch === '.' && ABBREVIATION.test(text.slice(Math.max(0, k - 5), k + 1))) continue;
    push(j);
    start = j;
    k = j - 1;
  }
  push(text.length);
  return out;
}

interface Resolved {
  unit: Unit;
  op: TextOp;
  found: FoundOp;
}

export interface Decision {
  instructions: Instruction[];
  quotations: Motion['quotations'];
}

export function decide(st: ReadState): Decision {
  const resolved: Resolved[] = [];
  for (const found of st.ops) {
    const r = resolveOp(st, found);
    if (r) resolved.push(r);
  }

  // Text changes grouped per unit, in the order they were read.
  const byUnit = new Map<Unit, Resolved[]>();
  for (const r of resolved) byUnit.set(r.unit, [...(byUnit.get(r.unit) ?? []), r]);
  const instructions: Instruction[] = [];
  for (const [unit, rs] of byUnit) {
    for (const r of rs) {
      if (changesNothing(r.op)) {
        st.report(
          'error',
          'no-change',
          `Unexpected change that changes nothing in ${unit.path.join('.')}, expected different words`,
          r.found.start,
          r.found.end,
        );
      }
    }
    instructions.push({
      kind: 'text',
      target: unit.path,
      ops: rs.map((r) => r.op),
      at: st.source.placeOf((rs[0] as Resolved).found.start),
    });
  }
  instructions.push(...st.units);

  const quotations: Motion['quotations'] = [];
  for (const c of st.current) {
    const paths = c.target && c.target.problems.length === 0 ? c.target.paths : null;
    const unit = paths?.[0] ? findUnit(st.base, paths[0])?.unit : undefined;
    if (!unit) continue;
    const text = stripLead(st, unit, c.operand.text);
    quotations.push({ target: unit.path, text, at: st.source.placeOf(c.operand.start) });
    if (!sameText(unit, text)) {
      st.report(
        'warning',
        'quotation-mismatch',
        `Unexpected current text quoted for ${unit.path.join('.')}, expected it to match edition ${st.base.meta.edition}`,
        c.operand.start,
        c.operand.end,
      );
    }
  }

  markedTexts(st, byUnit, instructions);
  restatements(st, byUnit, instructions);
  shownChanges(st, instructions);
  // In the order the motion gives them.
  const at = (i: Instruction) => i.at ?? { line: 0, column: 0 };
  instructions.sort((a, b) => at(a).line - at(b).line || at(a).column - at(b).column);

  if (
    instructions.filter((i) => i.kind !== 'noChange').length === 0 &&
    !st.diagnostics.some((d) => d.severity === 'error')
  ) {
    st.report(
      'error',
      'no-instruction',
      'Unexpected motion with no instruction found, expected at least one change such as "delete ‘…’ and replace with ‘…’" after a citation of the unit',
      0,
      Math.min(st.source.text.length, 80),
      {
        kind: 'edit-text',
        hint: 'Write the change as an instruction: cite the unit, then "delete ‘…’ and replace with ‘…’", "add at end ‘…’" or "so that it reads: ‘…’".',
      },
    );
  }
  return { instructions, quotations };
}

function changesNothing(op: TextOp): boolean {
  switch (op.op) {
    case 'replace':
      return fold(op.old) === fold(op.new);
    case 'delete':
      return op.old.trim() === '';
    default:
      return op.new.trim() === '';
  }
}

/** A unit's own text and its text with sub-units, for comparing with quoted text. */
function flat(u: Unit, withLabels: boolean): string {
  return [
    withLabels ? `${u.marker} ${u.text}` : u.text,
    ...u.children.map((c) => flat(c, withLabels)),
  ].join(' ');
}
function sameText(unit: Unit, text: string): boolean {
  const q = fold(text);
  return [unit.text, flat(unit, false), flat(unit, true)].some((c) => fold(c) === q);
}

/**
 * Removes what a quotation of a unit repeats before its text: its label ("iv)", "17(ii)",
 * "13.1") and, for a clause or chapter, its heading line ("BRANCH FINANCE").
 */
function stripLead(st: ReadState, unit: Unit, text: string): string {
  let t = text.trim();
  const headings = [
    unit.title,
    ...(unit.path.length > 1 ? [findUnit(st.base, unit.path.slice(0, 1))?.unit.title ?? ''] : []),
  ];
  for (const h of headings) {
    if (
      h &&
      fold(t)
        .toLowerCase()
        .startsWith(`${fold(h).toLowerCase()}`)
    ) {
      const rest = t.slice(h.length);
      // Only a heading on its own line: "The Board may …" is text, even under "The Board".
      if (/^[ \t]*\n/.test(rest)) t = rest.trim();
    }
  }
  const c = parseCitationAt(t, 0, st.profile);
  if (c && c.start === 0 && /^\s/.test(t.slice(c.end))) {
    const last = c.targets.at(-1);
    const labels = last
      ? [last.chapter, last.clause, ...last.units].filter((x) => x !== undefined)
      : [];
    if (labels.at(-1) === unit.label) return t.slice(c.end).trim();
  }
  const m = matchLabel(t);
  if (m) {
    const kind = levelKind(st.profile, unit.depth);
    const want = labelOrdinal(unit.label, kind);
    if (labelKinds(m.label).some((k) => labelOrdinal(m.label, k) === want)) return m.rest.trim();
  }
  return t;
}

/**
 * The one unit whose text a quotation of current text is, for a motion that quotes the unit
 * instead of citing it ("In the Section which reads: iv) The role …"); null unless exactly one.
 */
export function unitQuoted(st: ReadState, text: string): Unit | null {
  const found = [...walkUnits(st.base.chapters)].filter(
    (u) => u.text && sameText(u, stripLead(st, u, text)),
  );
  return found.length === 1 ? (found[0] as Unit) : null;
}

/** Words a selector names in a unit's text, or null with a diagnostic. */
function selected(st: ReadState, unit: Unit, sel: Selector, found: FoundOp): string | null {
  if (sel.by === 'words') return sel.words;
  if (sel.by === 'whole') return unit.text;
  const all = sentences(unit.text);
  const s = sel.which === 'last' ? all.at(-1) : all[sel.which - 1];
  if (!s) {
    st.report(
      'error',
      'sentence-not-found',
      `Unexpected ${sel.which === 'last' ? 'last' : `sentence ${sel.which}`} of ${unit.path.join('.')}, which has ${all.length} sentence${all.length === 1 ? '' : 's'}`,
      found.start,
      found.end,
    );
    return null;
  }
  return s.text;
}

/** The quoted words an op needs to find, if any. */
function needle(op: FoundOp['op']): { words: string; start?: number; end?: number } | null {
  switch (op.op) {
    case 'replace':
    case 'delete':
      return op.sel.by === 'words' ? op.sel : null;
    case 'insertAfter':
    case 'insertBefore':
      return op.anchor.by === 'words' ? op.anchor : null;
    case 'insertBetween':
      return { words: op.first };
    default:
      return null;
  }
}

/** Finds the unit and the exact words of one change; null (with diagnostics) when it cannot. */
function resolveOp(st: ReadState, found: FoundOp): Resolved | null {
  const { op } = found;
  const pin = needle(op);
  const span =
    pin?.start !== undefined
      ? { start: pin.start, end: pin.end ?? pin.start }
      : { start: found.start, end: found.end };
  /** The unit a person chose for this change, among `options`, if they did. */
  const chosenUnit = (options: readonly Unit[]): Unit | null => {
    const value = st.chosen(span.start, 'choose-unit');
    return options.find((u) => u.path.join('.') === value) ?? null;
  };
  if (!found.target) {
    const options = pin ? everywhere(st, pin.words) : [];
    const chosen = chosenUnit(options);
    // The unit chosen stands for the missing citation; the words are then checked in it.
    if (chosen)
      return resolveOp(st, {
        ...found,
        target: { paths: [chosen.path], start: span.start, end: span.end, problems: [] },
      });
    st.report(
      'error',
      'no-citation',
      'Unexpected change without a cited unit, expected a citation such as "Chapter 5, Clause IV, Sub-clause 5.A" before it',
      span.start,
      span.end,
      options.length > 0
        ? { kind: 'choose-unit', options: options.slice(0, 10).map(unitOption) }
        : undefined,
    );
    return null;
  }
  const paths = st.use(found.target);
  if (!paths) return null;
  const units = paths.flatMap((p) => findUnit(st.base, p)?.unit ?? []);
  if (units.length === 0) return null;
  let unit = units[0] as Unit;
  if (pin) {
    let holders = holdersIn(st, units, pin.words);
    if (holders.length === 0)
      holders = holdersIn(
        st,
        units.flatMap((u) => [...walkUnits(u.children)]),
        pin.words,
      );
    if (holders.length > 1 && chosenUnit(holders)) holders = [chosenUnit(holders) as Unit];
    if (holders.length > 1) {
      st.report(
        'error',
        'quote-ambiguous',
        `Unexpected quotation ‘${pin.words}’, found in ${holders.map((u) => u.path.join('.')).join(' and ')}, expected one unit: cite the unit`,
        span.start,
        span.end,
        { kind: 'choose-unit', options: holders.map(unitOption) },
      );
      return null;
    }
    if (holders.length === 0 && isAnchor(op)) {
      // Words beside which new words go, capitalised differently ("Branch" for "branch"): the
      // same words, when they occur once whatever the case. Said, never silent.
      const recased = recase(units, op);
      if (recased) {
        st.report(
          'warning',
          'case-differs',
          `Unexpected ‘${pin.words}’, found as ‘${recased.words}’ in ${recased.unit.path.join('.')}: read as those words`,
          span.start,
          span.end,
        );
        return keep(st, recased.unit, { ...found, op: recased.op });
      }
    }
    const elsewhere = holders.length === 0 ? everywhere(st, pin.words) : [];
    if (holders.length === 0 && chosenUnit(elsewhere)) holders = [chosenUnit(elsewhere) as Unit];
    if (holders.length === 0) {
      const where = paths.map((p) => p.join('.')).join(' and ');
      st.report(
        'error',
        'quote-not-found',
        `Unexpected quotation ‘${pin.words}’, not found in ${where}${
          elsewhere.length > 0
            ? ` (it is in ${elsewhere
                .slice(0, 3)
                .map((u) => u.path.join('.'))
                .join(', ')})`
            : ''
        }, expected the words exactly as edition ${st.base.meta.edition} prints them`,
        span.start,
        span.end,
        elsewhere.length > 0
          ? { kind: 'choose-unit', options: elsewhere.slice(0, 10).map(unitOption) }
          : undefined,
      );
      return keep(st, unit, found);
    }
    unit = holders[0] as Unit;
    const count = findQuoted(unit.text, pin.words).length;
    const occurrence = count > 1 ? Number(st.chosen(span.start, 'choose-occurrence')) : Number.NaN;
    if (occurrence >= 1 && occurrence <= count) {
      const widened = widen(found, unit.text, pin.words, occurrence);
      if (widened) return keep(st, unit, widened);
    }
    if (count > 1) {
      // Placed by a printed line as well: only the printed copy tells which occurrence is on it,
      // so the question says so, and the person answers it against their copy.
      const line = found.lineHint ? printedLine(st, found.lineHint) : null;
      st.report(
        'error',
        'quote-ambiguous',
        line
          ? `Unexpected quotation ‘${pin.words}’, found ${count} times in ${unit.path.join('.')} and placed by printed line ${line}, which plain text does not show, expected once: confirm which occurrence is on line ${line} of the printed rulebook`
          : `Unexpected quotation ‘${pin.words}’, found ${count} times in ${unit.path.join('.')}, expected once: quote more words`,
        span.start,
        span.end,
        {
          kind: 'choose-occurrence',
          unit: unit.path.join('.'),
          words: pin.words,
          options: occurrences(unit.text, pin.words),
          ...(line ? { line } : {}),
        },
      );
      return keep(st, unit, found);
    }
    if (found.lineHint) {
      st.report(
        'warning',
        'line-number-anchor',
        `Unexpected printed line number beside ‘${pin.words}’, which is unique in ${unit.path.join('.')}: the line number is not needed`,
        found.lineHint.start,
        found.lineHint.end,
      );
    }
  } else {
    if (units.length > 1) {
      st.report(
        'error',
        'citation-ambiguous',
        'Unexpected change to several cited units, expected one unit',
        found.start,
        found.end,
      );
      return null;
    }
    if (found.lineHint) return byPrintedLine(st, unit, found, found.lineHint);
  }
  const textOp = toTextOp(st, unit, found);
  return textOp ? { unit, op: textOp, found } : null;
}

/** The printed line number a "(line 3)" / "in lines 3–4" gives: "3", "3–4". */
function printedLine(st: ReadState, hint: { start: number; end: number }): string {
  const said = st.source.text.slice(hint.start, hint.end);
  const m = /(\d+)(?:\s*(?:[–—-]|to|and)\s*(\d+))?/.exec(said);
  if (!m) return said.trim();
  return m[2] ? `${m[1]}–${m[2]}` : (m[1] as string);
}

/**
 * A change placed only by a printed line number ("in line 2, delete the final sentence"): plain
 * text has no printed lines, so a person marks, in the unit's current text, the words that line
 * means (the sentence named, if any, marked already). The words marked then stand for quoted
 * words, and the change applies; without marks, or with marks that do not fit, nothing does.
 */
function byPrintedLine(
  st: ReadState,
  unit: Unit,
  found: FoundOp,
  hint: { start: number; end: number },
): Resolved | null {
  const line = printedLine(st, hint);
  const op = found.op;
  const role =
    op.op === 'replace' || op.op === 'delete'
      ? 'to change'
      : op.op === 'insertAfter' || op.op === 'addAtEnd'
        ? 'after which the new words go'
        : op.op === 'insertBefore' || op.op === 'addAtStart'
          ? 'before which the new words go'
          : null;
  const sel =
    op.op === 'replace' || op.op === 'delete' ? op.sel : 'anchor' in op ? op.anchor : null;
  const named =
    sel?.by === 'whole'
      ? { start: 0, end: unit.text.length }
      : sel?.by === 'sentence'
        ? sel.which === 'last'
          ? sentences(unit.text).at(-1)
          : sentences(unit.text)[sel.which - 1]
        : undefined;
  const fix: MarkWords | null = role
    ? {
        kind: 'mark-words',
        unit: unit.path.join('.'),
        text: unit.text,
        purpose: 'line-anchor',
        line,
        sets: [
          {
            name: 'words',
            label: `The words on line ${line} ${role}`,
            marked: named ? [[named.start, named.end]] : [],
          },
        ],
      }
    : null;
  const value = fix ? st.chosen(hint.start, 'mark-words') : null;
  if (!fix || value === null) {
    st.report(
      'error',
      'line-number-anchor',
      `Unexpected anchor by printed line ${line}, which plain text does not show, expected the words to change in quotes${fix ? `: mark the words on line ${line} in ${unit.path.join('.')}` : ''}`,
      hint.start,
      hint.end,
      fix ?? { kind: 'edit-text', hint: 'Quote the words on that line instead of its number.' },
    );
    return null;
  }
  const bad = (why: string) => {
    st.report(
      'error',
      'marks-invalid',
      `Unexpected marks for line ${line} of ${unit.path.join('.')}: ${why}; nothing was applied`,
      hint.start,
      hint.end,
      // The same question again, so the marks can be put right where they were made.
      fix,
    );
    return null;
  };
  const read = readMarks(unit.text, ['words'], value);
  if ('problem' in read) return bad(read.problem);
  const ranges = read.sets.get('words') ?? [];
  if (ranges.length !== 1)
    return bad(`${ranges.length} runs of words marked, expected the words of one place`);
  const [a, b] = ranges[0] as [number, number];
  const words = unit.text.slice(a, b);
  const marked: Selector = { by: 'words', words, start: hint.start, end: hint.end };
  const changed: FoundOp['op'] =
    op.op === 'replace' || op.op === 'delete'
      ? { ...op, sel: marked }
      : op.op === 'insertAfter' || op.op === 'addAtEnd'
        ? { op: 'insertAfter', anchor: marked, new: op.new }
        : { op: 'insertBefore', anchor: marked, new: (op as { new: string }).new };
  let read2: FoundOp = { op: changed, target: found.target, start: found.start, end: found.end };
  // Words marked that occur again elsewhere in the unit: widened around the ones marked, so the
  // instruction says unambiguously which.
  const hits = findQuoted(unit.text, words);
  if (hits.length > 1) {
    const widened = widen(read2, unit.text, words, hits.indexOf(a) + 1);
    if (hits.indexOf(a) < 0 || !widened)
      return bad(`‘${words}’ occurs ${hits.length} times and no longer quotation is unique`);
    read2 = widened;
  }
  const textOp = toTextOp(st, unit, read2);
  return textOp ? { unit, op: textOp, found: read2 } : null;
}

/**
 * A change whose words were not found, or found more than once, is still an instruction on the
 * cited unit (with its error): what overlaps that unit (conflicts) must still see it.
 */
function keep(st: ReadState, unit: Unit, found: FoundOp): Resolved | null {
  const op = toTextOp(st, unit, found);
  return op ? { unit, op, found } : null;
}

function toTextOp(st: ReadState, unit: Unit, found: FoundOp): TextOp | null {
  const { op } = found;
  switch (op.op) {
    case 'replace': {
      const old = selected(st, unit, op.sel, found);
      return old === null ? null : { op: 'replace', old, new: op.new };
    }
    case 'delete': {
      const old = selected(st, unit, op.sel, found);
      return old === null ? null : { op: 'delete', old };
    }
    case 'insertAfter':
    case 'insertBefore': {
      const anchor = selected(st, unit, op.anchor, found);
      return anchor === null ? null : { op: op.op, anchor, new: op.new };
    }
    case 'addAtEnd':
    case 'addAtStart':
      return { op: op.op, new: op.new };
    case 'insertSentence': {
      const all = sentences(unit.text);
      if (op.position === 1) return { op: 'addAtStart', new: op.new };
      const before = all[op.position - 2];
      if (!before || op.position - 1 > all.length) {
        st.report(
          'error',
          'sentence-not-found',
          `Unexpected new sentence ${op.position} of ${unit.path.join('.')}, which has ${all.length} sentence${all.length === 1 ? '' : 's'}`,
          found.start,
          found.end,
        );
        return null;
      }
      return op.position - 1 === all.length
        ? { op: 'addAtEnd', new: op.new }
        : { op: 'insertAfter', anchor: before.text, new: op.new };
    }
    case 'insertBetween': {
      // The two words must stand next to each other (with at most punctuation between them).
      const hay = unit.text;
      const re = new RegExp(`${escape(op.first)}([\\s,;:]*)${escape(op.second)}`, 'g');
      const hits = [...hay.matchAll(re)];
      if (hits.length !== 1) {
        st.report(
          'error',
          hits.length === 0 ? 'quote-not-found' : 'quote-ambiguous',
          hits.length === 0
            ? `Unexpected ‘${op.first}’ and ‘${op.second}’, not found next to each other in ${unit.path.join('.')}`
            : `Unexpected ‘${op.first}’ and ‘${op.second}’, found together ${hits.length} times in ${unit.path.join('.')}, expected once`,
          found.start,
          found.end,
        );
        return null;
      }
      const sep = (hits[0] as RegExpMatchArray)[1] as string;
      const old = `${op.first}${sep}${op.second}`;
      return { op: 'replace', old, new: `${op.first} ${op.new}${sep || ' '}${op.second}` };
    }
  }
}

const isAnchor = (op: FoundOp['op']) =>
  op.op === 'insertAfter' || op.op === 'insertBefore' || op.op === 'insertBetween';

/** The anchor words as one unit prints them in another case, when they occur once there. */
function recase(
  units: readonly Unit[],
  op: FoundOp['op'],
): { unit: Unit; words: string; op: FoundOp['op'] } | null {
  const all = units.flatMap((u) => [u, ...walkUnits(u.children)]);
  if (op.op === 'insertBetween') {
    // The pair as it stands together, whatever the case.
    const re = new RegExp(`${escape(op.first)}([\\s,;:]*)${escape(op.second)}`, 'gi');
    const hits = all.flatMap((unit) => [...unit.text.matchAll(re)].map((m) => ({ unit, m })));
    if (hits.length !== 1) return null;
    const { unit, m } = hits[0]!;
    const first = m[0].slice(0, normaliseText(op.first).length);
    const second = m[0].slice(m[0].length - normaliseText(op.second).length);
    return { unit, words: first, op: { ...op, first, second } };
  }
  if (op.op !== 'insertAfter' && op.op !== 'insertBefore') return null;
  const anchor = op.anchor;
  if (anchor.by !== 'words') return null;
  const want = normaliseText(anchor.words).toLowerCase();
  const hits: { unit: Unit; words: string }[] = [];
  for (const unit of all) {
    const lower = unit.text.toLowerCase();
    for (let at = lower.indexOf(want); at !== -1; at = lower.indexOf(want, at + 1)) {
      const words = unit.text.slice(at, at + want.length);
      if (findQuoted(unit.text, words).length === 1) hits.push({ unit, words });
    }
  }
  if (hits.length !== 1) return null;
  const { unit, words } = hits[0]!;
  return { unit, words, op: { ...op, anchor: { ...anchor, words } } };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The change with its quoted words widened, word by word, around the occurrence a person chose
 * until they occur once: the instruction then says unambiguously what the person decided. An
 * insertion after the words grows to the left (so the new words still follow them), one before
 * them to the right. Null when no widening is unique.
 */
function widen(found: FoundOp, text: string, words: string, occurrence: number): FoundOp | null {
  const at = findQuoted(text, words)[occurrence - 1] as number;
  const end = at + normaliseText(words).length;
  const op = found.op;
  const grow = (left: boolean, right: boolean): { from: number; to: number } | null => {
    let from = at;
    let to = end;
    for (let step = 0; step < 60; step++) {
      if (findQuoted(text, text.slice(from, to)).length === 1) return { from, to };
      const canLeft = left && from > 0;
      const canRight = right && to < text.length;
      if (!canLeft && !canRight) return null;
      if (canLeft) from = text.lastIndexOf(' ', from - 2) + 1;
      if (canRight && (!canLeft || step % 2 === 1)) {
        const next = text.indexOf(' ', to + 1);
        to = next < 0 ? text.length : next;
      }
    }
    return null;
  };
  // Offsets in the motion stay those of the words as written, for diagnostics.
  const written = needle(op);
  const sel = (from: number, to: number) => ({
    by: 'words' as const,
    words: text.slice(from, to),
    start: written?.start ?? found.start,
    end: written?.end ?? found.end,
  });
  switch (op.op) {
    case 'replace':
    case 'delete': {
      const g = grow(true, true);
      if (!g) return null;
      const before = text.slice(g.from, at);
      const after = text.slice(end, g.to);
      const replacement = op.op === 'replace' ? op.new : '';
      return {
        ...found,
        op: {
          op: 'replace',
          sel: sel(g.from, g.to),
          new: `${before}${replacement}${after}`.replace(/\s+/g, ' ').trim(),
        },
      };
    }
    case 'insertAfter': {
      const g = grow(true, false);
      return g ? { ...found, op: { ...op, anchor: sel(g.from, end) } } : null;
    }
    case 'insertBefore': {
      const g = grow(false, true);
      return g ? { ...found, op: { ...op, anchor: sel(at, g.to) } } : null;
    }
    default:
      return null;
  }
}

/**
 * The units anywhere in the edition that hold the words, offered as choices — for the first few
 * changes that need it only: a pasted file with a thousand uncited changes must not search the
 * whole rulebook a thousand times (its diagnostics are capped at 100 anyway).
 */
function everywhere(st: ReadState, words: string): Unit[] {
  if (st.searches >= 20) return [];
  st.searches++;
  return holdersIn(st, [...walkUnits(st.base.chapters)], words);
}

function holdersIn(st: ReadState, units: readonly Unit[], words: string): Unit[] {
  // A cheap test on each unit's folded text (kept for the whole reading) before the exact one.
  const pin = foldQuotes(normaliseText(words));
  return units.filter((u) => {
    let hay = st.folded.get(u);
    if (hay === undefined) st.folded.set(u, (hay = foldQuotes(u.text)));
    return hay.includes(pin) && findQuoted(u.text, words).length > 0;
  });
}

function unitOption(u: Unit): FixOption {
  return { label: `${u.path.join('.')}: ${u.text.slice(0, 60)}`, value: u.path.join('.') };
}

function occurrences(text: string, words: string): FixOption[] {
  return findQuoted(text, words).map((at, k) => ({
    label: `…${text.slice(Math.max(0, at - 30), at)}[${text.slice(at, at + words.length)}]${text.slice(at + words.length, at + words.length + 30)}…`,
    value: String(k + 1),
  }));
}

/**
 * Restatements: checked against the result where instructions changed the unit (a difference is
 * a warning naming where it starts); the change itself where none did.
 */
function restatements(
  st: ReadState,
  byUnit: Map<Unit, Resolved[]>,
  instructions: Instruction[],
): void {
  const touched = touchedBy(instructions);
  for (const r of st.restatements) {
    const paths = st.use(r.target);
    const unit = paths?.[0] ? findUnit(st.base, paths[0])?.unit : undefined;
    if (!unit) {
      if (!r.target)
        st.report(
          'warning',
          'restatement-unplaced',
          'Unexpected restatement without a cited unit, expected a citation before it: it was not checked',
          r.start,
          r.operand.end,
        );
      continue;
    }
    const restated = stripLead(st, unit, r.operand.text);
    const ops = byUnit.get(unit);
    if (ops || touched.has(unit.path.join('.'))) {
      if (!ops) continue; // units replaced or inserted: their new text is the motion's own block
      const result = applyTextOps(
        unit.text,
        ops.map((o) => o.op),
        unit.path.join('.'),
        { line: 1, column: 1 },
      ).text;
      if (result === null) continue;
      const a = fold(result);
      const b = fold(restated);
      const same = r.part
        ? a.includes(b.replace(/[.;,]$/, ''))
        : a === b || a.replace(/[.;,]$/, '') === b.replace(/[.;,]$/, '');
      if (!same) {
        st.report(
          'warning',
          'restatement-differs',
          `Unexpected restatement of ${unit.path.join('.')} that differs from what the instructions give, from ‘${firstDifference(b, a)}’: the instructions were applied; check the restatement`,
          r.operand.start,
          r.operand.end,
        );
      }
      continue;
    }
    // Only the text as it will read: that is the change.
    if (r.part || !r.operand.closed) {
      st.report(
        'error',
        'needs-person',
        `Unexpected restatement of part of ${unit.path.join('.')} with no instruction, expected the words to change quoted in an instruction`,
        r.start,
        r.operand.end,
      );
      continue;
    }
    if (
      unit.children.length > 0 &&
      (unit.text === '' || /\n\s*\(?[0-9A-Za-z]{1,6}[.)]\s/.test(r.operand.raw))
    ) {
      st.report(
        'error',
        'needs-person',
        `Unexpected restatement of ${unit.path.join('.')} with its sub-units, expected "Replace ${unit.path.join('.')} with the following:"`,
        r.start,
        r.operand.end,
      );
      continue;
    }
    if (fold(restated) === fold(unit.text)) {
      st.report(
        'error',
        'no-change',
        `Unexpected restatement of ${unit.path.join('.')} that is its current text, expected the text as it will read`,
        r.operand.start,
        r.operand.end,
      );
      continue;
    }
    const ops2 = textOps(unit.text, restated, st.profile.drafting, false) ?? [
      { op: 'replace', old: unit.text, new: restated } as TextOp,
    ];
    instructions.push({
      kind: 'text',
      target: unit.path,
      ops: ops2,
      at: st.source.placeOf(r.start),
    });
    touched.add(unit.path.join('.'));
  }
}

/** The units the instructions change (the parent, for new units): one change each. */
function touchedBy(instructions: readonly Instruction[]): Set<string> {
  const touched = new Set<string>();
  for (const i of instructions) {
    if (i.kind === 'text') touched.add(i.target.join('.'));
    else if (i.kind === 'insertUnits') touched.add(i.parent.join('.'));
    else if (i.kind !== 'noChange') for (const t of i.targets) touched.add(t.join('.'));
  }
  return touched;
}

/**
 * Instructions in plain words shown by a quotation of the rule as it will read (read/shown.ts):
 * the change the quotation shows, with a warning that says it was read so and what it is; or,
 * when the quotation does not show a change the words name, the instruction is not read.
 */
function shownChanges(st: ReadState, instructions: Instruction[]): void {
  const touched = touchedBy(instructions);
  for (const s of st.shown) {
    const said = brief(st.source.text.slice(s.start, s.prose.end));
    const unread = (why: string) =>
      st.report(
        'error',
        'unreadable-instruction',
        `Unexpected instruction that could not be read (‘${said}’), expected the words to change quoted: ${why}`,
        s.start,
        s.operand.end,
        {
          kind: 'edit-text',
          hint: 'Quote the words to change and the new words, e.g. "delete ‘…’ and replace with ‘…’".',
        },
      );
    const paths = st.use(s.target);
    const unit = paths?.length === 1 && paths[0] ? findUnit(st.base, paths[0])?.unit : undefined;
    if (!unit) {
      if (paths) unread('the quotation after it could not be compared with one cited rule');
      continue;
    }
    const path = unit.path.join('.');
    if (touched.has(path)) {
      unread(
        `${path} is changed by another instruction too, so the quotation cannot show this one`,
      );
      continue;
    }
    const prose = st.source.text.slice(s.prose.start, s.prose.end);
    const shown = changeShown(unit.text, s.operand.text, prose);
    if (!shown.ok) {
      unread(`the quotation after it was read as ${path} as it will read, but ${shown.reason}`);
      continue;
    }
    st.report(
      'warning',
      'read-from-quotation',
      `Unexpected instruction in plain words (‘${said}’), expected the words to change quoted: read from the quotation after it, which shows ${path} as it will read (${shown.summary})`,
      s.start,
      s.prose.end,
    );
    instructions.push({
      kind: 'text',
      target: unit.path,
      ops: textOps(unit.text, shown.text, st.profile.drafting, false) ?? [
        { op: 'replace', old: unit.text, new: shown.text },
      ],
      at: st.source.placeOf(s.start),
    });
    touched.add(path);
  }
}

/**
 * Texts "as amended" whose changes were shown by underlining and strike-through: refused with
 * the words to mark (new words pre-marked from a word diff against the unit), until a person
 * marks them. Marks count only when the text without the new words is the unit's current text
 * exactly; the change is then the text without the struck words, read as a restatement is.
 */
function markedTexts(
  st: ReadState,
  byUnit: Map<Unit, Resolved[]>,
  instructions: Instruction[],
): void {
  for (const m of st.marked) {
    const paths = st.use(m.target);
    const unit = paths?.length === 1 ? findUnit(st.base, paths[0] as string[])?.unit : undefined;
    const given = m.operand.text;
    const said = st.source.text
      .slice(m.mention.start, m.mention.end)
      .replace(/^\(|\)$/g, '')
      .replace(/\s+/g, ' ');
    const lost = (fix: MarkWords | null) =>
      st.report(
        'error',
        'formatting-lost',
        `Unexpected text as amended with its changes shown by formatting (‘${said}’), which plain text does not keep, expected the changed words quoted in an instruction${fix ? ': mark the new and the struck-through words' : ''}`,
        m.mention.start,
        m.mention.end,
        fix ?? {
          kind: 'edit-text',
          hint: 'Write each change as an instruction with the words quoted, e.g. "after ‘…’ insert ‘…’".',
        },
      );
    if (!unit || !unit.text) {
      lost(null);
      continue;
    }
    const where = unit.path.join('.');
    // The sets named as the motion names the formatting ("shown in bold", "crossed out").
    const shown = { new: 'underlined', struck: 'struck through' };
    for (const f of said.matchAll(new RegExp(FORMATTING.source, 'gi')))
      shown[/struck|strike|crossed/i.test(f[0]) ? 'struck' : 'new'] = f[0];
    const fix: MarkWords = {
      kind: 'mark-words',
      unit: where,
      text: given,
      purpose: 'formatting',
      sets: [
        { name: 'new', label: `New words (${shown.new})`, marked: newWords(unit.text, given) },
        { name: 'struck', label: `Deleted words (${shown.struck})`, marked: [] },
      ],
    };
    const value = st.chosen(m.mention.start, 'mark-words');
    if (value === null) {
      lost(fix);
      continue;
    }
    const bad = (why: string) =>
      st.report(
        'error',
        'marks-invalid',
        `Unexpected marks on the text of ${where} as amended: ${why}; nothing was applied`,
        m.mention.start,
        m.mention.end,
        fix,
      );
    const read = readMarks(given, ['new', 'struck'], value);
    if ('problem' in read) {
      bad(read.problem);
      continue;
    }
    const before = collapse(removeRanges(given, read.sets.get('new') ?? []));
    const now = collapse(unit.text);
    if (before !== now) {
      bad(
        `without the words marked new it reads ‘${firstDifference(before, now)}’ where ${where} reads ‘${firstDifference(now, before)}’, expected the current text exactly`,
      );
      continue;
    }
    const after = normaliseText(removeRanges(given, read.sets.get('struck') ?? []));
    if (collapse(after) === now) {
      st.report(
        'error',
        'no-change',
        `Unexpected text as amended that is the current text of ${where} once the struck words are taken out, expected words marked new or struck`,
        m.mention.start,
        m.mention.end,
      );
      continue;
    }
    // The motion says words were struck through and the person marked none: said, since the
    // new text then keeps words the printed motion may delete.
    const struck = read.sets.get('struck') ?? [];
    if (struck.length === 0 && /struck|strike|crossed/i.test(said))
      st.report(
        'warning',
        'marks-none-struck',
        `Unexpected no words marked struck through in the text of ${where}, which the motion says shows deleted words so, expected the deleted words marked: read as deleting none`,
        m.mention.start,
        m.mention.end,
      );
    if (byUnit.has(unit)) {
      st.report(
        'error',
        'needs-person',
        `Unexpected text as amended of ${where} beside other changes to it, expected one or the other`,
        m.mention.start,
        m.mention.end,
      );
      continue;
    }
    instructions.push({
      kind: 'text',
      target: unit.path,
      ops: textOps(unit.text, after, st.profile.drafting, false) ?? [
        { op: 'replace', old: unit.text, new: after },
      ],
      at: st.source.placeOf(m.start),
    });
  }
}

/** A few words of `a` from where it first differs from `b`. */
function firstDifference(a: string, b: string): string {
  let k = 0;
  while (k < a.length && a[k] === b[k]) k++;
  const from = a.lastIndexOf(' ', k - 1) + 1;
  return a.slice(from, from + 60);
}
