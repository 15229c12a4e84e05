import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EditionSummary, MotionSummary, ProgressView } from '../../schemas/api';
import { labourProfile, libdemProfile } from '../../core/profiles';
import {
  DEFAULT_SORT,
  SORT_COLUMNS,
  ariaSort,
  bodyOptions,
  clearFilters,
  comparePaths,
  countText,
  defaultQuery,
  emptyFilter,
  filterMotions,
  isFiltered,
  nextSort,
  normaliseQuery,
  parseDashboardQuery,
  resultText,
  serialiseDashboardQuery,
  sortMotions,
  stateCounts,
  stateOptions,
  toggleState,
  touchesUnit,
  workflowsFor,
  yearOptions,
  type DashboardFilter,
  type DashboardQuery,
  type SortColumn,
} from './dashboard';

const noProgress: ProgressView = {
  version: 0,
  meeting: null,
  ruling: null,
  position: null,
  result: null,
  year: null,
};

const label = (state: string) =>
  labourProfile.workflow.states.find((s) => s.id === state)?.label ?? state;

function motion(
  id: string,
  over: Partial<Omit<MotionSummary, 'progress'>> = {},
  progress: Partial<ProgressView> = {},
): MotionSummary {
  const state = over.state ?? 'draft';
  return {
    id,
    editionId: 'labour-2024',
    title: `Motion ${id}`,
    bodyId: 'anytown-clp',
    body: 'Anytown CLP',
    state,
    stateLabel: label(state),
    access: 'read',
    createdAt: '2026-05-01T10:00:00.000Z',
    updatedAt: '2026-05-01T10:00:00.000Z',
    units: [],
    identical: [],
    ...over,
    progress: { ...noProgress, ...progress },
  };
}

const vote = (card: number, forPercent: number, carried: boolean) => ({
  card,
  sections: {},
  forPercent,
  againstPercent: Math.round((100 - forPercent) * 100) / 100,
  carried,
  words: carried ? 'CARRIED' : 'NOT CARRIED',
});

/** A small conference: one motion at each interesting stage, across bodies, editions and years. */
const MOTIONS: MotionSummary[] = [
  motion(
    'open',
    {
      title: 'Open selection of MPs',
      state: 'carried',
      units: ['5.IV.5.B.i', '5.IV.5.B.ii'],
      updatedAt: '2026-09-30T12:00:00.000Z',
    },
    {
      year: 2026,
      ruling: { label: 'Ruled in order', note: '', at: '2026-08-01T09:00:00.000Z' },
      position: { position: 'support', label: 'Support' },
      result: vote(3, 62.5, true),
    },
  ),
  motion(
    'ballot',
    {
      title: 'A trigger ballot of all members',
      bodyId: 'riverside-clp',
      body: 'Riverside CLP',
      state: 'not-carried',
      units: ['5.IV.5.A'],
      updatedAt: '2026-09-29T12:00:00.000Z',
    },
    {
      year: 2026,
      ruling: { label: 'Ruled in order', note: '', at: '2026-08-01T09:00:00.000Z' },
      position: { position: 'remit', label: 'Seek remission' },
      result: vote(8, 14.58, false),
    },
  ),
  motion(
    'revisit',
    {
      title: 'Conference may revisit a rule after one year',
      bodyId: 'northfield-clp',
      body: 'Northfield CLP',
      state: 'out-of-order',
      units: ['3.III.4', '3.III.4.C'],
      updatedAt: '2026-08-02T12:00:00.000Z',
    },
    {
      year: 2027,
      ruling: {
        label: 'Ruled out of order',
        note: 'Three-year rule',
        at: '2026-08-02T12:00:00.000Z',
      },
    },
  ),
  motion('shortlist', {
    title: "Delete the NEC's power to impose a shortlist",
    bodyId: 'hillside-blp',
    body: 'Hillside Branch Labour Party',
    state: 'draft',
    units: ['5.IV.7'],
    updatedAt: '2026-07-01T12:00:00.000Z',
  }),
  motion(
    'tenth',
    {
      title: 'Sub-clause ten',
      state: 'submitted',
      units: ['5.IV.10'],
      editionId: 'labour-2022',
      updatedAt: '2026-06-01T12:00:00.000Z',
    },
    { year: 2027 },
  ),
];

