import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findContentsPage, type HeadingOf } from './contents';

/** Headings as the plain-text reader sees them, enough for these tests. */
const headingOf: HeadingOf = (line) => {
  const chapter = /^Chapter (\d+)\b/.exec(line);
  if (chapter) return { kind: 'chapter', label: chapter[1] as string };
  const clause = /^Clause ([IVX]+)\b/.exec(line);
  return clause ? { kind: 'clause', label: clause[1] as string } : null;
};
const find = (text: string) => findContentsPage(text.split('\n'), 0, headingOf);

describe('findContentsPage', () => {
  it('finds headings listed with dot leaders, after a title page', () => {
    const text = [
      'The Example Society',
      'Rule Book 2030',
      'Chapter 1 Aims ........ 1',
      'Clause I. Name ...... 1',
      'Chapter 2 Members .... 4',
      'Chapter 1 Aims',
      '1. The society exists.',
    ].join('\n');
    expect(find(text)).toEqual({ start: 2, end: 4 });
  });

  it('finds page numbers after a tab, two spaces, an ellipsis or spaced dots, arabic or roman', () => {
    for (const [a, b] of [
      ['Chapter 1 Aims\t3', 'Chapter 2 Members\t7'],
      ['Chapter 1 Aims   3', 'Chapter 2 Members   7'],
      ['Chapter 1 Aims … 3', 'Chapter 2 Members … 7'],
      ['Chapter 1 Aims . . . . 3', 'Chapter 2 Members . . . . 7'],
      ['Chapter 1 Aims .... iv', 'Chapter 2 Members .... vii'],
    ]) {
      expect(find(`${a}\n${b}\n\nChapter 1 Aims\nText.`), a).toEqual({ start: 0, end: 1 });
    }
  });

  it('never takes in the first heading of the real text', () => {
    const text =
      'Contents\nChapter 1 Aims .... 1\nChapter 2 Members .... 3\n\nChapter 3 Other\nText.';
    expect(find(text)).toEqual({ start: 0, end: 2 });
  });

  it('finds headings repeated before the real text, without page numbers', () => {
    const text = 'Chapter 1 Aims\nChapter 2 Members\nClause I. Joining\n\nChapter 1 Aims\nText.';
    expect(find(text)).toEqual({ start: 0, end: 2 });
  });

  it('takes entries that are not headings only under a "Contents" title', () => {
    expect(find('Contents\nForeword .... ii\nIndex .... 40\nChapter 1 A\nText.')).toEqual({
      start: 0,
      end: 2,
    });
    expect(find('Chapter 1 Fees\nStandard\t12\nHalf\t6\nClause I. Paying\n1. Text.')).toBeNull();
  });

  it('finds nothing in rules that start at once', () => {
    expect(find('Rule Book 2030\nChapter 1 Aims\nClause I. Name\n1. Text.')).toBeNull();
    expect(find('Chapter 1 Aims\nChapter 2 Members\nClause I. Joining\n1. Text.')).toBeNull();
    expect(find('Chapter 1 Aims 1\nChapter 2 Members 2\n1. Text.')).toBeNull();
    expect(find('')).toBeNull();
    const sample = readFileSync(
      new URL('../../motions/rulebooks/labour/2024.md', import.meta.url),
      'utf8',
    );
    expect(findContentsPage(sample.split('\n'), 6, headingOf)).toBeNull();
  });

  it('reads each line once (a long contents page, a long title page)', () => {
    const entries = Array.from(
      { length: 50_000 },
      (_, i) => `Chapter ${i + 1} Part .... ${i % 900}`,
    );
    const title = Array.from({ length: 200_000 }, () => 'words of the title page');
    const t0 = Date.now();
    expect(find([...title, ...entries, 'Text.'].join('\n'))).toEqual({
      start: 200_000,
      end: 249_999,
    });
    expect(find(`${'.'.repeat(200_000)}1\n${'x\t'.repeat(100_000)}`)).toBeNull();
    expect(Date.now() - t0).toBeLessThan(3000);
  });
});
