/**
 * How the import screen shows a reading's diagnostics on the motion text itself: the text cut
 * into runs that each diagnostic's span covers (spans may overlap, or be empty: a caret), and a
 * short plain sentence for each rule, ahead of the reader's linter-style message.
 */
import type { ApiDiagnostic } from '../../schemas/api';

type Severity = ApiDiagnostic['severity'];

/** One run of the motion text: plain, highlighted by the diagnostics covering it, or a caret. */
export type TextPart =
  | { kind: 'text'; start: number; text: string }
  | {
      kind: 'mark' | 'caret';
      start: number;
      /** '' for a caret (an empty span: the problem is between two characters). */
      text: string;
      /** The diagnostics (indices) covering it, the shortest span first: the one a click means. */
      ids: number[];
      /** Those whose span starts here: this is the part their highlight is focused at. */
      starts: number[];
      severity: Severity;
    };

/**
 * Where a diagnostic is in `text`: its span, kept inside the text; one without a span (a
 * server's own refusal, such as a text too long) is an empty span at its line and column.
 */
export function spanOf(text: string, d: ApiDiagnostic): { start: number; end: number } {
  const clamp = (n: number) => Math.max(0, Math.min(text.length, Math.trunc(n)));
  if (d.span) {
    const start = clamp(d.span.start);
    return { start, end: Math.max(start, clamp(d.span.end)) };
  }
  const at = offsetOfPlace(text, d.line, d.column);
  return { start: at, end: at };
}

/** The offset of a 1-based line and column (lines end with LF), kept inside the text. */
export function offsetOfPlace(text: string, line: number, column: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', at);
    if (next === -1) return text.length;
    at = next + 1;
  }
  const lineEnd = text.indexOf('\n', at);
  return Math.min(at + Math.max(0, column - 1), lineEnd === -1 ? text.length : lineEnd);
}

/**
 * `text` cut at every span's start and end, each run with the diagnostics covering it, and a
 * caret wherever an empty span is (before the run that starts there). The runs are flat — no
 * nesting — so overlapping spans render as adjacent marks, each knowing all of its diagnostics.
 */
export function textParts(text: string, diagnostics: readonly ApiDiagnostic[]): TextPart[] {
  const spans = diagnostics.map((d, i) => ({ i, severity: d.severity, ...spanOf(text, d) }));
  const cuts = [...new Set([0, text.length, ...spans.flatMap((s) => [s.start, s.end])])].sort(
    (a, b) => a - b,
  );
  const worst = (ids: number[]): Severity =>
    ids.some((i) => diagnostics[i]?.severity === 'error') ? 'error' : 'warning';
  const parts: TextPart[] = [];
  cuts.forEach((at, k) => {
    const carets = spans.filter((s) => s.start === at && s.end === at).map((s) => s.i);
    if (carets.length > 0) {
      parts.push({
        kind: 'caret',
        start: at,
        text: '',
        ids: carets,
        starts: carets,
        severity: worst(carets),
      });
    }
    const end = cuts[k + 1];
    if (end === undefined) return;
    const covering = spans
      .filter((s) => s.start < s.end && s.start <= at && s.end >= end)
      .sort((a, b) => a.end - a.start - (b.end - b.start) || a.i - b.i);
    const piece = text.slice(at, end);
    if (covering.length === 0) {
      parts.push({ kind: 'text', start: at, text: piece });
      return;
    }
    const ids = covering.map((s) => s.i);
    parts.push({
      kind: 'mark',
      start: at,
      text: piece,
      ids,
      starts: covering.filter((s) => s.start === at).map((s) => s.i),
      severity: worst(ids),
    });
  });
  return parts;
}

/** Rules whose plain sentence does not depend on the fix offered. */
const PLAIN: Record<string, string> = {
  'quote-not-found': 'These words are not in the rule this change cites.',
  'no-citation': 'This change does not say which rule it changes.',
  'unit-not-found': 'The rule cited here is not in this edition of the rulebook.',
  'unbalanced-quote': 'The quotation marks here do not pair up: a quotation is not closed.',
  'no-instruction': 'No instruction to change the rules was found in this text.',
  'no-instructions': 'No instruction to change the rules was found in this text.',
  'unreadable-instruction': 'This looks like an instruction, but it could not be read.',
  'read-from-quotation':
    'This instruction is in plain words; the change was read from the quotation showing the rule as it will read. Check it.',
  'needs-person': 'This cannot be applied as written: a person has to write out the change.',
  'formatting-lost':
    'This relies on formatting (underlining, bold, strike-through) that pasted text loses.',
  'edition-mismatch': 'This names a different edition of the rulebook from the one chosen.',
  'restatement-differs': 'The rule as restated here differs from what the instructions make of it.',
  'unit-exists': 'This adds a rule with a number that is already taken.',
  'resolution-unused': 'A choice made earlier no longer fits the text.',
  'no-change': 'This change would leave the rule as it is.',
  'stray-quotation': 'These quoted words are not part of any instruction.',
  'citation-ambiguous': 'This change cites more than one rule; it needs exactly one.',
  'not-supported': 'A draft cannot hold this kind of change yet.',
  'line-number-anchor':
    'This places the change by a printed line number instead of quoting the words.',
  'marks-invalid': 'The words marked do not fit the text: nothing was applied. Mark them again.',
  'marks-none-struck':
    'The motion says some words are struck through, but none was marked as deleted.',
  'motion-too-long': 'The text is longer than can be imported.',
  'motion-not-text': 'The text holds a character that is not text.',
};

/**
 * A short sentence in plain words for a diagnostic's rule, to lead with before the reader's own
 * message ("Unexpected X, expected Y"); null for a rule without one (the message stands alone).
 */
export function plainWords(d: Pick<ApiDiagnostic, 'ruleId' | 'fix'>): string | null {
  if (d.ruleId === 'quote-ambiguous') {
    if (d.fix?.kind === 'choose-occurrence' && d.fix.line)
      return `These words appear more than once in the rule, and the motion places them by printed line ${d.fix.line}: which one is on that line?`;
    return d.fix?.kind === 'choose-occurrence'
      ? 'These words appear more than once in the rule: which one is meant?'
      : 'These words appear in more than one rule: which one is meant?';
  }
  // Only a printed copy shows what is meant: the person marks the words against it.
  if (d.fix?.kind === 'mark-words' && d.fix.purpose === 'line-anchor') {
    return `This places the change by printed line ${d.fix.line ?? ''}, which pasted text does not show: mark the words on that line.`;
  }
  if (d.fix?.kind === 'mark-words') {
    return 'This shows its changes by formatting (underlining, bold, strike-through) that pasted text loses: mark the new and the deleted words.';
  }
  if (d.ruleId === 'no-citation' && d.fix?.kind === 'choose-unit') {
    return 'This change does not say which rule it changes: which one is meant?';
  }
  return PLAIN[d.ruleId] ?? null;
}

/**
 * An occurrence's label ("…of [the trigger ballot], including…") cut around the quoted words,
 * so they can be emphasised; null when the label does not bracket them (a unit's label).
 */
export function optionParts(
  label: string,
  words: string,
): { before: string; words: string; after: string } | null {
  const marked = `[${words}]`;
  const at = label.indexOf(marked);
  if (at === -1) return null;
  return { before: label.slice(0, at), words, after: label.slice(at + marked.length) };
}