const ctx = { stateOrder: labourProfile.workflow.states.map((s) => s.id) };
const ids = (list: readonly MotionSummary[]) => list.map((m) => m.id);
const filter = (f: Partial<DashboardFilter>) =>
  ids(filterMotions(MOTIONS, { ...emptyFilter(), ...f }));

describe('filtering', () => {
  it('keeps everything with an empty filter', () => {
    expect(filter({})).toEqual(ids(MOTIONS));
    expect(isFiltered(emptyFilter())).toBe(false);
  });

  it('filters by any of several states and any of several bodies', () => {
    expect(filter({ state: ['carried'] })).toEqual(['open']);
    expect(filter({ state: ['carried', 'not-carried'] })).toEqual(['open', 'ballot']);
    expect(filter({ body: ['riverside-clp', 'hillside-blp'] })).toEqual(['ballot', 'shortlist']);
    expect(filter({ state: ['carried'], body: ['riverside-clp'] })).toEqual([]);
  });

  it('filters by edition and by the conference year submitted for', () => {
    expect(filter({ edition: 'labour-2022' })).toEqual(['tenth']);
    expect(filter({ year: 2027 })).toEqual(['revisit', 'tenth']);
    expect(filter({ year: 2025 })).toEqual([]);
  });

  it('filters by a unit prefix, a whole segment at a time', () => {
    expect(filter({ unit: '5.IV' })).toEqual(['open', 'ballot', 'shortlist', 'tenth']);
    expect(filter({ unit: '5.IV.5.B' })).toEqual(['open']);
    expect(filter({ unit: '5.IV.5.B.i' })).toEqual(['open']);
    expect(filter({ unit: '3' })).toEqual(['revisit']);
    // "5.IV.1" is not a prefix of 5.IV.10: segments, not characters.
    expect(filter({ unit: '5.IV.1' })).toEqual([]);
    expect(touchesUnit(['5.IV.5.B.i'], '5.iv.5.b')).toBe(true);
    expect(touchesUnit(['5.IV.5.B.i'], ' 5.IV. ')).toBe(true);
    expect(touchesUnit([], '5')).toBe(false);
    expect(touchesUnit([], '  ')).toBe(true);
  });

  it('searches every word in the title and the body name, in any case', () => {
    expect(filter({ q: 'TRIGGER' })).toEqual(['ballot']);
    expect(filter({ q: 'riverside ballot' })).toEqual(['ballot']);
    expect(filter({ q: 'riverside open' })).toEqual([]);
    expect(filter({ q: 'anytown' })).toEqual(['open', 'tenth']);
    expect(filter({ q: '   ' })).toEqual(ids(MOTIONS));
  });
});

describe('counts per state', () => {
  it('counts what each state would show, under every other part of the filter', () => {
    const all = stateCounts(MOTIONS, emptyFilter());
    expect(Object.fromEntries(all)).toEqual({
      carried: 1,
      'not-carried': 1,
      'out-of-order': 1,
      draft: 1,
      submitted: 1,
    });
    // The state filter itself does not change the counts…
    expect(stateCounts(MOTIONS, { ...emptyFilter(), state: ['carried'] })).toEqual(all);
    // …the others do.
    const anytown = stateCounts(MOTIONS, { ...emptyFilter(), body: ['anytown-clp'] });
    expect(Object.fromEntries(anytown)).toEqual({ carried: 1, submitted: 1 });
  });

  it('agrees with the list: a state’s count is what choosing it alone shows', () => {
    const f: DashboardFilter = { ...emptyFilter(), unit: '5.IV', state: ['draft'] };
    for (const [state, count] of stateCounts(MOTIONS, f)) {
      expect(filterMotions(MOTIONS, { ...f, state: [state] })).toHaveLength(count);
    }
  });
});

