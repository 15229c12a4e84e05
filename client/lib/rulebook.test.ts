import { describe, expect, it } from 'vitest';
import type { ApiUnit, Edition } from '../../schemas/api';
import { motionFromDraft } from '../../core/amendments/draft';
import { editionToRulebook, flattenUnits, touchCounts, unitName } from './rulebook';

const unit = (p: Partial<ApiUnit> & Pick<ApiUnit, 'path' | 'label'>): ApiUnit => ({
  kind: 'unit',
  depth: p.path.split('.').length - 1,
  marker: `${p.label}.`,
  title: '',
  text: '',
  address: `2024:${p.path}`,
  children: [],
  ...p,
});

export const sampleEdition: Edition = {
  id: 'labour-2024',
  organisation: 'Labour Party',
  title: 'Rule Book',
  edition: '2024',
  profile: 'labour',
  units: 4,
  words: 20,
  chapters: [
    unit({
      kind: 'chapter',
      path: '5',
      label: '5',
      marker: '',
      title: 'Selections',
      children: [
        unit({
          kind: 'clause',
          path: '5.IV',
          label: 'IV',
          marker: '',
          title: 'Selection of Westminster parliamentary candidates',
          children: [
            unit({
              path: '5.IV.1',
              label: '1',
              text: 'The NEC shall issue procedural rules and guidelines for the selection of candidates.',
            }),
            unit({
              path: '5.IV.2',
              label: '2',
              text: 'A trigger ballot will be carried out through Party branches.',
            }),
          ],
        }),
      ],
    }),
  ],
};

describe('editionToRulebook', () => {
  it('gives motionFromDraft a rulebook it can amend', () => {
    const rulebook = editionToRulebook(sampleEdition);
    const result = motionFromDraft(rulebook, [
      {
        id: 'a',
        kind: 'amend',
        target: '5.IV.2',
        order: 1,
        text: 'An open selection will be carried out through Party branches.',
      },
    ]);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.motionText).toContain('open selection');
  });
});

describe('flattenUnits and names', () => {
  it('lists units in document order', () => {
    expect(flattenUnits(sampleEdition.chapters).map((u) => u.path)).toEqual([
      '5',
      '5.IV',
      '5.IV.1',
      '5.IV.2',
    ]);
    const [chapter, clause, first] = flattenUnits(sampleEdition.chapters);
    expect([chapter, clause, first].map((u) => (u ? unitName(u) : ''))).toEqual([
      'Chapter 5',
      'Clause 5.IV',
      '5.IV.1',
    ]);
  });

  it('counts each motion once per unit', () => {
    const counts = touchCounts([{ units: ['5.IV.1', '5.IV.1'] }, { units: ['5.IV.1', '5.IV.2'] }]);
    expect(counts.get('5.IV.1')).toBe(2);
    expect(counts.get('5.IV.2')).toBe(1);
  });
});
