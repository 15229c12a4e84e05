import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, MarkWords } from '../../diagnostics';
import { parseRulebook } from '../../rulebook/parse';
import { findUnit } from '../../rulebook/tree';
import { labourProfile } from '../../profiles';
import { applyInstructions } from '../apply';
import { motionFromText } from '../from-text';
import { parseMotionText, type Resolution } from '../parse';
import {
  describeMarks,
  encodeMarks,
  newWords,
  readMarks,
  removeRanges,
  runsOf,
  wordsIn,
  wordsOf,
} from './marks';

// The invented rulebook of the forms fixtures (Northgate Tenants' Union).
const base = parseRulebook(
  readFileSync(
    new URL('../fixtures/forms/35-refuse-underlined-new-words/rulebook.md', import.meta.url),
    'utf8',
  ),
).rulebook;
const read = (path: string, motion: string, resolutions: Resolution[] = []) => {
  const parsed = parseMotionText(motion, base, undefined, { resolutions });
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  const applied = errors.length === 0 ? applyInstructions(base, parsed.motion.instructions) : null;
  return {
    parsed,
    errors,
    after: applied?.rulebook ? findUnit(applied.rulebook, path.split('.'))?.unit.text : null,
  };
};
const markFix = (d: Diagnostic | undefined): MarkWords => {
  if (d?.fix?.kind !== 'mark-words') throw new Error(`no mark-words fix on ${d?.ruleId}`);
  return d.fix;
};
/** The ranges of each word of `words` in `text`, in order (one run of them). */
const rangeOf = (text: string, words: string, from = 0): [number, number] => {
  const at = text.indexOf(words, from);
  if (at < 0) throw new Error(`‘${words}’ not in the text`);
  return [at, at + words.length];
};

const NOTICE_NOW =
  'Notice of a branch meeting shall be given to every member of the branch at least seven days before the meeting.';

describe('the recorded marks', () => {
  const text = 'The branch secretary shall keep minutes.';

  it('reads back what it writes, each set sorted', () => {
    const value = encodeMarks([
      {
        name: 'new',
        marked: [
          [27, 31],
          [4, 10],
        ],
      },
      { name: 'struck', marked: [] },
    ]);
    expect(value).toBe('new=27-31,4-10;struck=');
    const r = readMarks(text, ['new', 'struck'], value);
    expect('sets' in r && [...r.sets]).toEqual([
      [
        'new',
        [
          [4, 10],
          [27, 31],
        ],
      ],
      ['struck', []],
    ]);
  });

  it.each([
    ['words=4-100', 'outside the text'],
    ['words=4-4', 'empty'],
    ['words=5-10', 'word boundaries'],
    ['words=4-8', 'word boundaries'],
    ['words=3-10', 'word boundaries'],
    ['words=4-20,11-20', 'overlapping'],
    ['words=four-ten', 'expected a set of ranges'],
    ['other=4-10', 'set ‘other’'],
  ])('refuses %s (%s)', (value, problem) => {
    const r = readMarks(text, ['words'], value);
    expect('problem' in r ? r.problem : '').toContain(problem);
  });

  it('refuses marks without a set the question asked for', () => {
    const r = readMarks(text, ['new', 'struck'], 'new=4-10');
    expect('problem' in r ? r.problem : '').toContain('without set ‘struck’');
  });

  it('takes words out with the space after them, and before punctuation the space before', () => {
    expect(removeRanges(text, [[4, 11]])).toBe('The secretary shall keep minutes.');
    expect(removeRanges(text, [[27, 39]])).toBe('The branch secretary shall.');
  });

  it('turns words marked into ranges, neighbours into one run, and back', () => {
    const words = wordsOf(text);
    const runs = runsOf(words, new Set([1, 2, 5, 6]));
    expect(runs.map(([a, b]) => text.slice(a, b))).toEqual(['branch secretary', 'minutes.']);
    expect([...wordsIn(words, runs)]).toEqual([1, 2, 5, 6]);
  });

  it('pre-marks as new the words a word diff finds only in the text as given', () => {
    const given = 'The branch secretary and treasurer shall keep minutes.';
    expect(newWords(text, given).map(([a, b]) => given.slice(a, b))).toEqual(['and treasurer']);
  });
});