describe('sorting', () => {
  const sorted = (column: SortColumn, direction: 'asc' | 'desc' = 'asc') =>
    ids(sortMotions(MOTIONS, { column, direction }, ctx));

  it('sorts by title and body name, ignoring case', () => {
    expect(sorted('title')).toEqual(['ballot', 'revisit', 'shortlist', 'open', 'tenth']);
    expect(sorted('title', 'desc')).toEqual(['tenth', 'open', 'shortlist', 'revisit', 'ballot']);
    // Two Anytown motions: equal bodies fall back to the title.
    expect(sorted('body')).toEqual(['open', 'tenth', 'shortlist', 'revisit', 'ballot']);
  });

  it('sorts states in workflow order, not alphabetically', () => {
    expect(sorted('state')).toEqual(['shortlist', 'tenth', 'revisit', 'open', 'ballot']);
  });

  it('sorts by the first unit touched, in rulebook order', () => {
    expect(sorted('units')).toEqual(['revisit', 'ballot', 'open', 'shortlist', 'tenth']);
  });

  it('puts rows without a value last in both directions', () => {
    expect(sorted('result')).toEqual(['ballot', 'open', 'revisit', 'shortlist', 'tenth']);
    expect(sorted('result', 'desc')).toEqual(['open', 'ballot', 'revisit', 'shortlist', 'tenth']);
    expect(sorted('ruling')).toEqual(['ballot', 'open', 'revisit', 'shortlist', 'tenth']);
    expect(sorted('position', 'desc')).toEqual(['open', 'ballot', 'revisit', 'shortlist', 'tenth']);
    expect(sorted('year', 'desc')).toEqual(['revisit', 'tenth', 'ballot', 'open', 'shortlist']);
  });

  it('sorts by the last change', () => {
    expect(sorted('updated', 'desc')).toEqual(['open', 'ballot', 'revisit', 'shortlist', 'tenth']);
    expect(sorted('updated')).toEqual(['tenth', 'shortlist', 'revisit', 'ballot', 'open']);
  });

  it('does not change the list it is given', () => {
    const copy = [...MOTIONS];
    sortMotions(MOTIONS, { column: 'title', direction: 'asc' }, ctx);
    expect(MOTIONS).toEqual(copy);
  });

  it('reads unit labels as their level counts', () => {
    const order = [
      '5.IV.9',
      '5.IV.10',
      '5.IX',
      '5.IV',
      '10.I',
      '5.IV.5.I',
      '5.IV.5.H',
      '5.IV.5.B.ii',
    ];
    expect([...order].sort((a, b) => comparePaths(a, b))).toEqual([
      '5.IV',
      '5.IV.5.B.ii',
      '5.IV.5.H',
      '5.IV.5.I',
      '5.IV.9',
      '5.IV.10',
      '5.IX',
      '10.I',
    ]);
    // A label that is not of its level's kind still sorts sensibly: numbers as numbers.
    expect(comparePaths('5.9', '5.10')).toBeLessThan(0);
    expect(comparePaths('5.IV', '5.IV')).toBe(0);
  });

  it('turns a column round on a second click and starts others the useful way', () => {
    expect(nextSort(DEFAULT_SORT, 'updated')).toEqual({ column: 'updated', direction: 'asc' });
    expect(nextSort(DEFAULT_SORT, 'title')).toEqual({ column: 'title', direction: 'asc' });
    expect(nextSort({ column: 'title', direction: 'asc' }, 'title')).toEqual({
      column: 'title',
      direction: 'desc',
    });
    expect(nextSort({ column: 'title', direction: 'asc' }, 'year')).toEqual({
      column: 'year',
      direction: 'desc',
    });
    expect(ariaSort(DEFAULT_SORT, 'updated')).toBe('descending');
    expect(ariaSort({ column: 'title', direction: 'asc' }, 'title')).toBe('ascending');
    expect(ariaSort(DEFAULT_SORT, 'title')).toBe('none');
  });
});

