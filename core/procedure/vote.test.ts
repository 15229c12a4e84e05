import { describe, expect, it } from 'vitest';
import { labourProfile, libdemProfile } from '../profiles';
import { resultLine, voteResult } from './vote';

const labour = labourProfile.procedure.vote;
const libdem = libdemProfile.procedure.vote;

describe('voteResult (Labour card vote: CLPs 50%, affiliates 50%, a simple majority)', () => {
  it('weighs each section’s share, not the raw votes', () => {
    // CLPs 29.16% for, affiliates 0% for: 14.58% of the weighted total.
    const result = voteResult(labour, {
      clp: { for: 29.16, against: 70.84 },
      affiliates: { for: 0, against: 100 },
    });
    expect(result).toEqual({
      ok: true,
      forPercent: 14.58,
      againstPercent: 85.42,
      carried: false,
      words: 'NOT CARRIED',
    });
    if (result.ok) {
      expect(resultLine('Card vote 8', 'Open selection of MPs', result)).toBe(
        'Card vote 8 — Open selection of MPs — 14.58% for, 85.42% against — NOT CARRIED',
      );
      // Identical submissions share a card vote: their bodies follow the title.
      expect(
        resultLine('Card vote 8', 'Open selection of MPs', result, ['Anytown CLP', 'Bigtown CLP']),
      ).toBe(
        'Card vote 8 — Open selection of MPs — Anytown CLP, Bigtown CLP — 14.58% for, 85.42% against — NOT CARRIED',
      );
      expect(resultLine('Card vote 8', '', result)).toBe(
        'Card vote 8 — 14.58% for, 85.42% against — NOT CARRIED',
      );
    }
    // A huge CLP vote count does not outweigh the affiliates' half.
    const counts = voteResult(labour, {
      clp: { for: 400_000, against: 1 },
      affiliates: { for: 1, against: 3_000_000 },
    });
    expect(counts).toMatchObject({ ok: true, carried: false });
  });

  it('needs more than half: exactly 50% does not carry', () => {
    const half = { for: 50, against: 50 };
    expect(voteResult(labour, { clp: half, affiliates: half })).toMatchObject({ carried: false });
    expect(
      voteResult(labour, { clp: { for: 50.02, against: 49.98 }, affiliates: half }),
    ).toMatchObject({ carried: true, words: 'CARRIED' });
  });

  it('refuses a missing, empty, negative or unknown section', () => {
    const ok = { for: 1, against: 1 };
    expect(voteResult(labour, { clp: ok })).toEqual({
      ok: false,
      reason: 'No votes recorded for Affiliates',
    });
    expect(voteResult(labour, { clp: ok, affiliates: { for: 0, against: 0 } })).toMatchObject({
      ok: false,
    });
    expect(voteResult(labour, { clp: ok, affiliates: { for: -1, against: 3 } })).toMatchObject({
      ok: false,
    });
    expect(voteResult(labour, { clp: ok, affiliates: ok, unions: ok })).toEqual({
      ok: false,
      reason: 'Unknown vote section unions',
    });
  });
});

describe('voteResult (one section, two-thirds of those voting)', () => {
  it('carries at exactly two-thirds and not below', () => {
    expect(voteResult(libdem, { conference: { for: 200, against: 100 } })).toMatchObject({
      carried: true,
      words: 'PASSED',
    });
    expect(voteResult(libdem, { conference: { for: 199, against: 101 } })).toMatchObject({
      carried: false,
      words: 'LOST',
    });
  });
});
