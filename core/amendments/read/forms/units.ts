/**
 * Changes to whole units:
 *
 *   Replace Clause IV.5 and IV.6 with the following: … · Delete Sub-clause 7 and renumber
 *   accordingly · Add a new Sub-clause 5.F, after Sub-clause 5.E: … · add to 17. Elections: v) …
 *   · Add: 13.2 No member shall … · Make no changes to Sub-clauses 5.A–5.E
 *
 * New units are read from the motion with the rulebook reader itself, so a block of new rules is
 * read exactly as the same lines would be in a rulebook.
 */
import { parseRulebook } from '../../../rulebook/parse';
import { labelAt, labelOrdinal, levelKind, matchLabel } from '../../../rulebook/labels';
import { findUnit } from '../../../rulebook/tree';
import type { UnitPath } from '../../../rulebook/types';
import { parseCitationAt } from '../../../citations';
import { toNewUnits } from '../../generate';
import type { NewUnit } from '../../model';
import type { Cursor, Operand } from '../cursor';
import type { ReadState, Target } from '../state';
import { quotedText, type QuoteToken } from '../tokens';
import { normaliseText } from '../../../diff/words';
import { INSERT, REPLACE, filler, ordinalAt, words, type Reader } from './common';

/**
 * ", and renumber accordingly", "and renumber the rest of Rule 11.1", ", and renumber sub-clause 4
 * as sub-clause 3": renumbering follows the change, whatever words say so (up to a colon or the
 * end of the sentence).
 */
const RENUMBER = (cur: Cursor): boolean =>
  cur.attempt(() => {
    cur.punct(',');
    if (!cur.word(/and|&/)) return false;
    if (!cur.word(/renumber|re-number|renumbering/)) return false;
    for (let n = 0; n < 16; n++) {
      const t = cur.peek();
      if (!t || t.t === 'break' || t.t === 'quote') break;
      if (t.t === 'punct' && ':.'.includes(t.text)) break;
      if (t.t === 'word' && /^(?:with|by)$/.test(t.lower)) break;
      cur.i++;
    }
    return true;
  }) ?? false;

/** True when a block's first line starts with a unit label or a heading ("Clause IV. …"). */
function labelled(o: Operand): boolean {
  const first = dedent(o.raw).split('\n')[0] ?? '';
  return matchLabel(first) !== null || HEADING.test(first);
}
const HEADING = /^(?:chapter|clause|rule|section|article|part)\s+[0-9IVXLCDM]+\b/i;

/** A citation that must exist, as the target of a unit instruction. */
function cited(cur: Cursor, st: ReadState, mustExist = true): Target | null {
  const c = cur.citation();
  if (!c) return null;
  const t = st.cite(c, mustExist);
  if (mustExist) st.context = t;
  return t;
}

/** The block of new units after "with the following:" — quoted, or labelled lines. */
function unitBlock(cur: Cursor): Operand | null {
  cur.punct(':');
  const q = cur.quote();
  return q ? quotedBlock(q) : cur.block();
}
/** A quotation of new units: its lines as written, since labels and indentation matter. */
function quotedBlock(q: QuoteToken): Operand {
  return { text: q.raw, raw: q.raw, quoted: true, closed: q.closed, start: q.start, end: q.end };
}

/**
 * Reads a block as units at `depth` (1 clause, 2 sub-clause …). Labels written in another case or
 * numeral style than the rulebook's ("v)" for Clause V, "13.2" for Clause II) are read by their
 * number at that level.
 */
