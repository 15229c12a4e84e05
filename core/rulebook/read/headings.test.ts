import { describe, expect, it } from 'vitest';
import { labourProfile, libdemProfile } from '../../profiles';
import { fragmentHeadings, headingPatterns, normaliseClauseLabel, readHeading } from './headings';

const labour = headingPatterns(labourProfile);

describe('readHeading', () => {
  it('reads Markdown headings only where remark found them', () => {
    expect(readHeading('markdown', 1, '# Chapter 5: Selections #', labour)).toEqual({
      kind: 'chapter',
      label: '5',
      title: 'Selections',
    });
    expect(readHeading('markdown', 2, '## Clause IV. Westminster', labour)).toMatchObject({
      kind: 'clause',
      label: 'IV',
    });
    expect(readHeading('markdown', undefined, 'Chapter 5: Selections', labour).kind).toBe('none');
    expect(readHeading('markdown', 3, '### Notes', labour).kind).toBe('other');
    expect(readHeading('markdown', 1, '# Foreword', labour).kind).toBe('other');
  });

  it('tells a plain-text clause heading from prose that starts with the word', () => {
    expect(readHeading('text', undefined, 'Clause IV Westminster', labour)).toMatchObject({
      kind: 'clause',
      label: 'IV',
      title: 'Westminster',
    });
    expect(readHeading('text', undefined, 'Clause 5', labour).kind).toBe('clause');
    expect(readHeading('text', undefined, 'Clause 5 of the model rules applies', labour).kind).toBe(
      'none',
    );
  });

  it("knows the profile's own level names", () => {
    const libdem = headingPatterns(libdemProfile);
    expect(readHeading('text', undefined, 'Part 2 Members', libdem)).toMatchObject({
      kind: 'chapter',
      label: '2',
    });
    expect(readHeading('text', undefined, 'Part 2 Members', labour).kind).toBe('none');
  });
});

describe('fragmentHeadings', () => {
  it('takes `#` and `##` lines with their depth', () => {
    expect([...fragmentHeadings(['# Chapter 1', '', '## Clause I', '### x', '#no'])]).toEqual([
      [0, 1],
      [2, 2],
    ]);
  });
});

describe('normaliseClauseLabel', () => {
  it("writes a clause's number in the level's kind", () => {
    expect(normaliseClauseLabel('4', 'upper-roman')).toBe('IV');
    expect(normaliseClauseLabel('iv', 'upper-roman')).toBe('IV');
    expect(normaliseClauseLabel('4', 'decimal')).toBe('4');
  });
});
