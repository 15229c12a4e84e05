import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import labourJson from '../../motions/profiles/labour.json';
import libdemJson from '../../motions/profiles/libdem.json';
import { profileSchema } from '../../schemas/profile';
import type { Citation, CitationTarget } from './parse';
import {
  editionNamed,
  expandRange,
  parseCitation,
  parseCitationAt,
  parseCitations,
  resolveTarget,
} from './parse';

const labour = profileSchema.parse(labourJson);
const libdem = profileSchema.parse(libdemJson);

/** The targets of the only citation in `text`, checking that it spans the whole text. */
function targetsOf(text: string, profile = labour): CitationTarget[] {
  const all = parseCitations(text, profile);
  expect(all, text).toHaveLength(1);
  const [c] = all as [Citation];
  expect(text.slice(c.start, c.end)).toBe(text);
  return c.targets;
}

const full = (chapter: string, clause: string, ...units: string[]): CitationTarget => ({
  chapter,
  clause,
  units,
});

describe('long form', () => {
  it.each([
    ['Chapter 5, Clause IV, Sub-clause 5.A', [full('5', 'IV', '5', 'A')]],
    [
      'Chapter 5, Clause IV, Sub-clauses 5 and 5.A',
      [full('5', 'IV', '5'), full('5', 'IV', '5', 'A')],
    ],
    ['Chapter 5 Clause IV sub-clause 5A', [full('5', 'IV', '5', 'A')]],
    ['CHAPTER 5, CLAUSE IV, SUB-CLAUSE 5.A', [full('5', 'IV', '5', 'A')]],
    ['chapter 5, clause IV, subclause 5.A', [full('5', 'IV', '5', 'A')]],
    ['Chapter 5, Clause IV, Sub clause 5.A.i', [full('5', 'IV', '5', 'A', 'i')]],
    ['Chapter 5, Clause IV', [full('5', 'IV')]],
    ['Chapter 5', [{ chapter: '5', units: [] }]],
    [
      'Chapters 2 and 3',
      [
        { chapter: '2', units: [] },
        { chapter: '3', units: [] },
      ],
    ],
    ['Clause IV.5', [{ clause: 'IV', units: ['5'] }]],
    ['Clause IV', [{ clause: 'IV', units: [] }]],
    ['Clause IV, Sub-clause 5', [{ clause: 'IV', units: ['5'] }]],
    ['Sub-clause 5.F', [{ units: ['5', 'F'] }]],
    ['Sub-clause 5', [{ units: ['5'] }]],
    ['Paragraph 5.A', [{ units: ['5', 'A'] }]],
    ['Sub-paragraph 5.A.ii', [{ units: ['5', 'A', 'ii'] }]],
    ['Sub-paragraphs 5.A.i and ii', [{ units: ['5', 'A', 'i'] }, { units: ['5', 'A', 'ii'] }]],
    ['Paragraph A', [{ units: ['A'] }]],
    ['Sub-clause 5, Paragraph A, Sub-paragraph ii', [{ units: ['5', 'A', 'ii'] }]],
    ['Sub-clause 5 of Clause IV', [{ clause: 'IV', units: ['5'] }]],
    ['Clause IV of Chapter 5', [full('5', 'IV')]],
    [
      'Chapter 5, Clause IV, Sub-clauses 5.A, 5.B and 5.C',
      [full('5', 'IV', '5', 'A'), full('5', 'IV', '5', 'B'), full('5', 'IV', '5', 'C')],
    ],
    ['Clause 4', [{ clause: 'IV', units: [] }]],
    ['Clause 5.A', [{ units: ['5', 'A'] }]],
    ['Cl. IV.2', [{ clause: 'IV', units: ['2'] }]],
    ['Para. 3.B', [{ units: ['3', 'B'] }]],
  ])('%s', (text, expected) => {
    expect(targetsOf(text)).toEqual(expected);
  });

  it('reads the same without a profile (Labour kinds by default)', () => {
    expect(parseCitation('Chapter 5, Clause IV, Sub-clause 5.A')?.targets).toEqual([
      full('5', 'IV', '5', 'A'),
    ]);
  });

  it('reads the profile’s own level names', () => {
    // For the Liberal Democrats "Clause" is the level below an Article.
    expect(targetsOf('Part 5, Article IV, Clause 3', libdem)).toEqual([full('5', 'IV', '3')]);
    expect(targetsOf('Clause IV.5', libdem)).toEqual([{ clause: 'IV', units: ['5'] }]);
    expect(targetsOf('Clause 5', libdem)).toEqual([{ units: ['5'] }]);
  });
});

