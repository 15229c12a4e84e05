import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRulebook } from '../rulebook/parse';
import { findUnit } from '../rulebook/tree';
import { motionFromDraft, nextLabel, type DraftAmendment } from './draft';

const base = parseRulebook(
  readFileSync(new URL('../../motions/rulebooks/labour/2024.md', import.meta.url), 'utf8'),
).rulebook;
const text = (path: string) => findUnit(base, path.split('.'))!.unit.text;

describe('motionFromDraft', () => {
  it('words an amended unit as the shortest readable change, not a whole replacement', () => {
    const amendments: DraftAmendment[] = [
      {
        id: 'a',
        kind: 'amend',
        target: '5.IV.5.B.i',
        order: 1,
        text: text('5.IV.5.B.i').replace('one third', 'one fifth'),
      },
    ];
    const result = motionFromDraft(base, amendments);
    expect(result.diagnostics).toEqual([]);
    expect(result.motionText).toBe(
      'The Labour Party Rule Book 2024, Chapter 5, Clause IV, Sub-clause 5.B.i — delete ‘one third’ and replace with ‘one fifth’.',
    );
  });

  it('inserts new units after a unit with the next label, and deletes with renumbering', () => {
    const amendments: DraftAmendment[] = [
      {
        id: 'b',
        kind: 'insert',
        target: '5.IV.5.E',
        order: 2,
        text: 'Every member may vote in a trigger ballot.',
      },
      { id: 'c', kind: 'delete', target: '5.IV.6', order: 3, text: '' },
    ];
    const result = motionFromDraft(base, amendments);
    expect(result.diagnostics).toEqual([]);
    expect(result.motionText).toContain(
      'Add a new Sub-clause 5.F, after Sub-clause 5.E:\n‘F. Every member may vote in a trigger ballot.’',
    );
    expect(result.motionText).toContain('Delete Sub-clause 6 and renumber accordingly.');
    expect(findUnit(result.proposed!, ['5', 'IV', '6'])!.unit.text).toBe(text('5.IV.7'));
  });

  it('says nothing for an unchanged draft and reports a missing unit', () => {
    expect(
      motionFromDraft(base, [
        { id: 'd', kind: 'amend', target: '5.IV.1', order: 1, text: text('5.IV.1') },
      ]).motionText,
    ).toBe('');
    const missing = motionFromDraft(base, [
      { id: 'e', kind: 'amend', target: '5.IV.99', order: 1, text: 'x' },
    ]);
    expect(missing.diagnostics[0]).toMatchObject({ ruleId: 'unit-not-found', severity: 'error' });
  });

  it('gives the next label in the unit’s own kind', () => {
    expect(nextLabel(base, '5.IV.5.E')).toEqual({ label: 'F', marker: 'F.' });
    expect(nextLabel(base, '5.IV.5.B.ii')).toEqual({ label: 'iii', marker: 'iii.' });
    expect(nextLabel(base, '5.IV')).toBeNull();
  });
});
