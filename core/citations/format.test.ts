import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import labourJson from '../../motions/profiles/labour.json';
import libdemJson from '../../motions/profiles/libdem.json';
import { labelAt } from '../rulebook/labels';
import type { Profile } from '../../schemas/profile';
import { profileSchema } from '../../schemas/profile';
import { formatCitation, formatCitationList, formatRelative } from './format';
import { parseCitation, resolveTarget } from './parse';

const labour = profileSchema.parse(labourJson);
const libdem = profileSchema.parse(libdemJson);

describe('formatCitation', () => {
  it.each([
    [['5'], 'Chapter 5', 'Part 5'],
    [['5', 'IV'], 'Chapter 5, Clause IV', 'Article 5.4'],
    [['5', 'IV', '5'], 'Chapter 5, Clause IV, Sub-clause 5', 'Article 5.4.5'],
    [['5', 'IV', '5', 'A', 'ii'], 'Chapter 5, Clause IV, Sub-clause 5.A.ii', 'Article 5.4.5.A.ii'],
    [['3', 'XIV', '12'], 'Chapter 3, Clause XIV, Sub-clause 12', 'Article 3.14.12'],
  ])('%j', (path, labourText, libdemText) => {
    expect(formatCitation(path, labour)).toBe(labourText);
    expect(formatCitation(path, libdem)).toBe(libdemText);
  });

  it('writes nothing for an empty path', () => {
    expect(formatCitation([], labour)).toBe('');
  });
});

describe('formatCitationList', () => {
  const a = ['5', 'IV', '5', 'A'];
  const b = ['5', 'IV', '5', 'B'];
  const c = ['5', 'IV', '6'];
  const e = ['5', 'IV', '5', 'E'];

  it('joins units of one clause with "and"', () => {
    expect(formatCitationList([a, b], labour)).toBe(
      'Chapter 5, Clause IV, Sub-clauses 5.A and 5.B',
    );
    expect(formatCitationList([a, b, c], labour)).toBe(
      'Chapter 5, Clause IV, Sub-clauses 5.A, 5.B and 6',
    );
    expect(formatCitationList([a, b, c], libdem)).toBe('Articles 5.4.5.A, 5.4.5.B and 5.4.6');
  });

  it('writes a range with "to", from the first and last path', () => {
    expect(formatCitationList([a, e], labour, { range: true })).toBe(
      'Chapter 5, Clause IV, Sub-clauses 5.A to 5.E',
    );
    expect(formatCitationList([a, b, e], labour, { range: true })).toBe(
      'Chapter 5, Clause IV, Sub-clauses 5.A to 5.E',
    );
    expect(formatCitationList([a, e], libdem, { range: true })).toBe('Articles 5.4.5.A to 5.4.5.E');
  });

  it('writes one path as a single citation and none as nothing', () => {
    expect(formatCitationList([a], labour)).toBe('Chapter 5, Clause IV, Sub-clause 5.A');
    expect(formatCitationList([], labour)).toBe('');
  });

  it('falls back to full citations for paths of different clauses', () => {
    expect(
      formatCitationList(
        [
          ['5', 'IV', '1'],
          ['5', 'V', '2'],
        ],
        labour,
      ),
    ).toBe('Chapter 5, Clause IV, Sub-clause 1 and Chapter 5, Clause V, Sub-clause 2');
    expect(formatCitationList([['5', 'IV'], ['5', 'V'], ['6']], labour)).toBe(
      'Chapter 5, Clause IV, Chapter 5, Clause V and Chapter 6',
    );
  });
});

describe('formatRelative', () => {
  const context = ['5', 'IV'];
  it.each([
    [['5', 'IV', '5', 'E'], 'Sub-clause 5.E'],
    [['5', 'IV'], 'Clause IV'],
    [['5', 'II', '3'], 'Clause II, Sub-clause 3'],
    [['5', 'II'], 'Clause II'],
    [['5'], 'Chapter 5'],
    [['6', 'IV', '3'], 'Chapter 6, Clause IV, Sub-clause 3'],
    [['6'], 'Chapter 6'],
  ])('Labour %j', (path, text) => {
    expect(formatRelative(path, context, labour)).toBe(text);
  });

  it('keeps the decimal style in full', () => {
    expect(formatRelative(['5', 'IV', '5', 'E'], context, libdem)).toBe('Article 5.4.5.E');
  });
});

