import { describe, expect, it } from 'vitest';
import { parseRulebook } from '../rulebook/parse';
import { citationByTitle } from './titles';

// An invented constitution: chapters and clauses with printed titles, two of them alike.
const { rulebook } = parseRulebook(`---
organisation: Example Society
title: Constitution
edition: "2031"
---
# Chapter 3: Members

## Clause I. Joining

1. Anyone may join.

## Clause II. Elections

1. Officers are elected each year.

# Chapter 13: BRANCH FINANCE

## Clause I. The Policy Committee

1. There shall be a Policy Committee.

# Chapter 17: Elections

## Clause I. Returning officer

1. The committee appoints a returning officer.
`);

const paths = (text: string) => citationByTitle(rulebook, text).map((u) => u.path.join('.'));

describe('citationByTitle', () => {
  it('finds a chapter by its title, whatever the case and spacing', () => {
    expect(paths('BRANCH FINANCE')).toEqual(['13']);
    expect(paths('branch   finance')).toEqual(['13']);
    expect(paths('  Branch\nFinance: ')).toEqual(['13']);
  });

  it('finds a clause by its title', () => {
    expect(paths('The Policy Committee')).toEqual(['13.I']);
    expect(paths('“Returning Officer”')).toEqual(['17.I']);
  });

  it('returns every unit with that title, so the caller can refuse an ambiguous one', () => {
    expect(paths('Elections')).toEqual(['3.II', '17']);
  });

  it('narrows by the number printed with the title', () => {
    expect(paths('17. Elections')).toEqual(['17']);
    expect(paths('Chapter 17: Elections')).toEqual(['17']);
    expect(paths('XVII Elections')).toEqual(['17']);
    expect(paths('II. Elections')).toEqual(['3.II']);
    expect(paths('Clause 2 - Elections')).toEqual(['3.II']);
    expect(paths('18. Elections')).toEqual([]);
  });

  it('finds nothing for a number alone, other words, or nothing', () => {
    for (const text of ['17', 'Chapter 17', 'Election', 'Policy', '', '  ', '...']) {
      expect(paths(text), text).toEqual([]);
    }
  });

  it('gives the units themselves, with their addresses', () => {
    const [unit] = citationByTitle(rulebook, 'BRANCH FINANCE');
    expect(unit).toMatchObject({ kind: 'chapter', label: '13', address: '2031:13' });
  });

  it('stays fast on a long pasted text', () => {
    const t0 = Date.now();
    expect(citationByTitle(rulebook, `${'.'.repeat(100_000)}x${' '.repeat(100_000)}`)).toEqual([]);
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});
