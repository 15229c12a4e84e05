import { describe, expect, it } from 'vitest';
import { labourProfile } from '../../profiles';
import { LineState } from './state';
import { addText, paragraphReceiver, readText } from './text';

const lines = ['1. First line', '   wrapped   here', '', '   Second paragraph.'];

describe('addText', () => {
  it('joins wrapped lines by a space and paragraphs by a newline, keeping the source lines', () => {
    const st = new LineState(lines.join('\n'), 'markdown', labourProfile, '2024');
    const unit = st.newUnit('unit', 2, '1', '1.', '', ['1', 'I', '1'], 0, 0);
    addText(st, unit, 'First line', 0, false);
    addText(st, unit, lines[1]!, 1, false);
    addText(st, unit, lines[3]!, 3, true);
    expect(unit.text).toBe('First line wrapped here\nSecond paragraph.');
    expect(unit.sourceLines).toEqual(lines);
    expect(unit.end).toMatchObject({ line: 4, column: 21 });
  });
});

describe('paragraphReceiver', () => {
  it('gives a Markdown paragraph to the deepest unit left of it, closing deeper ones', () => {
    const st = new LineState('', 'markdown', labourProfile, '2024');
    const a = st.newUnit('unit', 2, '1', '1.', '', [], 0, 0);
    const b = st.newUnit('unit', 3, 'A', 'A.', '', [], 0, 3);
    st.stack = [
      { unit: a, col: 0 },
      { unit: b, col: 3 },
    ];
    expect(paragraphReceiver(st, 3)).toBe(a);
    expect(st.stack.map((o) => o.unit)).toEqual([a]);
  });
});

describe('readText', () => {
  it('warns about text in a chapter before any clause', () => {
    const st = new LineState('', 'markdown', labourProfile, '2024');
    st.chapter = st.newUnit('chapter', 0, '1', '', '', ['1'], 0, 0);
    readText(st, 'Loose words.', 2, 0);
    expect(st.chapter.text).toBe('Loose words.');
    expect(st.diagnostics).toMatchObject([{ ruleId: 'text-outside-clause', line: 3 }]);
  });
});
