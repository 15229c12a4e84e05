import { describe, expect, it } from 'vitest';
import { PALETTE, colourFor, identityOf, initials } from './identity';

describe('identity', () => {
  it('gives a stable palette colour per name', () => {
    expect(colourFor('Jo Bloggs')).toBe(colourFor('Jo Bloggs'));
    expect(PALETTE).toContain(colourFor('Delegate 7'));
    expect(identityOf('Jo Bloggs')).toEqual({
      name: 'Jo Bloggs',
      color: colourFor('Jo Bloggs'),
      colorLight: `${colourFor('Jo Bloggs')}33`,
    });
  });

  it('makes initials', () => {
    expect(initials('Jo Bloggs')).toBe('JB');
    expect(initials('Delegate 12')).toBe('D12');
    expect(initials('sam')).toBe('SA');
    expect(initials('  ')).toBe('?');
  });
});
