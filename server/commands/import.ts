/**
 * Importing motion text people wrote: parse it against the edition, and when it reads cleanly,
 * turn its instructions into a new motion's draft amendments.
 */
import type { Actor } from '../../core/access/policy';
import { diagnostic, hasErrors, type Diagnostic } from '../../core/diagnostics';
import type { ImportMotion, Motion } from '../../schemas/api';
import { unprocessable } from '../errors';
import { loadEdition, storedParse, type CommandContext } from './context';
import { addAmendmentWithText, createMotion, drafterOf, motionFor, readMotion } from './motions';

/**
 * Creates a motion from motion text. Any error diagnostic answers 422 with the diagnostics and
 * creates nothing, as do forms the draft model cannot hold yet (replacing a range by different
 * units, a new unit at the start of a clause), a text longer than the profile allows and one
 * holding a NUL (which PostgreSQL cannot store); warnings come back with the motion. The text is
 * read in the parse worker, off the event loop, with the person's choices on the fixes an earlier
 * import offered (`resolutions`), and kept with the motion as submitted, with those choices.
 */
export async function importMotion(
  ctx: CommandContext,
  actor: Actor,
  input: ImportMotion,
): Promise<Motion> {
  const { row, profile } = await loadEdition(ctx, input.editionId);
  // Refused before any parsing: whether one may import does not depend on the text.
  await drafterOf(ctx, actor, input.bodyId);
  const limit = profile.limits.motionChars;
  if (input.text.length > limit) {
    const count = (n: number) => n.toLocaleString('en-GB');
    throw unprocessable(
      'motion-text-too-long',
      `The motion text has ${count(input.text.length)} characters; at most ${count(limit)} can be imported (the profile's limit). Nothing was created`,
      [
        diagnostic(
          'error',
          'motion-too-long',
          `Unexpected motion text of ${count(input.text.length)} characters, expected at most ${count(limit)} (the profile's limit)`,
          1,
          1,
        ),
      ],
    );
  }
  // Kept word for word, and PostgreSQL's text holds no NUL (SQLite's does): refused on both, as
  // the rulebook reader refuses one, instead of a 500 on one database only.
  const nul = input.text.indexOf('\u0000');
  if (nul !== -1) {
    const { line, column } = placeOf(input.text, nul);
    throw unprocessable(
      'motion-text-not-text',
      'The motion text holds a NUL character, which is not text. Nothing was created',
      [
        diagnostic(
          'error',
          'motion-not-text',
          'Unexpected a NUL character, expected motion text',
          line,
          column,
        ),
      ],
    );
  }
  // Word for word: the wording the meeting agreed, which the draft's instructions reword.
  // Only Windows line endings become LF, as a browser's textarea gives them anyway; the reader
  // reads the same text, so the spans of its diagnostics and the places of the person's choices
  // are offsets into the text as stored.
  const submittedText = input.text.replace(/\r\n/g, '\n');
  const read = await ctx.parser.readMotion(
    { id: row.id, profile },
    { text: submittedText, resolutions: input.resolutions ?? [] },
    () => storedParse(ctx, row),
  );
  if (hasErrors(read.diagnostics)) {
    const unsupported = read.diagnostics.some((d) => d.ruleId === 'not-supported');
    throw unprocessable(
      unsupported ? 'import-not-supported' : 'motion-text-invalid',
      unsupported
        ? 'The motion text changes the rules in a way a draft cannot hold yet; see the diagnostics'
        : 'The motion text cannot be applied to this edition; see the diagnostics',
      read.diagnostics,
    );
  }
  const warnings = read.diagnostics.filter((d) => d.severity === 'warning');

  const title = input.title || read.title || 'Imported motion';
  const created = await createMotion(ctx, actor, {
    editionId: input.editionId,
    title,
    bodyId: input.bodyId,
    argument: read.argument,
    submittedText,
    importResolutions: read.choices,
  });
  for (const a of read.amendments) {
    await addAmendmentWithText(ctx, actor, created.id, a.kind, a.target, a.text);
  }
  const motion = await readMotion(ctx, actor, created.id);
  return { ...motion, diagnostics: [...warnings, ...motion.diagnostics] };
}

/** The 1-based line and column of `index`, counting lines as the readers do: LF, CRLF or a lone CR. */
function placeOf(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || (code === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: index - lineStart + 1 };
}

/**
 * The text an imported motion was submitted with, read again against its edition with the
 * choices made on import: what the CAC and everyone who may read the motion see marked on the
 * text as submitted (the warnings an import accepts — a restatement that differs, words found in
 * another case, a redundant line number — and, if the edition's reading changed, anything new).
 * Empty for a motion drafted in the app.
 */
export async function submittedReading(
  ctx: CommandContext,
  actor: Actor,
  motionId: string,
): Promise<{ diagnostics: Diagnostic[] }> {
  const m = await motionFor(ctx, actor, motionId, 'read');
  const { text, choices } = await ctx.store.getSubmission(motionId);
  if (text === null) return { diagnostics: [] };
  const resolutions = (choices ?? []).map((c) => ({
    at: c.at,
    value: c.value,
    ...(c.kind ? { kind: c.kind } : {}),
  }));
  const read = await ctx.parser.readMotion(
    { id: m.row.editionId, profile: m.edition.profile },
    { text, resolutions },
    () => storedParse(ctx, m.edition.row),
  );
  return { diagnostics: read.diagnostics };
}
