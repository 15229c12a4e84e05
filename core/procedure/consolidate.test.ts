import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyInstructions } from '../amendments/apply';
import { parseMotionText } from '../amendments/parse';
import { labourProfile } from '../profiles';
import { parseRulebook } from '../rulebook/parse';
import { serialiseRulebook } from '../rulebook/serialise';
import { findUnit } from '../rulebook/tree';
import { consolidate, footprint } from './consolidate';

const source = readFileSync(
  new URL('../../motions/rulebooks/labour/2024.md', import.meta.url),
  'utf8',
);
const base = parseRulebook(source, { profile: labourProfile }).rulebook;
const text = (path: string, rulebook = base) => findUnit(rulebook, path.split('.'))?.unit.text;

const FIFTH = {
  name: 'Open selection',
  text: 'Chapter 5, Clause IV, Sub-clause 5.B.i — delete ‘one third’ and replace with ‘one fifth’.',
};
const YEAR = {
  name: 'One year',
  text: 'Chapter 3, Clause III, Sub-clause 4 — delete ‘three years’ and replace with ‘one year’.',
};
const QUARTER = {
  name: 'A quarter',
  text: 'Chapter 5, Clause IV, Sub-clause 5.B.i — delete ‘one third’ and replace with ‘one quarter’.',
};
const RENUMBER = {
  name: 'Fewer grounds',
  text: 'Delete Chapter 5, Clause IV, Sub-clause 5.C and renumber accordingly.',
};
const SIBLING = {
  name: 'Affiliates too',
  text: 'Chapter 5, Clause IV, Sub-clause 5.B.ii — delete ‘one third’ and replace with ‘one fifth’.',
};

describe('consolidate', () => {
  it('applies motions on separate text in order, as the next edition, with a summary', () => {
    const result = consolidate(base, [FIFTH, YEAR, SIBLING], labourProfile, '2025');
    expect(result.problems).toEqual([]);
    expect(result.summary).toEqual([
      { motion: 'Open selection', units: ['5.IV.5.B.i'] },
      { motion: 'One year', units: ['3.III.4'] },
      { motion: 'Affiliates too', units: ['5.IV.5.B.ii'] },
    ]);
    const next = result.rulebook!;
    expect(next.meta.edition).toBe('2025');
    expect(text('5.IV.5.B.i', next)).toContain('one fifth');
    expect(text('5.IV.5.B.ii', next)).toContain('one fifth');
    expect(text('3.III.4', next)).toContain('one year');
    // The same as applying every instruction at once to the base (all cite the base).
    const all = [FIFTH, YEAR, SIBLING].flatMap(
      (m) => parseMotionText(m.text, base, labourProfile).motion.instructions,
    );
    const together = applyInstructions(base, all, labourProfile).rulebook!;
    expect(serialiseRulebook(next, labourProfile)).toBe(
      serialiseRulebook(together, labourProfile).replace('edition: "2024"', 'edition: "2025"'),
    );
    // The base is untouched.
    expect(text('5.IV.5.B.i')).toContain('one third');
  });

  it('reports a later motion on text an earlier one changed, and produces nothing', () => {
    const result = consolidate(base, [FIFTH, QUARTER, YEAR], labourProfile);
    expect(result.rulebook).toBeNull();
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.motion).toBe('A quarter');
    expect(result.problems[0]?.diagnostics.map((d) => d.ruleId)).toEqual([
      'consolidation-conflict',
    ]);
    expect(result.problems[0]?.diagnostics[0]?.message).toContain(
      '“Open selection” (carried earlier)',
    );
  });

  it('treats renumbering as a change to every later sibling: no silent shift of what a citation means', () => {
    // Deleting 5.C renumbers 5.D onwards; a motion carried after it citing 5.B.i still conflicts,
    // because it cites the parent renumbering touched.
    expect(consolidate(base, [RENUMBER, FIFTH], labourProfile).rulebook).toBeNull();
    expect(consolidate(base, [FIFTH, RENUMBER], labourProfile).rulebook).toBeNull();
    expect(consolidate(base, [RENUMBER, YEAR], labourProfile).problems).toEqual([]);
  });

  it('reports a motion that does not apply, by its own positions', () => {
    const bad = {
      name: 'Typo',
      text: 'Chapter 5, Clause IV, Sub-clause 5.B.i — delete ‘one sixth’ and replace with ‘one fifth’.',
    };
    const result = consolidate(base, [YEAR, bad], labourProfile);
    expect(result.rulebook).toBeNull();
    expect(result.problems).toMatchObject([
      { motion: 'Typo', diagnostics: [{ ruleId: 'quote-not-found', line: 1 }] },
    ]);
  });
});

describe('footprint', () => {
  it('claims the parent when siblings renumber, the unit itself otherwise', () => {
    const [del] = parseMotionText(RENUMBER.text, base, labourProfile).motion.instructions;
    expect(footprint(del!)).toEqual(['5.IV.5']);
    const [edit] = parseMotionText(FIFTH.text, base, labourProfile).motion.instructions;
    expect(footprint(edit!)).toEqual(['5.IV.5.B.i']);
  });
});
