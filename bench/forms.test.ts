/**
 * The motion forms of issue 13, one case per form in core/amendments/fixtures/forms (the layout of
 * bench/motions/README.md), scored by the evaluator as `npm run eval` scores them. Each case must
 * come out as its mode says: `apply` → APPLIED, `refuse` → REFUSED-OK, `apply-or-refuse` → anything
 * but WRONG. Nothing is skipped: a form the reader does not read yet fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateCorpus, type CaseResult, type Expect } from './eval-motions';

const CORPUS = fileURLToPath(new URL('../core/amendments/fixtures/forms', import.meta.url));

const results: CaseResult[] = evaluateCorpus(CORPUS);
const mode = (name: string) =>
  (JSON.parse(readFileSync(join(CORPUS, name, 'expect.json'), 'utf8')) as Expect).mode;

describe('motion forms (issue 13)', () => {
  it('has a case per form', () => {
    expect(results.length).toBeGreaterThanOrEqual(36);
  });

  it.each(results.map((r) => [r.name, r] as const))('%s', (name, result) => {
    const m = mode(name);
    // The evaluator's line says what the reader did; it is the message when the case fails.
    if (m === 'apply') expect(result.line).toBe(`${name}: APPLIED`);
    else if (m === 'refuse') expect(result.outcome, result.line).toBe('REFUSED-OK');
    else expect(result.outcome, result.line).not.toBe('WRONG');
  });
});
