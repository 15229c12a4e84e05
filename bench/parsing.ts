/**
 * Linearity of the readers on adversarial input (security issue items 5 and 7): each input at
 * n, 2n and 4n characters (or units), the median time of a few runs, and the ratio per doubling,
 * which stays near 2 when the work is linear (4 would be quadratic). Sizes end at the profile's
 * limits: 200,000 characters of motion text, 3,000,000 of rulebook, 12 levels of nesting.
 * Run alone: `npx tsx bench/parsing.ts`.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { motionFromText } from '../core/amendments/from-text';
import { labourProfile } from '../core/profiles';
import { labelAt, levelKind } from '../core/rulebook/labels';
import { parseRulebook } from '../core/rulebook/parse';
import { generateRulebook } from './rulebook-generator';
import { percentile, report, time, type Row } from './stats';

const front = '---\norganisation: Labour Party\ntitle: Rule Book\nedition: "2024"\n---\n';
const repeat = (s: string, n: number) => s.repeat(Math.ceil(n / s.length)).slice(0, n);

/** Seeded text of letters, spaces and every quote mark people mix. */
function mixedQuotes(n: number): string {
  const marks = ['‘', '’', "'", '“', '”', '"', '«', '»'];
  let seed = 1;
  const rnd = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  let out = '';
  for (let i = 0; i < n; i++) {
    out += rnd() < 0.3 ? marks[Math.floor(rnd() * marks.length)] : 'ab '[Math.floor(rnd() * 3)];
  }
  return out;
}

/** Blocks of units nested to the depth limit (levels 3–12 under one sub-clause each). */
function deepRulebook(blocks: number): string {
  const lines = [front.trimEnd(), '# Chapter 1: Deep', ''];
  for (let b = 0; b < blocks; b++) {
    if (b % 100 === 0) lines.push(`## Clause ${labelAt(b / 100 + 1, 'upper-roman')}. C`, '');
    for (let depth = 2; depth <= 11; depth++) {
      const n = depth === 2 ? (b % 100) + 1 : 1;
      const label = labelAt(n, levelKind(labourProfile, depth));
      lines.push(`${' '.repeat((depth - 2) * 4)}${label}. Level ${depth + 1} text.`, '');
    }
  }
  return lines.join('\n');
}

const REFUSALS = new Set([
  'rulebook-too-large',
  'rulebook-not-text',
  'too-many-units',
  'nested-too-deep',
]);

interface Family {
  id: string;
  what: (n: number) => string;
  sizes: [number, number, number];
  make: (n: number) => string;
  read: (input: string) => unknown;
}

/** Measures every family at its three sizes and returns the rows (printed by the caller). */
export function benchParsing(): Row[] {
  const base = parseRulebook(
    readFileSync(new URL('../motions/rulebooks/labour/2024.md', import.meta.url), 'utf8'),
  ).rulebook;
  const motion = (text: string) => motionFromText(text, base, labourProfile);
  // A rulebook refused before it is read would time nothing: these must be read to the end.
  const rulebook = (source: string) => {
    const { diagnostics } = parseRulebook(source);
    const refused = diagnostics.find((d) => REFUSALS.has(d.ruleId));
    if (refused) throw new Error(`bench input refused: ${refused.message}`);
  };
  const chars = (n: number) => `${n.toLocaleString('en-GB')} chars`;
  const families: Family[] = [
    {
      id: 'P1',
      what: (n) => `motion: mixed quote marks, ${chars(n)}`,
      sizes: [50_000, 100_000, 200_000],
      make: mixedQuotes,
      read: motion,
    },
    {
      id: 'P2',
      what: (n) => `motion: first line of instruction words, ${chars(n)}`,
      sizes: [50_000, 100_000, 200_000],
      make: (n) => repeat('delete replace insert add ', n),
      read: motion,
    },
    {
      id: 'P3',
      what: (n) => `motion: a block after blank lines, ${chars(n)}`,
      sizes: [50_000, 100_000, 200_000],
      make: (n) =>
        `Chapter 1, Clause I, replace Sub-clause 2 with the following:\n${'\n'.repeat(n - 70)}2. x`,
      read: motion,
    },
    {
      id: 'P4',
      what: (n) => `motion: unclosed quotes, one a line, ${chars(n)}`,
      sizes: [50_000, 100_000, 200_000],
      make: (n) => repeat('delete ‘a\n', n),
      read: motion,
    },
    {
      id: 'P5',
      what: (n) => `motion: citation, then a run of spaces, ${chars(n)}`,
      sizes: [50_000, 100_000, 200_000],
      make: (n) => `Chapter 1, Clause I, Sub-clause 2${' '.repeat(n - 50)}delete 'x'`,
      read: motion,
    },
    {
      id: 'P6',
      what: (n) => `rulebook: ${(n * 10).toLocaleString('en-GB')} units nested 12 deep`,
      sizes: [650, 1_300, 2_600],
      make: deepRulebook,
      read: rulebook,
    },
    {
      id: 'P7',
      what: (n) => `rulebook: generated, sample's shape, ${chars(n)}`,
      sizes: [750_000, 1_500_000, 3_000_000],
      make: (n) => generateRulebook({ words: Math.round(n / 5.9), seed: 1 }).slice(0, n),
      read: rulebook,
    },
    {
      id: 'P8',
      what: (n) => `rulebook: one-letter paragraphs, ${chars(n)}`,
      sizes: [750_000, 1_500_000, 3_000_000],
      make: (n) => `${front}# Chapter 1: A\n\n## Clause I. B\n\n${repeat('x\n\n', n - 100)}`,
      read: rulebook,
    },
    {
      id: 'P9',
      what: (n) => `rulebook: '# x' heading lines, ${chars(n)}`,
      sizes: [750_000, 1_500_000, 3_000_000],
      make: (n) => `${front}# Chapter 1: A\n\n${repeat('### x\n', n - 100)}`,
      read: rulebook,
    },
  ];

  const rows: Row[] = [];
  for (const family of families) {
    const medians = family.sizes.map((n) => {
      const input = family.make(n);
      const ms = percentile(
        time(5, () => family.read(input), 1),
        50,
      );
      rows.push({ id: family.id, what: family.what(n), value: ms, unit: 'ms', target: '—' });
      return ms;
    });
    const [a, b, c] = medians as [number, number, number];
    rows.push({
      id: family.id,
      what: `  per doubling (2n/n ${(b / a).toFixed(2)}, 4n/2n ${(c / b).toFixed(2)})`,
      value: Math.max(b / a, c / b),
      unit: '×',
      target: '≈ 2',
    });
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  report('parsing (adversarial input at n, 2n, 4n)', benchParsing());
}
