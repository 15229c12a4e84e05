import { describe, expect, it } from 'vitest';
import { placedTokens, trackSpans } from './trackSpans';

const slice = (text: string, r: { from: number; to: number }) => text.slice(r.from, r.to);

describe('trackSpans', () => {
  it('marks nothing when the text is the base text', () => {
    expect(trackSpans('a trigger ballot', 'a  trigger\tballot')).toEqual({
      inserted: [],
      deleted: [],
    });
  });

  it('marks inserted words and places deleted ones where they were', () => {
    const base = 'a trigger ballot will be carried out';
    const text = 'an open selection will be carried out';
    const spans = trackSpans(base, text);
    expect(spans.inserted.map((r) => slice(text, r))).toEqual(['an', 'open', 'selection']);
    expect(spans.deleted).toEqual([{ at: 0, text: 'a trigger ballot' }]);
  });

  it('puts a deletion at the end when trailing words go', () => {
    const text = 'one two';
    expect(trackSpans('one two three', text).deleted).toEqual([{ at: text.length, text: 'three' }]);
  });

  it('treats everything as inserted when the base is empty (a new unit)', () => {
    const text = 'new unit text';
    expect(trackSpans('', text).inserted.map((r) => slice(text, r))).toEqual([
      'new',
      'unit',
      'text',
    ]);
  });

  it('tokenises paragraph breaks like normaliseText', () => {
    expect(placedTokens('\n\na\n\n\nb\n').map((p) => p.token)).toEqual(['a', '\n', 'b']);
  });
});
