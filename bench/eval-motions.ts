/**
 * `npm run eval [-- CORPUS_DIR]`: how the drafting engine reads motions people wrote, on a corpus
 * of cases (default ../shared/real-motions beside the project; bench/motions holds our own).
 * Each case folder holds rulebook.md (the rule as it stood), motion.txt (the motion as written)
 * and expect.json (`tier`, `mode` apply | refuse | apply-or-refuse, `checks` on units afterwards:
 * `equals` | `contains` | `absent`); bench/motions/README.md describes them.
 *
 * It scores as ../shared/tools/eval-motions does, which runs `redline apply` and then `redline show`
 * per check as processes: here the same commands run in-process (server/cli/commands.ts), so the
 * outcomes are the CLI's, and the normalisation copies that tool's (Python's idea of whitespace,
 * of lines and of string lengths included). Outcomes: APPLIED, REFUSED, WRONG (applied but a check
 * fails: the legal text changed in a way the motion did not say), REFUSED-OK and NOT-REFUSED for
 * cases that must be refused. Prints a line per case with its time, the counts per tier and the
 * tool's summary line. Exits 0 whatever the figures (it measures, it does not gate); 2 when the
 * corpus is missing.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { profiles } from '../core/profiles';
import type { Profile } from '../schemas/profile';
import { applyCommand, loadRulebook, showCommand, type Io } from '../server/cli/commands';

export type Outcome = 'APPLIED' | 'REFUSED' | 'WRONG' | 'REFUSED-OK' | 'NOT-REFUSED';

export interface Check {
  unit: string;
  equals?: string;
  contains?: string;
  absent?: string;
}

export interface Expect {
  tier: string;
  mode: 'apply' | 'refuse' | 'apply-or-refuse';
  note?: string;
  checks: Check[];
}

export interface CaseResult {
  name: string;
  tier: string;
  outcome: Outcome;
  /** The case's line as the Python tool prints it: `name: OUTCOME[: why]`. */
  line: string;
  ms: number;
}

/** Where `npm run eval` looks without an argument: the shared corpus beside the project. */
export const DEFAULT_CORPUS = fileURLToPath(new URL('../../shared/real-motions', import.meta.url));

/** The CLI's default profile: the tool runs `redline apply` without --style. */
const PROFILE = profiles.labour as Profile;

// Python's str.isspace() set, which its re `\s` and str.strip() use: JavaScript's `\s` lacks
// U+001C–U+001F and U+0085 and has U+FEFF, and the two tools must agree on every text.
const SPACE =
  '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const SPACES = new RegExp(`[${SPACE}]+`, 'g');
const EDGES = new RegExp(`^[${SPACE}]+|[${SPACE}]+$`, 'g');
// str.splitlines() breaks at these too (U+001C–U+001E are separators to Python).
// eslint-disable-next-line no-control-regex
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;
const LABEL = new RegExp(`^\\(?(?:[0-9]+|[A-Za-z]{1,6})[.)][${SPACE}]+`);
const QUOTES: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u2013': '-',
  '\u2014': '-',
};

const strip = (s: string) => s.replace(EDGES, '');

/** Text as the checks compare it: straight quotes, hyphens for dashes, single spaces, trimmed. */
export function normalise(s: string): string {
  const straight = s.replace(/[\u2018\u2019\u201c\u201d\u2013\u2014]/g, (c) => QUOTES[c] ?? c);
  return strip(straight.replace(SPACES, ' '));
}

/** A unit's text without its leading label ("2. ", "(iv) ", "B) "), for `equals`. */
export function stripLabel(s: string): string {
  return s.replace(LABEL, '');
}

/** The first `n` characters as Python counts them (code points, not UTF-16 units). */
const cut = (s: string, n: number) => Array.from(s).slice(0, n).join('');

interface Printed {
  code: number;
  out: string;
  err: string;
}

/** A case file that cannot be read: the CLI answers that with exit 2 and a message. */
class CannotRead extends Error {}

function readCaseFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new CannotRead(`eval-motions: cannot read ${file} (${code})`);
  }
}

/** Runs a command as the CLI process would: output captured, a crash is exit 1 with its stack. */
function capture(command: (io: Io) => number): Printed {
  const printed = { code: 0, out: '', err: '' };
  const io: Io = { out: (s) => (printed.out += s), err: (s) => (printed.err += s) };
  try {
    printed.code = command(io);
  } catch (error) {
    const unreadable = error instanceof CannotRead;
    printed.err += `${unreadable ? error.message : error instanceof Error ? error.stack : String(error)}\n`;
    printed.code = unreadable ? 2 : 1;
  }
  return printed;
}

/** `redline apply <dir>/rulebook.md <dir>/motion.txt`, in-process. */
function apply(dir: string): Printed {
  const rulebookFile = join(dir, 'rulebook.md');
  const motionFile = join(dir, 'motion.txt');
  return capture((io) =>
    applyCommand(
      loadRulebook(rulebookFile, readCaseFile(rulebookFile), PROFILE),
      motionFile,
      () => readCaseFile(motionFile),
      PROFILE,
      io,
    ),
  );
}