export function blockUnits(st: ReadState, o: Operand, depth: number): NewUnit[] | null {
  const profile = st.profile;
  const shifted = {
    ...profile,
    levels: [profile.levels[0]!, profile.levels[1]!, ...profile.levels.slice(depth)],
  };
  const lines = dedent(o.raw).split('\n');
  if (depth <= 1 && HEADING.test(lines[0] ?? '')) return headedUnits(st, o, lines, depth);
  // The first unit's label in the level's own style, so the rulebook reader takes it as a unit.
  const first = matchLabel(lines[0] ?? '');
  const kind = levelKind(profile, depth);
  if (first && labelOrdinal(first.label, kind) === null) {
    const n = ordinalAt(first.label, kind);
    if (n) lines[0] = `${labelAt(n, kind)}. ${first.rest}`;
  }
  const source = `# Chapter 1\n\n## Clause I\n\n${lines.join('\n')}\n`;
  const parsed = parseRulebook(source, {
    profile: shifted,
    format: 'markdown',
    edition: 'x',
    fragment: true,
  });
  const offsetLines = st.source.placeOf(o.start).line - 5;
  for (const d of parsed.diagnostics) {
    if (d.ruleId === 'label-sequence') continue; // a block may start at any label
    st.diagnostics.push({ ...d, line: d.line + offsetLines });
  }
  const clause = parsed.rulebook.chapters[0]?.children[0];
  if (!clause || clause.children.length === 0) {
    st.report(
      'error',
      'empty-block',
      'Unexpected text with no numbered units, expected the new units with their labels',
      o.start,
      o.end,
    );
    return null;
  }
  if (clause.text) {
    st.report(
      'error',
      'unlabelled-text',
      'Unexpected text before the first label, expected each new unit to start with its label',
      o.start,
      o.end,
    );
    return null;
  }
  return toNewUnits(clause.children);
}

/**
 * New chapters or clauses written with their headings ("Chapter 4: Complaints", "Clause I.
 * Making a complaint") read as the rulebook reader reads headings.
 */
function headedUnits(st: ReadState, o: Operand, lines: string[], depth: number): NewUnit[] | null {
  const marked = lines.map((l) => {
    const m = /^(chapter|clause|rule|section|article|part)\s+/i.exec(l);
    if (!m) return l;
    const word = m[1]!.toLowerCase();
    const level = word === 'chapter' || (depth === 0 && word !== 'clause') ? 0 : 1;
    const name = st.profile.levels[level]?.name ?? (level === 0 ? 'Chapter' : 'Clause');
    return `${level === 0 ? '#' : '##'} ${name} ${l.slice(m[0].length)}`;
  });
  const source = depth === 0 ? `${marked.join('\n')}\n` : `# Chapter 1\n\n${marked.join('\n')}\n`;
  const parsed = parseRulebook(source, {
    profile: st.profile,
    format: 'markdown',
    edition: 'x',
    fragment: true,
  });
  const offsetLines = st.source.placeOf(o.start).line - (depth === 0 ? 1 : 3);
  for (const d of parsed.diagnostics) {
    if (d.ruleId === 'label-sequence') continue;
    st.diagnostics.push({ ...d, line: d.line + offsetLines });
  }
  const units =
    depth === 0 ? parsed.rulebook.chapters : (parsed.rulebook.chapters[0]?.children ?? []);
  if (units.length === 0) {
    st.report(
      'error',
      'empty-block',
      'Unexpected text with no headings or numbered units, expected the new units with their labels',
      o.start,
      o.end,
    );
    return null;
  }
  return toNewUnits(units);
}

/** "Make no changes to Sub-clauses 5.A through to 5.E." */
export const readNoChange: Reader = (cur, st) => {
  const start = cur.offset;
  if (!cur.words(/make/, /no/) || !cur.word(/changes?/) || !cur.word(/to/)) return false;
  const t = cited(cur, st);
  const paths = st.use(t);
  if (paths) st.units.push({ kind: 'noChange', targets: paths, at: st.source.placeOf(start) });
  st.instructionAt(start);
  return true;
};

/** "Delete Sub-clause 6 and renumber accordingly." */
export const readDeleteUnits: Reader = (cur, st) => {
  const start = cur.offset;
  if (!cur.word(/delete|deletes|remove|removes/)) return false;
  cur.maybe(/the/, /whole/, /of/);
  const t = cited(cur, st);
  if (!t) return false;
  // "Delete the text of clause 4 (x): ‘…’" is a change of words, read elsewhere.
  if (cur.attempt(() => (cur.punct(':'), cur.quote()))) return false;
  const renumber = RENUMBER(cur);
  const paths = st.use(t);
  if (paths)
    st.units.push({
      kind: 'deleteUnits',
      targets: paths,
      renumber,
      at: st.source.placeOf(start),
    });
  st.instructionAt(start);
  return true;
};