describe('edition, titles and page', () => {
  it('reads the full form with edition, titles and page', () => {
    const text =
      'The Labour Party Rule Book 2022, Chapter 5 (Selections, rights and responsibilities), Clause IV (Selection of Westminster candidates), Sub-clauses 5 and 5.A (pg 35)';
    expect(parseCitations(text)).toEqual([
      {
        start: 0,
        end: text.length,
        edition: '2022',
        page: '35',
        targets: [full('5', 'IV', '5'), full('5', 'IV', '5', 'A')],
        range: false,
      },
    ]);
  });

  it('reads "Rule Book 2024, Chapter 3, Clause III.2"', () => {
    const c = parseCitation('Rule Book 2024, Chapter 3, Clause III.2');
    expect(c?.edition).toBe('2024');
    expect(c?.targets).toEqual([full('3', 'III', '2')]);
  });

  it.each([
    ['Chapter 5, Clause IV, Sub-clause 5 (pg 35)', '35'],
    ['Chapter 5, Clause IV, Sub-clause 5 (page 35)', '35'],
    ['Chapter 5, Clause IV, Sub-clause 5 (p. 35)', '35'],
    ['Chapter 5, Clause IV, Sub-clause 5 (pp. 35–36)', '35–36'],
    ['Chapter 5, Clause IV, Sub-clause 5, page 35', '35'],
  ])('page in %s', (text, page) => {
    const c = parseCitation(text);
    expect(c?.page).toBe(page);
    expect(c?.end).toBe(text.length);
    expect(c?.targets).toEqual([full('5', 'IV', '5')]);
  });

  it('skips titles written without parentheses, up to a comma', () => {
    expect(
      targetsOf(
        'Chapter 5: Selections, rights and responsibilities of candidates, Clause IV, Sub-clause 2',
      ),
    ).toEqual([full('5', 'IV', '2')]);
    expect(
      targetsOf(
        'Chapter 5 Selections, Clause IV Selection of Westminster candidates, Sub-clause 2',
      ),
    ).toEqual([full('5', 'IV', '2')]);
  });

  it('keeps a final title inside the citation only when a page follows', () => {
    const withPage = 'Chapter 3, Clause III (Party conference) (pg 12)';
    expect(parseCitation(withPage)).toMatchObject({ end: withPage.length, page: '12' });
    const text = 'Replace Clause IV.5 (as amended) with';
    expect(parseCitation(text)).toMatchObject({ start: 8, end: 19 });
  });

  it('reads an edition before or after the citation', () => {
    expect(parseCitation('the 2024 Rule Book, Chapter 3')?.edition).toBe('2024');
    const text = 'Chapter 3, Clause III of the Labour Party Rule Book 2024';
    expect(parseCitation(text)).toMatchObject({ edition: '2024', end: text.length });
    expect(parseCitation('Liberal Democrats Rule Book 2023, Article 5.4', libdem)).toMatchObject({
      start: 0,
      edition: '2023',
    });
  });

  it('does not take an edition alone for a citation', () => {
    expect(parseCitations('as printed in the Rule Book 2024.')).toEqual([]);
  });
});

