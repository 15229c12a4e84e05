import { describe, it, expect } from 'vitest';
import { wordCount } from '../core/diff/words';
import { generateRulebook } from './rulebook-generator';

const ROMAN = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x'];

/** The n-th label (1-based) expected at a depth below the clause: 1 / A / i / a. */
function expectedLabel(depth: number, n: number): string {
  if (depth === 0) return String(n);
  if (depth === 1) return String.fromCharCode(64 + n);
  if (depth === 2) return ROMAN[n - 1] ?? '?';
  return String.fromCharCode(96 + n);
}

function upperRoman(n: number): string {
  return (ROMAN[n - 1] ?? '?').toUpperCase();
}

/**
 * Walks the lines and returns every sequence problem found: chapters 1..N, clauses I, II… within
 * each chapter, units labelled in order within their parent with 3-space indentation per level.
 * A line after a blank line is a new block (heading, intro sentence or unit); other lines are
 * continuations and must be indented to their unit's text column.
 */
function sequenceProblems(markdown: string): string[] {
  const problems: string[] = [];
  const lines = markdown.split('\n');
  const fmEnd = lines.indexOf('---', 1);
  let chapter = 0;
  let clause = 0;
  let counts: number[] = [];
  let textColumn = -1;
  let afterHeading = false;
  let previousBlank = true;
  lines.slice(fmEnd + 1).forEach((line, i) => {
    const at = `line ${fmEnd + 2 + i}`;
    if (line.trim() === '') {
      previousBlank = true;
      return;
    }
    const newBlock = previousBlank;
    previousBlank = false;
    const chapterMatch = /^# Chapter (\d+): \S/.exec(line);
    const clauseMatch = /^## Clause ([IVXL]+)\. \S/.exec(line);
    const unitMatch = /^((?: {3})*)([0-9]+|[A-Z]|[ivx]+|[a-z])\. \S/.exec(line);
    if (chapterMatch) {
      chapter++;
      if (chapterMatch[1] !== String(chapter)) problems.push(`${at}: chapter ${chapterMatch[1]}`);
      clause = 0;
      textColumn = -1;
    } else if (clauseMatch) {
      clause++;
      if (clauseMatch[1] !== upperRoman(clause)) problems.push(`${at}: clause ${clauseMatch[1]}`);
      counts = [];
      textColumn = -1;
      afterHeading = true;
      return;
    } else if (newBlock && unitMatch) {
      const indent = unitMatch[1] ?? '';
      const label = unitMatch[2] ?? '';
      const depth = indent.length / 3;
      if (depth > counts.length) problems.push(`${at}: skips a level`);
      counts = counts.slice(0, depth + 1);
      counts[depth] = (counts[depth] ?? 0) + 1;
      const expected = expectedLabel(depth, counts[depth] ?? 0);
      if (label !== expected) problems.push(`${at}: label ${label}, expected ${expected}`);
      textColumn = indent.length + label.length + 2;
    } else if (newBlock) {
      if (!afterHeading || line.startsWith(' ')) problems.push(`${at}: stray paragraph`);
    } else if (textColumn >= 0) {
      const indent = line.length - line.trimStart().length;
      if (indent !== textColumn) problems.push(`${at}: continuation indented ${indent}`);
    }
    afterHeading = false;
  });
  if (chapter === 0) problems.push('no chapters');
  return problems;
}

describe('generateRulebook', () => {
  it('is deterministic for a seed, and different for another seed', () => {
    const a = generateRulebook({ words: 20_000, seed: 42 });
    const b = generateRulebook({ words: 20_000, seed: 42 });
    const c = generateRulebook({ words: 20_000, seed: 43 });
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('writes the front matter with the edition', () => {
    const text = generateRulebook({ words: 1_000, seed: 1, edition: '2026' });
    expect(
      text.startsWith('---\norganisation: Labour Party\ntitle: Rule Book\nedition: "2026"\n---\n'),
    ).toBe(true);
  });

  it.each([60_000, 10_000])('comes within 5%% of %i words', (words) => {
    for (const seed of [1, 2, 3]) {
      const count = wordCount(generateRulebook({ words, seed }));
      expect(Math.abs(count - words) / words).toBeLessThanOrEqual(0.05);
    }
  });

  it('has 8 to 12 chapters for 60,000 words and labels in sequence', () => {
    for (const seed of [1, 2, 3]) {
      const text = generateRulebook({ words: 60_000, seed });
      const chapters = text.split('\n').filter((line) => line.startsWith('# Chapter ')).length;
      expect(chapters).toBeGreaterThanOrEqual(8);
      expect(chapters).toBeLessThanOrEqual(12);
      expect(sequenceProblems(text)).toEqual([]);
    }
  });

  it('reaches sub-paragraphs and occasionally a fourth level', () => {
    const lines = generateRulebook({ words: 60_000, seed: 5 }).split('\n');
    expect(lines.some((line) => /^ {6}[ivx]+\. /.test(line))).toBe(true);
    expect(lines.some((line) => /^ {9}[a-z]\. /.test(line))).toBe(true);
  });

  it('keeps almost every 6-word phrase unique within its unit', () => {
    const blocks = generateRulebook({ words: 30_000, seed: 9 }).split('\n\n');
    let phrases = 0;
    let repeated = 0;
    for (const block of blocks) {
      if (!/^ *(?:\d+|[A-Z]|[ivx]+|[a-z])\. /.test(block)) continue;
      const words = block.trim().split(/\s+/).slice(1);
      const seen = new Map<string, number>();
      for (let i = 0; i + 6 <= words.length; i++) {
        const key = words.slice(i, i + 6).join(' ');
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
      for (const n of seen.values()) {
        phrases += n;
        if (n > 1) repeated += n;
      }
    }
    expect(phrases).toBeGreaterThan(10_000);
    expect(repeated / phrases).toBeLessThan(0.02);
  });
});
