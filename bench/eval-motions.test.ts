import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  evaluateCorpus,
  normalise,
  reportLines,
  stripLabel,
  type Check,
  type Expect,
} from './eval-motions';

const FIXTURES = 'bench/motions';

describe('npm run eval', () => {
  let temp: string | null = null;
  afterEach(() => {
    if (temp) rmSync(temp, { recursive: true, force: true });
    temp = null;
  });

  it('scores its own fixtures: two applied, one refused as it should be', () => {
    const results = evaluateCorpus(FIXTURES);
    expect(results.map((r) => [r.name, r.tier])).toEqual([
      ['01-allotments-notice-period', 'required'],
      ['02-allotments-stale-quote', 'required'],
      ['03-choir-restated', 'stretch'],
    ]);
    const [applied, refused, restated] = results;
    expect(applied?.outcome).toBe('APPLIED');
    expect(applied?.line).toBe('01-allotments-notice-period: APPLIED');
    expect(refused?.outcome).toBe('REFUSED-OK');
    expect(refused?.line).toBe(
      "02-allotments-stale-quote: REFUSED as it should: Unexpected quotation 'within four weeks', not found in 4.II.1, expected the words exactly as edition 2023 prints them [quote-not-found]",
    );
    // apply-or-refuse: unquoted "Delete:"/"Replace with:" lines and a restatement that agrees.
    expect(restated?.outcome).toBe('APPLIED');
    const lines = reportLines(results);
    expect(lines[0]).toMatch(/^01-allotments-notice-period: APPLIED {2}\(\d+\.\d ms\)$/);
    expect(lines).toContain(
      'required: applied 1/1, refused 0, WRONG 0; refusals correct 1/1 (2 cases)',
    );
    expect(lines.some((l) => l.startsWith('stretch: '))).toBe(true);
    expect(lines.at(-1)).toMatch(
      /^eval-motions: applied 2\/2, refused 0, WRONG 0; refusals correct 1\/1$/,
    );
  });

  it.each<[string, Check, string]>([
    [
      'equals check',
      { unit: '4.I.2', equals: 'Notice of the Annual General Meeting shall be sent late.' },
      'WRONG: 4.I.2 reads: Notice of the Annual General Meeting shall be sent to every plot holder at least twenty-one days before the meeting, tog',
    ],
    [
      'contains check',
      { unit: '4.I.2', contains: 'at least fourteen days' },
      'WRONG: 4.I.2 lacks expected text; reads: 2. Notice of the Annual General Meeting shall be sent to every plot holder at least twenty-one days before the meeting, ',
    ],
    [
      'absent check',
      { unit: '4.I.2', absent: 'twenty-one days' },
      'WRONG: 4.I.2 still has: twenty-one days',
    ],
    [
      'check on a unit the rulebook lacks',
      { unit: '4.I.9', contains: 'anything' },
      'WRONG: show 4.I.9 failed: redline: no unit 4.I.9 in edition 2023 of amended.md',
    ],
  ])('fails a case whose %s does not hold (WRONG)', (_, check, why) => {
    temp = mkdtempSync(join(tmpdir(), 'redline-eval-'));
    cpSync(join(FIXTURES, '01-allotments-notice-period'), join(temp, 'wrong'), {
      recursive: true,
    });
    const file = join(temp, 'wrong', 'expect.json');
    const exp = JSON.parse(readFileSync(file, 'utf8')) as Expect;
    // The deliberately wrong check last: the right ones before it pass.
    writeFileSync(file, JSON.stringify({ ...exp, checks: [...exp.checks, check] }));
    cpSync(join(FIXTURES, '02-allotments-stale-quote'), join(temp, 'refused'), {
      recursive: true,
    });

    const results = evaluateCorpus(temp);
    expect(results.map((r) => [r.name, r.outcome])).toEqual([
      ['refused', 'REFUSED-OK'],
      ['wrong', 'WRONG'],
    ]);
    expect(results[1]?.line).toBe(`wrong: ${why}`);
    expect(reportLines(results).at(-1)).toBe(
      'eval-motions: applied 0/1, refused 0, WRONG 1; refusals correct 1/1',
    );
  });

  it('counts a refuse case that applies as NOT REFUSED', () => {
    temp = mkdtempSync(join(tmpdir(), 'redline-eval-'));
    cpSync(join(FIXTURES, '01-allotments-notice-period'), join(temp, 'applies'), {
      recursive: true,
    });
    writeFileSync(
      join(temp, 'applies', 'expect.json'),
      JSON.stringify({ tier: 'required', mode: 'refuse', checks: [] }),
    );
    expect(evaluateCorpus(temp).map((r) => r.line)).toEqual([
      'applies: NOT REFUSED (should have been): exit 0',
    ]);
  });

  it('compares text as the shared tool does: quotes, dashes, whitespace, the leading label', () => {
    expect(
      normalise(' \u2018one\u2019 \u201ctwo\u201d \u2013 three\u2014four\n\t five\u00a0 '),
    ).toBe(`'one' "two" - three-four five`);
    expect(stripLabel('2. Notice shall be given.')).toBe('Notice shall be given.');
    expect(stripLabel('(iv) Notice')).toBe('Notice');
    expect(stripLabel('B) Notice')).toBe('Notice');
    // Only one label, and only a label: seven letters are a word.
    expect(stripLabel('1. 2. Notice')).toBe('2. Notice');
    expect(stripLabel('Members. Notice')).toBe('Members. Notice');
  });

  it('says so and exits 2 when there is no corpus', () => {
    const run = spawnSync('npx', ['tsx', 'bench/eval-motions.ts', 'bench/no-such-corpus'], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^eval-motions: no corpus at .*bench\/no-such-corpus\n$/);
  });
});
