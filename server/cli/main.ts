/**
 * The `redline` command: `npm run -s redline -- <command>`. Used by people, by scripts and by our
 * own checks, so its output formats are kept exact (README, "Command line").
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generateInstructions } from '../../core/amendments/generate';
import { parseMotionText } from '../../core/amendments/parse';
import { renderInstructions } from '../../core/amendments/render';
import {
  formatDiagnostic,
  hasErrors,
  sortDiagnostics,
  type Diagnostic,
} from '../../core/diagnostics';
import { motionDocument } from '../../core/export/motion';
import type { ExportDocument, ExportFormat } from '../../core/export/model';
import { rulebookDocument } from '../../core/export/rulebook';
import { asEdition, consolidate } from '../../core/procedure/consolidate';
import { profiles } from '../../core/profiles';
import { detectFormat } from '../../core/rulebook/parse';
import { serialiseRulebook } from '../../core/rulebook/serialise';
import { firstWords, walkUnits } from '../../core/rulebook/tree';
import type { AmendmentSummaryLine } from '../../schemas/api';
import type { Profile } from '../../schemas/profile';
import { AppError } from '../errors';
import { motionFromText } from '../../core/amendments/from-text';
import { DOCUMENT_FORMATS, renderExport } from '../export/render';
import { applyCommand, loadRulebook, report as reportTo, showCommand, type Io } from './commands';

/** The rulebook a motion file amends unless --rulebook names another. */
const SAMPLE_RULEBOOK = fileURLToPath(
  new URL('../../motions/rulebooks/labour/2024.md', import.meta.url),
);

const USAGE = `Usage: npm run -s redline -- <command>

  check <rulebook>                          diagnostics; exit 1 on any error
  units <rulebook>                          every unit: address, tab, first words
  show <rulebook> <citation>                one unit with its sub-units, in the source format
  instructions <base> <proposed> [--json]   the motion text for every difference
  apply <rulebook> <motion-text-file>       the amended rulebook on stdout
  consolidate <rulebook> <motion-text-file>... [--edition <name>]
                                            every carried motion applied in the order given:
                                            the next edition on stdout; exit 1 on a conflict
  export <motion-file> --format txt|md|html|docx|pdf [--redline] [--rulebook <edition.md>]
         [--title <title>] --out FILE       one motion in the submission format, against
                                            --rulebook (default the sample 2024 rulebook)
  export <rulebook> [<motion-file>...] --format txt|md|html|docx|pdf [--redline]
         [--edition <name>] [--conference <year>] --out FILE
                                            the rulebook (Markdown) as a whole; motion files are
                                            carried in the order given (card votes 1, 2, … at
                                            --conference, default this year), applied and
                                            summarised at the front. --redline marks the changes;
                                            PDF needs Chromium

Options: --style <profile>  (${Object.keys(profiles).join(', ')}; default labour)`;

/** A problem with how the command was called or with a file: printed plainly, exit 2. */
class UsageError extends Error {}

/** Runs the CLI with arguments; resolves to the exit code. Separate from `process` so tests can call it. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`redline: ${error.message}\n`);
      return 2;
    }
    // A server error the CLI shares (no Chromium for a PDF): its message says what to do.
    if (error instanceof AppError) {
      io.err(`redline: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

function parseOptions(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        style: { type: 'string' },
        edition: { type: 'string' },
        conference: { type: 'string' },
        format: { type: 'string' },
        redline: { type: 'boolean' },
        rulebook: { type: 'string' },
        title: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
}

type Options = ReturnType<typeof parseOptions>['values'];

function dispatch(argv: readonly string[], io: Io): number | Promise<number> {
  const { values, positionals } = parseOptions(argv);
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
  const report = (file: string, diagnostics: readonly Diagnostic[]) =>
    reportTo(io, file, diagnostics);
  const load = (file: string) => loadRulebook(file, readText(file), profile);

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
    case 'show':
      need(2);
      return showCommand(load(args[0] as string), args[1] as string, profile, io);
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
      const motionFile = args[1] as string;
      return applyCommand(
        load(args[0] as string),
        motionFile,
        () => readText(motionFile),
        profile,
        io,
      );
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
    case 'export':
      if (args.length < 1) {
        throw new UsageError(`export needs a motion text file or a rulebook\n\n${USAGE}`);
      }
      return exportCommand(args, values, profile, io);
    default:
      throw new UsageError(`unknown command '${command}'\n\n${USAGE}`);
  }
}

/**
 * `export`: a motion text file as one motion in the submission format, or a rulebook as the
 * consolidated-rulebook document (with any motion files applied to it, in the order given).
 * Diagnostics go to stderr like `apply`; the file is written only when everything applied.
 */
