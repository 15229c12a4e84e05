/**
 * Parses motion text written by people — pasted from an agenda, an e-mail or a PDF — into
 * instructions against a base edition. Reads the forms in real use (SPEC §2): "Delete '…' and
 * replace with '…'", "Replace the words …", "After '…' insert …", "Add at end", "Add a new
 * Sub-clause 5.F, after Sub-clause 5.E", "Replace Clause IV.5 and IV.6 with the following:",
 * "Delete Sub-clause 7 and renumber accordingly", "Make no changes to …", "… reads as follows:".
 *
 * It never guesses: a quote that does not close, an anchor by printed line number, text that
 * looks like an instruction but is not understood, each becomes a diagnostic with its position.
 *
 * Time is linear in the text: every scan either consumes what it reads or remembers how far it
 * looked, and the regular expressions avoid adjacent quantifiers over the same characters
 * (`\s*,?\s*` is written `\s*(?:,\s*)?`: the same matches without quadratic backtracking over a
 * long run of spaces). At most 100 diagnostics are returned.
 */
import {
  parseCitation,
  parseCitationAt,
  resolveTarget,
  expandRange,
  type Citation,
} from '../citations';
import { capDiagnostics, diagnostic, type Diagnostic } from '../diagnostics';
import { normaliseText } from '../diff/words';
import { parseRulebook } from '../rulebook/parse';
import { findUnit, walkUnits } from '../rulebook/tree';
import type { Rulebook, Unit, UnitPath } from '../rulebook/types';
import type { Profile } from '../../schemas/profile';
import { labourProfile } from '../profiles';
import { findQuoted } from './apply';
import type { Instruction, Motion, NewUnit, Place, TextOp } from './model';
import { CLOSERS } from './quotes';
import { toNewUnits } from './generate';

export interface ParseMotionResult {
  motion: Motion;
  diagnostics: Diagnostic[];
}

const LETTER = /[\p{L}\p{N}]/u;
const ARGUMENT_HEADING =
  /^[ \t]*(?:supporting (?:argument|statement)|reasons?(?: for (?:the )?(?:rule )?change)?|argument|rationale|explanation)[ \t]*(?::[ \t]*|$)/im;