/** "Replace Clause IV.5 and IV.6 with the following:" and the new units. */
export const readReplaceUnits: Reader = (cur, st) => {
  const start = cur.offset;
  if (!cur.word(REPLACE)) return false;
  cur.maybe(/the/, /whole/, /of/);
  const t = cited(cur, st);
  if (!t || t.paths.length === 0) return false;
  let renumber = RENUMBER(cur);
  cur.maybe(/in/, /its|their/, /entirety/);
  cur.soft();
  if (!cur.word(/with|by/)) return false;
  cur.word(/the/);
  cur.word(/following|this/);
  renumber = RENUMBER(cur) || renumber;
  const b = unitBlock(cur);
  st.instructionAt(start);
  if (!b) {
    st.report(
      'error',
      'expected-block',
      'Unexpected end of instruction, expected the replacement text',
      start,
      cur.lastEnd,
    );
    return true;
  }
  replaceUnits(st, t, b, renumber, start);
  return true;
};

/** Records the cited units replaced by the units the block holds, read at the cited depth. */
function replaceUnits(st: ReadState, t: Target, b: Operand, renumber: boolean, start: number) {
  const paths = st.use(t);
  const depth = paths?.[0]?.length ?? 3;
  const units = blockUnits(st, b, depth - 1);
  if (paths && units)
    st.units.push({
      kind: 'replaceUnits',
      targets: paths,
      units,
      renumber,
      at: st.source.placeOf(start),
    });
}

/**
 * "Sub-clauses 1 and 2 — delete and replace with the following three sub-clauses:", "Rule
 * 11.1.1 — replace with the following, and renumber the rest:": the units cited just before,
 * replaced by the labelled units that follow.
 */
export const readReplaceCited: Reader = (cur, st) => {
  const start = cur.offset;
  const target = st.context;
  if (!target || target.byText) return false;
  if (cur.word(/delete|deletes/)) {
    cur.word(/them|it|these/);
    if (!cur.word(/and/)) return false;
  }
  if (!cur.word(REPLACE)) return false;
  cur.word(/it|them|these|this/);
  if (!cur.word(/with|by/)) return false;
  cur.word(/the/);
  if (!cur.word(/following/)) return false;
  cur.word(/\d+|one|two|three|four|five|six|seven|eight|nine|ten|new/);
  cur.word(/new/);
  cur.word(
    /units?|sub-?clauses?|clauses?|paragraphs?|sub-?paragraphs?|rules?|sections?|articles?|items?/,
  );
  const renumber = RENUMBER(cur);
  const b = unitBlock(cur);
  if (!b || !labelled(b)) return false;
  st.instructionAt(start);
  replaceUnits(st, target, b, renumber, start);
  return true;
};

/** "Add a new Sub-clause 5.F, after Sub-clause 5.E:" and the new units. */
export const readInsertUnits: Reader = (cur, st) => {
  const start = cur.offset;
  if (!cur.word(INSERT) || (!cur.word(/new/) && !cur.words(/a/, /new/))) return false;
  const newTarget = cited(cur, st, false);
  const newPath = newTarget?.problems.length === 0 ? newTarget.paths[0] : undefined;
  let parent: UnitPath | null = null;
  let after: UnitPath | null = null;
  const place = cur.attempt(() => {
    cur.punct(',');
    if (cur.word(/after|following/)) return 'after';
    if (cur.words(/at/, /the/, /start|beginning/, /of/)) return 'start';
    if (cur.words(/at/, /the/, /end/, /of/)) return 'end';
    return null;
  });
  if (place) {
    const t = cited(cur, st);
    const path = st.use(t)?.[0] ?? null;
    if (place === 'after') {
      after = path;
      parent = path ? path.slice(0, -1) : null;
    } else {
      parent = path;
      const kids = path ? findUnit(st.base, path)?.unit.children : undefined;
      after =
        place === 'end' && path && kids && kids.length > 0 ? [...path, kids.at(-1)!.label] : null;
    }
  } else if (newPath) {
    ({ parent, after } = placeByLabel(st, newPath));
  } else if (!newTarget) return false;
  const renumber = RENUMBER(cur);
  st.instructionAt(start);
  if (!parent) {
    st.report(
      'error',
      'insert-place',
      'Unexpected new unit without a place, expected "after Sub-clause …" or "at the start of …"',
      start,
      cur.lastEnd,
    );
    return true;
  }
  const b = unitBlock(cur);
  if (!b) {
    st.report(
      'error',
      'expected-block',
      'Unexpected end of instruction, expected the text of the new unit',
      start,
      cur.lastEnd,
    );
    return true;
  }
  const units = blockUnits(st, b, parent.length);
  if (units)
    st.units.push({
      kind: 'insertUnits',
      parent,
      after,
      units,
      renumber,
      at: st.source.placeOf(start),
    });
  return true;
};

