/**
 * The `redline` command: `npm run -s redline -- <command>`. Used by people, by scripts and by our
 * own checks, so its output formats are kept exact (README, "Command line").
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { applyInstructions } from '../../core/amendments/apply';
import { generateInstructions } from '../../core/amendments/generate';
import { parseMotionText } from '../../core/amendments/parse';
import { renderInstructions } from '../../core/amendments/render';
import { lookUpCitation } from '../../core/citations';
import {
  formatDiagnostic,
  hasErrors,
  sortDiagnostics,
  type Diagnostic,
} from '../../core/diagnostics';
import { consolidate } from '../../core/procedure/consolidate';
import { profiles } from '../../core/profiles';
import { parseRulebook } from '../../core/rulebook/parse';
import { serialiseRulebook, serialiseUnits } from '../../core/rulebook/serialise';
import { firstWords, walkUnits } from '../../core/rulebook/tree';
import type { Profile } from '../../schemas/profile';

const USAGE = `Usage: npm run -s redline -- <command>

  check <rulebook>                          diagnostics; exit 1 on any error
  units <rulebook>                          every unit: address, tab, first words
  show <rulebook> <citation>                one unit with its sub-units, in the source format
  instructions <base> <proposed> [--json]   the motion text for every difference
  apply <rulebook> <motion-text-file>       the amended rulebook on stdout
  consolidate <rulebook> <motion-text-file>... [--edition <name>]
                                            every carried motion applied in the order given:
                                            the next edition on stdout; exit 1 on a conflict

Options: --style <profile>  (${Object.keys(profiles).join(', ')}; default labour)`;

/** A problem with how the command was called or with a file: printed plainly, exit 2. */
class UsageError extends Error {}

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** Runs the CLI with arguments; returns the exit code. Separate from `process` so tests can call it. */
export function run(argv: readonly string[], io: Io): number {
  try {
    return dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`redline: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

function dispatch(argv: readonly string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      style: { type: 'string' },
      edition: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...args] = positionals;
  if (values.help || !command) {
    io.out(`${USAGE}\n`);
    return command || values.help ? 0 : 2;
  }
  const profile = pickProfile(values.style);
  const need = (n: number) => {
    if (args.length !== n)
      throw new UsageError(`'${command}' takes ${n} argument${n === 1 ? '' : 's'}\n\n${USAGE}`);
  };
  const report = (file: string, diagnostics: readonly Diagnostic[]) => {
    for (const d of sortDiagnostics(diagnostics)) io.err(`${formatDiagnostic(file, d)}\n`);
  };
  const load = (file: string) => {
    const parsed = parseRulebook(readText(file), { profile });
    return { ...parsed, file };
  };

  switch (command) {
    case 'check': {
      need(1);
      const { diagnostics } = load(args[0] as string);
      for (const d of sortDiagnostics(diagnostics))
        io.out(`${formatDiagnostic(args[0] as string, d)}\n`);
      return hasErrors(diagnostics) ? 1 : 0;
    }
    case 'units': {
      need(1);
      const { rulebook, diagnostics, file } = load(args[0] as string);
      report(file, diagnostics);
      for (const unit of walkUnits(rulebook.chapters)) {
        io.out(`${unit.address}\t${firstWords(unit)}\n`);
      }
      return hasErrors(diagnostics) ? 1 : 0;
    }
    case 'show': {
      need(2);
      const { rulebook, diagnostics, file } = load(args[0] as string);
      report(
        file,
        diagnostics.filter((d) => d.severity === 'error'),
      );
      const { path, unit } = lookUpCitation(rulebook, args[1] as string, profile);
      if (!path)
        throw new UsageError(
          `cannot read '${args[1]}' as a citation such as 5.IV.5.A or "Chapter 5, Clause IV"`,
        );
      if (!unit) {
        io.err(
          `redline: no unit ${path.join('.')} in edition ${rulebook.meta.edition} of ${file}\n`,
        );
        return 1;
      }
      io.out(`${serialiseUnits([unit], rulebook.format, profile)}\n`);
      return 0;
    }
    case 'instructions': {
      need(2);
      const base = load(args[0] as string);
      const proposed = load(args[1] as string);
      report(base.file, base.diagnostics);
      report(proposed.file, proposed.diagnostics);
      if (hasErrors(base.diagnostics) || hasErrors(proposed.diagnostics)) return 1;
      const { instructions, diagnostics } = generateInstructions(
        base.rulebook,
        proposed.rulebook,
        profile,
      );
      report(proposed.file, diagnostics);
      if (values.json) io.out(`${JSON.stringify(instructions, null, 2)}\n`);
      else if (instructions.length > 0) io.out(`${renderInstructions(instructions, profile)}\n`);
      return hasErrors(diagnostics) ? 1 : 0;
    }
    case 'apply': {
      need(2);
      const base = load(args[0] as string);
      report(base.file, base.diagnostics);
      if (hasErrors(base.diagnostics)) return 1;
      const motionFile = args[1] as string;
      const parsed = parseMotionText(readText(motionFile), base.rulebook, profile);
      report(motionFile, parsed.diagnostics);
      if (hasErrors(parsed.diagnostics)) return 1;
      const applied = applyInstructions(base.rulebook, parsed.motion.instructions, profile);
      report(motionFile, applied.diagnostics);
      if (!applied.rulebook) return 1;
      io.out(serialiseRulebook(applied.rulebook, profile));
      return 0;
    }
    case 'consolidate': {
      if (args.length < 2) {
        throw new UsageError(
          `consolidate needs a rulebook and at least one motion text file\n\n${USAGE}`,
        );
      }
      const base = load(args[0] as string);
      report(base.file, base.diagnostics);
      if (hasErrors(base.diagnostics)) return 1;
      const motions = args.slice(1).map((file) => ({ name: file, text: readText(file) }));
      const result = consolidate(base.rulebook, motions, profile, values.edition);
      for (const problem of result.problems) report(problem.motion, problem.diagnostics);
      if (!result.rulebook) return 1;
      io.out(serialiseRulebook(result.rulebook, profile));
      return 0;
    }
    default:
      throw new UsageError(`unknown command '${command}'\n\n${USAGE}`);
  }
}

function pickProfile(id: string | undefined): Profile {
  const profile = profiles[id ?? 'labour'];
  if (!profile)
    throw new UsageError(
      `unknown style '${id}', expected one of: ${Object.keys(profiles).join(', ')}`,
    );
  return profile;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT'
        ? `no such file: ${file}`
        : code === 'EISDIR'
          ? `${file} is a folder, expected a file`
          : `cannot read ${file} (${code ?? 'error'})`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = run(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  });
}
