/**
 * The `apply` and `show` commands on text already read: the CLI (main.ts) runs them on files, and
 * `npm run eval` (bench/eval-motions.ts) runs them in-process on a corpus, so both print the same
 * bytes and exit with the same code for the same input.
 */
import { applyInstructions } from '../../core/amendments/apply';
import { parseMotionText } from '../../core/amendments/parse';
import { lookUpCitation } from '../../core/citations';
import {
  formatDiagnostic,
  hasErrors,
  sortDiagnostics,
  type Diagnostic,
} from '../../core/diagnostics';
import { parseRulebook } from '../../core/rulebook/parse';
import { serialiseRulebook, serialiseUnits } from '../../core/rulebook/serialise';
import type { ParseResult } from '../../core/rulebook/types';
import type { Profile } from '../../schemas/profile';

/** Where a command writes: the process's stdout and stderr, or strings in tests and the evaluator. */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** A rulebook read as every command reads one, with the name its diagnostics are printed under. */
export type LoadedRulebook = ParseResult & { file: string };

/** Reads a rulebook's source (Markdown or plain text) for the commands. */
export function loadRulebook(file: string, source: string, profile: Profile): LoadedRulebook {
  return { ...parseRulebook(source, { profile }), file };
}

/** Writes diagnostics to stderr as linter lines (`file:line:col: error: …`), in place order. */
export function report(io: Io, file: string, diagnostics: readonly Diagnostic[]): void {
  for (const d of sortDiagnostics(diagnostics)) io.err(`${formatDiagnostic(file, d)}\n`);
}

/**
 * `apply`: the amended rulebook on stdout, in the source format; diagnostics on stderr. Exit 1
 * and nothing on stdout when the rulebook has errors or any instruction cannot be applied. The
 * motion file is read only once the rulebook has no errors, as the command always has.
 */
export function applyCommand(
  base: LoadedRulebook,
  motionFile: string,
  readMotion: () => string,
  profile: Profile,
  io: Io,
): number {
  report(io, base.file, base.diagnostics);
  if (hasErrors(base.diagnostics)) return 1;
  const parsed = parseMotionText(readMotion(), base.rulebook, profile);
  report(io, motionFile, parsed.diagnostics);
  if (hasErrors(parsed.diagnostics)) return 1;
  const applied = applyInstructions(base.rulebook, parsed.motion.instructions, profile);
  report(io, motionFile, applied.diagnostics);
  if (!applied.rulebook) return 1;
  io.out(serialiseRulebook(applied.rulebook, profile));
  return 0;
}

/**
 * `show`: the unit a citation names, with its sub-units, in the source format. Exit 2 when the
 * citation cannot be read as one, 1 when the edition has no such unit; the rulebook's errors are
 * reported but do not stop it (a unit of a rulebook with problems elsewhere can still be shown).
 */
export function showCommand(
  rulebook: LoadedRulebook,
  citation: string,
  profile: Profile,
  io: Io,
): number {
  report(
    io,
    rulebook.file,
    rulebook.diagnostics.filter((d) => d.severity === 'error'),
  );
  const { path, unit } = lookUpCitation(rulebook.rulebook, citation, profile);
  if (!path) {
    io.err(
      `redline: cannot read '${citation}' as a citation such as 5.IV.5.A or "Chapter 5, Clause IV"\n`,
    );
    return 2;
  }
  if (!unit) {
    io.err(
      `redline: no unit ${path.join('.')} in edition ${rulebook.rulebook.meta.edition} of ${rulebook.file}\n`,
    );
    return 1;
  }
  io.out(`${serialiseUnits([unit], rulebook.rulebook.format, profile)}\n`);
  return 0;
}
