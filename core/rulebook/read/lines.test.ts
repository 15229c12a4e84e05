import { describe, expect, it } from 'vitest';
import { labourProfile } from '../../profiles';
import { readBlocks, readLine, skipContents } from './lines';
import { LineState } from './state';

/** Reads every body line of a source, as parseRulebook does. */
function readAll(source: string, format: 'markdown' | 'text', fragment = false): LineState {
  const st = new LineState(source, format, labourProfile, undefined);
  readBlocks(st, fragment, undefined);
  if (!fragment) skipContents(st);
  for (let i = st.bodyStart; i < st.lines.length && !st.stopped; i++) readLine(st, i);
  return st;
}

describe('readBlocks', () => {
  it('takes the front matter and starts the body after it', () => {
    const st = readAll('---\nedition: "2030"\n---\n# Chapter 1: A\n', 'markdown');
    expect(st.rulebook.frontMatter).toBe('---\nedition: "2030"\n---');
    expect(st.bodyStart).toBe(3);
    expect(st.meta.edition).toBe('2030');
    expect(st.rulebook.chapters[0]?.address).toBe('2030:1');
  });
});

describe('readLine', () => {
  it('keeps a plain-text title page in the preamble and names the edition from it', () => {
    const st = readAll('Rule Book 2019\n\nChapter 1 Aims\n12\nClause I Values\n', 'text');
    expect(st.rulebook.preamble).toEqual(['Rule Book 2019']);
    // The blank line before the chapter is the chapter's, so it is written back with it.
    expect(st.rulebook.chapters[0]?.blankBefore).toBe(1);
    expect(st.meta.edition).toBe('2019');
    // The lone "12" is a page number, read as nothing.
    expect(st.rulebook.chapters[0]?.children[0]).toMatchObject({ address: '2019:1.I', text: '' });
  });

  it('reads a page number as nothing, with the blank lines around it', () => {
    const st = readAll('Chapter 1 Aims\nClause I Values\n1. One.\n\n12\n2. Two.\n', 'text');
    const units = st.rulebook.chapters[0]?.children[0]?.children;
    expect(units?.map((u) => [u.label, u.text, u.blankBefore])).toEqual([
      ['1', 'One.', 0],
      ['2', 'Two.', 0],
    ]);
  });

  it('warns about a heading that is neither chapter nor clause, and reads on', () => {
    const st = readAll('# Chapter 1: A\n\n## Clause I. B\n\n### Notes\n\n1. One.\n', 'markdown');
    expect(st.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual([
      '5:1 unexpected-heading',
    ]);
    expect(st.rulebook.chapters[0]?.children[0]?.text).toBe('### Notes');
    expect(st.rulebook.chapters[0]?.children[0]?.children[0]?.text).toBe('One.');
  });

  it('skips a contents page with one warning, keeping its lines', () => {
    const src = 'Contents\nChapter 1 Aims ..... 3\nChapter 2 Members ..... 5\n\nChapter 1 Aims\n';
    const st = readAll(src, 'text');
    expect(st.diagnostics.map((d) => d.ruleId)).toEqual(['contents-page']);
    expect(st.rulebook.preamble.slice(0, 3)).toEqual(src.split('\n').slice(0, 3));
    expect(st.rulebook.chapters.map((c) => c.label)).toEqual(['1']);
  });
});
