import { describe, expect, it } from 'vitest';
import {
  commonPrefix,
  commonSuffix,
  normaliseText,
  renderTokens,
  tokenize,
  wordCount,
  wordHunks,
} from './words';

describe('words', () => {
  it('counts runs of non-whitespace like wc -w', () => {
    expect(wordCount('')).toBe(0);
    expect(wordCount('  one\ttwo\n\n three  ')).toBe(3);
    expect(wordCount('1. The NEC shall meet.')).toBe(5);
  });

  it('normalises spacing and keeps single paragraph breaks, and tokens render back to it', () => {
    const text = normaliseText('  The  NEC\t shall \n\n  meet. \n');
    expect(text).toBe('The NEC shall\nmeet.');
    expect(renderTokens(tokenize(text))).toBe(text);
  });

  it('reports changes in base token coordinates', () => {
    expect(wordHunks(tokenize('a b c d'), tokenize('a x c d e'))).toEqual([
      { from: 1, to: 2, tokens: ['x'] },
      { from: 4, to: 4, tokens: ['e'] },
    ]);
  });

  it('finds common ends without letting them overlap', () => {
    expect(commonPrefix('timetable.', 'timetable and more.')).toBe(9);
    expect(commonSuffix('timetable.', 'timetable and more.', 9)).toBe(1);
    expect(commonSuffix('aa', 'aaa', 2)).toBe(0);
  });
});
