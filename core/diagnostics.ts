/**
 * Content problems are diagnostics, never exceptions: a message worded "Unexpected X, expected Y",
 * a place (1-based line:column) and a stable rule id, like a linter's report.
 */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  message: string;
  line: number;
  column: number;
  ruleId: string;
  /** Offsets (end exclusive) of the text it is about, in the text as given: for highlighting. */
  span?: { start: number; end: number };
  /** A fix a person can make in one step, where the reader could not decide alone. */
  fix?: Fix;
}

/**
 * One-step fixes. A reader that cannot decide returns what a person chooses between instead of a
 * bare message: the import screen offers the choices, and the choice is recorded with the motion.
 */
export type Fix =
  /** The quoted words occur more than once in the unit: which occurrence is meant. */
  | { kind: 'choose-occurrence'; unit: string; words: string; options: FixOption[] }
  /** The words or citation could mean several units (or none was cited): which one. */
  | { kind: 'choose-unit'; options: FixOption[] }
  /** An edit a person must make to the motion text itself, with what to write. */
  | { kind: 'edit-text'; hint: string };

export interface FixOption {
  /** What to show: the unit's path, or the words around an occurrence. */
  label: string;
  /** The value recorded when chosen: a unit path ("5.IV.5.A") or an occurrence index ("1"). */
  value: string;
}

/** Builds a diagnostic; keeps call sites short and the field order in one place. */
export function diagnostic(
  severity: Severity,
  ruleId: string,
  message: string,
  line: number,
  column: number,
): Diagnostic {
  return { severity, message, line, column, ruleId };
}

/** True when any diagnostic is an error (warnings do not stop a command). */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** The linter-style line used by the CLI: `file:line:col: error|warning: message [rule-id]`. */
export function formatDiagnostic(file: string, d: Diagnostic): string {
  return `${file}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.ruleId}]`;
}

/** Orders diagnostics by place, so reports read top to bottom. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => a.line - b.line || a.column - b.column);
}

/** How many diagnostics a reader returns at most: a pathological paste must not answer megabytes. */
export const MAX_DIAGNOSTICS = 100;

/**
 * At most `max` diagnostics plus one saying how many more there were, so that a pasted file with
 * a problem on every line still answers briefly. Errors are kept before warnings (an error decides
 * the outcome and must be seen); the summary is an error when it stands for one, so
 * `hasErrors` answers the same for the capped list. Unchanged when there are `max` or fewer.
 */
export function capDiagnostics(
  diagnostics: readonly Diagnostic[],
  max = MAX_DIAGNOSTICS,
): Diagnostic[] {
  if (diagnostics.length <= max) return [...diagnostics];
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const kept = new Set([
    ...errors.slice(0, max),
    ...diagnostics
      .filter((d) => d.severity === 'warning')
      .slice(0, Math.max(0, max - errors.length)),
  ]);
  const dropped = diagnostics.filter((d) => !kept.has(d));
  const first = dropped[0] as Diagnostic;
  const droppedErrors = dropped.filter((d) => d.severity === 'error').length;
  const count = (n: number, what: string) =>
    `${n.toLocaleString('en-GB')} ${what}${n === 1 ? '' : 's'}`;
  const summary = diagnostic(
    droppedErrors > 0 ? 'error' : 'warning',
    'too-many-problems',
    `Unexpected ${count(dropped.length, 'more problem')} (${count(droppedErrors, 'error')}, ${count(dropped.length - droppedErrors, 'warning')}), the first of them here, expected at most ${max} listed: fix these and check again`,
    first.line,
    first.column,
  );
  return [...sortDiagnostics(diagnostics.filter((d) => kept.has(d))), summary];
}