describe('compact and decimal forms', () => {
  it.each([
    ['5.IV.5.A', [full('5', 'IV', '5', 'A')]],
    ['5.IV', [full('5', 'IV')]],
    ['C5.IV.5', [full('5', 'IV', '5')]],
    ['Chapter 5.IV.1', [full('5', 'IV', '1')]],
    ['Ch. 5.IV.1', [full('5', 'IV', '1')]],
    ['Ch 5.IV.1', [full('5', 'IV', '1')]],
    ['Rule 5.4.1', [full('5', 'IV', '1')]],
    ['Rule 5.IV.1', [full('5', 'IV', '1')]],
    ['Article 5.4.5.A', [full('5', 'IV', '5', 'A')]],
    ['Article 5.4', [full('5', 'IV')]],
    ['Section 3.3.2', [full('3', 'III', '2')]],
    ['Rule IV.5', [{ clause: 'IV', units: ['5'] }]],
    ['Rule 5', [{ chapter: '5', units: [] }]],
    ['Rule 5.4.1 and 2', [full('5', 'IV', '1'), full('5', 'IV', '2')]],
    ['5.IV.5 and 5.IV.6', [full('5', 'IV', '5'), full('5', 'IV', '6')]],
  ])('%s', (text, expected) => {
    expect(targetsOf(text)).toEqual(expected);
  });

  it('reads the Liberal Democrat decimal style with its profile', () => {
    expect(targetsOf('Article 5.4.5.A', libdem)).toEqual([full('5', 'IV', '5', 'A')]);
    expect(targetsOf('Article 5.4', libdem)).toEqual([full('5', 'IV')]);
    expect(targetsOf('Part 5', libdem)).toEqual([{ chapter: '5', units: [] }]);
    expect(targetsOf('Articles 5.4.5.A and 5.4.5.B', libdem)).toEqual([
      full('5', 'IV', '5', 'A'),
      full('5', 'IV', '5', 'B'),
    ]);
    expect(targetsOf('Articles 5.4.5.A and 5.B', libdem)).toEqual([
      full('5', 'IV', '5', 'A'),
      full('5', 'IV', '5', 'B'),
    ]);
    expect(targetsOf('Articles 5.4.5.A and 6', libdem)).toEqual([
      full('5', 'IV', '5', 'A'),
      full('5', 'IV', '6'),
    ]);
  });

  it('finds compact citations inside prose, not inside other numbers', () => {
    expect(parseCitations('see 5.IV.5.A.')).toMatchObject([{ start: 4, end: 12 }]);
    expect(parseCitations('version 1.5.IV and 2.5.V')).toEqual([]);
  });
});

describe('relative, ranges and lists', () => {
  it('reads "Clause I.1.A above"', () => {
    expect(parseCitations('as set out in Clause I.1.A above, the')).toEqual([
      {
        start: 14,
        end: 32,
        targets: [{ clause: 'I', units: ['1', 'A'] }],
        range: false,
        relative: 'above',
      },
    ]);
    expect(parseCitation('Sub-clause 7 below')?.relative).toBe('below');
  });

  it.each([
    'Sub-clauses 5.A through to 5.E',
    'Sub-clauses 5.A through 5.E',
    'Sub-clauses 5.A to 5.E',
    'Sub-clauses 5.A-5.E',
    'Sub-clauses 5.A–5.E',
    'Sub-clauses 5.A – 5.E',
    'Sub-clauses 5.A to E',
  ])('range %s', (text) => {
    const c = parseCitation(text);
    expect(c).toMatchObject({ start: 0, end: text.length, range: true });
    expect(c?.targets).toEqual([{ units: ['5', 'A'] }, { units: ['5', 'E'] }]);
  });

  it('reads a range under a full citation', () => {
    expect(parseCitation('Chapter 5, Clause IV, Sub-clauses 5.A to 5.E')).toMatchObject({
      range: true,
      targets: [full('5', 'IV', '5', 'A'), full('5', 'IV', '5', 'E')],
    });
    expect(parseCitation('Make no changes to Sub-clauses 5.A through to 5.E.')).toMatchObject({
      start: 19,
      end: 49,
      range: true,
    });
  });

  it.each([
    [
      'Clause IV.5 and IV.6',
      [
        { clause: 'IV', units: ['5'] },
        { clause: 'IV', units: ['6'] },
      ],
    ],
    [
      'Clause IV.5 and 6',
      [
        { clause: 'IV', units: ['5'] },
        { clause: 'IV', units: ['6'] },
      ],
    ],
    [
      'Clauses IV and V',
      [
        { clause: 'IV', units: [] },
        { clause: 'V', units: [] },
      ],
    ],
    [
      'Clause I.1.A and C',
      [
        { clause: 'I', units: ['1', 'A'] },
        { clause: 'I', units: ['1', 'C'] },
      ],
    ],
    ['Sub-clauses 5, 6 and 7', [{ units: ['5'] }, { units: ['6'] }, { units: ['7'] }]],
    ['Sub-clauses 5, 6, and 7', [{ units: ['5'] }, { units: ['6'] }, { units: ['7'] }]],
    ['Sub-clauses 5 & 6', [{ units: ['5'] }, { units: ['6'] }]],
    ['Sub-clauses 5 and 5.A', [{ units: ['5'] }, { units: ['5', 'A'] }]],
    [
      'Sub-clauses 5.A, B and C',
      [{ units: ['5', 'A'] }, { units: ['5', 'B'] }, { units: ['5', 'C'] }],
    ],
    ['Paragraphs A and B', [{ units: ['A'] }, { units: ['B'] }]],
  ])('list %s', (text, expected) => {
    const c = parseCitation(text);
    expect(c).toMatchObject({ start: 0, end: text.length, range: false });
    expect(c?.targets).toEqual(expected);
  });

  it('stops a list at a word that is not a label', () => {
    const text = 'Delete Sub-clause 7 and renumber accordingly';
    expect(parseCitations(text)).toEqual([
      { start: 7, end: 19, targets: [{ units: ['7'] }], range: false },
    ]);
  });
});

