import { unpackParseSync } from '../store/edition-parse';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { generateRulebook } from '../../bench/rulebook-generator';
import { labourProfile } from '../../core/profiles';
import { parseRulebook } from '../../core/rulebook/parse';
import { AppError } from '../errors';
import { createParser, type Parser } from './pool';

const sample = readFileSync(
  new URL('../../motions/rulebooks/labour/2024.md', import.meta.url),
  'utf8',
);
/** A rulebook big enough that reading it takes the worker a while (3M characters is the limit). */
const big = generateRulebook({ words: 300_000, seed: 3 });
const change = "Chapter 1, Clause I, Sub-clause 1 delete 'the Party' and replace with 'it'.";

let parser: Parser | undefined;
afterEach(async () => {
  await parser?.close();
  parser = undefined;
});

/** The sample edition as the worker is sent it, counting how often it was. */
async function sampleEdition(parser: Parser) {
  const { parsed } = await parser.parseEdition(sample, labourProfile);
  if (!parsed) throw new Error('the sample does not read cleanly');
  let sent = 0;
  const fetch = async () => {
    sent++;
    return parsed;
  };
  return { edition: { id: 'labour-2024', profile: labourProfile }, fetch, sent: () => sent };
}

describe('the parse worker pool', () => {
  it('reads a rulebook in the worker exactly as core does on the main thread', async () => {
    parser = createParser();
    const read = await parser.parseEdition(sample, labourProfile);
    const core = parseRulebook(sample, { profile: labourProfile });
    expect(read.diagnostics).toEqual(core.diagnostics);
    expect(read.meta).toEqual(core.rulebook.meta);
    expect(read.parsed).not.toBeNull();
    expect(unpackParseSync(read.parsed as Uint8Array)).toStrictEqual(core.rulebook);
    expect(read.units).toBe(402);
  });

  it('gives no parse to store for a rulebook with errors, unless asked to keep it', async () => {
    parser = createParser();
    const refused = await parser.parseEdition('just words', labourProfile);
    expect(refused.parsed).toBeNull();
    expect(refused.diagnostics.map((d) => d.ruleId)).toEqual(['no-chapters']);
    expect((await parser.parseEdition('just words', labourProfile, true)).parsed).not.toBeNull();
  });

  it('is sent an edition once: the worker keeps the editions it has read', async () => {
    parser = createParser();
    const { edition, fetch, sent } = await sampleEdition(parser);
    const first = await parser.readMotion(edition, { text: change }, fetch);
    const again = await parser.readMotion(edition, { text: change }, fetch);
    expect(sent()).toBe(1);
    expect(again).toEqual(first);
    expect(first.amendments.map((a) => a.target)).toEqual(['1.I.1']);
  });

  it("carries the person's choices to the reader, and back what they answered", async () => {
    parser = createParser();
    const { edition, fetch } = await sampleEdition(parser);
    const text =
      'Chapter 5, Clause IV, Sub-clause 5.E — delete ‘the trigger ballot’ and replace with ‘that ballot’.';
    const asked = await parser.readMotion(edition, { text }, fetch);
    const question = asked.diagnostics.find((d) => d.ruleId === 'quote-ambiguous');
    expect(question?.fix?.kind).toBe('choose-occurrence');
    const at = question?.span?.start ?? -1;
    expect(at).toBe(text.indexOf('‘the trigger ballot’'));
    const chosen = await parser.readMotion(
      edition,
      { text, resolutions: [{ at, value: '2' }] },
      fetch,
    );
    expect(chosen.diagnostics).toEqual([]);
    expect(chosen.amendments[0]?.text).toContain('The result of that ballot');
    expect(chosen.choices).toMatchObject([{ at, value: '2', ruleId: 'quote-ambiguous' }]);
  });

  it('stops a job past its time with a 503 that says so, and goes on with a fresh thread', async () => {
    parser = createParser();
    const { edition, fetch, sent } = await sampleEdition(parser);
    await parser.readMotion(edition, { text: change }, fetch);

    const late = await parser.parseEdition(big, labourProfile, false, { timeoutMs: 1 }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(late).toBeInstanceOf(AppError);
    expect(late).toMatchObject({ status: 503, id: 'parse-timeout' });
    expect((late as AppError).message).toMatch(/^Reading the rulebook took longer than 1 ms/);

    // The thread that ran it was ended: a new one has no editions yet, and is sent this one again.
    await parser.readMotion(edition, { text: change }, fetch);
    expect(sent()).toBe(2);
  });

  it('answers "busy" when more jobs wait than the queue holds', async () => {
    parser = createParser({ maxQueue: 1 });
    await parser.parseEdition(sample, labourProfile);
    const outcomes = await Promise.all(
      [1, 2, 3].map((n) =>
        parser!.parseEdition(big, labourProfile).then(
          () => `${n} read`,
          (error: unknown) => `${n} ${error instanceof AppError ? error.id : String(error)}`,
        ),
      ),
    );
    // One runs, one waits, the third is refused at once.
    expect(outcomes).toEqual(['1 read', '2 read', '3 parser-busy']);
  });
});
