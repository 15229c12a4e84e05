import { describe, expect, it } from 'vitest';
import { snippetParts } from './snippet';

describe('snippetParts', () => {
  it('splits matches from plain text', () => {
    expect(snippetParts('a [[trigger ballot]] will be [[held]]')).toEqual([
      { text: 'a ', match: false },
      { text: 'trigger ballot', match: true },
      { text: ' will be ', match: false },
      { text: 'held', match: true },
    ]);
  });

  it('treats an unclosed marker as a match to the end', () => {
    expect(snippetParts('x [[y')).toEqual([
      { text: 'x ', match: false },
      { text: 'y', match: true },
    ]);
  });
});
