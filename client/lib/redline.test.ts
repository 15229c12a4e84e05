import { describe, expect, it } from 'vitest';
import { redlineSpans } from './redline';

describe('redlineSpans', () => {
  it('splits a unit into same, deleted and inserted runs', () => {
    expect(redlineSpans('a trigger ballot will be held', 'an open selection will be held')).toEqual(
      [
        { kind: 'del', text: 'a trigger ballot' },
        { kind: 'ins', text: 'an open selection' },
        { kind: 'same', text: 'will be held' },
      ],
    );
  });

  it('is all inserted for a new unit and all deleted for a removed one', () => {
    expect(redlineSpans('', 'new text')).toEqual([{ kind: 'ins', text: 'new text' }]);
    expect(redlineSpans('old text', '')).toEqual([{ kind: 'del', text: 'old text' }]);
  });

  it('returns the text unchanged when nothing changed', () => {
    expect(redlineSpans('same  words', 'same words')).toEqual([
      { kind: 'same', text: 'same words' },
    ]);
  });
});