async function exportCommand(
  args: readonly string[],
  values: Options,
  profile: Profile,
  io: Io,
): Promise<number> {
  const format = values.format as ExportFormat | undefined;
  if (!format || !(DOCUMENT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(
      `export needs --format ${DOCUMENT_FORMATS.join('|')}${format ? `, not '${format}'` : ''}`,
    );
  }
  const out = values.out;
  if (!out) throw new UsageError('export needs --out FILE, the file to write');
  const redline = values.redline ?? false;
  const [first, ...more] = args as [string, ...string[]];
  const firstText = readText(first);
  const isRulebook = values.rulebook === undefined && detectFormat(firstText) === 'markdown';
  if (!isRulebook && more.length > 0) {
    throw new UsageError(
      `export takes one motion file, or a rulebook and the motion files to apply to it`,
    );
  }
  const report = (file: string, diagnostics: readonly Diagnostic[]) =>
    reportTo(io, file, diagnostics);
  const rulebookFile = isRulebook ? first : (values.rulebook ?? SAMPLE_RULEBOOK);
  const base = loadRulebook(rulebookFile, isRulebook ? firstText : readText(rulebookFile), profile);
  report(rulebookFile, base.diagnostics);
  if (hasErrors(base.diagnostics)) return 1;

  let doc: ExportDocument;
  if (isRulebook) {
    const motions = more.map((file) => ({ name: file, text: readText(file) }));
    const conference = Number(values.conference ?? new Date().getFullYear());
    if (!Number.isInteger(conference) || conference < 1000 || conference > 9999) {
      throw new UsageError(`--conference takes a year such as 2026, not '${values.conference}'`);
    }
    let rulebook = values.edition ? asEdition(base.rulebook, values.edition) : base.rulebook;
    const amendments: AmendmentSummaryLine[] = [];
    if (motions.length > 0) {
      const result = consolidate(base.rulebook, motions, profile, values.edition);
      for (const problem of result.problems) report(problem.motion, problem.diagnostics);
      if (!result.rulebook) return 1;
      rulebook = result.rulebook;
      motions.forEach(({ name, text }, i) => {
        const { title } = parseMotionText(text, base.rulebook, profile).motion;
        amendments.push({
          motionId: name,
          title: title.trim() || titleOf(name),
          // No body on record: the file it came from.
          body: basename(name),
          conference,
          card: i + 1,
          words: 'CARRIED',
          // The units it changes (footprints in the base's numbering, as consolidate gives them).
          units: result.summary[i]?.units ?? [],
        });
      });
    }
    doc = rulebookDocument(
      { rulebook, base: motions.length > 0 ? base.rulebook : null, profile, amendments },
      { redline },
    );
  } else {
    const motion = motionFromText(firstText, base.rulebook, profile);
    report(first, motion.diagnostics);
    if (hasErrors(motion.diagnostics)) return 1;
    doc = motionDocument(
      {
        title: values.title ?? (motion.title || titleOf(first)),
        body: '',
        profile,
        rulebook: base.rulebook,
        amendments: motion.amendments,
        motionText: motion.motionText,
        argument: motion.argument,
        meeting: null,
      },
      { redline },
    );
  }
  const { body } = await renderExport(doc, format);
  try {
    writeFileSync(out, body);
  } catch (error) {
    throw new UsageError(
      `cannot write ${out} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  return 0;
}

/** A title from a file name: `open-selection.txt` → `open selection`. */
const titleOf = (file: string) => basename(file, extname(file)).replace(/[-_]+/g, ' ');

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
  process.exitCode = await run(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  });
}
