import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateRulebook } from '../../bench/rulebook-generator';
import { hasErrors } from '../diagnostics';
import { labourProfile } from '../profiles';
import { restoreRulebook, storedRulebook } from './stored';
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

  it('reports an empty edition, and one missing where the source must name it', () => {
    const editionErrors = (src: string, edition?: string) =>
      parseRulebook(src, edition === undefined ? {} : { edition }).diagnostics.filter(
        (d) => d.ruleId === 'no-edition',
      );
    for (const value of ['""', "''", '"   "']) {
      const src = `---\ntitle: Rules\nedition: ${value}\n---\n# Chapter 1: A\n`;
      expect(editionErrors(src), value).toEqual([
        {
          severity: 'error',
          ruleId: 'no-edition',
          message:
            'Unexpected empty edition in the front matter, expected a name such as `edition: "2024"`',
          line: 1,
          column: 1,
        },
      ]);
      // The caller's edition stands in for an empty one.
      expect(editionErrors(src, '2030')).toEqual([]);
      expect(parseRulebook(src, { edition: '2030' }).rulebook.chapters[0]?.address).toBe('2030:1');
    }
    // No front matter: the edition comes from the caller or, in plain text, a title line.
    expect(editionErrors('# Chapter 1: A\n\n## Clause I. B\n').map((d) => d.message)).toEqual([
      'Unexpected rulebook without an edition, expected front matter with `edition: "2024"`',
    ]);
    expect(editionErrors('Chapter 1 A\nClause I. B\n1. Text.\n').map((d) => d.message)).toEqual([
      "Unexpected rulebook without an edition, expected a title line such as 'Rule Book 2024' before the first chapter",
    ]);
    expect(editionErrors('Chapter 1 A\nClause I. B\n1. Text.\n', '2030')).toEqual([]);
    expect(editionErrors('The Rule Book 2030\nChapter 1 A\n')).toEqual([]);
    // Units quoted in a motion belong to the edition being amended.
    expect(
      parseRulebook('# Chapter 1\n\n## Clause I\n\n1. x\n', { fragment: true }).diagnostics,
    ).toEqual([]);
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

describe('parseRulebook (duplicate addresses)', () => {
  const errors = (src: string) =>
    parseRulebook(src).diagnostics.filter((d) => d.severity === 'error');

  it('reports a second unit at an address, with the address and both lines', () => {
    const src = `${front}# Chapter 1: One\n\n## Clause I. Two\n\n1. First.\n\n2. Second.\n\n1. First again.\n`;
    expect(errors(src)).toEqual([
      {
        severity: 'error',
        ruleId: 'duplicate-address',
        message:
          'Unexpected second sub-clause at 2024:1.I.1 (line 14), expected each address once: line 10 has it already',
        line: 14,
        column: 1,
      },
    ]);
  });

  it('reports a repeated chapter or clause once, not every unit under it', () => {
    const chapter = '# Chapter 1: One\n\n## Clause I. Two\n\n1. First.\n\n   A. Under it.\n\n';
    const src = `${front}${chapter}# Chapter 2: Three\n\n${chapter}`;
    const found = errors(src);
    expect(found.map((d) => `${d.line} ${d.ruleId}`)).toEqual(['16 duplicate-address']);
    expect(found[0]?.message).toContain('chapter at 2024:1 (line 16)');
    expect(found[0]?.message).toContain('line 6 has it already');
    const clauses = `${front}# Chapter 1: One\n\n## Clause I. A\n\n## Clause II. B\n\n## Clause I. C\n`;
    expect(errors(clauses).map((d) => d.message)).toEqual([
      'Unexpected second clause at 2024:1.I (line 12), expected each address once: line 8 has it already',
    ]);
  });

  it('reports it in plain text too', () => {
    const src =
      'Rule Book 2030\nChapter 1 One\nClause I. Two\n1. A.\n2. B.\nChapter 2 Three\nChapter 1 One\n';
    expect(errors(src).map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual([
      '7:1 duplicate-address',
    ]);
  });

  it('leaves a twin next to it to the duplicate-label error, as before', () => {
    const src = `${front}# Chapter 1: One\n\n## Clause I. Two\n\n1. First.\n\n1. Again.\n`;
    expect(errors(src).map((d) => d.ruleId)).toEqual(['duplicate-label']);
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

/**
 * Golden fixtures: rulebooks as people paste them (title page, contents page, page numbers), one
 * folder per case under fixtures/pasted/. `expected.txt` holds the exact report; regenerate with
 * UPDATE_GOLDEN=1 and read the diff before committing it.
 */
describe('parseRulebook golden fixtures (pasted rulebooks)', () => {
  const root = new URL('./fixtures/pasted/', import.meta.url);
  const reportFor = (source: string): string => {
    const { rulebook, diagnostics } = parseRulebook(source);
    const out = [
      `format: ${rulebook.format}`,
      `edition: ${rulebook.meta.edition}`,
      `preamble lines: ${rulebook.preamble.length}`,
      'diagnostics:',
      ...diagnostics.map((d) => `  ${d.line}:${d.column} ${d.severity} ${d.message} [${d.ruleId}]`),
      'units:',
      ...[...walkUnits(rulebook.chapters)].map(
        (u) => `  ${u.address} (line ${u.start.line}) ${u.title || u.text}`,
      ),
      `written back byte for byte: ${serialiseRulebook(rulebook) === source}`,
    ];
    return `${out.join('\n')}\n`;
  };
  for (const name of readdirSync(root).sort()) {
    it(name, () => {
      const dir = new URL(`${name}/`, root);
      const input = readdirSync(dir).find((f) => f.startsWith('input.')) as string;
      const actual = reportFor(readFileSync(new URL(input, dir), 'utf8'));
      const expectedFile = new URL('expected.txt', dir);
      if (process.env.UPDATE_GOLDEN || !existsSync(expectedFile))
        writeFileSync(expectedFile, actual);
      expect(actual).toBe(readFileSync(expectedFile, 'utf8'));
    });
  }
});

describe('parseRulebook (limits and what is not a rulebook)', () => {
  /** The Labour profile with small limits, so the tests need no megabytes. */
  const small = {
    ...labourProfile,
    limits: { ...labourProfile.limits, rulebookChars: 2_000, rulebookUnits: 10, rulebookDepth: 4 },
  };
  const errorsOf = (source: string, profile = small) =>
    parseRulebook(source, { profile }).diagnostics.filter((d) => d.severity === 'error');

  it("refuses a source over the profile's size before reading it, at 1:1", () => {
    const { rulebook, diagnostics } = parseRulebook(
      `${front}# Chapter 1: A\n${'x'.repeat(3_000_000)}`,
    );
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        ruleId: 'rulebook-too-large',
        message:
          "Unexpected rulebook of 3,000,083 characters, expected at most 3,000,000 (the profile's limit)",
        line: 1,
        column: 1,
      },
    ]);
    expect(rulebook.chapters).toEqual([]);
    expect(errorsOf(`${front}# Chapter 1: A\n`)).toEqual([]);
  });

  it('stops at the first unit past the unit limit, with its place', () => {
    const units = Array.from({ length: 12 }, (_, i) => `${i + 1}. Rule ${i + 1}.`).join('\n\n');
    const { rulebook, diagnostics } = parseRulebook(
      `${front}# Chapter 1: A\n\n## Clause I. B\n\n${units}\n`,
      { profile: small },
    );
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([
      {
        severity: 'error',
        ruleId: 'too-many-units',
        message: "Unexpected unit number 11, expected at most 10 units (the profile's limit)",
        line: 26,
        column: 1,
      },
    ]);
    // Chapter, clause and eight sub-clauses: reading stopped there.
    expect(rulebook.chapters[0]?.children[0]?.children.map((u) => u.label)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
    ]);
  });

  it('stops at the first line nested deeper than the depth limit', () => {
    const src = `${front}# Chapter 1: A\n\n## Clause I. B\n\n1. One\n\n   A. Two\n\n      i. Three\n`;
    expect(errorsOf(src)).toEqual([
      {
        severity: 'error',
        ruleId: 'nested-too-deep',
        message:
          "Unexpected unit nested 5 levels deep, expected at most 4 levels (the profile's limit)",
        line: 14,
        column: 7,
      },
    ]);
    expect(errorsOf(src, { ...small, limits: { ...small.limits, rulebookDepth: 5 } })).toEqual([]);
  });

  it('refuses bytes that are not text: a NUL, invalid UTF-8, many control characters', () => {
    expect(errorsOf('# Chapter 1: A\n\nab\u0000c')).toEqual([
      expect.objectContaining({ ruleId: 'rulebook-not-text', line: 3, column: 3 }),
    ]);
    // Placed on the lines the parser reads, whatever the line endings.
    for (const eol of ['\r\n', '\r']) {
      expect(errorsOf(`# Chapter 1: A${eol}${eol}ab\u0000c`)[0]).toMatchObject({
        line: 3,
        column: 3,
      });
    }
    const garbled = new TextDecoder().decode(Uint8Array.from([0x23, 0x20, 0xc3, 0x28, 0x41]));
    expect(errorsOf(garbled)[0]).toMatchObject({
      ruleId: 'rulebook-not-text',
      message:
        'Unexpected a character that was not valid UTF-8 (shown as U+FFFD), expected rulebook text (Markdown or plain text): is this a binary file?',
      line: 1,
      column: 3,
    });
    const controls = `# Chapter 1: A\n${'ab\u0001'.repeat(50)}`;
    expect(errorsOf(controls)[0]).toMatchObject({
      ruleId: 'rulebook-not-text',
      message:
        'Unexpected control characters (50 of 165 characters, the first U+0001), expected rulebook text: is this a binary file?',
      line: 2,
      column: 3,
    });
    // A page break pasted from a PDF, or one stray control character, is still text.
    expect(errorsOf(`${front}# Chapter 1: A\n\fText.\u0007\n${'More text. '.repeat(20)}`)).toEqual(
      [],
    );
  });

  it('refuses random bytes and empty text instead of reading an empty edition', () => {
    let seed = 1;
    const bytes = Uint8Array.from({ length: 4_000 }, () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed >> 23;
    });
    expect(hasErrors(parseRulebook(new TextDecoder().decode(bytes)).diagnostics)).toBe(true);
    for (const source of ['   \n  ', 'Just some words.', `${front}\nNo headings at all.\n`]) {
      expect(errorsOf(source).map((d) => d.ruleId)).toEqual(['no-chapters']);
    }
    expect(errorsOf(' \n').at(0)?.message).toBe(
      "Unexpected rulebook without chapters, expected lines such as 'Chapter 1 Title' before its rules",
    );
  });

  it('reads front matter of at most 2,000 characters (the YAML reader is quadratic)', () => {
    const long = `---\nedition: "2024"\n${'k: v\n'.repeat(500)}---\n# Chapter 1: A\n`;
    expect(parseRulebook(long).diagnostics[0]).toMatchObject({
      ruleId: 'front-matter',
      message:
        'Unexpected front matter of 2,515 characters, expected at most 2,000 (organisation, title and edition)',
    });
  });

  it('lists at most 100 diagnostics, then one saying how many more', () => {
    const dupes = Array.from({ length: 300 }, () => '1. Same.').join('\n\n');
    const { diagnostics } = parseRulebook(`${front}# Chapter 1: A\n\n## Clause I. B\n\n${dupes}\n`);
    expect(diagnostics).toHaveLength(101);
    expect(diagnostics.at(-1)).toMatchObject({
      severity: 'error',
      ruleId: 'too-many-problems',
      message:
        'Unexpected 199 more problems (199 errors, 0 warnings), the first of them here, expected at most 100 listed: fix these and check again',
      line: 212,
    });
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
      // The stored form leaves out what is derived, and restoring derives it the same.
      const stored = storedRulebook(rulebook);
      expect(stored.length).toBeLessThan(JSON.stringify(rulebook).length * 0.8);
      const restored = restoreRulebook(stored);
      expect(restored).toStrictEqual(rulebook);
      expect(serialiseRulebook(restored)).toBe(serialiseRulebook(rulebook));
    }
  });
});