describe('changing the filter', () => {
  it('toggles a state in and out', () => {
    const once = toggleState(defaultQuery(), 'submitted');
    const twice = toggleState(once, 'carried');
    expect(twice.filter.state).toEqual(['carried', 'submitted']);
    expect(toggleState(twice, 'submitted').filter.state).toEqual(['carried']);
    expect(isFiltered(once.filter)).toBe(true);
  });

  it('clears every filter but keeps the sort', () => {
    const query: DashboardQuery = {
      filter: { state: ['draft'], body: ['x'], edition: 'e', unit: '5', q: 'a', year: 2026 },
      sort: { column: 'title', direction: 'asc' },
    };
    expect(clearFilters(query)).toEqual({
      filter: emptyFilter(),
      sort: { column: 'title', direction: 'asc' },
    });
  });
});

describe('the query string', () => {
  it('reads a shared link', () => {
    expect(
      parseDashboardQuery('state=carried,nec-position&body=anytown-clp&sort=-updated'),
    ).toEqual({
      filter: { ...emptyFilter(), state: ['carried', 'nec-position'], body: ['anytown-clp'] },
      sort: { column: 'updated', direction: 'desc' },
    });
    expect(
      parseDashboardQuery('?edition=labour-2024&unit=5.IV&q=open%20selection&year=2026&sort=title'),
    ).toEqual({
      filter: {
        ...emptyFilter(),
        edition: 'labour-2024',
        unit: '5.IV',
        q: 'open selection',
        year: 2026,
      },
      sort: { column: 'title', direction: 'asc' },
    });
    expect(parseDashboardQuery('')).toEqual(defaultQuery());
  });

  it('ignores unknown parameters and values it cannot read', () => {
    expect(parseDashboardQuery('utm_source=mail&state=draft&page=2')).toEqual({
      ...defaultQuery(),
      filter: { ...emptyFilter(), state: ['draft'] },
    });
    expect(parseDashboardQuery('sort=colour&year=next&q=%E0%A4%A&edition=')).toEqual(
      defaultQuery(),
    );
    expect(parseDashboardQuery('year=0').filter.year).toBeNull();
    expect(parseDashboardQuery('state=,,draft,').filter.state).toEqual(['draft']);
  });

  it('reads "+" as a space and lets the last of a repeated parameter count', () => {
    expect(parseDashboardQuery('q=open+selection').filter.q).toBe('open selection');
    expect(parseDashboardQuery('q=first&q=second').filter.q).toBe('second');
  });

  it('writes one spelling per view, leaving out what is default', () => {
    expect(serialiseDashboardQuery(defaultQuery())).toBe('');
    const query: DashboardQuery = {
      filter: {
        state: ['nec-position', 'carried', 'carried'],
        body: ['anytown-clp'],
        edition: null,
        unit: '',
        q: 'open & shut, 100%',
        year: 2026,
      },
      sort: { column: 'result', direction: 'asc' },
    };
    expect(serialiseDashboardQuery(query)).toBe(
      'state=carried,nec-position&body=anytown-clp&q=open%20%26%20shut%2C%20100%25&year=2026&sort=result',
    );
    // An id holding a comma stays one id.
    const comma = { ...defaultQuery(), filter: { ...emptyFilter(), body: ['a,b'] } };
    expect(serialiseDashboardQuery(comma)).toBe('body=a%2Cb');
    expect(parseDashboardQuery('body=a%2Cb').filter.body).toEqual(['a,b']);
  });

  const text = fc.string({ unit: 'binary', maxLength: 12 });
  const id = fc.oneof(fc.constantFrom('draft', 'carried', 'nec-position', 'anytown-clp'), text);
  const query: fc.Arbitrary<DashboardQuery> = fc.record({
    filter: fc.record({
      state: fc.array(id, { maxLength: 4 }),
      body: fc.array(id, { maxLength: 3 }),
      edition: fc.option(fc.oneof(fc.constant('labour-2024'), text), { nil: null }),
      unit: fc.oneof(fc.constantFrom('5.IV', '5.IV.5.B.i', ''), text),
      q: text,
      year: fc.option(fc.integer({ min: -5, max: 12_000 }), { nil: null }),
    }),
    sort: fc.record({
      column: fc.constantFrom(...SORT_COLUMNS),
      direction: fc.constantFrom('asc' as const, 'desc' as const),
    }),
  });

  it('round-trips every query through its link', () => {
    fc.assert(
      fc.property(query, (q) => {
        const link = serialiseDashboardQuery(q);
        expect(parseDashboardQuery(link)).toEqual(normaliseQuery(q));
        expect(serialiseDashboardQuery(parseDashboardQuery(link))).toBe(link);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  it('reads any string without throwing, into a query in its canonical form', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        const q = parseDashboardQuery(s);
        expect(normaliseQuery(q)).toEqual(q);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });
});

describe('choices and cells', () => {
  it('offers the workflow’s states in order, then states only motions or links name', () => {
    const options = stateOptions(
      [labourProfile.workflow],
      [motion('x', { state: 'mystery', stateLabel: 'Mystery' })],
      ['from-a-link'],
    );
    expect(options.slice(0, 3)).toEqual([
      { id: 'draft', label: 'Draft' },
      { id: 'adopted', label: 'Adopted by the CLP' },
      { id: 'submitted', label: 'Submitted' },
    ]);
    expect(options.slice(-2)).toEqual([
      { id: 'mystery', label: 'Mystery' },
      { id: 'from-a-link', label: 'from-a-link' },
    ]);
    expect(options).toHaveLength(labourProfile.workflow.states.length + 2);
  });

  it('takes the workflows of the editions in use, each profile once', () => {
    const edition = (id: string, profile: string): EditionSummary => ({
      id,
      organisation: 'X',
      title: 'Rule Book',
      edition: id,
      profile,
      units: 1,
      words: 1,
    });
    const editions = [
      edition('labour-2024', 'labour'),
      edition('labour-2022', 'labour'),
      edition('libdem-2025', 'libdem'),
    ];
    expect(workflowsFor(editions, MOTIONS, null)).toEqual([labourProfile.workflow]);
    expect(workflowsFor(editions, MOTIONS, 'libdem-2025')).toEqual([libdemProfile.workflow]);
    expect(workflowsFor(editions, [], null)).toEqual([]);
  });

  it('offers the bodies with motions by name, and the years latest first', () => {
    expect(bodyOptions(MOTIONS).map((b) => b.name)).toEqual([
      'Anytown CLP',
      'Hillside Branch Labour Party',
      'Northfield CLP',
      'Riverside CLP',
    ]);
    expect(yearOptions(MOTIONS, null)).toEqual([2027, 2026]);
    expect(yearOptions(MOTIONS, 2019)).toEqual([2027, 2026, 2019]);
  });

  it('writes the result as the results sheet does, without the title', () => {
    expect(resultText(vote(8, 14.58, false))).toBe(
      'Card vote 8 — 14.58% for, 85.42% against — NOT CARRIED',
    );
    expect(resultText(vote(3, 62.5, true))).toBe(
      'Card vote 3 — 62.50% for, 37.50% against — CARRIED',
    );
  });

  it('says how much of the list is shown', () => {
    expect(countText(12, 20)).toBe('12 of 20 motions');
    expect(countText(1, 1)).toBe('1 of 1 motion');
    expect(countText(0, 0)).toBe('0 of 0 motions');
  });
});
