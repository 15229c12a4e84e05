import { describe, expect, it } from 'vitest';
import { generateRulebook } from '../../bench/rulebook-generator';
import { hasErrors } from '../diagnostics';
import { labourProfile, libdemProfile } from '../profiles';
import { parseRulebook } from '../rulebook/parse';
import { applyInstructions } from './apply';
import { generateInstructions } from './generate';
import { parseMotionText } from './parse';
import { renderInstructions } from './render';
import { outline, randomProposal, seededRandom } from './test/random-edits';

/**
 * The round trip (SPEC §4.3): for every redline, applying the parsed generated motion text to the
 * base reproduces the proposal exactly. Seeded, so a failure names the seed that reproduces it.
 */
const RUNS = Number(process.env.ROUNDTRIP_RUNS ?? 10_000);

describe.each([
  { profile: labourProfile, share: 0.6 },
  { profile: libdemProfile, share: 0.4 },
])('round trip in the $profile.id style', ({ profile, share }) => {
  it(`apply(base, parse(generate(base, proposed))) = proposed over ${Math.round(RUNS * share)} seeded redlines`, () => {
    const source = generateRulebook({ words: 1_500, seed: 11 });
    const base = parseRulebook(source, { profile }).rulebook;
    const runs = Math.round(RUNS * share);
    let edits = 0;
    for (let seed = 1; seed <= runs; seed++) {
      const rng = seededRandom(seed);
      const units = 1 + Math.floor(rng() * 4);
      edits += units;
      const proposed = randomProposal(base, rng, units, profile);
      const generated = generateInstructions(base, proposed, profile);
      expect(generated.diagnostics, `seed ${seed}`).toEqual([]);
      const text = renderInstructions(generated.instructions, profile);
      const parsed = parseMotionText(text, base, profile);
      if (generated.instructions.length === 0) {
        // Nothing to say is never read as a motion that says nothing (never silent).
        expect(
          parsed.diagnostics.map((d) => d.ruleId),
          `seed ${seed}`,
        ).toEqual(['no-instruction']);
        continue;
      }
      if (hasErrors(parsed.diagnostics)) {
        expect({ seed, text, diagnostics: parsed.diagnostics }).toEqual({
          seed,
          text,
          diagnostics: [],
        });
      }
      const applied = applyInstructions(base, parsed.motion.instructions, profile);
      expect(applied.diagnostics, `seed ${seed}\n${text}`).toEqual([]);
      const got = outline(applied.rulebook!);
      const want = outline(proposed);
      if (got.join('\n') !== want.join('\n'))
        expect({ seed, text, got }).toEqual({ seed, text, got: want });
    }
    expect(edits).toBeGreaterThanOrEqual(runs);
  });
});
