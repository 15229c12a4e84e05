import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labourProfile } from '../profiles';
import { parseRulebook } from '../rulebook/parse';
import { draftReadsAs, motionFromText } from './from-text';

const base = parseRulebook(
  readFileSync(new URL('../../motions/rulebooks/labour/2024.md', import.meta.url), 'utf8'),
).rulebook;
const read = (text: string, resolutions: { at: number; value: string }[] = []) =>
  motionFromText(text, base, labourProfile, resolutions);

describe('motionFromText with the choices a person made', () => {
  const twice =
    'Chapter 5, Clause IV, Sub-clause 5.E — delete ‘the trigger ballot’ and replace with ‘that ballot’.';
  const at = twice.indexOf('‘the trigger ballot’');

  it('reads the chosen occurrence into the draft and records what the choice answered', () => {
    const asked = read(twice);
    expect(asked.choices).toEqual([]);
    expect(asked.diagnostics.map((d) => [d.ruleId, d.span?.start, d.fix?.kind])).toEqual([
      ['quote-ambiguous', at, 'choose-occurrence'],
    ]);

    const chosen = read(twice, [{ at, value: '2' }]);
    expect(chosen.diagnostics).toEqual([]);
    expect(chosen.amendments.map((a) => a.target)).toEqual(['5.IV.5.E']);
    expect(chosen.amendments[0]?.text).toContain('Where the trigger ballot is not lost');
    expect(chosen.amendments[0]?.text).toContain('The result of that ballot, including');
    expect(chosen.choices).toEqual([
      {
        at,
        end: at + '‘the trigger ballot’'.length,
        ruleId: 'quote-ambiguous',
        kind: 'choose-occurrence',
        value: '2',
        label: expect.stringContaining('The result of [the trigger ballot], including') as string,
      },
    ]);
  });

  it('records a chosen unit for words quoted without a citation', () => {
    const motion = 'Delete ‘at a meeting convened for that purpose’.';
    const start = motion.indexOf('‘');
    const chosen = read(motion, [{ at: start, value: '5.IV.5.A' }]);
    expect(chosen.diagnostics).toEqual([]);
    expect(chosen.choices).toMatchObject([
      { at: start, ruleId: 'no-citation', kind: 'choose-unit', value: '5.IV.5.A' },
    ]);
    expect(chosen.choices[0]?.label).toMatch(/^5\.IV\.5\.A: /);
  });

  it('records nothing when the text still has errors, such as a choice that answers nothing', () => {
    const r = read(twice, [
      { at, value: '2' },
      { at: 3, value: '1' },
    ]);
    expect(r.diagnostics.map((d) => d.ruleId)).toEqual(['resolution-unused']);
    expect(r.choices).toEqual([]);
  });
});

describe('draftReadsAs', () => {
  const read = [
    { kind: 'amend' as const, target: '5.IV.5.E', text: 'That ballot.' },
    { kind: 'insert' as const, target: '5.IV.6', text: 'New.' },
  ];
  it('holds for the same changes in any order, and for nothing else', () => {
    expect(draftReadsAs(read, [...read].reverse())).toBe(true);
    expect(draftReadsAs(read, read.slice(0, 1))).toBe(false);
    expect(draftReadsAs(read, [read[0]!, { ...read[1]!, text: 'New!' }])).toBe(false);
    expect(draftReadsAs(read, [read[0]!, { ...read[1]!, kind: 'amend' }])).toBe(false);
    expect(draftReadsAs(read, [read[0]!, read[0]!])).toBe(false);
    expect(draftReadsAs([], [])).toBe(true);
  });
});
