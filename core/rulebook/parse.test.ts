import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateRulebook } from '../../bench/rulebook-generator';
import { parseRulebook } from './parse';
import { serialiseRulebook } from './serialise';
import { walkUnits } from './tree';
import type { Unit } from './types';

const sample = readFileSync(
  new URL('../../motions/rulebooks/labour/2024.md', import.meta.url),
  'utf8',
);

/** Addresses and texts of every unit, to compare two parses of the same rulebook. */
function outline(units: readonly Unit[]): string[] {
  return [...walkUnits(units)].map((u) => `${u.address} ${u.marker} ${u.text}`);
}

const front = '---\norganisation: Labour Party\ntitle: Rule Book\nedition: "2024"\n---\n';

describe('parseRulebook (Markdown)', () => {
  it('reads the sample rulebook without diagnostics, with canonical addresses', () => {
    const { rulebook, diagnostics } = parseRulebook(sample);
    expect(diagnostics).toEqual([]);
    expect(rulebook.meta).toEqual({
      organisation: 'Labour Party',
      title: 'Rule Book',
      edition: '2024',
    });
    expect(rulebook.chapters.length).toBeGreaterThanOrEqual(6);
    const addresses = [...walkUnits(rulebook.chapters)].map((u) => u.address as string);
    expect(addresses).toContain('2024:5.IV.5.A');
    expect(addresses).toContain('2024:3.III');
  });

  it('keeps the literal label, the exact source lines and the position of each unit', () => {
    const src = `${front}# Chapter 5: Selections\n\n## Clause IV. Westminster\n\n5. If a CLP is represented:\n\n   A. If the sitting MP wishes to stand, a trigger ballot\n      will be held.\n\n      ii. The sitting MP may be nominated.\n`;
    const { rulebook, diagnostics } = parseRulebook(src);
    const a = rulebook.chapters[0]?.children[0]?.children[0]?.children[0];
    expect(a?.address).toBe('2024:5.IV.5.A');
    expect(a?.marker).toBe('A.');
    expect(a?.text).toBe('If the sitting MP wishes to stand, a trigger ballot will be held.');
    expect(a?.sourceLines).toEqual([
      '   A. If the sitting MP wishes to stand, a trigger ballot',
      '      will be held.',
    ]);
    expect(a?.start).toMatchObject({ line: 12, column: 4 });
    expect(a?.children[0]?.address).toBe('2024:5.IV.5.A.ii');
    // ii. as the first sub-paragraph is out of sequence: a warning at its place.
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        ruleId: 'label-sequence',
        line: 15,
        column: 7,
        severity: 'warning',
      }),
    );
  });

  it('writes an unchanged rulebook back byte for byte', () => {
    expect(serialiseRulebook(parseRulebook(sample).rulebook)).toBe(sample);
    const big = generateRulebook({ words: 20_000, seed: 7 });
    expect(serialiseRulebook(parseRulebook(big).rulebook)).toBe(big);
  });

  it('reports content problems as diagnostics with line:column and rule id', () => {
    const src = `${front}Stray words.\n# Chapter 1: One\n\nChapter text.\n\n1. Before any clause.\n\n## Clause I. Two\n\n1. One.\n\n1. Again.\n\n3. Three.\n\n   ii. Not a paragraph label.\n\n### Notes\n`;
    const { diagnostics } = parseRulebook(src);
    const ids = diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.ruleId}`);
    expect(ids).toEqual([
      '6:1 warning text-outside-chapter',
      '9:1 warning text-outside-clause',
      '11:1 error unit-outside-clause',
      '17:1 error duplicate-label',
      '19:1 warning label-sequence',
      '21:4 error label-kind',
      '23:1 warning unexpected-heading',
    ]);
    expect(diagnostics.find((d) => d.ruleId === 'duplicate-label')?.message).toBe(
      "Unexpected duplicate sub-clause '1', expected '2'",
    );
  });

  it('reports broken front matter and a missing edition', () => {
    const bad = parseRulebook('---\nedition: [unclosed\n---\n# Chapter 1: A\n');
    expect(bad.diagnostics[0]).toMatchObject({
      ruleId: 'front-matter',
      line: 1,
      severity: 'error',
    });
    const none = parseRulebook('---\ntitle: Rules\n---\n# Chapter 1: A\n');
    expect(none.diagnostics[0]).toMatchObject({ ruleId: 'no-edition', severity: 'error' });
  });

  it('places labels by sequence when indentation is lost', () => {
    const src = `${front}# Chapter 5: S\n\n## Clause IV. W\n\n5. Sitting MP:\n\nA. Trigger ballot.\n\ni. First.\n\nii. Second.\n\nB. Lost ballot.\n\n6. Next.\n`;
    const { rulebook, diagnostics } = parseRulebook(src);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(outline(rulebook.chapters).map((l) => l.split(' ')[0])).toEqual([
      '2024:5',
      '2024:5.IV',
      '2024:5.IV.5',
      '2024:5.IV.5.A',
      '2024:5.IV.5.A.i',
      '2024:5.IV.5.A.ii',
      '2024:5.IV.5.B',
      '2024:5.IV.6',
    ]);
  });

  it('never throws, whatever the content (seeded)', () => {
    const lines = sample.split('\n');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(lines.length), fc.string({ maxLength: 12 })), { maxLength: 20 }),
        (edits) => {
          const copy = [...lines];
          for (const [at, s] of edits) copy.splice(at, at % 3, s);
          const result = parseRulebook(copy.join('\n'));
          // Content problems come back as placed diagnostics, whatever the damage.
          for (const d of result.diagnostics) {
            expect(d.line).toBeGreaterThanOrEqual(1);
            expect(d.column).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      { seed: 42, numRuns: 40 },
    );
  });
});

