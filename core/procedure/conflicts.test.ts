import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyInstructions } from '../amendments/apply';
import { motionFromDraft } from '../amendments/draft';
import { parseMotionText } from '../amendments/parse';
import { renderTokens, tokenize } from '../diff/words';
import { labourProfile } from '../profiles';
import { parseRulebook } from '../rulebook/parse';
import { findUnit } from '../rulebook/tree';
import type { Rulebook } from '../rulebook/types';
import type { BodyKind } from '../../schemas/profile';
import { mergeWords, motionConflict, type ConflictMotion } from './conflicts';

const source = readFileSync(
  new URL('../../motions/rulebooks/labour/2024.md', import.meta.url),
  'utf8',
);
const base = parseRulebook(source, { profile: labourProfile }).rulebook;

const motion = (title: string, text: string, bodyKind: BodyKind = 'clp'): ConflictMotion => ({
  id: title.toLowerCase().replace(/\W+/g, '-'),
  title,
  body: bodyKind === 'nec' ? 'National Executive Committee' : `${title} CLP`,
  bodyKind,
  text,
});

const B_I = 'Chapter 5, Clause IV, Sub-clause 5.B.i';
const FIFTH = motion('A fifth', `${B_I} — delete ‘one third’ and replace with ‘one fifth’.`);
const QUARTER = motion('A quarter', `${B_I} — delete ‘one third’ and replace with ‘one quarter’.`);
const NEC_QUARTER = motion(
  'The NEC’s quarter',
  `${B_I} — delete ‘one third’ and replace with ‘one quarter’.`,
  'nec',
);
const OPEN = motion(
  'Open selection',
  `${B_I} — delete ‘a full selection’ and replace with ‘an open selection’.`,
);
const RENUMBER = motion(
  'Fewer rules on the count',
  'Delete Chapter 5, Clause IV, Sub-clause 5.C and renumber accordingly.',
);
const BASE_B_I = findUnit(base, '5.IV.5.B.i'.split('.'))?.unit.text ?? '';

