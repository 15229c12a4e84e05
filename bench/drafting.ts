/**
 * Drafting benchmarks D1–D4 (PERFORMANCE.md) on a generated 60,000-word rulebook, each beside the
 * naive baseline — jsdiff over the whole text — measured in the same run.
 * Run alone: `npx tsx bench/drafting.ts`.
 */
import { pathToFileURL } from 'node:url';
import { diffWords } from 'diff';
import { applyInstructions } from '../core/amendments/apply';
import { generateInstructions } from '../core/amendments/generate';
import { parseMotionText } from '../core/amendments/parse';
import { renderInstructions } from '../core/amendments/render';
import { outline, randomProposal, seededRandom } from '../core/amendments/test/random-edits';
import { hasErrors } from '../core/diagnostics';
import { tokenize, wordHunks } from '../core/diff/words';
import { labourProfile } from '../core/profiles';
import { parseRulebook } from '../core/rulebook/parse';
import { serialiseRulebook } from '../core/rulebook/serialise';
import { walkUnits } from '../core/rulebook/tree';
import type { Rulebook, Unit } from '../core/rulebook/types';
import { generateRulebook } from './rulebook-generator';
import { percentile, report, time, type Row } from './stats';

/** Measures D1–D4 and returns the rows (printed by the caller). */
export function benchDrafting(options: { roundTrips?: number } = {}): Row[] {
  const profile = labourProfile;
  const source = generateRulebook({ words: 60_000, seed: 1 });
  const base = parseRulebook(source).rulebook;
  const units = [...walkUnits(base.chapters)].filter((u) => u.kind === 'unit');
  const rng = seededRandom(2026);
  const rows: Row[] = [];

  // Baseline: one whole-text jsdiff of the 60k-word rulebook with one word changed.
  const changed = source.replace(' shall ', ' must ');
  const whole = time(7, () => diffWords(source, changed), 1);
  const baseline = percentile(whole, 50);

  // D1: a 2,000-word unit, re-diffed after each keystroke while someone types: sessions of 100
  // characters typed at one place (a new clause), each session starting from the base text.
  const words = units.flatMap((u) => u.text.split(' '));
  const unitText = words.slice(0, 2_000).join(' ');
  const baseTokens = tokenize(unitText);
  let typed = unitText;
  let cursor = 0;
  const keystrokes = time(2_000, (i) => {
    if (i % 100 === 0) {
      typed = unitText;
      cursor = Math.floor(rng() * unitText.length);
    }
    typed = `${typed.slice(0, cursor)}${i % 6 === 5 ? ' ' : 'x'}${typed.slice(cursor)}`;
    cursor++;
    wordHunks(baseTokens, tokenize(typed));
  });
  rows.push({
    id: 'D1',
    what: 'keystroke re-diff, 2,000-word unit (p99)',
    value: percentile(keystrokes, 99),
    unit: 'ms',
    target: '≤ 1 ms',
    baseline,
  });
  // The worst case beside it: the same unit with 100 scattered one-word changes.
  const scattered = tokenize(unitText);
  for (let k = 0; k < 100; k++) scattered[Math.floor(rng() * scattered.length)] = 'changed';
  const heavy = time(200, () => wordHunks(baseTokens, tokenize(scattered.join(' '))));
  rows.push({
    id: 'D1',
    what: '… with 100 scattered changed words (p99)',
    value: percentile(heavy, 99),
    unit: 'ms',
    target: '—',
    baseline,
  });

  // D2: redline of the whole rulebook with 30 amended units (every unit compared, 30 diffed).
  const proposed = randomProposal(base, seededRandom(30), 30, profile);
  const proposedUnits = new Map<string, Unit>(
    [...walkUnits(proposed.chapters)].map((u) => [u.address as string, u]),
  );
  const redline = time(50, () => {
    for (const u of walkUnits(base.chapters)) {
      const p = proposedUnits.get(u.address);
      if (p && p.text !== u.text) wordHunks(tokenize(u.text), tokenize(p.text));
    }
  });
  rows.push({
    id: 'D2',
    what: 'whole-rulebook redline, 30 amended units (p50)',
    value: percentile(redline, 50),
    unit: 'ms',
    target: '≤ 20 ms',
    baseline,
  });

  // D3: generate the motion text for a 30-unit motion; parse and apply it back.
  let text = '';
  // Steady state, as in a running server: 20 unmeasured runs let the JIT settle first.
  const gen = time(
    50,
    () => {
      text = renderInstructions(
        generateInstructions(base, proposed, profile).instructions,
        profile,
      );
    },
    20,
  );
  rows.push({
    id: 'D3',
    what: 'generate motion text, 30-unit motion (p50)',
    value: percentile(gen, 50),
    unit: 'ms',
    target: '≤ 10 ms',
  });
  let applied: Rulebook | null = null;
  let parseErrors = false;
  const back = time(
    50,
    () => {
      const parsed = parseMotionText(text, base, profile);
      parseErrors = hasErrors(parsed.diagnostics);
      applied = applyInstructions(base, parsed.motion.instructions, profile).rulebook;
    },
    20,
  );
  // Checked once, outside the timing: the motion text must give back the proposal exactly.
  const ok =
    !parseErrors &&
    applied !== null &&
    outline(applied).join('\n') === outline(proposed).join('\n');
  rows.push({
    id: 'D3',
    what: `parse + apply it back (p50)${ok ? '' : ' — MISMATCH'}`,
    value: percentile(back, 50),
    unit: 'ms',
    target: '≤ 10 ms',
  });

  // D4: exact round trips over seeded random redlines (1,500-word base, as in the property test).
  const small = parseRulebook(generateRulebook({ words: 1_500, seed: 11 })).rulebook;
  const trips = options.roundTrips ?? 10_000;
  let exact = 0;
  const t0 = performance.now();
  for (let seed = 1; seed <= trips; seed++) {
    const r = seededRandom(seed);
    const p = randomProposal(small, r, 1 + Math.floor(r() * 4), profile);
    const motion = renderInstructions(
      generateInstructions(small, p, profile).instructions,
      profile,
    );
    const applied = applyInstructions(
      small,
      parseMotionText(motion, small, profile).motion.instructions,
      profile,
    );
    if (applied.rulebook && outline(applied.rulebook).join('\n') === outline(p).join('\n')) exact++;
  }
  const perTrip = (performance.now() - t0) / trips;
  rows.push({
    id: 'D4',
    what: `exact round trips: ${exact} of ${trips} (ms per trip)`,
    value: perTrip,
    unit: 'ms',
    target: 'all exact',
  });

  // For scale: parsing and writing back the whole 60k-word edition.
  rows.push({
    id: '—',
    what: 'parse the 60,000-word rulebook (p50)',
    value: percentile(
      time(5, () => parseRulebook(source)),
      50,
    ),
    unit: 'ms',
    target: '—',
  });
  rows.push({
    id: '—',
    what: 'serialise it back (p50)',
    value: percentile(
      time(5, () => serialiseRulebook(base)),
      50,
    ),
    unit: 'ms',
    target: '—',
  });
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  report('drafting (60,000-word rulebook)', benchDrafting());
}
