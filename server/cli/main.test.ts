import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PDF_UNAVAILABLE_MESSAGE } from '../export/pdf';
import { run } from './main';

const RULEBOOK = 'motions/rulebooks/labour/2024.md';
const sample = readFileSync(RULEBOOK, 'utf8');

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await run(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

function tempFile(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'redline-cli-'));
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

describe('redline CLI', () => {
  it('check: silent and exit 0 on the sample; linter lines and exit 1 on errors', async () => {
    expect(await cli('check', RULEBOOK)).toEqual({ code: 0, out: '', err: '' });
    const bad = tempFile('bad.md', sample.replace('\n2. ', '\n1. '));
    const result = await cli('check', bad);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(
      new RegExp(
        `^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:1: error: Unexpected duplicate sub-clause '1', expected '2' \\[duplicate-label\\]$`,
        'm',
      ),
    );
  });

  it('units: one line per unit, address tab first words', async () => {
    const lines = (await cli('units', RULEBOOK)).out.trimEnd().split('\n');
    expect(lines[0]).toBe('2024:1\tConstitutional rules');
    expect(lines).toContain('2024:5.IV.5.A\tIf the sitting MP wishes to stand for re-election, a');
    expect(lines.every((l) => /^2024:[0-9A-Za-z.]+\t/.test(l))).toBe(true);
  });

  it('show: the same unit for a citation in any style', async () => {
    const compact = await cli('show', RULEBOOK, '5.IV.5.B');
    expect(compact.code).toBe(0);
    expect(compact.out.split('\n')[0]).toBe(
      '   B. The trigger ballot shall be lost, and a full selection shall take place, if:',
    );
    expect(compact.out).toContain('      ii. one third or more of the affiliated branches');
    expect((await cli('show', RULEBOOK, 'Chapter 5, Clause IV, Sub-clause 5.B')).out).toBe(
      compact.out,
    );
    expect((await cli('show', RULEBOOK, 'Rule 5.4.5.B')).out).toBe(compact.out);
    const missing = await cli('show', RULEBOOK, '5.IV.5.Z');
    expect(missing).toMatchObject({ code: 1, out: '' });
    expect(missing.err).toContain('no unit 5.IV.5.Z in edition 2024');
  });

  it('instructions then apply reproduces the proposed rulebook', async () => {
    const proposedText = sample
      .replace('one third or more of the Party branches', 'one fifth or more of the Party branches')
      .replace(
        '6. If a sitting MP decides to retire',
        '6. Every sitting MP shall face an open selection.\n\n7. If a sitting MP decides to retire',
      )
      .replace('\n7. Where a by-election', '\n8. Where a by-election');
    const proposed = tempFile('proposed.md', proposedText);
    const generated = await cli('instructions', RULEBOOK, proposed);
    expect(generated.code).toBe(0);
    expect(generated.out).toContain(
      'Chapter 5, Clause IV, Sub-clause 5.B.i — delete ‘one third’ and replace with ‘one fifth’.',
    );
    expect(generated.out).toContain(
      'Chapter 5, Clause IV — Add a new Sub-clause 6, after Sub-clause 5 and renumber accordingly:',
    );
    const json = JSON.parse((await cli('instructions', RULEBOOK, proposed, '--json')).out);
    expect(json.map((i: { kind: string }) => i.kind)).toEqual(['text', 'insertUnits']);

    const motion = tempFile('motion.txt', generated.out);
    const applied = await cli('apply', RULEBOOK, motion);
    expect(applied.err).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.out).toBe(proposedText);
  });

  it('apply: exit 1, nothing on stdout and positioned diagnostics when an instruction fails', async () => {
    const motion = tempFile(
      'motion.txt',
      'Chapter 5, Clause IV, Sub-clause 5.B.i — delete ‘one quarter’ and replace with ‘one fifth’.\n\nChapter 5, Clause IV, Sub-clause 5.B.ii — delete ‘one third’ and replace with ‘one fifth’.\n',
    );
    const result = await cli('apply', RULEBOOK, motion);
    expect(result).toMatchObject({ code: 1, out: '' });
    expect(result.err).toBe(
      `${motion}:1:49: error: Unexpected quotation ‘one quarter’, not found in 5.IV.5.B.i, expected the words exactly as edition 2024 prints them [quote-not-found]\n`,
    );
  });

  it('consolidate: carried motions in order make the next edition; a conflict is exit 1', async () => {
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
    const next = await cli('consolidate', RULEBOOK, fifth, year, '--edition', '2025');
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
    const clash = await cli('consolidate', RULEBOOK, fifth, renumber);
    expect(clash).toMatchObject({ code: 1, out: '' });
    expect(clash.err).toBe(
      `${renumber}:1:1: error: Unexpected change to 5.IV.5, which “${fifth}” (carried earlier) already changes at 5.IV.5.B.i; expected motions on separate text, so resolve the two by hand [consolidation-conflict]\n`,
    );
    expect(await cli('consolidate', RULEBOOK)).toMatchObject({ code: 2 });
  });

  it('usage errors exit 2 with a message', async () => {
    expect(await cli('frobnicate')).toMatchObject({ code: 2, out: '' });
    expect((await cli('check', 'no/such/file.md')).err).toBe(
      'redline: no such file: no/such/file.md\n',
    );
    expect((await cli('instructions', RULEBOOK, RULEBOOK, '--style', 'tory')).err).toContain(
      "unknown style 'tory'",
    );
  });

  describe('export', () => {
    const FIFTH =
      'Chapter 5, Clause IV, Sub-clause 5.B.i — delete ‘one third’ and replace with ‘one fifth’.\n';
    const read = (file: string) => readFileSync(file, 'utf8');
    const outFile = (name: string) => join(mkdtempSync(join(tmpdir(), 'redline-export-')), name);
    const pdfText = (file: string) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });

    it('a motion file, as text in the submission format, clean and redline', async () => {
      const motion = tempFile('trigger-ballot.txt', FIFTH);
      const out = outFile('motion.txt');
      expect(await cli('export', motion, '--format', 'txt', '--out', out)).toEqual({
        code: 0,
        out: '',
        err: '',
      });
      const text = read(out);
      // The title from the file name; the current text quoted; the instruction as worded.
      expect(text.split('\n')[0]).toBe('trigger ballot');
      expect(text).toContain('one third or more of the Party branches');
      expect(text).toContain(
        'Chapter 5, Clause IV, Sub-clause 5.B.i — delete ‘one third’ and replace with ‘one fifth’.',
      );
      const titled = outFile('titled.html');
      await cli(
        'export',
        motion,
        '--format',
        'html',
        '--redline',
        '--title',
        'Fifth',
        '--out',
        titled,
      );
      expect(read(titled)).toContain('<title>Fifth</title>');
      expect(read(titled)).toMatch(/<del>[^<]*third[^<]*<\/del>/);
      expect(read(titled)).toMatch(/<ins>[^<]*fifth[^<]*<\/ins>/);
    });

    it('a motion file against another rulebook, as Markdown, DOCX and PDF', async () => {
      const motion = tempFile('motion.txt', FIFTH);
      const rulebook = tempFile('2024.md', sample);
      const md = outFile('motion.md');
      expect(
        (await cli('export', motion, '--rulebook', rulebook, '--format', 'md', '--out', md)).code,
      ).toBe(0);
      expect(read(md)).toMatch(/^# motion$/m);
      const docx = outFile('motion.docx');
      expect((await cli('export', motion, '--format', 'docx', '--out', docx)).code).toBe(0);
      expect(readFileSync(docx).subarray(0, 2).toString('latin1')).toBe('PK');
      const pdf = outFile('motion.pdf');
      expect(await cli('export', motion, '--format', 'pdf', '--redline', '--out', pdf)).toEqual({
        code: 0,
        out: '',
        err: '',
      });
      expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdfText(pdf).replace(/\s+/g, ' ')).toContain(
        'Chapter 5, Clause IV, Sub-clause 5.B.i — delete ‘one third’ and replace with ‘one fifth’.',
      );
    });

    it('a rulebook, with motion files applied and summarised at the front', async () => {
      const fifth = tempFile('fifth.txt', FIFTH);
      const out = outFile('rulebook.html');
      const result = await cli(
        'export',
        RULEBOOK,
        fifth,
        '--edition',
        '2025',
        '--conference',
        '2026',
        '--format',
        'html',
        '--redline',
        '--out',
        out,
      );
      expect(result).toEqual({ code: 0, out: '', err: '' });
      const html = read(out);
      expect(html).toContain('<title>Labour Party Rule Book 2025</title>');
      expect(html).toContain('Summary of amendments');
      expect(html).toContain(
        'Conference 2026, card vote 1 — fifth (fifth.txt): Chapter 5, Clause IV, Sub-clause 5.B.i',
      );
      expect(html).toMatch(/<del>[^<]*third[^<]*<\/del>/);
      // Without motions, the edition as it stands: no summary, nothing marked.
      const plain = outFile('rulebook.txt');
      expect((await cli('export', RULEBOOK, '--format', 'txt', '--out', plain)).code).toBe(0);
      expect(read(plain)).toMatch(/^Labour Party Rule Book 2024\n/);
      expect(read(plain)).not.toContain('Summary of amendments');
    });

    it('exit 1 with positioned diagnostics, and no file, when a motion does not apply', async () => {
      const motion = tempFile(
        'bad.txt',
        'Chapter 5, Clause IV, Sub-clause 5.B.i — delete ‘one quarter’ and replace with ‘one fifth’.\n',
      );
      const out = outFile('never.txt');
      const result = await cli('export', motion, '--format', 'txt', '--out', out);
      expect(result).toMatchObject({ code: 1, out: '' });
      expect(result.err).toBe(
        `${motion}:1:49: error: Unexpected quotation ‘one quarter’, not found in 5.IV.5.B.i, expected the words exactly as edition 2024 prints them [quote-not-found]\n`,
      );
      expect(existsSync(out)).toBe(false);
    });

    it('usage errors exit 2; a missing Chromium is exit 1 saying what to install', async () => {
      const motion = tempFile('motion.txt', FIFTH);
      const out = outFile('x.txt');
      expect(await cli('export', motion, '--out', out)).toMatchObject({
        code: 2,
        err: 'redline: export needs --format txt|md|html|docx|pdf\n',
      });
      expect((await cli('export', motion, '--format', 'rtf', '--out', out)).err).toBe(
        "redline: export needs --format txt|md|html|docx|pdf, not 'rtf'\n",
      );
      expect((await cli('export', motion, '--format', 'txt')).err).toBe(
        'redline: export needs --out FILE, the file to write\n',
      );
      expect((await cli('export', '--format', 'txt', '--out', out)).code).toBe(2);
      expect((await cli('export', motion, motion, '--format', 'txt', '--out', out)).code).toBe(2);
      expect(
        (await cli('export', motion, '--format', 'txt', '--out', '/no/such/dir/x.txt')).err,
      ).toBe('redline: cannot write /no/such/dir/x.txt (ENOENT)\n');
      expect((await cli('export', motion, '--format', 'txt', '--frobnicate')).code).toBe(2);

      const before = process.env['CHROMIUM_PATH'];
      process.env['CHROMIUM_PATH'] = join(tmpdir(), 'redline-no-such-chromium');
      try {
        const pdf = await cli('export', motion, '--format', 'pdf', '--out', outFile('x.pdf'));
        expect(pdf).toEqual({ code: 1, out: '', err: `redline: ${PDF_UNAVAILABLE_MESSAGE}\n` });
      } finally {
        if (before === undefined) delete process.env['CHROMIUM_PATH'];
        else process.env['CHROMIUM_PATH'] = before;
      }
    });
  });

  it('runs as the README says: npm run -s redline -- …', async () => {
    const out = execFileSync('npm', ['run', '-s', 'redline', '--', 'show', RULEBOOK, '3.III.4'], {
      encoding: 'utf8',
    });
    expect(out.startsWith('4. ')).toBe(true);
    const failed = spawnSync('npm', ['run', '-s', 'redline', '--', 'show', RULEBOOK, '9.IX.9'], {
      encoding: 'utf8',
    });
    expect(failed.status).toBe(1);
    const dir = mkdtempSync(join(tmpdir(), 'redline-cli-'));
    const motion = join(dir, 'motion.txt');
    writeFileSync(
      motion,
      'Chapter 3, Clause III, Sub-clause 4 — delete ‘three years’ and replace with ‘one year’.\n',
    );
    const exported = spawnSync(
      'npm',
      [
        'run',
        '-s',
        'redline',
        '--',
        'export',
        motion,
        '--format',
        'txt',
        '--out',
        join(dir, 'm.txt'),
      ],
      { encoding: 'utf8' },
    );
    expect(exported.status, exported.stderr).toBe(0);
    expect(readFileSync(join(dir, 'm.txt'), 'utf8')).toContain('one year');
  });
});
