import { describe, expect, it } from 'vitest';
import { capDiagnostics, diagnostic, hasErrors } from './diagnostics';

describe('capDiagnostics', () => {
  const warnings = (n: number, from = 1) =>
    Array.from({ length: n }, (_, i) => diagnostic('warning', 'w', `w${i}`, from + i, 1));

  it('leaves a short list as it is', () => {
    const list = warnings(100);
    expect(capDiagnostics(list)).toEqual(list);
  });

  it('keeps errors before warnings, in place order, and says how many more there were', () => {
    const list = [...warnings(150), diagnostic('error', 'e', 'late error', 500, 7)];
    const capped = capDiagnostics(list, 10);
    expect(capped).toHaveLength(11);
    expect(capped.slice(0, 10).map((d) => d.message)).toEqual([
      ...['w0', 'w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'w8'],
      'late error',
    ]);
    expect(capped[10]).toEqual({
      severity: 'warning',
      ruleId: 'too-many-problems',
      message:
        'Unexpected 141 more problems (0 errors, 141 warnings), the first of them here, expected at most 10 listed: fix these and check again',
      line: 10,
      column: 1,
    });
  });

  it('answers hasErrors the same when only dropped diagnostics are errors', () => {
    const list = [
      ...Array.from({ length: 5 }, (_, i) => diagnostic('error', 'e', `e${i}`, i + 1, 1)),
    ];
    const capped = capDiagnostics(list, 3);
    expect(capped.at(-1)).toMatchObject({ severity: 'error', line: 4 });
    expect(hasErrors(capped)).toBe(true);
    expect(hasErrors(capDiagnostics(warnings(5), 3))).toBe(false);
  });
});
