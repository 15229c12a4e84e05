import { describe, expect, it } from 'vitest';
import { labourProfile } from '../../profiles';
import { matchLabel } from '../labels';
import type { Unit } from '../types';
import { LineState } from './state';
import { inferPlace, openUnit, place } from './units';

/** A state inside Chapter 1, Clause I, with the labels given open at their columns. */
function inClause(format: 'markdown' | 'text', open: [string, number][] = []): LineState {
  const st = new LineState('', format, labourProfile, '2024');
  st.chapter = st.newUnit('chapter', 0, '1', '', '', ['1'], 0, 0);
  st.clause = st.newUnit('clause', 1, 'I', '', '', ['1', 'I'], 0, 0);
  let parent: Unit = st.clause;
  for (const [label, col] of open) {
    const path = [...parent.path, label];
    const unit = st.newUnit('unit', parent.depth + 1, label, `${label}.`, '', path, 0, col);
    parent.children.push(unit);
    st.stack.push({ unit, col });
    parent = unit;
  }
  return st;
}

describe('place', () => {
  it('nests by indentation in Markdown when the kind fits the level', () => {
    const st = inClause('markdown', [['1', 0]]);
    expect(place(st, 'A', 3, true)).toEqual({ parentIndex: 0 });
    expect(place(st, '2', 0, true)).toEqual({ parentIndex: -1 });
  });

  it('nests by sequence in plain text, where indentation is lost', () => {
    const st = inClause('text', [
      ['1', 0],
      ['A', 0],
    ]);
    expect(place(st, 'B', 0, true)).toEqual({ parentIndex: 0 });
    expect(place(st, 'i', 0, true)).toEqual({ parentIndex: 1 });
    expect(place(st, '2', 0, true)).toEqual({ parentIndex: -1 });
  });

  it('reads a label that fits nowhere as text on a wrapped line, as an error after a break', () => {
    const st = inClause('text', [['1', 0]]);
    expect(place(st, '7', 0, false)).toBeNull();
    expect(place(st, '7', 0, true)).toEqual({ parentIndex: -1 });
    expect(place(inClause('text'), 'ii', 0, true)).toEqual({ parentIndex: -1, expected: '1' });
  });
});

describe('inferPlace', () => {
  it('takes a first unit of the clause only at the sub-clause level', () => {
    expect(inferPlace(inClause('text'), '1')).toBe(-1);
    expect(inferPlace(inClause('text'), 'ii')).toBeNull();
  });
});

describe('openUnit', () => {
  it('opens a unit with the rest of its line as text', () => {
    const st = inClause('text', [['1', 0]]);
    const label = matchLabel('2. Members may vote.')!;
    expect(openUnit(st, label, 0, 0)).toBe(true);
    expect(st.clause?.children.map((u) => [u.address, u.text])).toEqual([
      ['2024:1.I.1', ''],
      ['2024:1.I.2', 'Members may vote.'],
    ]);
    expect(st.target?.label).toBe('2');
    expect(st.stack.map((o) => o.unit.label)).toEqual(['2']);
  });

  it('outside any clause leaves the line to be read as text, and says so after a break', () => {
    const st = inClause('text');
    st.clause = null;
    st.blank = 1;
    expect(openUnit(st, matchLabel('1. x')!, 4, 0)).toBe(false);
    expect(st.diagnostics).toMatchObject([{ ruleId: 'unit-outside-clause', line: 5 }]);
  });
});
