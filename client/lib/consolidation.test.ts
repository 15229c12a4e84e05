import { describe, expect, it } from 'vitest';
import type { ApiUnit, UnitHistoryEntry } from '../../schemas/api';
import { amendedBy, editionChanges, historyByPath, nextEdition } from './consolidation';

const unit = (path: string, text: string, children: ApiUnit[] = []): ApiUnit => ({
  kind: path.split('.').length > 2 ? 'unit' : path.includes('.') ? 'clause' : 'chapter',
  depth: path.split('.').length - 1,
  label: path.split('.').at(-1) ?? '',
  marker: '',
  title: '',
  text,
  path,
  address: `2024:${path}`,
  children,
});

const entry = (path: string, card: number): UnitHistoryEntry => ({
  path,
  recordedPath: path,
  editionId: 'labour-2025',
  edition: '2025',
  motionId: `motion${card}`,
  title: `Motion ${card}`,
  body: 'Anytown CLP',
  conference: 2026,
  card,
  words: 'CARRIED',
});

describe('amendedBy', () => {
  it('says which conference and card vote changed a unit', () => {
    expect(amendedBy(entry('5.IV.5', 8))).toBe('Amended by Conference 2026, card vote 8');
  });
});

describe('historyByPath', () => {
  it('groups lines by unit, keeping their order', () => {
    const byPath = historyByPath([entry('3.III.4', 3), entry('5.IV.5', 8), entry('3.III.4', 9)]);
    expect([...byPath.keys()]).toEqual(['3.III.4', '5.IV.5']);
    expect(byPath.get('3.III.4')?.map((e) => e.card)).toEqual([3, 9]);
  });
});

describe('editionChanges', () => {
  const base = [
    unit('5', '', [
      unit('5.IV', '', [
        unit('5.IV.1', 'one third of branches'),
        unit('5.IV.2', 'unchanged text'),
        unit('5.IV.3', 'to be deleted', [unit('5.IV.3.A', 'goes with it')]),
      ]),
    ]),
  ];
  const next = [
    unit('5', '', [
      unit('5.IV', '', [
        unit('5.IV.1', 'one fifth of branches'),
        unit('5.IV.2', 'unchanged text'),
        unit('5.IV.4', 'a new unit'),
      ]),
    ]),
  ];

  it('redlines changed units and marks new ones, leaving the rest alone', () => {
    const { changed } = editionChanges(base, next);
    expect([...changed.keys()]).toEqual(['5.IV.1', '5.IV.4']);
    expect(changed.get('5.IV.1')).toEqual({
      kind: 'changed',
      spans: [
        { kind: 'same', text: 'one' },
        { kind: 'del', text: 'third' },
        { kind: 'ins', text: 'fifth' },
        { kind: 'same', text: 'of branches' },
      ],
    });
    expect(changed.get('5.IV.4')).toEqual({
      kind: 'inserted',
      spans: [{ kind: 'ins', text: 'a new unit' }],
    });
  });

  it('lists removed units under their parent, without their children again', () => {
    const { removed } = editionChanges(base, next);
    expect([...removed.keys()]).toEqual(['5.IV']);
    expect(removed.get('5.IV')?.map((u) => u.path)).toEqual(['5.IV.3']);
  });

  it('finds nothing between an edition and itself', () => {
    const { changed, removed } = editionChanges(base, base);
    expect(changed.size + removed.size).toBe(0);
  });
});

describe('nextEdition', () => {
  it('moves the trailing year on by one', () => {
    expect(nextEdition({ id: 'labour-2024', edition: '2024' })).toEqual({
      id: 'labour-2025',
      edition: '2025',
    });
  });

  it('leaves a name without a year for the person to fill in', () => {
    expect(nextEdition({ id: 'rules', edition: 'Spring' })).toEqual({
      id: 'rules-next',
      edition: '',
    });
  });
});
