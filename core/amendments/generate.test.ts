import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labourProfile, libdemProfile } from '../profiles';
import { parseRulebook } from '../rulebook/parse';
import { serialiseRulebook } from '../rulebook/serialise';
import { applyInstructions } from './apply';
import { generateInstructions, textOps } from './generate';
import { parseMotionText } from './parse';
import { renderInstructions } from './render';

/**
 * Golden fixtures for generated motion text: one folder per kind of change, the proposal beside a
 * shared base. Each expected file is exact text in one profile's style; regenerate with
 * UPDATE_GOLDEN=1 and read the diff before committing it.
 */
const root = new URL('./fixtures/generate/', import.meta.url);
const baseSource = readFileSync(new URL('base.md', root), 'utf8');

describe.each([labourProfile, libdemProfile])('generated motion text ($id style)', (profile) => {
  const base = parseRulebook(baseSource, { profile }).rulebook;
  const cases = readdirSync(root).filter((n) => !n.endsWith('.md'));
  for (const name of cases.sort()) {
    it(name, () => {
      const dir = new URL(`${name}/`, root);
      const proposedSource = readFileSync(new URL('proposed.md', dir), 'utf8');
      const proposed = parseRulebook(proposedSource, { profile }).rulebook;
      const { instructions, diagnostics } = generateInstructions(base, proposed, profile);
      expect(diagnostics).toEqual([]);
      const text = `${renderInstructions(instructions, profile)}\n`;
      const file = new URL(`expected.${profile.id}.txt`, dir);
      if (process.env.UPDATE_GOLDEN || !existsSync(file)) writeFileSync(file, text);
      expect(text).toBe(readFileSync(file, 'utf8'));

      // And the text does what it says: applied to the base it gives the proposal, byte for byte
      // in every unit it does not touch.
      const parsed = parseMotionText(text, base, profile);
      expect(parsed.diagnostics).toEqual([]);
      const applied = applyInstructions(base, parsed.motion.instructions, profile);
      expect(applied.diagnostics).toEqual([]);
      expect(serialiseRulebook(applied.rulebook!, profile).replace(/\n\s+/g, ' ')).toBe(
        proposedSource.replace(/\n\s+/g, ' '),
      );
    });
  }
});

describe('textOps', () => {
  const style = labourProfile.drafting;
  it('quotes the shortest words that occur once in the unit', () => {
    const base = 'the NEC shall decide and the NEC shall publish the decision';
    expect(
      textOps(base, 'the NEC shall decide and the CAC shall publish the decision', style),
    ).toEqual([{ op: 'replace', old: 'NEC shall publish', new: 'CAC shall publish' }]);
  });

  it('merges changes a word or two apart into one instruction', () => {
    expect(
      textOps('one two three four five six seven', 'one 2 three 4 five six seven', style),
    ).toEqual([{ op: 'replace', old: 'two three four', new: '2 three 4' }]);
  });

  it('replaces the unit whole when most of it changes', () => {
    expect(textOps('a b c d e', 'v w x y e', style)).toBeNull();
  });

  it('prefers an insertion after a unique anchor, else before one', () => {
    expect(textOps('x y z', 'x y new z', style)).toEqual([
      { op: 'insertAfter', anchor: 'y', new: 'new' },
    ]);
    expect(textOps('a a b', 'a new a b', style)).toEqual([
      { op: 'insertBefore', anchor: 'a b', new: 'new' },
    ]);
  });
});
