import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRulebook } from '../../rulebook/parse';
import { findUnit } from '../../rulebook/tree';
import { applyInstructions } from '../apply';
import { parseMotionText, type Resolution } from '../parse';
import { sentences } from './decide';

const base = parseRulebook(
  readFileSync(new URL('../../../motions/rulebooks/labour/2024.md', import.meta.url), 'utf8'),
).rulebook;
const text = (path: string, motion: string, resolutions: Resolution[] = []) => {
  const parsed = parseMotionText(motion, base, undefined, { resolutions });
  const applied = applyInstructions(base, parsed.motion.instructions);
  return {
    parsed,
    errors: parsed.diagnostics.filter((d) => d.severity === 'error'),
    after: applied.rulebook ? findUnit(applied.rulebook, path.split('.'))?.unit.text : null,
  };
};

describe('sentences', () => {
  it('splits at full stops before a capital, not inside "i.e." or a number', () => {
    expect(
      sentences('It starts (i.e. the call goes out). Rule 5.2 applies. Last one here.').map(
        (s) => s.text,
      ),
    ).toEqual(['It starts (i.e. the call goes out).', 'Rule 5.2 applies.', 'Last one here.']);
  });
});

describe('one-step fixes', () => {
  const twice =
    'Chapter 5, Clause IV, Sub-clause 5.E — delete ‘the trigger ballot’ and replace with ‘that ballot’.';

  it('offers each occurrence of words that occur twice, and applies the one chosen', () => {
    const first = text('5.IV.5.E', twice);
    const d = first.errors.find((e) => e.ruleId === 'quote-ambiguous');
    expect(d?.fix?.kind).toBe('choose-occurrence');
    expect(d?.fix && 'options' in d.fix ? d.fix.options.map((o) => o.value) : []).toEqual([
      '1',
      '2',
    ]);
    expect(twice.slice(d!.span!.start, d!.span!.end)).toBe('‘the trigger ballot’');

    const chosen = text('5.IV.5.E', twice, [{ at: d!.span!.start, value: '2' }]);
    expect(chosen.errors).toEqual([]);
    expect(chosen.after).toContain('Where the trigger ballot is not lost');
    expect(chosen.after).toContain('The result of that ballot, including');
  });

  it('offers the units that hold words quoted without a citation, and uses the one chosen', () => {
    const motion = 'Delete ‘at a meeting convened for that purpose’.';
    const first = text('5.IV.5.A', motion);
    const d = first.errors.find((e) => e.ruleId === 'no-citation');
    expect(d?.fix?.kind).toBe('choose-unit');
    const options = d?.fix && 'options' in d.fix ? d.fix.options.map((o) => o.value) : [];
    expect(options).toContain('5.IV.5.A');
    const chosen = text('5.IV.5.A', motion, [{ at: d!.span!.start, value: '5.IV.5.A' }]);
    expect(chosen.errors).toEqual([]);
    expect(chosen.after).not.toContain('convened for that purpose');
  });

  it('answers two questions asked at one place: which unit, then which occurrence in it', () => {
    // No citation; the words are in 5.IV.5.E twice (and nowhere else).
    const motion = 'Delete ‘the trigger ballot’ and replace with ‘that ballot’.';
    const first = text('5.IV.5.E', motion);
    const unit = first.errors.find((e) => e.fix?.kind === 'choose-unit');
    expect(unit).toBeDefined();
    const at = unit!.span!.start;
    const second = text('5.IV.5.E', motion, [{ at, kind: 'choose-unit', value: '5.IV.5.E' }]);
    const occurrence = second.errors.find((e) => e.fix?.kind === 'choose-occurrence');
    expect(occurrence?.span?.start).toBe(at);
    const both = text('5.IV.5.E', motion, [
      { at, kind: 'choose-unit', value: '5.IV.5.E' },
      { at, kind: 'choose-occurrence', value: '1' },
    ]);
    expect(both.errors).toEqual([]);
    expect(both.after).toContain('Where that ballot is not lost');
    expect(both.after).toContain('The result of the trigger ballot');
  });

  it('says so when a recorded choice answers nothing in the text', () => {
    const clean =
      'Chapter 5, Clause IV, Sub-clause 5.E — delete ‘the regional director’ and replace with ‘the NEC’.';
    const r = text('5.IV.5.E', clean, [{ at: 3, value: '2' }]);
    expect(r.errors.map((e) => e.ruleId)).toEqual(['resolution-unused']);
  });
});

describe('never silent', () => {
  it('refuses a motion with no instruction in it', () => {
    const r = text(
      '5.IV.5.A',
      'We believe trigger ballots should be fairer.\n\nConference agrees.',
    );
    expect(r.errors.map((e) => e.ruleId)).toEqual(['no-instruction']);
  });

  it('refuses a change that changes nothing', () => {
    const r = text(
      '5.IV.5.E',
      'Chapter 5, Clause IV, Sub-clause 5.E — delete ‘regional director’ and replace with ‘regional director’.',
    );
    expect(r.errors.map((e) => e.ruleId)).toEqual(['no-change']);
  });

  it('refuses new words shown only by underlining', () => {
    const r = text(
      '5.IV.5.E',
      'Chapter 5, Clause IV, Sub-clause 5.E: amend as shown, with the new words underlined.\n\nWhere the trigger ballot is not lost, the sitting MP shall be selected.',
    );
    expect(r.errors.map((e) => e.ruleId)).toContain('formatting-lost');
  });

  it('reports a reference to other changes as needing a person', () => {
    const r = text(
      '5.IV.5.E',
      'Chapter 5, Clause IV, Sub-clause 5.E — delete ‘regional director’ and replace with ‘NEC’, and make consequential amendments elsewhere.',
    );
    expect(r.errors.map((e) => e.ruleId)).toEqual(['needs-person']);
  });

  it('reports an instruction sentence it cannot read, never skips it', () => {
    const r = text(
      '5.IV.5.E',
      'Chapter 5, Clause IV, Sub-clause 5.E — delete ‘regional director’ and replace with ‘NEC’.\n\nPluralise every mention of branch; delete the word after it.',
    );
    expect(r.errors.map((e) => e.ruleId)).toEqual(['unreadable-instruction']);
  });
});