/** Where a new unit with this path goes: after the sibling before its label, or at the start. */
function placeByLabel(st: ReadState, path: UnitPath): { parent: UnitPath; after: UnitPath | null } {
  const parent = path.slice(0, -1);
  const kids =
    parent.length === 0 ? st.base.chapters : (findUnit(st.base, parent)?.unit.children ?? []);
  const label = path.at(-1) as string;
  const kind = levelKind(st.profile, path.length - 1);
  const n = labelOrdinal(label, kind) ?? Number.POSITIVE_INFINITY;
  let prev: string | null = null;
  for (const k of kids) if ((labelOrdinal(k.label, kind) ?? 0) < n) prev = k.label;
  return { parent, after: prev === null ? null : [...parent, prev] };
}

/**
 * "add to 17. Elections: v) …", "Add: 13.2 No member …", "Add to the bylaws the following
 * statement: 2.3 …": new units whose labels say where they go. A label that is already taken is
 * refused — the motion must say "replace" or "insert … and renumber", never have us guess. "add
 * to point 6 …: 6. <its text and more>" restates the unit with words added: the words after its
 * current text are added at its end.
 */
export const readAddLabelled: Reader = (cur, st) => {
  const start = cur.offset;
  if (!cur.word(/add|adds|insert|inserts/)) return false;
  let parentTarget: Target | null = null;
  if (cur.word(/to|in|into/)) parentTarget = cited(cur, st) ?? chapterNamed(cur, st);
  filler(cur, st);
  if (!cur.punct(':') && cur.peek()?.t !== 'quote') return false;
  const q = cur.quote();
  const b = q ? quotedBlock(q) : (cur.block() ?? cur.restOfLine());
  if (!b) return false;
  const body = dedent(b.raw);
  const own = parentTarget ? ownLabel(st, parentTarget, body) : null;
  if (own !== null) return addToOwnText(st, parentTarget as Target, own, b, start);
  // The new unit's own label, as a full citation ("13.2") or a bare label ("v)").
  const full = labelCitation(st, body);
  const bare = matchLabel(body);
  let parent: UnitPath | null;
  let label: string;
  let rest: string;
  let labelEnd: number;
  if (full) {
    const t = st.cite({ ...full, start: b.start, end: b.start + full.end }, false);
    const path = t.problems.length === 0 ? t.paths[0] : undefined;
    if (!path || path.length < 2) return false;
    parent = path.slice(0, -1);
    label = path.at(-1) as string;
    rest = body.slice(full.end).trim();
    labelEnd = full.end;
  } else if (bare && parentTarget) {
    parent = st.use(parentTarget)?.[0] ?? null;
    if (!parent) return true;
    const n = ordinalAt(bare.label, levelKind(st.profile, parent.length));
    if (!n) return false;
    label = labelAt(n, levelKind(st.profile, parent.length));
    rest = bare.rest.trim();
    labelEnd = bare.marker.length;
  } else return false;
  st.instructionAt(start);
  if (parent.length > 0 && !findUnit(st.base, parent)) {
    st.report(
      'error',
      'unit-not-found',
      `Unexpected new unit under ${parent.join('.')}, no such unit in edition ${st.base.meta.edition}`,
      start,
      b.start,
    );
    return true;
  }
  const path = [...parent, label];
  if (findUnit(st.base, path)) {
    st.report(
      'error',
      'unit-exists',
      `Unexpected new unit ${path.join('.')}, which already exists in edition ${st.base.meta.edition}: expected "replace ${path.join('.')}", or "insert … and renumber accordingly"`,
      b.start,
      b.start + labelEnd,
      {
        kind: 'edit-text',
        hint: `Say whether the new text replaces ${path.join('.')} or goes before it with the rest renumbered.`,
      },
    );
    return true;
  }
  const siblings =
    parent.length === 0 ? st.base.chapters : (findUnit(st.base, parent)?.unit.children ?? []);
  const kind = levelKind(st.profile, parent.length);
  const last = Math.max(0, ...siblings.map((u) => labelOrdinal(u.label, kind) ?? 0));
  if ((labelOrdinal(label, kind) ?? 0) > last + 1) {
    st.report(
      'error',
      'label-gap',
      `Unexpected new unit ${path.join('.')}, expected the next label after ${[...parent, labelAt(last, kind)].join('.')}: the numbering would have a gap`,
      b.start,
      b.start + labelEnd,
      {
        kind: 'edit-text',
        hint: 'Check the number of the new unit, or say after which unit it goes.',
      },
    );
    return true;
  }
  const units = blockUnits(st, { ...b, raw: `${label}. ${rest}` }, parent.length);
  if (!units) return true;
  const { after } = placeByLabel(st, path);
  st.units.push({
    kind: 'insertUnits',
    parent,
    after,
    units,
    renumber: false,
    at: st.source.placeOf(start),
  });
  return true;
};

