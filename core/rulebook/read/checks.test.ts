import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../diagnostics';
import { labourProfile } from '../../profiles';
import type { Unit, UnitAddress } from '../types';
import { Addresses, checkSequence } from './checks';

describe('checkSequence', () => {
  it('accepts the next label, and a first label of 1', () => {
    expect(checkSequence('A', 'B', 'upper-alpha', 0, 0, 'paragraph')).toBeNull();
    expect(checkSequence(undefined, 'i', 'lower-roman', 0, 0, 'sub-paragraph')).toBeNull();
  });

  it('reports a duplicate as an error and a gap as a warning, 1-based', () => {
    expect(checkSequence('3', '3', 'decimal', 9, 2, 'sub-clause')).toEqual({
      severity: 'error',
      ruleId: 'duplicate-label',
      message: "Unexpected duplicate sub-clause '3', expected '4'",
      line: 10,
      column: 3,
    });
    expect(checkSequence(undefined, 'ii', 'lower-roman', 0, 0, 'sub-paragraph')).toMatchObject({
      severity: 'warning',
      ruleId: 'label-sequence',
      message: "Unexpected sub-paragraph 'ii' out of sequence, expected 'i'",
    });
  });

  it('leaves labels of another kind to the nesting', () => {
    expect(checkSequence('A', 'ii', 'upper-alpha', 0, 0, 'paragraph')).toBeNull();
    expect(checkSequence('ii', 'C', 'upper-alpha', 0, 0, 'paragraph')).toBeNull();
  });
});

describe('Addresses', () => {
  const unit = (address: string, label: string, line: number, depth = 2): Unit => ({
    kind: 'unit',
    depth,
    label,
    marker: `${label}.`,
    title: '',
    text: '',
    path: address.split(':')[1]?.split('.') ?? [],
    address: address as UnitAddress,
    children: [],
    start: { line, column: 1, offset: 0 },
    end: { line, column: 1, offset: 0 },
    sourceLines: [],
    blankBefore: 0,
  });

  it('reports a second unit at an address once, not its sub-units', () => {
    const addresses = new Addresses(labourProfile);
    const diagnostics: Diagnostic[] = [];
    expect(addresses.place(unit('2024:1.I.1', '1', 5), null, undefined, diagnostics)).toBe(true);
    const again = unit('2024:1.I.1', '1', 20);
    expect(addresses.place(again, null, unit('2024:1.I.2', '2', 9), diagnostics)).toBe(false);
    const child = unit('2024:1.I.1.A', 'A', 21, 3);
    expect(addresses.place(child, again, undefined, diagnostics)).toBe(false);
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        ruleId: 'duplicate-address',
        message:
          'Unexpected second sub-clause at 2024:1.I.1 (line 20), expected each address once: line 5 has it already',
        line: 20,
        column: 1,
      },
    ]);
  });

  it('leaves a twin next to its sibling to the sequence check', () => {
    const addresses = new Addresses(labourProfile);
    const diagnostics: Diagnostic[] = [];
    const first = unit('2024:1.I.1', '1', 5);
    addresses.place(first, null, undefined, diagnostics);
    expect(addresses.place(unit('2024:1.I.1', '1', 7), null, first, diagnostics)).toBe(true);
    expect(diagnostics).toEqual([]);
  });
});