describe('a quotation found twice, placed by a printed line', () => {
  const motion =
    'Chapter 3, Clause I, Sub-clause 3 (line 2) — delete ‘branch’ and replace with ‘local group’.';

  it('asks which occurrence is on that printed line', () => {
    const d = read('3.I.3', motion).errors.find((e) => e.ruleId === 'quote-ambiguous');
    expect(d?.message).toContain('placed by printed line 2');
    expect(d?.message).toContain('which occurrence is on line 2 of the printed rulebook');
    expect(d?.fix?.kind === 'choose-occurrence' && d.fix.line).toBe('2');
    expect(d?.fix?.kind === 'choose-occurrence' && d.fix.options.length).toBe(2);
  });

  it('applies the occurrence confirmed, and says nothing more of the line', () => {
    const d = read('3.I.3', motion).errors[0] as Diagnostic;
    const r = read('3.I.3', motion, [{ at: d.span!.start, kind: 'choose-occurrence', value: '2' }]);
    expect(r.errors).toEqual([]);
    expect(r.after).toBe(
      'A branch shall meet at least once every three months. The local group secretary shall book a room that all members can reach.',
    );
  });

  it('keeps the usual question when no line is given', () => {
    const d = read('3.I.3', motion.replace(' (line 2)', '')).errors[0];
    expect(d?.message).not.toContain('printed line');
    expect(d?.fix?.kind === 'choose-occurrence' && 'line' in d.fix).toBe(false);
  });
});

describe('a change placed only by a printed line number', () => {
  const motion = 'Chapter 3, Clause I, Sub-clause 3 — in line 2, delete the final sentence.';
  const now = findUnit(base, ['3', 'I', '3'])!.unit.text;

  it('is refused with the unit’s text to mark, the sentence named marked already', () => {
    const r = read('3.I.3', motion);
    expect(r.errors.map((e) => e.ruleId)).toEqual(['line-number-anchor']);
    const d = r.errors[0] as Diagnostic;
    expect(motion.slice(d.span!.start, d.span!.end)).toBe('in line 2');
    const fix = markFix(d);
    expect(fix).toMatchObject({ purpose: 'line-anchor', unit: '3.I.3', text: now, line: '2' });
    expect(fix.sets.map((s) => s.marked.map(([a, b]) => now.slice(a, b)))).toEqual([
      ['The branch secretary shall book a room that all members can reach.'],
    ]);
  });

  it('applies the change to exactly the words marked', () => {
    const at = read('3.I.3', motion).errors[0]!.span!.start;
    const [a, b] = rangeOf(now, 'The branch secretary shall book a room');
    const r = read('3.I.3', motion, [{ at, kind: 'mark-words', value: `words=${a}-${b}` }]);
    expect(r.errors).toEqual([]);
    expect(r.after).toBe(
      'A branch shall meet at least once every three months. that all members can reach.',
    );
  });

  it('widens words marked that occur twice around the ones marked', () => {
    const m =
      'Chapter 3, Clause I, Sub-clause 3 — in line 2, replace the second sentence with ‘Any member may book the room.’';
    const d = read('3.I.3', m).errors[0] as Diagnostic;
    expect(d.ruleId).toBe('line-number-anchor');
    // "branch" is in the unit twice: the second is marked, and only it changes.
    const [a, b] = rangeOf(now, 'branch', 10);
    const r = read('3.I.3', m, [
      { at: d.span!.start, kind: 'mark-words', value: `words=${a}-${b}` },
    ]);
    expect(r.errors).toEqual([]);
    expect(r.after).toBe(
      'A branch shall meet at least once every three months. The Any member may book the room. secretary shall book a room that all members can reach.',
    );
  });

  it.each([
    ['out of range', `words=0-${now.length + 5}`, 'outside the text'],
    ['not on word boundaries', 'words=3-10', 'word boundaries'],
    ['empty', 'words=', '0 runs of words marked'],
    ['two places', 'words=0-8,54-57', '2 runs of words marked'],
  ])('refuses marks %s, and applies nothing', (_, value, problem) => {
    const at = read('3.I.3', motion).errors[0]!.span!.start;
    const r = read('3.I.3', motion, [{ at, kind: 'mark-words', value }]);
    expect(r.errors.map((e) => e.ruleId)).toEqual(['marks-invalid']);
    expect(r.errors[0]?.message).toContain(problem);
    expect(r.errors[0]?.message).toContain('nothing was applied');
    expect(r.errors[0]?.fix?.kind).toBe('mark-words');
    expect(r.parsed.motion.instructions).toEqual([]);
  });
});

