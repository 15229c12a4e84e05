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
  /**
   * The quoted words occur more than once in the unit: which occurrence is meant. `line` is the
   * printed line number the motion gave beside them ("3", "3–4"): the person confirms against
   * their printed copy which occurrence stands on it, which plain text cannot tell.
   */
  | {
      kind: 'choose-occurrence';
      unit: string;
      words: string;
      options: FixOption[];
      line?: string;
    }
  /** The words or citation could mean several units (or none was cited): which one. */
  | { kind: 'choose-unit'; options: FixOption[] }
  /** Words a person marks in `text`, where only a printed copy shows which: see {@link MarkWords}. */
  | MarkWords
  /** An edit a person must make to the motion text itself, with what to write. */
  | { kind: 'edit-text'; hint: string };

/**
 * Words a person marks in a text, where what decides is on paper and not in the pasted text: the
 * words a printed line number means (`line-anchor`, `text` the unit's current text), or which
 * words of a text "as amended" were underlined and which struck through (`formatting`, `text` the
 * text as the motion gives it). The answer is one set of character ranges into `text` per entry
 * of `sets`, in their order (core/amendments/read/marks.ts writes and reads it); the reader
 * checks the marks strictly and applies nothing from marks that do not fit.
 */
export interface MarkWords {
  kind: 'mark-words';
  /** The unit the marks decide a change of ("3.II.1"). */
  unit: string;
  text: string;
  purpose: 'line-anchor' | 'formatting';
  /** The printed line number the motion gave ("2"), for `line-anchor`. */
  line?: string;
  sets: MarkSet[];
}

export interface MarkSet {
  /** Its name in the recorded value: `words`, `new` or `struck`. */
  name: string;
  /** What marking a word in this set says, for the person. */
  label: string;
  /** Ranges (start, end exclusive) into the text the reader suggests, shown marked already. */
  marked: [number, number][];
}

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
