import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasErrors, sortDiagnostics } from '../diagnostics';
import { parseRulebook } from '../rulebook/parse';
import { serialiseRulebook, serialiseUnits } from '../rulebook/serialise';
import { findUnit } from '../rulebook/tree';
import type { Rulebook, UnitPath } from '../rulebook/types';
import { applyInstructions } from './apply';
import type { Instruction } from './model';
import { motionWording, parseMotionText } from './parse';
import { seededRandom } from './test/random-edits';

/**
 * Golden fixtures: motion text as people write it (one folder per form in SPEC §2), parsed
 * against the sample rulebook and applied. `expected.txt` holds the exact report; regenerate with
 * UPDATE_GOLDEN=1 and read the diff before committing it.
 */
const sample = parseRulebook(
  readFileSync(new URL('../../motions/rulebooks/labour/2024.md', import.meta.url), 'utf8'),
).rulebook;
const root = new URL('./fixtures/parse/', import.meta.url);

/** Where to look after applying: the amended unit, the new units, or what now stands at a deleted place. */
function shown(i: Instruction): UnitPath[] {
  switch (i.kind) {
    case 'text':
      return [i.target];
    case 'insertUnits':
      return i.units.map((u) => [...i.parent, u.label]);
    case 'noChange':
      return [];
    default:
      return i.targets;
  }
}

function reportFor(text: string): string {
  const { motion, diagnostics } = parseMotionText(text, sample);
  const out = [`title: ${motion.title}`, `edition: ${motion.edition ?? '-'}`, 'diagnostics:'];
  for (const d of sortDiagnostics(diagnostics)) {
    out.push(`  ${d.line}:${d.column} ${d.severity} ${d.message} [${d.ruleId}]`);
  }
  out.push('instructions:');
  for (const i of motion.instructions) out.push(`  ${JSON.stringify({ ...i, at: undefined })}`);
  out.push(`quotations: ${motion.quotations.length}`, `argument: ${motion.argument}`, 'result:');
  if (diagnostics.some((d) => d.severity === 'error')) {
    out.push('  not applied');
    return `${out.join('\n')}\n`;
  }
  const applied = applyInstructions(sample, motion.instructions);
  for (const d of applied.diagnostics)
    out.push(`  ${d.line}:${d.column} ${d.severity} ${d.message} [${d.ruleId}]`);
  if (applied.rulebook) {
    const seen = new Set<string>();
    for (const path of motion.instructions.flatMap(shown)) {
      if (seen.has(path.join('.'))) continue;
      seen.add(path.join('.'));
      const unit = findUnit(applied.rulebook as Rulebook, path)?.unit;
      out.push(`  ${path.join('.')}: ${unit ? '' : '(none)'}`);
      if (unit) out.push(serialiseUnits([unit]));
    }
  }
  return `${out.join('\n')}\n`;
}

describe('parseMotionText golden fixtures', () => {
  const cases = readdirSync(root).sort();
  it('has a fixture for every form and error', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });
  for (const name of cases) {
    it(name, () => {
      const dir = new URL(`${name}/`, root);
      const actual = reportFor(readFileSync(new URL('motion.txt', dir), 'utf8'));
      const expectedFile = new URL('expected.txt', dir);
      if (process.env.UPDATE_GOLDEN || !existsSync(expectedFile))
        writeFileSync(expectedFile, actual);
      expect(actual).toBe(readFileSync(expectedFile, 'utf8'));
    });
  }
});

