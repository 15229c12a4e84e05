import { describe, expect, it } from 'vitest';
import type { ConflictUnitView, MotionConflictView } from '../../schemas/api';
import { baseColumn, conflictsSummary, mergedSpans, sideColumn } from './conflicts';

const BASE = 'one third or more of the branches';

const unit = (over: Partial<ConflictUnitView> = {}): ConflictUnitView => ({
  path: '5.IV.5.B.i',
  citation: 'Chapter 5, Clause IV, Sub-clause 5.B.i',
  isNew: false,
  base: BASE,
  own: { text: 'one fifth or more of the branches', change: 'amend' },
  other: { text: 'one third or more of the affiliates', change: 'amend' },
  verdict: 'merged',
  merged: 'one fifth or more of the affiliates',
  message: '',
  clashes: [],
  ...over,
});

describe('conflict columns', () => {
  it('shows each motion as a redline against the base', () => {
    const u = unit();
    expect(baseColumn(u)).toEqual({
      caption: 'Current text',
      spans: [{ kind: 'same', text: BASE }],
      note: null,
    });
    expect(sideColumn(u, u.own)).toEqual({
      caption: 'Amended',
      spans: [
        { kind: 'same', text: 'one' },
        { kind: 'del', text: 'third' },
        { kind: 'ins', text: 'fifth' },
        { kind: 'same', text: 'or more of the branches' },
      ],
      note: null,
    });
    expect(mergedSpans(u)?.filter((s) => s.kind !== 'same')).toEqual([
      { kind: 'del', text: 'third' },
      { kind: 'ins', text: 'fifth' },
      { kind: 'del', text: 'branches' },
      { kind: 'ins', text: 'affiliates' },
    ]);
  });

  it('strikes a deleted unit whole, and says when a new unit is not in a motion', () => {
    const deleted = unit({ own: { text: null, change: 'delete' } });
    expect(sideColumn(deleted, deleted.own)).toEqual({
      caption: 'Deleted',
      spans: [{ kind: 'del', text: BASE }],
      note: null,
    });
    const added = unit({
      isNew: true,
      base: null,
      own: { text: 'The NEC shall publish it.', change: 'insert' },
      other: { text: null, change: 'none' },
      verdict: 'conflict',
      merged: null,
    });
    expect(baseColumn(added).caption).toBe('Not in the rulebook');
    expect(sideColumn(added, added.own).spans).toEqual([
      { kind: 'ins', text: 'The NEC shall publish it.' },
    ]);
    expect(sideColumn(added, added.other)).toMatchObject({
      caption: 'Not in this motion',
      spans: [],
    });
    expect(mergedSpans(added)).toBeNull();
  });
});

describe('conflictsSummary', () => {
  const view = (bothApply: boolean) => ({ bothApply }) as MotionConflictView;
  it('counts the motions that can apply and those that conflict', () => {
    expect(conflictsSummary([])).toBe('No other motion you can see changes the same text.');
    expect(conflictsSummary([view(true)])).toBe('1 overlapping motion: 1 can apply with this one.');
    expect(conflictsSummary([view(false), view(true), view(false)])).toBe(
      '3 overlapping motions: 1 can apply with this one, 2 conflict.',
    );
    expect(conflictsSummary([view(false)])).toBe('1 overlapping motion: 1 conflicts.');
  });
});