// ---- Round trips ---------------------------------------------------------------------------

/** A random path within the profile's levels: chapter, clause, then 0–5 units. */
function pathArb(profile: Profile, minUnits = 0): fc.Arbitrary<string[]> {
  const kinds = profile.levels.map((l) => l.kind);
  const label = (depth: number, max = 40) =>
    fc.integer({ min: 1, max }).map((n) => labelAt(n, kinds[depth] ?? 'decimal'));
  return fc
    .tuple(
      label(0, 30),
      label(1, 40),
      fc.integer({ min: minUnits, max: kinds.length - 2 }),
      fc.array(fc.integer({ min: 1, max: 40 }), {
        minLength: kinds.length,
        maxLength: kinds.length,
      }),
      fc.integer({ min: 1, max: 3 }),
    )
    .map(([chapter, clause, depth, numbers, cut]) => {
      const units = numbers.slice(0, depth).map((n, i) => labelAt(n, kinds[2 + i] ?? 'decimal'));
      const path = [chapter, clause, ...units];
      // Chapters and clauses alone too.
      return minUnits === 0 && cut === 1 && depth === 0 ? [chapter] : path;
    });
}

/** Several unit paths of one clause. */
function listArb(profile: Profile): fc.Arbitrary<string[][]> {
  return fc
    .tuple(pathArb(profile, 1), fc.array(pathArb(profile, 1), { minLength: 1, maxLength: 4 }))
    .map(([first, rest]) => [
      first,
      ...rest.map((p) => [first[0] ?? '', first[1] ?? '', ...p.slice(2)]),
    ]);
}

const profiles: Array<[string, Profile]> = [
  ['labour', labour],
  ['libdem', libdem],
];

describe.each(profiles)('round trip, %s', (_, profile) => {
  const runs = { seed: 4242, numRuns: 1500 };

  it('parses a formatted citation back to its path', () => {
    fc.assert(
      fc.property(pathArb(profile), (path) => {
        const text = formatCitation(path, profile);
        const c = parseCitation(text, profile);
        expect(c, text).not.toBeNull();
        expect(c?.start).toBe(0);
        expect(c?.end).toBe(text.length);
        expect(c?.targets).toHaveLength(1);
        expect(resolveTarget(c!.targets[0]!, {})).toEqual(path);
        // Inside running text too.
        const inText = parseCitation(`Replace ${text} with the following:`, profile);
        expect(resolveTarget(inText!.targets[0]!, {})).toEqual(path);
      }),
      runs,
    );
  });

  it('parses a formatted list back to its paths', () => {
    fc.assert(
      fc.property(listArb(profile), (paths) => {
        const text = formatCitationList(paths, profile);
        const c = parseCitation(text, profile);
        expect(c?.end, text).toBe(text.length);
        expect(c?.range).toBe(false);
        expect(
          c?.targets.map((t) => resolveTarget(t, {})),
          text,
        ).toEqual(paths);
      }),
      runs,
    );
  });

  it('parses a formatted range back to its ends', () => {
    fc.assert(
      fc.property(listArb(profile), (paths) => {
        const text = formatCitationList(paths, profile, { range: true });
        const c = parseCitation(text, profile);
        expect(c?.end, text).toBe(text.length);
        expect(c?.range).toBe(true);
        expect(
          c?.targets.map((t) => resolveTarget(t, {})),
          text,
        ).toEqual([paths[0], paths[paths.length - 1]]);
      }),
      runs,
    );
  });

  it('parses a relative citation back to its path in the context clause', () => {
    const arb = fc.tuple(pathArb(profile), pathArb(profile), fc.integer({ min: 0, max: 2 }));
    fc.assert(
      fc.property(arb, ([path, other, same]) => {
        // Often the same chapter, or the same clause, as the context.
        const context =
          same === 0
            ? [other[0] ?? '1', other[1] ?? 'I']
            : same === 1
              ? [path[0] ?? '1', other[1] ?? 'I']
              : [path[0] ?? '1', path[1] ?? other[1] ?? 'I'];
        const text = formatRelative(path, context, profile);
        const c = parseCitation(text, profile);
        expect(c?.end, text).toBe(text.length);
        const resolved = resolveTarget(c!.targets[0]!, { chapter: context[0], clause: context[1] });
        expect(resolved, text).toEqual(path);
      }),
      runs,
    );
  });
});