/**
 * The label a block starts with, as a full citation: "Chapter 2, Clause III" or a bare decimal
 * "13.2" / "2.3" read as other organisations number their rules ("Rule 13.2").
 */
function labelCitation(st: ReadState, body: string) {
  const full = parseCitationAt(body, 0, st.profile);
  if (full && /^\s/.test(body.slice(full.end)) && full.targets.length === 1) return full;
  const bare = /^(\d{1,3}(?:\.\d{1,3})+)\.?(?=\s)/.exec(body);
  if (!bare) return null;
  const asRule = parseCitationAt(`Rule ${bare[1]}`, 0, st.profile);
  if (!asRule || asRule.targets.length !== 1 || asRule.end !== 5 + (bare[1] as string).length)
    return null;
  return { ...asRule, start: 0, end: bare[0].length };
}

/** "add to 17. Elections:" — a chapter by its number and (if given) its title. */
function chapterNamed(cur: Cursor, st: ReadState): Target | null {
  return cur.attempt(() => {
    const t = cur.peek();
    if (t?.t !== 'word' || !/^\d{1,3}$/.test(t.text)) return null;
    const chapter = st.base.chapters.find((c) => c.label === t.text);
    if (!chapter) return null;
    cur.i++;
    cur.punct('.');
    const from = cur.offset;
    let to = from;
    while (cur.peek()?.t === 'word') to = (cur.tokens[cur.i++] as { end: number }).end;
    const title = st.source.text.slice(from, to).trim().toLowerCase();
    if (title && title !== chapter.title.trim().toLowerCase()) return null;
    return { paths: [chapter.path], start: t.start, end: Math.max(to, t.end), problems: [] };
  });
}

/** The target's own label at the start of the block ("6." under "point 6"): the text after it. */
function ownLabel(st: ReadState, target: Target, body: string): string | null {
  const path = target.problems.length === 0 ? target.paths[0] : undefined;
  const unit = path ? findUnit(st.base, path)?.unit : undefined;
  const m = matchLabel(body);
  if (!unit || !m || unit.children.length > 0) return null;
  const kind = levelKind(st.profile, unit.depth);
  return ordinalAt(m.label, kind) === labelOrdinal(unit.label, kind) ? m.rest : null;
}

/** "add to <unit>: <label> <its current text> <new words>": the new words at its end. */
function addToOwnText(
  st: ReadState,
  target: Target,
  rest: string,
  b: Operand,
  start: number,
): boolean {
  st.instructionAt(start);
  const unit = findUnit(st.base, target.paths[0] as UnitPath)!.unit;
  const restated = quotedText(rest);
  const current = normaliseText(unit.text);
  if (!restated.startsWith(current) || restated.length === current.length) {
    st.report(
      'error',
      'needs-person',
      `Unexpected text for ${unit.path.join('.')} that does not begin with its current text, expected the words to add`,
      b.start,
      b.end,
      { kind: 'edit-text', hint: 'Quote only the words to add, after "add at end".' },
    );
    return true;
  }
  st.ops.push({
    op: { op: 'addAtEnd', new: restated.slice(current.length).trim() },
    target,
    start,
    end: b.end,
  });
  return true;
}

