import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './main';

const RULEBOOK = 'motions/rulebooks/labour/2024.md';
const sample = readFileSync(RULEBOOK, 'utf8');

function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = run(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

function tempFile(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'redline-cli-'));
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

describe('redline CLI', () => {
  it('check: silent and exit 0 on the sample; linter lines and exit 1 on errors', () => {
    expect(cli('check', RULEBOOK)).toEqual({ code: 0, out: '', err: '' });
    const bad = tempFile('bad.md', sample.replace('\n2. ', '\n1. '));
    const result = cli('check', bad);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(
      new RegExp(
        `^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:1: error: Unexpected duplicate sub-clause '1', expected '2' \\[duplicate-label\\]$`,
        'm',
      ),
    );
  });

  it('units: one line per unit, address tab first words', () => {
    const lines = cli('units', RULEBOOK).out.trimEnd().split('\n');
    expect(lines[0]).toBe('2024:1\tConstitutional rules');
    expect(lines).toContain('2024:5.IV.5.A\tIf the sitting MP wishes to stand for re-election, a');
    expect(lines.every((l) => /^2024:[0-9A-Za-z.]+\t/.test(l))).toBe(true);
  });

  it('show: the same unit for a citation in any style', () => {
    const compact = cli('show', RULEBOOK, '5.IV.5.B');
    expect(compact.code).toBe(0);
    expect(compact.out.split('\n')[0]).toBe(
      '   B. The trigger ballot shall be lost, and a full selection shall take place, if:',
    );
    expect(compact.out).toContain('      ii. one third or more of the affiliated branches');
    expect(cli('show', RULEBOOK, 'Chapter 5, Clause IV, Sub-clause 5.B').out).toBe(compact.out);
    expect(cli('show', RULEBOOK, 'Rule 5.4.5.B').out).toBe(compact.out);
    const missing = cli('show', RULEBOOK, '5.IV.5.Z');
    expect(missing).toMatchObject({ code: 1, out: '' });
    expect(missing.err).toContain('no unit 5.IV.5.Z in edition 2024');
  });

  it('instructions then apply reproduces the proposed rulebook', () => {
    const proposedText = sample
      .replace('one third or more of the Party branches', 'one fifth or more of the Party branches')
      .replace(
        '6. If a sitting MP decides to retire',
        '6. Every sitting MP shall face an open selection.\n\n7. If a sitting MP decides to retire',
      )
      .replace('\n7. Where a by-election', '\n8. Where a by-election');
    const proposed = tempFile('proposed.md', proposedText);
    const generated = cli('instructions', RULEBOOK, proposed);
    expect(generated.code).toBe(0);
    expect(generated.out).toContain(
      'Chapter 5, Clause IV, Sub-clause 5.B.i — delete ‘third’ and replace with ‘fifth’.',
    );
    expect(generated.out).toContain(
      'Chapter 5, Clause IV — Add a new Sub-clause 6, after Sub-clause 5 and renumber accordingly:',
    );
    const json = JSON.parse(cli('instructions', RULEBOOK, proposed, '--json').out);
    expect(json.map((i: { kind: string }) => i.kind)).toEqual(['text', 'insertUnits']);

    const motion = tempFile('motion.txt', generated.out);
    const applied = cli('apply', RULEBOOK, motion);
    expect(applied.err).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.out).toBe(proposedText);
  });

  it('apply: exit 1, nothing on stdout and positioned diagnostics when an instruction fails', () => {
    const motion = tempFile(
      'motion.txt',
      'Chapter 5, Clause IV, Sub-clause 5.B.i — delete ‘one quarter’ and replace with ‘one fifth’.\n\nChapter 5, Clause IV, Sub-clause 5.B.ii — delete ‘one third’ and replace with ‘one fifth’.\n',
    );
    const result = cli('apply', RULEBOOK, motion);
    expect(result).toMatchObject({ code: 1, out: '' });
    expect(result.err).toBe(
      `${motion}:1:42: error: Unexpected quotation ‘one quarter’, not found in 5.IV.5.B.i [quote-not-found]\n`,
    );
  });

  it('consolidate: carried motions in order make the next edition; a conflict is exit 1', () => {
    const fifth = tempFile(
      'fifth.txt',
      'Chapter 5, Clause IV, Sub-clause 5.B.i — delete ‘one third’ and replace with ‘one fifth’.\n',
    );
    const year = tempFile(
      'year.txt',
      'Chapter 3, Clause III, Sub-clause 4 — delete ‘three years’ and replace with ‘one year’.\n',
    );
    const renumber = tempFile(
      'renumber.txt',
      'Delete Chapter 5, Clause IV, Sub-clause 5.C and renumber accordingly.\n',
    );
    const next = cli('consolidate', RULEBOOK, fifth, year, '--edition', '2025');
    expect(next).toMatchObject({ code: 0, err: '' });
    expect(next.out).toBe(
      sample
        .replace('edition: "2024"', 'edition: "2025"')
        .replace(
          'i. one third or more of the Party branches',
          'i. one fifth or more of the Party branches',
        )
        .replace('for three years, and no rule change', 'for one year, and no rule change'),
    );
    const clash = cli('consolidate', RULEBOOK, fifth, renumber);
    expect(clash).toMatchObject({ code: 1, out: '' });
    expect(clash.err).toBe(
      `${renumber}:1:1: error: Unexpected change to 5.IV.5, which “${fifth}” (carried earlier) already changes at 5.IV.5.B.i; expected motions on separate text, so resolve the two by hand [consolidation-conflict]\n`,
    );
    expect(cli('consolidate', RULEBOOK)).toMatchObject({ code: 2 });
  });

  it('usage errors exit 2 with a message', () => {
    expect(cli('frobnicate')).toMatchObject({ code: 2, out: '' });
    expect(cli('check', 'no/such/file.md').err).toBe('redline: no such file: no/such/file.md\n');
    expect(cli('instructions', RULEBOOK, RULEBOOK, '--style', 'tory').err).toContain(
      "unknown style 'tory'",
    );
  });

  it('runs as the README says: npm run -s redline -- …', () => {
    const out = execFileSync('npm', ['run', '-s', 'redline', '--', 'show', RULEBOOK, '3.III.4'], {
      encoding: 'utf8',
    });
    expect(out.startsWith('4. ')).toBe(true);
    const failed = spawnSync('npm', ['run', '-s', 'redline', '--', 'show', RULEBOOK, '9.IX.9'], {
      encoding: 'utf8',
    });
    expect(failed.status).toBe(1);
  });
});
