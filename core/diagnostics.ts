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