describe('a text as amended whose changes were underlined and struck through', () => {
  const given =
    'Notice of a branch meeting shall be given to every member of the branch by post or by email at least seven ten days before the meeting.';
  const motion = `Email notice\n\nAmend Chapter 3, Clause II, Sub-clause 1 to read as follows (the new words are underlined and the deleted words are struck through):\n\n${given}`;
  const first = read('3.II.1', motion);
  const d = first.errors[0] as Diagnostic;
  const at = d.span!.start;
  const value = (struck: string[], fresh = ['by post or by email', 'ten']) =>
    encodeMarks([
      {
        name: 'new',
        marked: fresh.map(
          (w) => rangeOf(given, ` ${w} `).map((x, k) => x + (k ? -1 : 1)) as [number, number],
        ),
      },
      {
        name: 'struck',
        marked: struck.map(
          (w) => rangeOf(given, ` ${w} `).map((x, k) => x + (k ? -1 : 1)) as [number, number],
        ),
      },
    ]);

  it('is refused with the text to mark, the new words marked from a word diff', () => {
    expect(first.errors.map((e) => e.ruleId)).toEqual(['formatting-lost']);
    expect(motion.slice(at, d.span!.end)).toBe(
      '(the new words are underlined and the deleted words are struck through)',
    );
    const fix = markFix(d);
    expect(fix).toMatchObject({ purpose: 'formatting', unit: '3.II.1', text: given });
    expect(fix.sets.map((s) => [s.name, s.marked.map(([a, b]) => given.slice(a, b))])).toEqual([
      ['new', ['by post or by email', 'ten']],
      ['struck', []],
    ]);
    expect(first.parsed.motion.instructions).toEqual([]);
  });

  it('applies the text without the struck words once they are marked', () => {
    const r = read('3.II.1', motion, [{ at, kind: 'mark-words', value: value(['seven']) }]);
    expect(r.errors).toEqual([]);
    expect(r.after).toBe(
      'Notice of a branch meeting shall be given to every member of the branch by post or by email at least ten days before the meeting.',
    );
    expect(describeMarks(markFix(d), value(['seven']))).toBe(
      'New words (underlined): ‘by post or by email’, ‘ten’; Deleted words (struck through): ‘seven’',
    );
  });

  it('says so when the motion speaks of struck words and none is marked', () => {
    const r = read('3.II.1', motion, [{ at, kind: 'mark-words', value: value([]) }]);
    expect(r.errors).toEqual([]);
    expect(r.parsed.diagnostics.map((w) => w.ruleId)).toEqual(['marks-none-struck']);
    expect(r.after).toBe(given);
  });

  it('refuses marks that do not give back the current text, and applies nothing', () => {
    // "ten" left unmarked: without the new words, the text still has it.
    const r = read('3.II.1', motion, [
      { at, kind: 'mark-words', value: value(['seven'], ['by post or by email']) },
    ]);
    expect(r.errors.map((e) => e.ruleId)).toEqual(['marks-invalid']);
    expect(r.errors[0]?.message).toContain('expected the current text exactly');
    // Asked again, so the marks can be put right.
    expect(r.errors[0]?.fix).toEqual(markFix(d));
    expect(r.errors[0]?.message).toContain(
      'reads ‘ten days before the meeting.’ where 3.II.1 reads ‘days',
    );
    expect(r.parsed.motion.instructions).toEqual([]);
  });

  it('refuses marks that are not whole words or overlap', () => {
    const [a] = rangeOf(given, 'seven');
    for (const bad of [
      `new=72-91,107-110;struck=${a}-${a + 3}`,
      'new=72-91,107-110;struck=72-80',
    ]) {
      const r = read('3.II.1', motion, [{ at, kind: 'mark-words', value: bad }]);
      expect(r.errors.map((e) => e.ruleId)).toEqual(['marks-invalid']);
      expect(r.parsed.motion.instructions).toEqual([]);
    }
  });

  it('refuses marks that strike words also marked new', () => {
    const r = read('3.II.1', motion, [
      { at, kind: 'mark-words', value: value(['by post or by email', 'ten']) },
    ]);
    expect(r.errors.map((e) => e.ruleId)).toEqual(['marks-invalid']);
  });
});

