import { describe, expect, it } from 'vitest';
import { labourProfile } from '../../profiles';
import { LineState } from './state';

const limited = (rulebookUnits: number, rulebookDepth: number) => ({
  ...labourProfile,
  limits: { ...labourProfile.limits, rulebookUnits, rulebookDepth },
});

describe('LineState', () => {
  it('places units by line and column, with offsets in the source', () => {
    const st = new LineState('ab\n  cd\n', 'text', labourProfile, '2030');
    st.blank = 2;
    const unit = st.newUnit('unit', 2, '1', '1.', '', ['1', 'I', '1'], 1, 2);
    expect(unit).toMatchObject({
      address: '2030:1.I.1',
      start: { line: 2, column: 3, offset: 5 },
      end: { line: 2, column: 5, offset: 7 },
      sourceLines: ['  cd'],
      blankBefore: 2,
    });
  });

  it('stops at one unit over the limit, with an error at its place', () => {
    const st = new LineState('', 'text', limited(2, 12), undefined);
    expect(st.withinLimits(0, 0, 0)).toBe(true);
    expect(st.withinLimits(1, 1, 0)).toBe(true);
    expect(st.withinLimits(2, 4, 3)).toBe(false);
    expect(st.stopped).toBe(true);
    expect(st.diagnostics).toMatchObject([{ ruleId: 'too-many-units', line: 5, column: 4 }]);
  });

  it('stops at one level too deep', () => {
    const st = new LineState('', 'text', limited(100, 3), undefined);
    expect(st.withinLimits(2, 0, 0)).toBe(true);
    expect(st.withinLimits(3, 7, 0)).toBe(false);
    expect(st.diagnostics[0]?.message).toBe(
      "Unexpected unit nested 4 levels deep, expected at most 3 levels (the profile's limit)",
    );
  });

  it('checks a placed unit against its previous sibling and the addresses so far', () => {
    const st = new LineState('# Chapter 1\n# Chapter 3\n# Chapter 1', 'text', labourProfile, 'e');
    const chapters = st.rulebook.chapters;
    for (const [line, label] of [
      [0, '1'],
      [1, '3'],
      [2, '1'],
    ] as const) {
      const chapter = st.newUnit('chapter', 0, label, '', '', [label], line, 0);
      st.placeUnit(chapter, null, chapters, 'Chapter');
      chapters.push(chapter);
    }
    expect(st.diagnostics.map((d) => `${d.line} ${d.ruleId}`)).toEqual([
      '2 label-sequence',
      '3 duplicate-address',
    ]);
  });
});