describe('parseMotionText', () => {
  it('never throws and never applies a partial motion (seeded mutations of real motions)', () => {
    const motions = readdirSync(root).map((n) =>
      readFileSync(new URL(`${n}/motion.txt`, root), 'utf8'),
    );
    const rnd = seededRandom(7);
    const before = serialiseRulebook(sample);
    let applies = 0;
    const junk = [
      '‘',
      '’',
      "'",
      '"',
      '“',
      ' delete ',
      ' insert ',
      'Sub-clause 5.',
      ':',
      '\n',
      ' and ',
    ];
    for (let run = 0; run < 300; run++) {
      let text = motions[Math.floor(rnd() * motions.length)] as string;
      for (let k = 0; k < 3; k++) {
        const at = Math.floor(rnd() * text.length);
        text =
          text.slice(0, at) +
          (junk[Math.floor(rnd() * junk.length)] as string) +
          text.slice(at + Math.floor(rnd() * 3));
      }
      const { motion, diagnostics } = parseMotionText(text, sample);
      expect(diagnostics.every((d) => d.line >= 1 && d.column >= 1)).toBe(true);
      const applied = applyInstructions(sample, motion.instructions);
      // Either the whole motion applies, or nothing does and an error says why — and the base
      // edition is never touched either way.
      expect(applied.rulebook === null).toBe(hasErrors(applied.diagnostics));
      expect(serialiseRulebook(sample)).toBe(before);
      if (applied.rulebook) applies++;
    }
    // The mutations leave some motions applicable and break others: both paths were exercised.
    expect(applies).toBeGreaterThan(0);
    expect(applies).toBeLessThan(300);
  });
});

describe('parseMotionText on pastes no motion looks like (linear work, bounded answers)', () => {
  it('dedents a block of 150,000 lines (Math.min over them all threw)', () => {
    const block = `Replace Chapter 1, Clause I, Sub-clause 2 with:\n  2. x\n${'   y\n'.repeat(150_000)}`;
    const { motion } = parseMotionText(block, sample);
    expect(motion.instructions).toHaveLength(1);
  });

  it('lists at most 100 diagnostics and says how many more', () => {
    const text = `Chapter 1, Clause I, Sub-clause 1 delete 'the Party' and replace with 'it'.\n${"'stray' ".repeat(500)}`;
    const { diagnostics } = parseMotionText(text, sample);
    expect(diagnostics).toHaveLength(101);
    expect(diagnostics.at(-1)).toMatchObject({ severity: 'error', ruleId: 'too-many-problems' });
    expect(diagnostics.at(-1)?.message).toMatch(/^Unexpected 400 more problems \(400 errors/);
  });

  it('reads the same across long runs of spaces, blank lines and unclosed quotes', () => {
    const change = "Chapter 1, Clause I, Sub-clause 1 delete 'the Party' and replace with 'it'.";
    const base = parseMotionText(change, sample);
    const s = ' '.repeat(20_000);
    const spaced = parseMotionText(
      `Chapter 1, Clause I, Sub-clause 1${s}delete 'the Party'${s}and replace with${s}'it'.`,
      sample,
    );
    expect(spaced.motion.instructions.map((i) => i.kind === 'text' && i.ops)).toEqual(
      base.motion.instructions.map((i) => i.kind === 'text' && i.ops),
    );
    const unclosed = parseMotionText(`${change}\n${'delete ‘a\n'.repeat(20_000)}`, sample);
    expect(unclosed.diagnostics[0]).toMatchObject({ ruleId: 'unbalanced-quote', line: 2 });
    const blanks = parseMotionText(
      `Replace Chapter 1, Clause I, Sub-clause 2 with the following:\n${'\n'.repeat(100_000)}2. x`,
      sample,
    );
    expect(blanks.diagnostics).toEqual([]);
    expect(blanks.motion.instructions).toMatchObject([
      { kind: 'replaceUnits', targets: [['1', 'I', '2']], units: [{ label: '2', text: 'x' }] },
    ]);
  });
});

describe('motionWording', () => {
  it('is the motion’s own words between its title and its argument, exactly as given', () => {
    const words =
      "Chapter 5, Clause IV, Sub-clause 5.B.i – delete ‘one third’ and replace with 'one fifth'.\t \n\n  Make no other change.";
    const text = `Trigger ballots\r\n\r\n${words.replace(/\n/g, '\r\n')}\r\n\r\nSupporting argument:\r\n“fairer”\r\n`;
    // Not reworded ("one third" stays, quote marks and spacing as typed); line ends as LF.
    expect(motionWording(text)).toBe(words);
  });

  it('keeps what invisible characters surround, and starts at the top when there is no title', () => {
    const text = 'Delete ‘one\u200b third’ in Chapter 5, Clause IV, Sub-clause 5.B.i.\n';
    expect(motionWording(text)).toBe(text.trimEnd());
    expect(motionWording('Motion 21\nA title\n\nDelete the rest.')).toBe('Delete the rest.');
  });
});