describe('motionConflict', () => {
  it('finds no conflict between motions on separate text', () => {
    const year = motion(
      'One year',
      'Chapter 3, Clause III, Sub-clause 4 — delete ‘three years’ and replace with ‘one year’.',
    );
    expect(motionConflict(base, labourProfile, FIFTH, year)).toBeNull();
  });

  it('shows the shared unit side by side and merges changes to different words', () => {
    const conflict = motionConflict(base, labourProfile, FIFTH, OPEN);
    expect(conflict).not.toBeNull();
    expect(conflict!.units).toEqual(['5.IV.5.B.i']);
    expect(conflict!.shared).toEqual([
      {
        path: '5.IV.5.B.i',
        isNew: false,
        citation: 'Chapter 5, Clause IV, Sub-clause 5.B.i',
        base: BASE_B_I,
        a: { text: BASE_B_I.replace('one third', 'one fifth'), change: 'amend' },
        b: { text: BASE_B_I.replace('a full selection', 'an open selection'), change: 'amend' },
        verdict: {
          kind: 'merged',
          text: 'one fifth or more of the Party branches in the CLP vote in favour of an open selection; or',
        },
      },
    ]);
    expect(conflict!.bothApply).toBe(true);
    expect(conflict!.falls).toEqual({ falls: null, message: 'Neither falls: both can apply.' });
    expect(conflict!.problems).toEqual([]);
  });

  it('names the words two motions change differently; whichever carries first stands', () => {
    const conflict = motionConflict(base, labourProfile, FIFTH, QUARTER)!;
    expect(conflict.bothApply).toBe(false);
    expect(conflict.shared[0]?.verdict).toEqual({
      kind: 'conflict',
      message:
        '“A fifth” and “A quarter” change the same words: “third” becomes “fifth” in “A fifth” but “quarter” in “A quarter”',
      clashes: [{ base: 'third', a: 'fifth', b: 'quarter', before: 'one' }],
    });
    expect(conflict.falls).toEqual({
      falls: 'first',
      message: 'Whichever carries first stands; the other falls.',
    });
  });

  it('the NEC’s change is taken first: the CLP motion falls if the NEC’s carries', () => {
    expect(motionConflict(base, labourProfile, FIFTH, NEC_QUARTER)!.falls).toEqual({
      falls: 'a',
      message:
        'If “The NEC’s quarter” carries, “A fifth” falls: the NEC’s rule change is taken first.',
    });
    expect(motionConflict(base, labourProfile, NEC_QUARTER, FIFTH)!.falls).toEqual({
      falls: 'b',
      message:
        'If “The NEC’s quarter” carries, “A fifth” falls: the NEC’s rule change is taken first.',
    });
    // Both can apply: nothing falls, NEC or not.
    const necOpen = { ...OPEN, bodyKind: 'nec' as const };
    expect(motionConflict(base, labourProfile, FIFTH, necOpen)!.falls.falls).toBeNull();
  });

  it('takes the same change made by both once', () => {
    const again = { ...FIFTH, id: 'again', title: 'Also a fifth' };
    const conflict = motionConflict(base, labourProfile, FIFTH, again)!;
    expect(conflict.bothApply).toBe(true);
    expect(conflict.shared[0]?.verdict).toEqual({
      kind: 'merged',
      text: BASE_B_I.replace('one third', 'one fifth'),
    });
  });

  it('treats changes that touch (one’s anchor is the other’s change) as a conflict', () => {
    const more = motion('At least', `${B_I} — delete ‘or more of’ and replace with ‘at least of’.`);
    const conflict = motionConflict(base, labourProfile, FIFTH, more)!;
    expect(conflict.bothApply).toBe(false);
    expect(conflict.shared[0]?.verdict.kind).toBe('conflict');
    expect(conflict.shared[0]?.verdict).toMatchObject({
      clashes: [{ base: 'third or more', a: 'fifth or more', b: 'third at least' }],
    });
  });

  it('merges a change to a unit’s own words with one to its sub-unit', () => {
    const lead = motion(
      'Lost ballots',
      'Chapter 5, Clause IV, Sub-clause 5.B — delete ‘shall be lost’ and replace with ‘is lost’.',
    );
    const conflict = motionConflict(base, labourProfile, lead, FIFTH)!;
    expect(conflict.units).toEqual(['5.IV.5.B.i']);
    expect(conflict.shared.map((s) => [s.path, s.a.change, s.b.change, s.verdict.kind])).toEqual([
      ['5.IV.5.B', 'amend', 'none', 'merged'],
      ['5.IV.5.B.i', 'none', 'amend', 'merged'],
    ]);
    expect(conflict.bothApply).toBe(true);
  });

  it('never merges across a renumbering, and says why', () => {
    const conflict = motionConflict(base, labourProfile, FIFTH, RENUMBER)!;
    expect(conflict.units).toEqual(['5.IV.5.B.i']);
    expect(conflict.shared.map((s) => [s.path, s.a.change, s.b.change])).toEqual([
      ['5.IV.5.B.i', 'amend', 'none'],
      ['5.IV.5.C', 'none', 'delete'],
    ]);
    for (const s of conflict.shared) {
      expect(s.verdict).toEqual({
        kind: 'manual',
        message:
          '“Fewer rules on the count” deletes Chapter 5, Clause IV, Sub-clause 5.C and renumbers the units after it in Chapter 5, Clause IV, Sub-clause 5, so units there may change their numbers while “A fifth” changes that text: the two cannot be combined automatically; resolve them by hand',
      });
    }
    expect(conflict.bothApply).toBe(false);
    expect(conflict.falls.falls).toBe('first');
  });

  it('a deletion conflicts with a change to the deleted unit', () => {
    const drop = motion('Drop E', 'Chapter 5, Clause IV — Delete Sub-clause 5.E.');
    const amend = motion(
      'Tell the region',
      'Chapter 5, Clause IV, Sub-clause 5.E — delete ‘regional director’ and replace with ‘regional office’.',
    );
    const conflict = motionConflict(base, labourProfile, drop, amend)!;
    expect(conflict.shared.map((s) => [s.path, s.a, s.verdict.kind])).toEqual([
      ['5.IV.5.E', { text: null, change: 'delete' }, 'conflict'],
    ]);
    expect(conflict.shared[0]?.verdict).toMatchObject({
      message: '“Drop E” deletes this unit, which “Tell the region” changes',
    });
    // Deleting it twice is one deletion.
    const conflictTwice = motionConflict(base, labourProfile, drop, { ...drop, id: 'two' })!;
    expect(conflictTwice.shared[0]?.verdict).toEqual({ kind: 'merged', text: null });
  });

  it('a whole replacement conflicts with any other change to the unit', () => {
    const whole = motion(
      'Say it again',
      'Chapter 5, Clause IV — Replace Sub-clause 5.E with the following:\n‘E. Every sitting MP faces an open selection before each general election.’',
    );
    const amend = motion(
      'Tell the region',
      'Chapter 5, Clause IV, Sub-clause 5.E — delete ‘regional director’ and replace with ‘regional office’.',
    );
    const conflict = motionConflict(base, labourProfile, amend, whole)!;
    expect(conflict.problems).toEqual([]);
    expect(conflict.shared[0]?.b).toEqual({
      text: 'Every sitting MP faces an open selection before each general election.',
      change: 'replace',
    });
    expect(conflict.shared[0]?.verdict).toMatchObject({
      kind: 'conflict',
      message:
        '“Say it again” restates this unit in full (it replaces it whole), so it cannot be combined with “Tell the region”’s change to its words: whichever carries second would decide them',
    });
  });

  it('two new units at the same place conflict unless they say the same', () => {
    const add = (title: string, words: string) =>
      motion(
        title,
        `Chapter 5, Clause IV — Add a new Sub-clause 5.F, after Sub-clause 5.E:\n‘F. ${words}’`,
      );
    const one = add('Publish it', 'The NEC shall publish the result.');
    const other = add('Report it', 'The CLP shall report the result.');
    const conflict = motionConflict(base, labourProfile, one, other)!;
    expect(conflict.units).toEqual(['5.IV.5.F']);
    expect(conflict.shared).toMatchObject([
      {
        path: '5.IV.5.F',
        isNew: true,
        base: null,
        a: { text: 'The NEC shall publish the result.', change: 'insert' },
        b: { text: 'The CLP shall report the result.', change: 'insert' },
        verdict: {
          kind: 'conflict',
          message: '“Publish it” and “Report it” both add a unit here, with different text',
        },
      },
    ]);
    const same = motionConflict(base, labourProfile, one, { ...one, id: 'same' })!;
    expect(same.bothApply).toBe(true);
    // A new unit under a sub-clause whose own words the other motion changes: both apply.
    const lead = motion(
      'Reworded',
      'Chapter 5, Clause IV, Sub-clause 5 — delete ‘the following procedures shall apply’ and replace with ‘these procedures apply’.',
    );
    const both = motionConflict(base, labourProfile, one, lead)!;
    expect(both.shared.map((s) => [s.path, s.isNew, s.verdict.kind])).toEqual([
      ['5.IV.5', false, 'merged'],
      ['5.IV.5.F', true, 'merged'],
    ]);
    expect(both.bothApply).toBe(true);
  });

  it('reports a motion text that does not apply, and does not guess', () => {
    const broken = motion('Broken', `${B_I} — delete ‘two thirds’ and replace with ‘one half’.`);
    const conflict = motionConflict(base, labourProfile, FIFTH, broken);
    // Its instruction still cites 5.B.i, so it overlaps; nothing about it is trusted.
    expect(conflict?.problems.map((p) => [p.motion, p.diagnostics[0]?.ruleId])).toEqual([
      ['broken', 'quote-not-found'],
    ]);
    expect(conflict?.bothApply).toBe(false);
    expect(conflict?.falls).toEqual({
      falls: null,
      message:
        'Cannot tell which falls: the motion text of “Broken” does not apply to the base edition',
    });
  });
});

