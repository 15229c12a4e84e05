import { describe, expect, it } from 'vitest';
import { PALETTE, colourFor, initials } from './identity';

describe('identity', () => {
  it('gives a stable palette colour per name', () => {
    expect(colourFor('Jo Bloggs')).toBe(colourFor('Jo Bloggs'));
    expect(PALETTE).toContain(colourFor('Delegate 7'));
  });

  it('makes initials', () => {
    expect(initials('Jo Bloggs')).toBe('JB');
    expect(initials('Delegate 12')).toBe('D12');
    expect(initials('sam')).toBe('SA');
    expect(initials('  ')).toBe('?');
  });
});