/**
 * "Move the following: ‘…’ to create a new paragraph f in section 3 of the rules and renumber
 * accordingly": the words leave the unit cited before and become a new unit with that label.
 */
export const readMove: Reader = (cur, st) => {
  const start = cur.offset;
  if (!cur.word(/move|moves/)) return false;
  cur.maybe(/the/, /following/);
  cur.word(/words?|sentence|text/);
  const moved = cur.operand();
  if (!moved || !moved.quoted) return false;
  cur.gap();
  if (!cur.word(/to|into/)) return false;
  cur.word(/create|form|make|become/);
  cur.word(/a/);
  if (!cur.word(/new/)) return false;
  cur.word(/parts?|clauses?|sub-?clauses?|paragraphs?|sections?|rules?|articles?|items?|points?/);
  const t = cur.peek();
  if (t?.t !== 'word') return false;
  cur.i++;
  if (!cur.word(/in|of|under/)) return false;
  const parentTarget = cited(cur, st, true);
  // "… of the constitution and renumber accordingly"
  const renumber =
    cur.attempt(() => {
      for (let k = 0; k < 8; k++) {
        if (RENUMBER(cur)) return true;
        if (cur.peek()?.t !== 'word') return false;
        cur.i++;
      }
      return false;
    }) ?? false;
  const from = st.context === parentTarget ? null : st.context;
  st.instructionAt(start);
  const parent = st.use(parentTarget)?.[0];
  if (!parent) return true;
  const kind = levelKind(st.profile, parent.length);
  const n = ordinalAt(t.text.replace(/[).]$/, ''), kind);
  if (!n) return false;
  const label = labelAt(n, kind);
  const path = [...parent, label];
  if (findUnit(st.base, path) && !renumber) {
    st.report(
      'error',
      'unit-exists',
      `Unexpected new unit ${path.join('.')}, which already exists in edition ${st.base.meta.edition}: expected "and renumber accordingly"`,
      t.start,
      t.end,
    );
    return true;
  }
  // With renumbering the new unit takes the label the motion gives and those from it on
  // move up one; without, the label must be free (above). It must not leave a gap.
  const last = Math.max(
    0,
    ...(findUnit(st.base, parent)?.unit.children ?? []).map(
      (u) => labelOrdinal(u.label, kind) ?? 0,
    ),
  );
  if (n > last + 1) {
    st.report(
      'error',
      'label-gap',
      `Unexpected new unit ${path.join('.')}, expected at most ${labelAt(last + 1, kind)}: the numbering would have a gap`,
      t.start,
      t.end,
    );
    return true;
  }
  // The words leave the unit they were cited in (the context before "Move").
  st.ops.push({
    op: { op: 'delete', sel: words(moved) },
    target: from ?? st.context,
    start,
    end: moved.end,
  });
  const units = blockUnits(st, { ...moved, raw: `${label}. ${moved.text}` }, parent.length);
  if (!units) return true;
  const { after } = placeByLabel(st, path);
  st.units.push({
    kind: 'insertUnits',
    parent,
    after,
    units,
    renumber,
    at: st.source.placeOf(start),
  });
  return true;
};

/** Removes the common indentation of a block, so its first unit sits at column 0. */
export function dedent(s: string): string {
  const lines = s.split('\n');
  const first = lines[0] ?? '';
  const firstIndent = /^[ \t]*/.exec(first)?.[0].length ?? 0;
  let cut = firstIndent;
  for (const l of lines.slice(1)) {
    if (l.trim() === '') continue;
    cut = Math.min(cut, /^[ \t]*/.exec(l)?.[0].length ?? 0);
  }
  return [
    first.slice(firstIndent),
    ...lines.slice(1).map((l) => l.slice(Math.min(cut, /^[ \t]*/.exec(l)?.[0].length ?? 0))),
  ].join('\n');
}
