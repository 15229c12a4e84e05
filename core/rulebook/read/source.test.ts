import { describe, expect, it } from 'vitest';
import { leadingColumns, lineOffsets, refuseSource } from './source';

describe('refuseSource', () => {
  it('refuses a source over the limit at 1:1', () => {
    expect(refuseSource('abcdef', 5)).toMatchObject({
      ruleId: 'rulebook-too-large',
      line: 1,
      column: 1,
      message: "Unexpected rulebook of 6 characters, expected at most 5 (the profile's limit)",
    });
  });

  it('places a NUL by lines as the parser counts them (LF, CRLF, lone CR)', () => {
    expect(refuseSource('a\r\nb\rc\nd\0', 100)).toMatchObject({
      ruleId: 'rulebook-not-text',
      line: 4,
      column: 2,
    });
    expect(refuseSource('ok\n\ufffd', 100)?.message).toContain('not valid UTF-8');
  });

  it('refuses many control characters, but not a few, nor tabs and page breaks', () => {
    expect(refuseSource(`x\x01${'y'.repeat(200)}`, 1000)).toBeNull();
    expect(refuseSource('\t\f\v'.repeat(40), 1000)).toBeNull();
    expect(refuseSource(`ab\x02\x03`, 1000)).toMatchObject({
      ruleId: 'rulebook-not-text',
      line: 1,
      column: 3,
      message:
        'Unexpected control characters (2 of 4 characters, the first U+0002), expected rulebook text: is this a binary file?',
    });
  });
});

describe('leadingColumns', () => {
  it('counts spaces, and a tab up to the next multiple of 4', () => {
    expect(leadingColumns('   A.')).toBe(3);
    expect(leadingColumns('\tA.')).toBe(4);
    expect(leadingColumns('  \t A.')).toBe(5);
    expect(leadingColumns('A. x')).toBe(0);
  });
});

describe('lineOffsets', () => {
  it('gives each line its start, counting the newline', () => {
    expect(lineOffsets(['ab', '', 'c'])).toEqual([0, 3, 4]);
  });
});