describe('mergeWords', () => {
  it('combines changes apart, and reports additions at one place with the word before', () => {
    expect(mergeWords('a b c d', 'a X c d', 'a b c Y')).toEqual({ text: 'a X c Y', clashes: [] });
    expect(mergeWords('a b c d', 'a b P c d', 'a b Q c d')).toEqual({
      text: null,
      clashes: [{ base: '', a: 'P', b: 'Q', before: 'b' }],
    });
    expect(mergeWords('a b', 'P a b', 'Q a b').clashes).toEqual([
      { base: '', a: 'P', b: 'Q', before: '' },
    ]);
  });
});

/**
 * A rulebook of distinct words, so a word diff finds exactly the change made (a repeated word
 * could be matched either side of an edit) and every quote in a motion is one word long.
 */
function distinctRulebook(): Rulebook {
  const words = (p: string) => Array.from({ length: 12 }, (_, i) => `${p}${i}`).join(' ');
  const md = `---\norganisation: Test Party\ntitle: Rule Book\nedition: "2024"\n---\n# Chapter 1: Rules\n\n## Clause I. Conference\n\n1. ${words('p')}\n\n   A. ${words('q')}\n\n   B. ${words('r')}\n`;
  return parseRulebook(md, { profile: labourProfile }).rulebook;
}