describe('parseRulebook (plain text pasted from a PDF)', () => {
  /** The sample as a PDF paste: no indentation, no blank lines, headings without #, a page number. */
  function asPdfText(md: string): string {
    const body = md.replace(/^---[\s\S]*?---\n/, '');
    const out = ['The Labour Party Rule Book 2024', ''];
    for (const line of body.split('\n')) {
      if (line.trim() === '') continue;
      out.push(
        line
          .replace(/^#+\s*/, '')
          .replace(/^(Chapter \d+):/, '$1')
          .trimStart(),
      );
      if (out.length % 97 === 0) out.push('35');
    }
    return out.join('\n');
  }

  it('imports the sample with literal labels to the same units and texts', () => {
    const md = parseRulebook(sample);
    const text = parseRulebook(asPdfText(sample));
    expect(text.rulebook.format).toBe('text');
    expect(text.rulebook.meta.edition).toBe('2024');
    expect(text.diagnostics.length).toBeLessThanOrEqual(3);
    expect(outline(text.rulebook.chapters)).toEqual(outline(md.rulebook.chapters));
  });
});

describe('parseRulebook (linear work on long and many lines)', () => {
  it('keeps the exact source lines of a unit thousands of lines long', () => {
    const more = Array.from({ length: 20_000 }, (_, i) => `   line ${i} of the same rule`);
    const src = `${front}# Chapter 1: A\n\n## Clause I. B\n\n1. Start\n${more.join('\n')}\n\n2. Next.\n`;
    const { rulebook, diagnostics } = parseRulebook(src);
    expect(diagnostics).toEqual([]);
    const first = rulebook.chapters[0]?.children[0]?.children[0];
    expect(first?.sourceLines).toEqual(['1. Start', ...more]);
    expect(first?.end.line).toBe(20_010);
    expect(serialiseRulebook(rulebook)).toBe(src);
  });

  it('keeps a million blank lines of a pasted title page (no spread of them all at once)', () => {
    const src = `The Rule Book 2024\n${'\n'.repeat(1_000_000)}x\nChapter 1 One\n1. Rule.\n`;
    const { rulebook } = parseRulebook(src);
    expect(rulebook.preamble).toHaveLength(1_000_002);
    expect(rulebook.chapters).toHaveLength(1);
  });
});

describe('the parsed rulebook as stored', () => {
  it('is plain data: a JSON round trip gives an equal rulebook that writes back the same bytes', () => {
    const pdf = parseRulebook(
      'The Labour Party Rule Book 2024\nChapter 1 One\nClause I. Two\n1. Text\nwrapped.\n',
    );
    for (const { rulebook } of [parseRulebook(sample), pdf]) {
      const copy = JSON.parse(JSON.stringify(rulebook)) as typeof rulebook;
      expect(copy).toStrictEqual(rulebook);
      expect(serialiseRulebook(copy)).toBe(serialiseRulebook(rulebook));
    }
  });
});