const LINE_ANCHOR = /(?:[ \t]*\(\s*|\s*)(?:(?:at|on|in)\s+)?(?:printed\s+)?lines?\s+\d+/iy;
const RENUMBER =
  /[ \t]*(?:,[ \t]*)?(?:and|&)[ \t]+re-?number(?:ing)?(?:[ \t]+(?:accordingly|subsequent[\w -]*|the rest|as necessary))?/iy;
/** "delete", "replace", "insert" or "add" and, later on the line, a quote mark. */
const INSTRUCTION_WORD = /\b(delete|replace|insert|add)\b/i;

/** Parses motion text against the edition it amends. */
export function parseMotionText(
  input: string,
  base: Rulebook,
  profile: Profile = labourProfile,
): ParseMotionResult {
  const text = input.replace(/\r\n?/g, '\n');
  const diagnostics: Diagnostic[] = [];
  const instructions: Instruction[] = [];
  const quotations: Motion['quotations'] = [];
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const placeOf = (offset: number): Place => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (lineStarts[lo] as number) + 1 };
  };
  const report = (
    severity: 'error' | 'warning',
    ruleId: string,
    message: string,
    offset: number,
  ) => {
    const p = placeOf(offset);
    diagnostics.push(diagnostic(severity, ruleId, message, p.line, p.column));
  };

  const argumentMatch = ARGUMENT_HEADING.exec(text);
  const end = argumentMatch ? argumentMatch.index : text.length;
  const argument = argumentMatch
    ? text.slice(argumentMatch.index + argumentMatch[0].length).trim()
    : '';

  let i = 0;
  let title = '';
  let edition: string | null = null;
  let context: { chapter?: string; clause?: string } = {};
  /** Units the latest citation names: where following text changes apply. */
  let cited: { paths: UnitPath[]; at: number } | null = null;
  let seenInstruction = false;

  // ---- small scanning helpers over `text`, all bounded by `end` ----
  const at = (re: RegExp): RegExpExecArray | null => {
    re.lastIndex = i;
    const m = re.exec(text);
    return m && m.index === i && i + m[0].length <= end ? m : null;
  };
  const eat = (re: RegExp): boolean => {
    const m = at(re);
    if (m) i += m[0].length;
    return m !== null;
  };
  const skipSpace = () => eat(/\s+/y);

  /** A citation starting here (after spaces), or null. Resolves it against the context. */
  const citationHere = (): Citation | null => {
    const save = i;
    skipSpace();
    // At most 400 characters of it, as ever; read only at its start, not searched for.
    const window = text.slice(i, Math.min(end, i + 400));
    const c = parseCitationAt(window, 0, profile);
    if (!c) {
      i = save;
      return null;
    }
    const found = { ...c, start: c.start + i, end: c.end + i };
    i = found.end;
    return found;
  };

  const resolve = (c: Citation, mustExist = true): UnitPath[] | null => {
    if (c.edition) {
      edition ??= c.edition;
      if (c.edition !== base.meta.edition) {
        report(
          'error',
          'edition-mismatch',
          `Unexpected citation of the ${c.edition} edition, expected ${base.meta.edition} (the edition being amended)`,
          c.start,
        );
      }
    }
    const paths: UnitPath[] = [];
    for (const t of c.targets) {
      const full = resolveTarget(t, context);
      if (!full) {
        report(
          'error',
          'citation-incomplete',
          `Unexpected citation without a chapter or clause, expected one cited before it`,
          c.start,
        );
        return null;
      }
      paths.push(full);
    }
    if (c.range && paths.length === 2) {
      const [from, to] = paths as [UnitPath, UnitPath];
      const parent = findUnit(base, from)?.parent;
      const siblings = parent
        ? parent.children.map((u) => u.label)
        : base.chapters.map((u) => u.label);
      const expanded = expandRange([...from], [...to], siblings);
      if (!expanded) {
        report(
          'error',
          'citation-range',
          `Unexpected range ${from.join('.')} to ${to.join('.')}, expected two units of one parent in order`,
          c.start,
        );
        return null;
      }
      return expanded;
    }
    const last = paths.at(-1);
    if (last && last.length >= 2) context = { chapter: last[0], clause: last[1] };
    else if (last && last.length === 1) context = { chapter: last[0] };
    for (const p of paths) {
      if (mustExist && !findUnit(base, p)) {
        report(
          'error',
          'unit-not-found',
          `Unexpected citation of ${p.join('.')}, no such unit in edition ${base.meta.edition}`,
          c.start,
        );
      }
    }
    return paths;
  };

  /**
   * Where a quotation opened before `from` stops: the first mark at or after `from` that may close
   * it, or a blank line (`-1` when neither comes before `end`). Both depend only on the text, so
   * the furthest answer per set of closing marks is remembered: many quotations that never close
   * then cost one scan, not one each to the end of the text.
   */
  const stops = new Map<string, { from: number; upto: number; at: number }>();
  const quoteStop = (closers: readonly string[], from: number): number => {
    const key = closers.join('');
    const known = stops.get(key);
    if (known && from >= known.from && from <= known.upto) return known.at;
    let at = -1;
    let j = from;
    for (; j < end; j++) {
      const ch = text[j] as string;
      if (ch === '\n' && /^\n[ \t]*\n/.test(text.slice(j, j + 40))) break;
      if (!closers.includes(ch)) continue;
      const next = text[j + 1] ?? '';
      const prev = text[j - 1] ?? '';
      // An apostrophe inside a word (CLP’s, members'll) does not close a quotation.
      if ((ch === '’' || ch === "'") && LETTER.test(next) && LETTER.test(prev)) continue;
      at = j;
      break;
    }
    stops.set(key, { from, upto: j, at });
    return at;
  };

  /** Reads a quotation starting here: single-line-ish (may wrap), closed before a blank line. */
  const readQuote = (): { value: string; start: number } | null => {
    skipSpace();
    const open = text[i] as string;
    const closers = CLOSERS[open];
    if (!closers || i >= end) return null;
    const start = i;
    const j = quoteStop(closers, i + 1);
    if (j >= 0) {
      // Looked for only inside the quotation, not through the rest of the text.
      const inner = open === '‘' || open === '“' ? text.slice(start + 1, j).indexOf(open) : -1;
      if (inner !== -1) {
        report(
          'error',
          'unbalanced-quote',
          `Unexpected ${open} inside a quotation, expected the quotation opened before it to close first`,
          start + 1 + inner,
        );
      }
      i = j + 1;
      return { value: normaliseText(text.slice(start + 1, j)), start };
    }
    report(
      'error',
      'unbalanced-quote',
      `Unexpected end of quotation opened with ${open}, expected a closing quote`,
      start,
    );
    // Recover at the end of the line so later instructions still get their diagnostics.
    const nl = text.indexOf('\n', start);
    i = nl < 0 || nl > end ? end : nl;
    return null;
  };

  /** Reads a block of rulebook text: quoted (to a closing quote at a line end) or plain labelled lines. */
  const readBlock = (): { value: string; start: number } | null => {
    eat(/[ \t]*:?[ \t]*\n?/y);
    const lineStart = i;
    eat(/[ \t]*/y);
    const open = text[i] as string;
    const closers = CLOSERS[open];
    if (closers) {
      const start = i;
      const closeAtLineEnd = new RegExp(`[${closers.join('')}][.;,]?[ \\t]*(?=\\n|$)`, 'g');
      closeAtLineEnd.lastIndex = i + 1;
      const m = closeAtLineEnd.exec(text);
      if (!m || m.index >= end) {
        report(
          'error',
          'unbalanced-quote',
          `Unexpected end of quoted text opened with ${open}, expected a closing quote at the end of a line`,
          start,
        );
        i = end;
        return null;
      }
      i = m.index + m[0].length;
      return { value: text.slice(start + 1, m.index), start: start + 1 };
    }
    // Unquoted: labelled lines and their continuations, up to a blank line before other text.
    // Lines are read one at a time up to `end` (not the whole rest split for every block).
    i = lineStart;
    const lineAt = (from: number): { line: string; next: number } => {
      const nl = text.indexOf('\n', from);
      const stop = nl < 0 || nl >= end ? end : nl;
      return { line: text.slice(from, stop), next: stop + 1 };
    };
    const taken: string[] = [];
    /** The next non-blank line after a run of blank lines, found once for the whole run. */
    let ahead: { from: number; line: string | undefined } = { from: -1, line: undefined };
    for (let from = i; from <= end; ) {
      const { line, next } = lineAt(from);
      if (line.trim() === '') {
        if (ahead.from < next) {
          let scan = next;
          let found: string | undefined;
          while (scan <= end) {
            const l = lineAt(scan);
            if (l.line.trim() !== '') {
              found = l.line;
              break;
            }
            scan = l.next;
          }
          ahead = { from: scan, line: found };
        }
        const nextLine = ahead.line;
        if (nextLine === undefined || !/^\s+\S|^\s*(?:\(?[0-9A-Za-z]{1,6}[.)])\s/.test(nextLine))
          break;
      } else if (
        taken.length > 0 &&
        /^\s*\S/.test(line) &&
        !/^\s/.test(line) &&
        !/^\(?[0-9A-Za-z]{1,6}[.)]\s/.test(line) &&
        taken.at(-1)?.trim() === ''
      ) {
        break;
      }
      taken.push(line);
      from = next;
    }
    if (taken.every((l) => l.trim() === '')) return null;
    // trimEnd, not replace(/\s+$/): that regex is quadratic over a long run of inner spaces.
    const value = taken.join('\n').trimEnd();
    i = lineStart + value.length;
    return { value, start: lineStart };
  };

  /** Parses a block into new units at the depth of `sample` (a path at the level they go). */
  const blockUnits = (value: string, start: number, depth: number): NewUnit[] | null => {
    const shifted = {
      ...profile,
      levels: [profile.levels[0]!, profile.levels[1]!, ...profile.levels.slice(depth)],
    };
    const source = `# Chapter 1\n\n## Clause I\n\n${dedent(value)}\n`;
    const parsed = parseRulebook(source, {
      profile: shifted,
      format: 'markdown',
      edition: 'x',
      fragment: true,
    });
    const offsetLines = placeOf(start).line - 5;
    for (const d of parsed.diagnostics) {
      if (d.ruleId === 'label-sequence') continue; // a block may start at any label
      diagnostics.push({ ...d, line: d.line + offsetLines });
    }
    const clause = parsed.rulebook.chapters[0]?.children[0];
    if (!clause || clause.children.length === 0) {
      report(
        'error',
        'empty-block',
        'Unexpected text with no numbered units, expected the new units with their labels',
        start,
      );
      return null;
    }
    if (clause.text) {
      report(
        'error',
        'unlabelled-text',
        'Unexpected text before the first label, expected each new unit to start with its label',
        start,
      );
      return null;
    }
    return toNewUnits(clause.children);
  };

  /** Each unit's text instruction, which later changes to that unit join. */
  const textInstructions = new Map<string, Instruction & { kind: 'text' }>();

  /** Adds a text change to the cited unit that holds its quoted words. */
  const addOp = (op: TextOp, offset: number) => {
    seenInstruction = true;
    if (!cited) {
      report(
        'error',
        'no-citation',
        'Unexpected change without a cited unit, expected a citation such as "Chapter 5, Clause IV, Sub-clause 5.A" before it',
        offset,
      );
      return;
    }
    const quoted = 'old' in op ? op.old : 'anchor' in op ? op.anchor : null;
    const units = cited.paths.flatMap((path) => findUnit(base, path)?.unit ?? []);
    if (units.length === 0) return; // already reported as not found
    let target = (units[0] as Unit).path;
    if (quoted === null) {
      if (units.length > 1) {
        report(
          'error',
          'citation-ambiguous',
          'Unexpected addition to several cited units, expected one unit',
          offset,
        );
        return;
      }
    } else {
      // The cited unit that holds the quoted words; failing that, one of its sub-units
      // (people cite "Sub-clause 5.B" and quote the words of 5.B.i).
      const holds = (u: Unit) => findQuoted(u.text, quoted).length > 0;
      let holders = units.filter(holds);
      if (holders.length === 0)
        holders = units.flatMap((u) => [...walkUnits(u.children)]).filter(holds);
      if (holders.length > 1) {
        report(
          'error',
          'quote-ambiguous',
          `Unexpected quotation ‘${quoted}’, found in ${holders.map((u) => u.path.join('.')).join(' and ')}, expected one unit: cite the unit`,
          offset,
        );
        return;
      }
      if (holders[0]) target = holders[0].path;
    }
    const p = placeOf(offset);
    const key = target.join('.');
    const previous = textInstructions.get(key);
    if (previous) previous.ops.push(op);
    else {
      const instruction: Instruction & { kind: 'text' } = {
        kind: 'text',
        target,
        ops: [op],
        at: p,
      };
      instructions.push(instruction);
      textInstructions.set(key, instruction);
    }
  };

  const quoteOrReport = (what: string): string | null => {
    const q = readQuote();
    if (!q) {
      if (i < end && !/\s/.test(text[i] ?? ''))
        report(
          'error',
          'expected-quote',
          `Unexpected ${describe(text, i)}, expected ${what} in quotes`,
          i,
        );
      return null;
    }
    return q.value;
  };

  // Title: the first line, unless it already is an instruction or citation.
  const firstLine = /^[ \t]*(\S[^\n]*)/.exec(text);
  const first = firstLine?.[1] ?? '';
  // An instruction word with a quote mark after it on the line — found without the regex
  // /\b(delete|…)\b[^\n]*['‘“"]/, which re-reads the rest of the line for every such word.
  const word = INSTRUCTION_WORD.exec(first);
  const lastQuote = Math.max(...["'", '‘', '“', '"'].map((q) => first.lastIndexOf(q)));
  const looksLikeInstruction =
    /^\s*(delete|replace|insert|add|after|before|make no)\b/i.test(first) ||
    (word !== null && lastQuote >= word.index + word[0].length);
  if (first && !looksLikeInstruction && !parseCitation(first, profile)) {
    title = first.replace(/^title:\s*/i, '').trim();
  }
  const ed = /\brule\s*book[^\n\d]{0,20}((?:19|20)\d\d)\b|\b((?:19|20)\d\d)\s+rule\s*book\b/i.exec(
    text.slice(0, end),
  );
  if (ed) edition = (ed[1] ?? ed[2]) as string;

  while (i < end) {
    const before = i;
    skipSpace();
    if (i >= end) break;
    const offset = i;

    // Numbered steps in a motion ("1. Delete …", "(a) After …") are not rule labels.
    eat(
      /(?:\(?[0-9a-z]{1,3}[.)])[ \t]+(?=(?:delete|replace|insert|add|after|before|at the|make)\b)/iy,
    );

    if (at(LINE_ANCHOR)) {
      report(
        'error',
        'line-number-anchor',
        'Unexpected anchor by printed line number, expected the words to change in quotes',
        i,
      );
      eat(
        /[ \t]*\(?\s*(?:(?:at|on|in)\s+)?(?:printed\s+)?lines?\s+\d+(?:\s*(?:-|–|to|and)\s*\d+)?\s*\)?/iy,
      );
      continue;
    }
    if (eat(/make\s+no\s+changes?\s+to\s+/iy)) {
      const c = citationHere();
      const paths = c ? resolve(c) : null;
      if (paths) instructions.push({ kind: 'noChange', targets: paths, at: placeOf(offset) });
      seenInstruction = true;
      continue;
    }
    if (eat(/(?:add|insert)\s+(?:a\s+)?new\s+/iy)) {
      seenInstruction = true;
      const newCite = citationHere();
      const newPath = newCite ? resolve(newCite, false)?.[0] : null;
      let parent: UnitPath | null = null;
      let after: UnitPath | null = null;
      if (eat(/\s*(?:,\s*)?(?:after|following)\s+/iy)) {
        const c = citationHere();
        after = c ? (resolve(c)?.[0] ?? null) : null;
        parent = after ? after.slice(0, -1) : null;
      } else if (eat(/\s*(?:,\s*)?at\s+the\s+(?:start|beginning)\s+of\s+/iy)) {
        const c = citationHere();
        parent = c ? (resolve(c)?.[0] ?? null) : null;
      } else if (eat(/\s*(?:,\s*)?at\s+the\s+end\s+of\s+/iy)) {
        const c = citationHere();
        parent = c ? (resolve(c)?.[0] ?? null) : null;
        const kids = parent ? findUnit(base, parent)?.unit.children : undefined;
        after = parent && kids && kids.length > 0 ? [...parent, kids.at(-1)!.label] : null;
      } else if (newPath) {
        // "Add a new Sub-clause 5.F:" — after the sibling before it, or at the start.
        parent = newPath.slice(0, -1);
        const kids = findUnit(base, parent)?.unit.children ?? [];
        const label = newPath.at(-1);
        const index = kids.findIndex((u) => u.label === label);
        const prev = index > 0 ? kids[index - 1] : index < 0 ? kids.at(-1) : undefined;
        after = prev ? [...parent, prev.label] : null;
      }
      const renumber = eat(RENUMBER);
      if (!parent) {
        report(
          'error',
          'insert-place',
          'Unexpected new unit without a place, expected "after Sub-clause …" or "at the start of …"',
          offset,
        );
        continue;
      }
      const b = readBlock();
      const units = b ? blockUnits(b.value, b.start, parent.length) : null;
      if (!b)
        report(
          'error',
          'expected-block',
          'Unexpected end of instruction, expected the text of the new unit',
          i,
        );
      if (units)
        instructions.push({
          kind: 'insertUnits',
          parent,
          after,
          units,
          renumber,
          at: placeOf(offset),
        });
      continue;
    }
    {
      const save = i;
      if (eat(/(?:replace|substitute)\s+(?:the\s+whole\s+of\s+)?/iy)) {
        const c = citationHere();
        if (c) {
          seenInstruction = true;
          const paths = resolve(c);
          // "… and renumber accordingly" may stand before or after "with the following".
          let renumber = eat(RENUMBER);
          eat(
            /\s*(?:in\s+(?:its|their)\s+entirety\s*)?(?:with|by)\b\s*(?:the\s+following|this)?/iy,
          );
          renumber = eat(RENUMBER) || renumber;
          const b = readBlock();
          if (!b) {
            report(
              'error',
              'expected-block',
              'Unexpected end of instruction, expected the replacement text',
              i,
            );
            continue;
          }
          const depth = paths?.[0]?.length ?? 3;
          const units = blockUnits(b.value, b.start, depth - 1);
          if (paths && units)
            instructions.push({
              kind: 'replaceUnits',
              targets: paths,
              units,
              renumber,
              at: placeOf(offset),
            });
          continue;
        }
        i = save;
      }
      if (eat(/delete\s+(?:the\s+whole\s+of\s+)?/iy)) {
        const c = citationHere();
        if (c) {
          seenInstruction = true;
          const paths = resolve(c);
          const renumber = eat(RENUMBER);
          if (paths)
            instructions.push({
              kind: 'deleteUnits',
              targets: paths,
              renumber,
              at: placeOf(offset),
            });
          continue;
        }
        i = save;
      }
    }

    // ---- changes inside a unit's text ----
    if (eat(/(?:delete|remove|strike\s+out)\s*:?\s*(?:the\s+words?\s*)?/iy)) {
      const old = quoteOrReport('the words to delete');
      if (old === null) continue;
      const save = i;
      if (
        eat(
          /\s*(?:[,;]\s*)?(?:and\s+)?(?:replace|substitute|insert|add)(?!\s+(?:at\s+(?:the\s+)?(?:end|start|beginning)|a\s+new)\b)(?:\s+(?:it|them|this))?(?:\s+(?:with|by))?(?:\s+the\s+words?)?\s*:?\s*/iy,
        )
      ) {
        const q = quoteOrReport('the new words');
        if (q === null) continue;
        // "delete ‘x’; insert ‘y’ after ‘z’" is two changes, not a replacement.
        const place = at(
          /\s*(?:,\s*)?(after|before)\s+(?:the\s+words?\s*)?(?=['‘“"«])|\s*at\s+the\s+(end|start|beginning)\b/iy,
        );
        if (!place) {
          addOp({ op: 'replace', old, new: q }, offset);
          continue;
        }
        i += place[0].length;
        addOp({ op: 'delete', old }, offset);
        const where = (place[1] ?? place[2] ?? '').toLowerCase();
        if (where === 'end') addOp({ op: 'addAtEnd', new: q }, offset);
        else if (where === 'start' || where === 'beginning')
          addOp({ op: 'addAtStart', new: q }, offset);
        else {
          const anchor = quoteOrReport('the words it goes next to');
          if (anchor !== null) addOp(insertNextTo(where, anchor, q), offset);
        }
        continue;
      }
      i = save;
      addOp({ op: 'delete', old }, offset);
      continue;
    }
    if (eat(/(?:replace|substitute)\b[ \t]*/iy)) {
      // "Replace the words '…'", "Replace the fifth sentence which reads '…'": skip to the quote.
      eat(
        /(?:[^\s'‘“"«:]+[ \t]+(?![ \t])){0,8}?(?:which\s+reads|that\s+reads|reading)?\s*(?::\s*)?(?=['‘“"«])/iy,
      );
      const old = quoteOrReport('the words to replace');
      if (old === null) continue;
      if (
        !eat(/\s*(?:,\s*)?(?:with|by)\s+(?:the\s+following\s*(?:words?)?|the\s+words?)?\s*:?\s*/iy)
      ) {
        report(
          'error',
          'expected-with',
          `Unexpected ${describe(text, i)}, expected "with" and the new words`,
          i,
        );
        continue;
      }
      const q = quoteOrReport('the new words');
      if (q !== null) addOp({ op: 'replace', old, new: q }, offset);
      continue;
    }
    {
      const m = at(/(after|before)\s+(?:the\s+words?\s*)?(?=['‘“"«])/iy);
      if (m) {
        i += m[0].length;
        const anchor = quoteOrReport('the words to insert after');
        if (anchor === null) continue;
        if (!eat(/\s*(?:,\s*)?(?:insert|add)(?:\s+the\s+words?)?\s*:?\s*/iy)) {
          report(
            'error',
            'expected-insert',
            `Unexpected ${describe(text, i)}, expected "insert" and the new words`,
            i,
          );
          continue;
        }
        const q = quoteOrReport('the words to insert');
        if (q !== null) addOp(insertNextTo(m[1] as string, anchor, q), offset);
        continue;
      }
    }
    if (
      eat(
        /(?:add|insert)\s+at\s+(?:the\s+)?end(?:\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?=[:'‘“"«]))?\s*:?\s*/iy,
      )
    ) {
      const q = quoteOrReport('the words to add');
      if (q !== null) addOp({ op: 'addAtEnd', new: q }, offset);
      continue;
    }
    if (
      eat(
        /at\s+the\s+(?:start|beginning)(?:\s+of\s+(?:the\s+)?(?:unit|sub-clause|paragraph|text))?\s*(?:,\s*)?(?=insert|add)/iy,
      )
    ) {
      eat(/(?:insert|add)(?:\s+the\s+words?)?\s*:?\s*/iy);
      const q = quoteOrReport('the words to insert');
      if (q !== null) addOp({ op: 'addAtStart', new: q }, offset);
      continue;
    }
    if (eat(/at\s+the\s+(?:start|beginning|end)\s+of\s+the\s+[\w-]+(?:\s+[\w-]+)?\s*,?\s*/iy)) {
      // "At the start of the last sentence delete '…' and replace by '…'": the quote locates it.
      continue;
    }
    if (eat(/(?:insert|add)(?:\s+the\s+words?)?\s*(?::\s*)?(?=['‘“"«])/iy)) {
      const q = quoteOrReport('the words to insert');
      if (q === null) continue;
      const m = at(/\s*(?:,\s*)?(after|before)\s+(?:the\s+words?\s*)?/iy);
      if (m) {
        i += m[0].length;
        const anchor = quoteOrReport('the words it goes next to');
        if (anchor !== null) addOp(insertNextTo(m[1] as string, anchor, q), offset);
        continue;
      }
      if (eat(/\s*at\s+the\s+end\b/iy)) addOp({ op: 'addAtEnd', new: q }, offset);
      else if (eat(/\s*at\s+the\s+(?:start|beginning)\b/iy))
        addOp({ op: 'addAtStart', new: q }, offset);
      else
        report(
          'error',
          'insert-place',
          `Unexpected ${describe(text, i)}, expected where to insert: after '…', before '…' or at the end`,
          i,
        );
      continue;
    }

    // ---- a citation: sets the unit that following changes apply to ----
    const c = citationHere();
    if (c) {
      const paths = resolve(c);
      if (paths) cited = { paths, at: c.start };
      // "(pg 35)" after a citation is noise; "(line 2)" is an anchor we refuse, below.
      if (!at(LINE_ANCHOR)) eat(/[ \t]*(?:\([^)\n]{0,40}\))?[ \t]*/y);
      if (
        eat(
          /[ \t]*,?[ \t]*(?:which\s+|currently\s+|presently\s+)?(?:reads|states)(?:\s+as\s+follows)?\s*:?/iy,
        )
      ) {
        const b = readBlock();
        if (b && paths?.[0]) checkQuotation(paths[0], b.value, b.start);
      }
      continue;
    }

    // ---- anything else: prose, separators, or an instruction we could not read ----
    const ch = text[i] as string;
    if (CLOSERS[ch] && seenInstruction) {
      const q = readQuote();
      report(
        'error',
        'stray-quotation',
        `Unexpected quotation ${q ? `‘${q.value}’ ` : ''}outside an instruction, expected "delete", "replace", "after … insert" or "add at end" before it`,
        offset,
      );
      continue;
    }
    if (seenInstruction && at(/(?:delete|replace|insert|add|substitute)\b/iy)) {
      report(
        'error',
        'unreadable-instruction',
        `Unexpected ${describe(text, i)}, expected an instruction such as "delete '…' and replace with '…'"`,
        i,
      );
    }
    // Prose (a title, a preamble): step over it word by word. A quote mark here opens nothing —
    // reading it as a quotation could swallow the instructions that follow.
    if (!eat(/[^\s'‘“"«]+/y)) i++;
    if (i === before) i++;
  }

  return {
    motion: { title, edition, instructions, quotations, argument },
    diagnostics: capDiagnostics(diagnostics),
  };

  /** Checks a "reads as follows" quotation against the edition; a mismatch is a warning. */
  function checkQuotation(path: UnitPath, value: string, start: number) {
    const unit = findUnit(base, path)?.unit;
    if (!unit) return;
    const quotedText = normaliseText(value.replace(/^['‘“"«]|['’”"»][.;]?$/g, ''));
    quotations.push({ target: path, text: quotedText, at: placeOf(start) });
    const flat = (u: Unit, withLabels: boolean): string =>
      [
        withLabels ? `${u.marker} ${u.text}` : u.text,
        ...u.children.map((c) => flat(c, withLabels)),
      ].join(' ');
    const fold = (s: string) =>
      normaliseText(s).replace(/[‘’']/g, "'").replace(/[“”"]/g, '"').replace(/\s+/g, ' ');
    const candidates = [unit.text, flat(unit, false), flat(unit, true)].map(fold);
    const q = fold(quotedText);
    if (!candidates.some((c) => c === q || c.replace(/^\S+\s/, '') === q)) {
      report(
        'warning',
        'quotation-mismatch',
        `Unexpected current text quoted for ${path.join('.')}, expected it to match edition ${base.meta.edition}`,
        start,
      );
    }
  }
}

/** "after"/"before" ‘anchor’ insert ‘words’, whichever order it was written in. */
function insertNextTo(where: string, anchor: string, words: string): TextOp {
  const op = where.toLowerCase() === 'after' ? 'insertAfter' : 'insertBefore';
  return { op, anchor, new: words };
}

/** Removes the common indentation of a block, so its first unit sits at column 0. */
function dedent(s: string): string {
  const lines = s.split('\n');
  const first = lines[0] ?? '';
  const firstIndent = /^[ \t]*/.exec(first)?.[0].length ?? 0;
  const rest = lines.slice(1).filter((l) => l.trim() !== '');
  // A loop, not Math.min(...spread), which throws past ~100,000 lines.
  let minRest = rest.length ? Number.POSITIVE_INFINITY : firstIndent;
  for (const l of rest) minRest = Math.min(minRest, /^[ \t]*/.exec(l)?.[0].length ?? 0);
  const cut = Math.min(firstIndent, minRest);
  return [
    first.slice(firstIndent),
    ...lines.slice(1).map((l) => l.slice(Math.min(cut, /^[ \t]*/.exec(l)?.[0].length ?? 0))),
  ].join('\n');
}

/** A few words of what stands at an offset, for "Unexpected …" messages. */
function describe(text: string, offset: number): string {
  const word = /\S+(?:\s+\S+){0,3}/.exec(text.slice(offset, offset + 60))?.[0];
  return word ? `'${word}'` : 'end of text';
}