describe('property: edits on different words both apply, in either order', () => {
  const book = distinctRulebook();
  const UNITS = ['1.I.1', '1.I.1.A', '1.I.1.B'] as const;
  const N = 12;
  const GAP = 4;
  const textOf = (rb: Rulebook, path: string) => findUnit(rb, path.split('.'))?.unit.text;
  const edit = fc
    .record({
      len: fc.integer({ min: 0, max: 3 }),
      words: fc.array(fc.constantFrom('new0', 'new1', 'new2', 'new3', 'new4'), { maxLength: 3 }),
    })
    .filter((e) => e.len > 0 || e.words.length > 0);

  it('merges to the same text as applying one motion after the other', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...UNITS),
        fc.constantFrom(...UNITS),
        edit,
        edit,
        fc.nat(),
        fc.nat(),
        fc.boolean(),
        (unitA, unitB, ea, eb, c1, c2, aLeft) => {
          // Where each edit goes: anywhere in its unit, or, on the same unit, with GAP unchanged
          // words between the two — room for the readable quotes generated text uses (at least
          // two words and eight letters: up to four of these short words).
          let sa: number;
          let sb: number;
          if (unitA === unitB) {
            const [left, right] = aLeft ? [ea, eb] : [eb, ea];
            const s1 = c1 % (N - left.len - right.len - GAP + 1);
            const s2 = s1 + left.len + GAP + (c2 % (N - right.len - (s1 + left.len + GAP) + 1));
            [sa, sb] = aLeft ? [s1, s2] : [s2, s1];
          } else {
            sa = c1 % (N - ea.len + 1);
            sb = c2 % (N - eb.len + 1);
          }
          const proposedText = (unit: string, at: number, e: typeof ea) => {
            const tokens = tokenize(textOf(book, unit) ?? '');
            tokens.splice(at, e.len, ...e.words);
            return renderTokens(tokens);
          };
          const draft = (title: string, unit: string, at: number, e: typeof ea) => {
            const amendment = {
              id: title,
              kind: 'amend' as const,
              target: unit,
              order: 1,
              text: proposedText(unit, at, e),
            };
            const { motionText } = motionFromDraft(book, [amendment], labourProfile);
            expect(motionText).not.toBe('');
            return motion(title, motionText);
          };
          const a = draft('A', unitA, sa, ea);
          const b = draft('B', unitB, sb, eb);
          const conflict = motionConflict(book, labourProfile, a, b);

          const related = unitA === unitB || unitA === '1.I.1' || unitB === '1.I.1';
          expect(conflict !== null).toBe(related);

          // One after the other, each motion's instructions as written (citing the base).
          const instructions = (m: ConflictMotion) =>
            parseMotionText(m.text, book, labourProfile).motion.instructions;
          const then = (first: ConflictMotion, second: ConflictMotion) => {
            const once = applyInstructions(book, instructions(first), labourProfile);
            expect(once.diagnostics).toEqual([]);
            const twice = applyInstructions(once.rulebook!, instructions(second), labourProfile);
            expect(twice.diagnostics).toEqual([]);
            return twice.rulebook!;
          };
          const ab = then(a, b);
          const ba = then(b, a);
          for (const unit of new Set([unitA, unitB])) {
            expect(textOf(ab, unit)).toBe(textOf(ba, unit));
          }
          if (!conflict) return;
          expect(conflict.problems).toEqual([]);
          expect(conflict.bothApply).toBe(true);
          expect(conflict.falls.falls).toBeNull();
          for (const unit of new Set([unitA, unitB])) {
            const shared = conflict.shared.find((s) => s.path === unit);
            expect(shared?.verdict).toEqual({ kind: 'merged', text: textOf(ab, unit) });
          }
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });
});