/** One case scored as the Python tool scores it. */
export function evaluateCase(corpus: string, name: string): CaseResult {
  const started = performance.now();
  const dir = join(corpus, name);
  const expectFile = join(dir, 'expect.json');
  let exp: Expect;
  try {
    exp = JSON.parse(readFileSync(expectFile, 'utf8')) as Expect;
  } catch (error) {
    throw new Error(`eval-motions: cannot read ${expectFile}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const done = (outcome: Outcome, why?: string): CaseResult => ({
    name,
    tier: exp.tier,
    outcome,
    line: `${name}: ${why === undefined ? outcome : why}`,
    ms: performance.now() - started,
  });

  const { code, out, err } = apply(dir);
  // Only errors placed in the motion count as its refusal (an excerpted rulebook may warn on its own).
  const errors = err
    .split(LINE_BREAK)
    .filter((l) => l.includes(': error:') && l.split(': error:')[0]?.includes('motion.txt:'));
  const first = errors[0]
    ? normalise(errors[0].slice(errors[0].indexOf(': error:') + ': error:'.length))
    : cut(normalise(err), 160);
  if (exp.mode === 'refuse') {
    return code !== 0 && strip(out) === '' && errors.length > 0
      ? done('REFUSED-OK', `REFUSED as it should: ${cut(first, 140)}`)
      : done('NOT-REFUSED', `NOT REFUSED (should have been): exit ${code}`);
  }
  if (code !== 0) return done('REFUSED', `REFUSED: ${cut(first, 160)}`);

  // `redline show <amended> <unit>` per check, on the amended rulebook as `apply` printed it.
  const amended = loadRulebook('amended.md', out, PROFILE);
  for (const check of exp.checks) {
    const shown = capture((io) => showCommand(amended, check.unit, PROFILE, io));
    const text = normalise(shown.out);
    let bad: string | null = null;
    if (shown.code !== 0) bad = `show ${check.unit} failed: ${cut(normalise(shown.err), 100)}`;
    else if (check.equals !== undefined && stripLabel(text) !== normalise(check.equals))
      bad = `${check.unit} reads: ${cut(stripLabel(text), 120)}`;
    else if (check.contains !== undefined && !text.includes(normalise(check.contains)))
      bad = `${check.unit} lacks expected text; reads: ${cut(text, 120)}`;
    else if (check.absent !== undefined && text.includes(normalise(check.absent)))
      bad = `${check.unit} still has: ${cut(check.absent, 80)}`;
    if (bad) return done('WRONG', `WRONG: ${bad}`);
  }
  return done('APPLIED');
}

/** The cases of a corpus: its folders with an expect.json, in the order Python sorts them. */
export function caseNames(corpus: string): string[] {
  return readdirSync(corpus)
    .filter((d) => existsSync(join(corpus, d, 'expect.json')))
    .filter((d) => statSync(join(corpus, d, 'expect.json')).isFile())
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Every case of a corpus, scored. */
export function evaluateCorpus(corpus: string): CaseResult[] {
  return caseNames(corpus).map((name) => evaluateCase(corpus, name));
}

/** "applied A/N, refused R, WRONG W; refusals correct C/M" over some results. */
export function counts(results: readonly CaseResult[]): string {
  const n = (o: Outcome) => results.filter((r) => r.outcome === o).length;
  const applyCases = n('APPLIED') + n('REFUSED') + n('WRONG');
  const refuseCases = n('REFUSED-OK') + n('NOT-REFUSED');
  return `applied ${n('APPLIED')}/${applyCases}, refused ${n('REFUSED')}, WRONG ${n('WRONG')}; refusals correct ${n('REFUSED-OK')}/${refuseCases}`;
}

/** The report: a line per case with its time, a line per tier, then the tool's summary line. */
export function reportLines(results: readonly CaseResult[]): string[] {
  const tiers = [...new Set(['required', 'stretch', ...results.map((r) => r.tier)])].filter(
    (tier) => results.some((r) => r.tier === tier),
  );
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const total = ms.reduce((a, b) => a + b, 0);
  return [
    ...results.map((r) => `${r.line}  (${r.ms.toFixed(1)} ms)`),
    ...tiers.map((tier) => {
      const inTier = results.filter((r) => r.tier === tier);
      return `${tier}: ${counts(inTier)} (${inTier.length} case${inTier.length === 1 ? '' : 's'})`;
    }),
    `time per case: median ${(ms[Math.floor(ms.length / 2)] ?? 0).toFixed(1)} ms, max ${(ms.at(-1) ?? 0).toFixed(1)} ms, total ${total.toFixed(0)} ms`,
    `eval-motions: ${counts(results)}`,
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = process.argv[2];
  const corpus = arg === undefined ? DEFAULT_CORPUS : resolve(arg);
  if (!existsSync(corpus) || !statSync(corpus).isDirectory()) {
    console.error(
      `eval-motions: no corpus at ${corpus}${arg === undefined ? ' (the default; name one: npm run eval -- bench/motions)' : ''}`,
    );
    process.exit(2);
  }
  for (const line of reportLines(evaluateCorpus(corpus))) console.log(line);
}
