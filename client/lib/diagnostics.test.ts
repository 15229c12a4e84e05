import { describe, expect, it } from 'vitest';
import type { ApiDiagnostic } from '../../schemas/api';
import { offsetOfPlace, optionParts, plainWords, spanOf, textParts } from './diagnostics';

const diag = (
  ruleId: string,
  span?: { start: number; end: number },
  extra: Partial<ApiDiagnostic> = {},
): ApiDiagnostic => ({
  severity: 'error',
  message: `Unexpected ${ruleId}`,
  line: 1,
  column: 1,
  ruleId,
  ...(span ? { span } : {}),
  ...extra,
});

/** The parts as short strings: `[text]` a mark with its ids, `^` a caret, plain text as is. */
const show = (parts: ReturnType<typeof textParts>) =>
  parts
    .map((p) =>
      p.kind === 'text'
        ? p.text
        : `${p.kind === 'caret' ? '^' : `[${p.text}]`}${p.ids.join(',')}${p.severity[0]}`,
    )
    .join('|');

describe('textParts', () => {
  it('cuts the text at each span, plain runs between', () => {
    expect(show(textParts('delete ‘a’ and ‘b’', [diag('x', { start: 7, end: 10 })]))).toBe(
      'delete |[‘a’]0e| and ‘b’',
    );
  });

  it('keeps overlapping spans flat: each run knows every diagnostic over it, shortest first', () => {
    const parts = textParts('abcdefgh', [
      diag('wide', { start: 1, end: 7 }),
      diag('narrow', { start: 3, end: 5 }, { severity: 'warning' }),
    ]);
    expect(show(parts)).toBe('a|[bc]0e|[de]1,0e|[fg]0e|h');
    // Each diagnostic is focused at the run its span starts in.
    expect(parts.map((p) => (p.kind === 'text' ? [] : p.starts))).toEqual([[], [0], [1], [], []]);
  });

  it('shows an empty span as a caret before the run that starts there, and at the very end', () => {
    const parts = textParts('abc', [
      diag('here', { start: 1, end: 1 }),
      diag('end', { start: 3, end: 3 }),
    ]);
    expect(show(parts)).toBe('a|^0e|bc|^1e');
  });

  it('puts a diagnostic without a span at its line and column, and keeps spans inside the text', () => {
    const text = 'one\ntwo\nthree';
    expect(spanOf(text, diag('no-span', undefined, { line: 2, column: 2 }))).toEqual({
      start: 5,
      end: 5,
    });
    expect(spanOf(text, diag('past', { start: 10, end: 99 }))).toEqual({ start: 10, end: 13 });
    expect(spanOf(text, diag('backwards', { start: 4, end: 2 }))).toEqual({ start: 4, end: 4 });
    expect(
      show(textParts('ab', [diag('warn', { start: 0, end: 2 }, { severity: 'warning' })])),
    ).toBe('[ab]0w');
  });

  it('gives the whole text as one plain run when nothing is wrong with it', () => {
    expect(textParts('fine', [])).toEqual([{ kind: 'text', start: 0, text: 'fine' }]);
    expect(textParts('', [])).toEqual([]);
  });
});

describe('offsetOfPlace', () => {
  it('finds a line and column, stopping at the end of the line or of the text', () => {
    expect(offsetOfPlace('ab\ncd', 1, 1)).toBe(0);
    expect(offsetOfPlace('ab\ncd', 2, 2)).toBe(4);
    expect(offsetOfPlace('ab\ncd', 1, 50)).toBe(2);
    expect(offsetOfPlace('ab\ncd', 9, 1)).toBe(5);
  });
});

describe('plainWords', () => {
  it('leads with a plain sentence for the common rules, asking when there is a choice', () => {
    const options = [{ label: 'x', value: '1' }];
    expect(
      plainWords({
        ruleId: 'quote-ambiguous',
        fix: { kind: 'choose-occurrence', unit: '5.IV.5.E', words: 'w', options },
      }),
    ).toBe('These words appear more than once in the rule: which one is meant?');
    expect(
      plainWords({
        ruleId: 'quote-ambiguous',
        fix: { kind: 'choose-occurrence', unit: '3.I.3', words: 'w', options, line: '2' },
      }),
    ).toBe(
      'These words appear more than once in the rule, and the motion places them by printed line 2: which one is on that line?',
    );
    const marks = { kind: 'mark-words' as const, unit: '3.I.3', text: 't', sets: [] };
    expect(
      plainWords({
        ruleId: 'line-number-anchor',
        fix: { ...marks, purpose: 'line-anchor', line: '2' },
      }),
    ).toBe(
      'This places the change by printed line 2, which pasted text does not show: mark the words on that line.',
    );
    expect(
      plainWords({ ruleId: 'formatting-lost', fix: { ...marks, purpose: 'formatting' } }),
    ).toMatch(/^This shows its changes by formatting .*: mark the new and the deleted words\.$/);
    expect(plainWords({ ruleId: 'quote-ambiguous', fix: { kind: 'choose-unit', options } })).toBe(
      'These words appear in more than one rule: which one is meant?',
    );
    for (const rule of [
      'quote-not-found',
      'no-citation',
      'unit-not-found',
      'unbalanced-quote',
      'no-instruction',
      'unreadable-instruction',
      'read-from-quotation',
      'needs-person',
      'formatting-lost',
      'edition-mismatch',
      'restatement-differs',
      'unit-exists',
      'line-number-anchor',
      'marks-invalid',
      'marks-none-struck',
    ]) {
      expect(plainWords({ ruleId: rule }), rule).toMatch(/^[A-Z][^]*[.?]$/);
    }
    expect(plainWords({ ruleId: 'something-new' })).toBeNull();
  });
});

describe('optionParts', () => {
  it('cuts an occurrence label around the bracketed words', () => {
    expect(
      optionParts('…The result of [the trigger ballot], including…', 'the trigger ballot'),
    ).toEqual({
      before: '…The result of ',
      words: 'the trigger ballot',
      after: ', including…',
    });
    expect(optionParts('5.IV.5.A: If the sitting MP', 'the sitting MP')).toBeNull();
  });
});