describe('a text as amended with only underlined new words', () => {
  const given =
    'Notice of a branch meeting shall be given to every member of the branch by post or by email at least seven days before the meeting.';
  const motion = `Amend Chapter 3, Clause II, Sub-clause 1 so that it reads (new words underlined): ‘${given}’`;

  it('stays refused until a person confirms the new words marked', () => {
    const first = read('3.II.1', motion);
    expect(first.errors.map((e) => e.ruleId)).toEqual(['formatting-lost']);
    expect(first.after).toBeNull();
    const fix = markFix(first.errors[0]);
    // Confirming is answering with the marks as offered.
    const r = read('3.II.1', motion, [
      { at: first.errors[0]!.span!.start, kind: 'mark-words', value: encodeMarks(fix.sets) },
    ]);
    expect(r.errors).toEqual([]);
    expect(r.after).toBe(given);
    expect(findUnit(base, ['3', 'II', '1'])!.unit.text).toBe(NOTICE_NOW);
  });

  it('keeps the hint to rewrite when there is no text to mark', () => {
    const r = read(
      '3.II.1',
      'Chapter 3, Clause II, Sub-clause 1: insert the underlined words after ‘branch’.',
    );
    const lost = r.errors.find((e) => e.ruleId === 'formatting-lost');
    expect(lost?.fix?.kind).toBe('edit-text');
  });
});

describe('marks recorded with the motion', () => {
  it('are kept with the words they marked, for anyone reading the motion', () => {
    const motion = 'Chapter 3, Clause I, Sub-clause 3 — in line 2, delete the final sentence.';
    const d = read('3.I.3', motion).errors[0] as Diagnostic;
    const value = encodeMarks(markFix(d).sets);
    const r = motionFromText(motion, base, labourProfile, [
      { at: d.span!.start, kind: 'mark-words', value },
    ]);
    expect(r.diagnostics).toEqual([]);
    expect(r.choices).toEqual([
      {
        at: d.span!.start,
        end: d.span!.end,
        ruleId: 'line-number-anchor',
        kind: 'mark-words',
        value,
        label:
          'The words on line 2 to change: ‘The branch secretary shall book a room that all members can reach.’',
      },
    ]);
  });
});

describe('the words a person can mark', () => {
  it('are words with what is inside them, and punctuation apart', () => {
    const text = 'From 1 January (Rule 5.IV.5) to the CLP’s re-selection, ends.';
    expect(wordsOf(text).map(([a, b]) => text.slice(a, b))).toEqual([
      'From',
      '1',
      'January',
      '(',
      'Rule',
      '5.IV.5',
      ')',
      'to',
      'the',
      'CLP’s',
      're-selection',
      ',',
      'ends',
      '.',
    ]);
  });

  it('pre-mark new words before a full stop without the stop', () => {
    const now = 'The year shall run from 1 January to 31 December.';
    const given = 'The year shall run from 1 January April to 31 December March.';
    expect(newWords(now, given).map(([a, b]) => given.slice(a, b))).toEqual(['April', 'March']);
  });
});