describe('citations in running text', () => {
  it('finds every citation in order', () => {
    const text =
      'Replace Clause IV.5 and IV.6 with the following. Add a new Sub-clause 5.F, after Sub-clause 5.E: "…" Delete Sub-clause 7 and renumber accordingly. In Rule 5.4.1, see Chapter 3, Clause III.';
    const found = parseCitations(text).map((c) => text.slice(c.start, c.end));
    expect(found).toEqual([
      'Clause IV.5 and IV.6',
      'Sub-clause 5.F',
      'Sub-clause 5.E',
      'Sub-clause 7',
      'Rule 5.4.1',
      'Chapter 3, Clause III',
    ]);
  });

  it('keeps separate citations apart', () => {
    const found = parseCitations('Chapter 5 and Chapter 6; Clause IV, Clause V');
    expect(found.map((c) => c.targets)).toEqual([
      [{ chapter: '5', units: [] }],
      [{ chapter: '6', units: [] }],
      [{ clause: 'IV', units: [] }],
      [{ clause: 'V', units: [] }],
    ]);
  });

  it.each([
    'Replace the words 15 per cent with the words 5 per cent',
    'one third of the members',
    'by 12 noon on 31 July 2024',
    'a 2.5 per cent increase, 10.30am, 1.5.3',
    'a clause in the rules as amended',
    'this Clause a member may',
    'the rule book',
    'Rule Book 2024',
    'Part of the reason',
    '',
  ])('finds nothing in prose: %s', (text) => {
    expect(parseCitations(text)).toEqual([]);
    expect(parseCitation(text)).toBeNull();
  });

  it('gives the first citation with parseCitation', () => {
    expect(parseCitation('text Sub-clause 3 and Clause IV.2')?.targets).toEqual([{ units: ['3'] }]);
  });

  it('never throws, and returns ordered, non-overlapping spans (fuzz)', () => {
    const pieces = [
      'Chapter',
      'Chapters',
      'Clause',
      'clauses',
      'Sub-clause',
      'Sub-clauses',
      'Paragraph',
      'Sub-paragraph',
      'Rule',
      'Article',
      'Section',
      'Part',
      'C',
      'Ch.',
      'The Labour Party Rule Book',
      'Rule Book',
      '2024',
      '5',
      '12',
      'IV',
      'I',
      'C',
      'A',
      'ii',
      'a',
      '.',
      '..',
      ',',
      ' ',
      '  ',
      '\n',
      '(',
      ')',
      '(pg 35)',
      'pg',
      'p.',
      'and',
      '&',
      'to',
      'through to',
      '-',
      '–',
      'above',
      'below',
      'of',
      'the',
      ':',
      '5A',
      '7viii',
      '(ii)',
      '(x)',
      'iv)',
      'Sub-section',
      'point',
      'Page 14',
      '’',
      '\u0000',
      '\uD800',
      '😀',
    ];
    const text = fc.oneof(
      fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((a) => a.join('')),
      fc.string({ maxLength: 80 }),
      fc.string({ unit: 'binary', maxLength: 80 }),
    );
    fc.assert(
      fc.property(text, fc.boolean(), (s, useLibdem) => {
        const profile = useLibdem ? libdem : undefined;
        const all = parseCitations(s, profile);
        let last = 0;
        for (const c of all) {
          expect(c.start).toBeGreaterThanOrEqual(last);
          expect(c.end).toBeGreaterThan(c.start);
          expect(c.end).toBeLessThanOrEqual(s.length);
          expect(c.targets.length).toBeGreaterThan(0);
          if (c.range) expect(c.targets).toHaveLength(2);
          last = c.end;
        }
        expect(parseCitation(s, profile)).toEqual(all[0] ?? null);
      }),
      { seed: 20240731, numRuns: 3000 },
    );
  });

  it('stays fast on long input', () => {
    const text =
      'Chapter 5, Clause IV, Sub-clauses 5, 6 and 7 (pg 3); '.repeat(2000) + 'a,'.repeat(20000);
    const t0 = Date.now();
    expect(parseCitations(text)).toHaveLength(2000);
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});

describe('resolveTarget', () => {
  it('fills chapter and clause from the context', () => {
    expect(resolveTarget({ units: ['5', 'A'] }, { chapter: '5', clause: 'IV' })).toEqual([
      '5',
      'IV',
      '5',
      'A',
    ]);
    expect(
      resolveTarget({ clause: 'I', units: ['1', 'A'] }, { chapter: '2', clause: 'IV' }),
    ).toEqual(['2', 'I', '1', 'A']);
    expect(resolveTarget(full('5', 'IV', '1'), {})).toEqual(['5', 'IV', '1']);
    expect(resolveTarget({ chapter: '3', units: [] }, { chapter: '5', clause: 'IV' })).toEqual([
      '3',
    ]);
  });

  it('uses the context clause for "Chapter 5, Sub-clause 3" only within that chapter', () => {
    const target = { chapter: '5', units: ['3'] };
    expect(resolveTarget(target, { chapter: '5', clause: 'IV' })).toEqual(['5', 'IV', '3']);
    expect(resolveTarget(target, { chapter: '6', clause: 'IV' })).toBeNull();
  });

  it('returns null when chapter or clause is missing from both', () => {
    expect(resolveTarget({ units: ['5'] }, { chapter: '5' })).toBeNull();
    expect(resolveTarget({ units: ['5'] }, {})).toBeNull();
    expect(resolveTarget({ clause: 'IV', units: ['5'] }, {})).toBeNull();
    expect(resolveTarget({ units: [] }, { chapter: '5', clause: 'IV' })).toBeNull();
  });
});

describe('expandRange', () => {
  const siblings = ['A', 'B', 'C', 'D', 'E', 'F'];
  it('lists the siblings from and to inclusive', () => {
    expect(expandRange(['5', 'IV', '5', 'B'], ['5', 'IV', '5', 'D'], siblings)).toEqual([
      ['5', 'IV', '5', 'B'],
      ['5', 'IV', '5', 'C'],
      ['5', 'IV', '5', 'D'],
    ]);
    expect(expandRange(['5', 'IV', '5', 'B'], ['5', 'IV', '5', 'B'], siblings)).toEqual([
      ['5', 'IV', '5', 'B'],
    ]);
  });

  it('follows the siblings as they stand, gaps included', () => {
    expect(expandRange(['5'], ['7'], ['4', '5', '5A', '6', '7'])).toEqual([
      ['5'],
      ['5A'],
      ['6'],
      ['7'],
    ]);
  });

  it('returns null for different parents, unknown labels or a backwards range', () => {
    expect(expandRange(['5', 'IV', '5', 'A'], ['5', 'IV', '6', 'E'], siblings)).toBeNull();
    expect(expandRange(['5', 'IV', '5', 'A'], ['5', 'IV', '5', 'Z'], siblings)).toBeNull();
    expect(expandRange(['5', 'IV', '5', 'E'], ['5', 'IV', '5', 'A'], siblings)).toBeNull();
    expect(expandRange(['5', 'IV', '5'], ['5', 'IV', '5', 'A'], siblings)).toBeNull();
    expect(expandRange([], [], siblings)).toBeNull();
  });
});

describe('parseCitationAt', () => {
  it('reads a citation only where it starts, with offsets in the whole text', () => {
    const text = 'See Chapter 5, Clause IV, Sub-clause 5.A for this.';
    expect(parseCitationAt(text, 0, labour)).toBeNull();
    const c = parseCitationAt(text, 4, labour);
    expect(c).toMatchObject({ start: 4, end: 40 });
    expect(c?.targets).toEqual([{ chapter: '5', clause: 'IV', units: ['5', 'A'] }]);
    // Inside a word is no start, as for parseCitations.
    expect(parseCitationAt('XChapter 5', 1, labour)).toBeNull();
  });

  it('agrees with the first citation parseCitation finds when that one starts at the position', () => {
    const samples = [
      'Clause I.1.A above',
      'Rule 5.4.1',
      '5.IV.5.A to 5.IV.5.C',
      'C5.IV.5, page 12',
    ];
    for (const text of samples) {
      expect(parseCitationAt(text, 0, labour)).toEqual(parseCitation(text, labour));
    }
  });
});

describe('input people could paste (bounded work, no stack overflow)', () => {
  it('reads at most 32 labels of a dotted run', () => {
    const c = parseCitation(`Sub-clause ${'1.'.repeat(50_000)}`);
    expect(c?.targets[0]?.units).toHaveLength(32);
    expect(c?.end).toBe(11 + 32 * 2 - 1);
  });

  it('reads a list of 150,000 units without spreading it into Math.min', () => {
    const units = Array.from({ length: 150_000 }, (_, i) => String((i % 9) + 1));
    const c = parseCitation(`Chapter 1, Clause I, Sub-clauses ${units.join(', ')}, Paragraph A`);
    expect(c?.targets).toHaveLength(150_000);
  });
});

describe('chapter and clause as other organisations print them', () => {
  // Their numbering maps onto Chapter → Clause → units: "8(xi)" is chapter 8, clause XI.
  it.each([
    ['Section 7viii', full('7', 'VIII')],
    ['7viii', full('7', 'VIII')],
    ['17(ii)', full('17', 'II')],
    ['8(xi)', full('8', 'XI')],
    ['Clause 8(xi)', full('8', 'XI')],
    ['clause 4 (x)', full('4', 'X')],
    ['Clause 9(iii)', full('9', 'III')],
    ['Paragraph 14i', full('14', 'I')],
    ['4.x', full('4', 'X')],
    ['Section 10.i', full('10', 'I')],
    ['Article 6.iv.2', full('6', 'IV', '2')],
    ['Clause 12(vi) (Page 14)', full('12', 'VI')],
  ])('%s', (text, expected) => {
    expect(targetsOf(text)).toEqual([expected]);
  });

  it('names the clause, never only its chapter', () => {
    for (const text of [
      'In Section 7viii, delete',
      'Clause 8(xi) of the rules',
      '4.x currently reads:',
    ]) {
      const path = resolveTarget(parseCitation(text)?.targets[0] ?? { units: [] }, {});
      expect(path, text).toHaveLength(2);
    }
  });

  it('reads the page after such a citation as the page, not a title', () => {
    expect(parseCitation('Clause 12(vi) (Page 14)')).toMatchObject({ page: '14', range: false });
  });

  it('reads a lower-case clause numeral, with or without its closing parenthesis', () => {
    expect(targetsOf('Clause iv)')).toEqual([{ clause: 'IV', units: [] }]);
    expect(targetsOf('Clause iv')).toEqual([{ clause: 'IV', units: [] }]);
    expect(targetsOf('Clause 5 (ii)')).toEqual([full('5', 'II')]);
  });

  it('reads lists of them', () => {
    expect(targetsOf('Clauses 8(xi) and 8(xii)')).toEqual([full('8', 'XI'), full('8', 'XII')]);
    expect(targetsOf('Clauses 8(xi) and (xii)')).toEqual([full('8', 'XI'), full('8', 'XII')]);
  });

  it('keeps a letter glued to a sub-clause a unit ("5A", "5A(ii)")', () => {
    expect(targetsOf('Sub-clause 5A(ii)')).toEqual([{ units: ['5', 'A', 'ii'] }]);
    expect(targetsOf('Sub-clause 5A')).toEqual([{ units: ['5', 'A'] }]);
  });

  it.each([
    'it runs 3x faster',
    'a 12v supply',
    'a 10mm gap',
    'under this rule i.e. the one above',
    'a rule e.g. this one',
    'option 2(a) is preferred',
    'at 10.30am',
  ])('finds nothing in prose: %s', (text) => {
    expect(parseCitations(text)).toEqual([]);
  });
});

describe('units named by Section, Sub-section and point, inner to outer', () => {
  it.each([
    // The deepest unit the labels name, by the profile's kinds, never Clause II.
    ['Section 2B (ii)', [{ units: ['2', 'B', 'ii'] }]],
    ['Chapter 4, Clause II, Section 2B (ii)', [full('4', 'II', '2', 'B', 'ii')]],
    ['Chapter 4, Clause II, Section 2', [full('4', 'II', '2')]],
    ['Sub-section C', [{ units: ['C'] }]],
    ['Chapter 2, Clause I, Sub-clause 3, Sub-section C', [full('2', 'I', '3', 'C')]],
    ['Clause IV, Sub-section ii', [{ clause: 'IV', units: ['ii'] }]],
    ['Rule 5.A', [{ units: ['5', 'A'] }]],
    // Inner to outer: the outer citation gives chapter and clause, the inner the unit.
    ['Subsection iv) of Article 8', [full('8', 'IV')]],
    ['Subsection (iv) of Article 8', [full('8', 'IV')]],
    ['Part viii of section 4', [full('4', 'VIII')]],
    ['point 6 of Clause 5(xvii)', [full('5', 'XVII', '6')]],
    ['points 6 and 7 of Clause 5(xvii)', [full('5', 'XVII', '6'), full('5', 'XVII', '7')]],
    ['Clause 5(xvii), point 6', [full('5', 'XVII', '6')]],
    ['Sub-section ii of Clause IV', [{ clause: 'IV', units: ['ii'] }]],
  ])('%s', (text, expected) => {
    expect(targetsOf(text)).toEqual(expected);
  });

  it('reads the page after them as the page', () => {
    expect(parseCitation('Chapter 4, Clause II, Section 2B (ii) (Page 14)')).toMatchObject({
      page: '14',
      targets: [full('4', 'II', '2', 'B', 'ii')],
    });
  });

  it('stops where the citation stops, in running text', () => {
    const text = 'In Part viii of section 4 of the constitution: delete';
    expect(parseCitations(text)).toMatchObject([{ start: 3, end: 25 }]);
    const more = 'add to point 6 of Clause 5(xvii) in the by-laws (Selection of Members):';
    expect(parseCitations(more).map((c) => more.slice(c.start, c.end))).toEqual([
      'point 6 of Clause 5(xvii)',
    ]);
  });

  it('reads a whole decimal citation after a clause as its own citation, not a unit of it', () => {
    expect(parseCitations('Clause IV, Section 3.3.2').map((c) => c.targets)).toEqual([
      [{ clause: 'IV', units: [] }],
      [full('3', 'III', '2')],
    ]);
  });

  it('takes "point" for a citation only with the place it is in', () => {
    expect(parseCitations('at this point 6 members had left')).toEqual([]);
    expect(parseCitations('point 6')).toEqual([]);
  });
});

describe('a chapter title in capitals between the numbers', () => {
  it.each([
    ['Section 10 MEETINGS Clause iv)', full('10', 'IV')],
    ['Section 10. MEETINGS Clause iv)', full('10', 'IV')],
    ['SECTION 3 MEMBERS AND BRANCHES CLAUSE II', full('3', 'II')],
    ['Chapter 6 OFFICERS & COMMITTEES, Clause V', full('6', 'V')],
  ])('%s', (text, expected) => {
    expect(targetsOf(text)).toEqual([expected]);
  });

  it('keeps the title out of the citation when nothing follows it', () => {
    const text = 'So Section 10 MEETINGS now reads:';
    expect(parseCitations(text)).toMatchObject([{ start: 3, end: 13 }]);
  });

  it('does not read an instruction in capitals as a title', () => {
    expect(parseCitations('Chapter 5 DELETE Clause IV').map((c) => c.targets)).toEqual([
      [{ chapter: '5', units: [] }],
      [{ clause: 'IV', units: [] }],
    ]);
  });
});

describe('the new forms on long input', () => {
  it('stays fast on thousands of them and on long runs of their pieces', () => {
    const forms =
      'Section 10 MEETINGS Clause iv); point 6 of Clause 5(xvii); Part viii of section 4; ';
    const text = `${forms.repeat(1000)}${'Section 1 '.repeat(5000)}${'8(xi)'.repeat(5000)}${'POINT '.repeat(5000)}`;
    const t0 = Date.now();
    const found = parseCitations(text);
    expect(found.length).toBeGreaterThanOrEqual(3000);
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});

describe('a decimal citation heading a line ("12.6:")', () => {
  it.each([
    ['12.6: Delete the words', full('12', 'VI'), 0, 4],
    ['29.1: Delete the whole wording', full('29', 'I'), 0, 4],
    ['Motion 4\n  14.2.1: Add at end', full('14', 'II', '1'), 11, 17],
    ['Rule 12.6: delete', full('12', 'VI'), 0, 9],
  ])('%j', (text, target, start, end) => {
    expect(parseCitations(text)).toMatchObject([{ start, end, targets: [target] }]);
  });

  it.each([
    'The meeting closed at 10.30: members then left',
    '12.6 The branch shall adopt its own rules.',
    '2.5:1 is the ratio',
    '12:',
  ])('finds nothing in %j', (text) => {
    expect(parseCitations(text)).toEqual([]);
  });
});

describe('editions as people write them', () => {
  const names = [
    'The Labour Party Rulebook 2016',
    'Rule Book 2016',
    'Rulebook 2016',
    'RULEBOOK 2016',
    'Rule-book 2016',
    'Rulebook, 2016',
    '2016 Rule Book',
    'the 2016 rulebook',
    "The Labour Party's 2016 Rule Book",
  ];

  it.each(names)('%s, before a citation', (name) => {
    expect(parseCitation(`${name}, Chapter 3, Clause II`)).toMatchObject({
      start: 0,
      edition: '2016',
      targets: [full('3', 'II')],
    });
  });

  it.each(names)('%s, after a citation', (name) => {
    const text = `Chapter 3, Clause II of ${name}`;
    expect(parseCitation(text)).toMatchObject({ edition: '2016', end: text.length });
  });

  it.each(names)('editionNamed finds %s in running text', (name) => {
    expect(editionNamed(`Amending ${name} as follows: delete`)).toBe('2016');
  });

  it('editionNamed gives the first edition named, or null', () => {
    expect(editionNamed('Rule Book 2016, then the 2024 Rule Book')).toBe('2016');
    expect(editionNamed('Liberal Democrats Rule Book 2023', libdem)).toBe('2023');
    for (const text of [
      '',
      'the rule book',
      'in 2016 the book',
      'Rulebook 20161',
      'a Rulebook of 2016',
    ]) {
      expect(editionNamed(text), text).toBeNull();
    }
  });

  it('reads an edition after a long run of spaces in linear time', () => {
    const spaces = ' '.repeat(100_000);
    const t0 = Date.now();
    expect(parseCitations(`Rule Book${spaces}x`)).toEqual([]);
    expect(editionNamed(`Rule Book${spaces}x Rule Book${spaces}2016`)).toBe('2016');
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});
