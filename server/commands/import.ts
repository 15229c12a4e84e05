/**
 * Importing motion text people wrote: parse it against the edition, and when it reads cleanly,
 * turn its instructions into a new motion's draft amendments. A text that does not read may be
 * kept as submitted, unread, and its reading finished later on the motion's page, by its
 * drafters or by the CAC, with the choices its reading offers.
 */
import type { Actor } from '../../core/access/policy';
import { diagnostic, hasErrors } from '../../core/diagnostics';
import {
  draftReadsAs,
  type ChoiceMade,
  type MotionFromText,
} from '../../core/amendments/from-text';
import type { DraftAmendment } from '../../core/amendments/draft';
import { mayFinishReading } from '../../core/workflow/transition';
import { readAmendments } from '../../core/amendments/draft-doc';
import type {
  FinishReading,
  ImportMotion,
  ImportResolution,
  Motion,
  SubmittedReadingView,
} from '../../schemas/api';
import { conflict, forbidden, unprocessable } from '../errors';
import { loadEdition, storedParse, type CommandContext } from './context';
import { readDraftDoc } from './drafts';
import {
  createMotion,
  drafterOf,
  motionFor,
  readMotion,
  writeReading,
  type MotionInContext,
} from './motions';

/**
 * Creates a motion from motion text. Any error diagnostic answers 422 with the diagnostics and
 * creates nothing, as do forms the draft model cannot hold yet (replacing a range by different
 * units, a new unit at the start of a clause) — unless `keepUnread` asks to keep it: then the
 * motion is created with its text and no instructions, and the diagnostics come back with it.
 * A text longer than the profile allows and one holding a NUL (which PostgreSQL cannot store)
 * are refused either way; warnings come back with the motion. The text is read in the parse
 * worker, off the event loop, with the person's choices on the fixes an earlier import offered
 * (`resolutions`), and kept with the motion as submitted, with those choices.
 */
export async function importMotion(
  ctx: CommandContext,
  actor: Actor,
  input: ImportMotion,
): Promise<Motion> {
  const edition = await loadEdition(ctx, input.editionId);
  const { row, profile } = edition;
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
  const unread = hasErrors(read.diagnostics);
  if (unread && input.keepUnread) {
    const kept = await createMotion(ctx, actor, {
      editionId: input.editionId,
      title: input.title || read.title || 'Imported motion',
      bodyId: input.bodyId,
      argument: read.argument,
      submittedText,
      importResolutions: [],
    });
    const motion = await readMotion(ctx, actor, kept.id);
    return { ...motion, diagnostics: [...read.diagnostics, ...motion.diagnostics] };
  }
  if (unread) {
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
  await writeReading(ctx, created.id, edition, read.amendments);
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
 * choices recorded with it: what the CAC and everyone who may read the motion see marked on the
 * text as submitted (the warnings an import accepts — a restatement that differs, words found in
 * another case, a redundant line number — and, if the edition's reading changed, anything new),
 * whether it is still unread, and whether this person may finish reading it. Empty for a motion
 * drafted in the app.
 */
export async function submittedReading(
  ctx: CommandContext,
  actor: Actor,
  motionId: string,
): Promise<SubmittedReadingView> {
  const m = await motionFor(ctx, actor, motionId, 'read');
  const { text, choices } = await ctx.store.getSubmission(motionId);
  if (text === null) return { diagnostics: [], unread: false, canFinish: false };
  const [read, unread] = await Promise.all([
    readSubmitted(ctx, m, text, resolutionsOf(choices)),
    isUnread(ctx, motionId),
  ]);
  const canFinish = unread && mayFinishReading(m.edition.profile.workflow, m.row, actor);
  return { diagnostics: read.diagnostics, unread, canFinish };
}

/**
 * Finishes reading a motion kept unread, with a person's choices on the fixes its reading
 * offers: the instructions read are written into its draft, and the choices, with who made them,
 * recorded with it. Its drafters may while it is a draft; the CAC while it waits for a ruling
 * (see mayFinishReading). Refused, changing nothing, when the text still does not read (422 with
 * the diagnostics), or the motion is not unread (409). The draft is written before the record:
 * two people finishing at once write one reading, and the second is told so.
 */
export async function finishReading(
  ctx: CommandContext,
  actor: Actor,
  motionId: string,
  input: FinishReading,
): Promise<Motion> {
  const m = await motionFor(ctx, actor, motionId, 'read');
  const { workflow } = m.edition.profile;
  if (!mayFinishReading(workflow, m.row, actor)) {
    throw forbidden(
      'reading-not-yours',
      "Only the motion's drafters, while it is a draft, or the CAC, before ruling it in order, may finish reading its text",
    );
  }
  const { text } = await ctx.store.getSubmission(motionId);
  if (text === null) {
    throw conflict(
      'not-imported',
      'This motion was drafted here: it has no text as submitted to read',
    );
  }
  const finished = () =>
    conflict(
      'reading-finished',
      'The instructions of this motion have already been read into its draft; reload it to see them',
    );
  if (!(await isUnread(ctx, motionId))) throw finished();
  const read = await readSubmitted(ctx, m, text, input.resolutions);
  if (hasErrors(read.diagnostics)) {
    throw unprocessable(
      'motion-text-invalid',
      'The text as submitted still cannot be read with these choices; see the diagnostics. Nothing was changed',
      read.diagnostics,
    );
  }
  if (!(await writeReading(ctx, motionId, m.edition, read.amendments))) throw finished();
  await ctx.store.finishReading(motionId, read.choices, {
    actorId: actor.userId,
    action: 'reading-finished',
    motionId,
    bodyId: m.row.bodyId,
    detail: { state: m.row.state, choices: read.choices, instructions: read.amendments.length },
  });
  return readMotion(ctx, actor, motionId);
}

/**
 * Whether a motion's draft holds no amendment: for one with a text as submitted, that the text
 * was read into none (kept unread). A motion drafted here cannot be submitted without one.
 */
export async function isUnread(ctx: CommandContext, motionId: string): Promise<boolean> {
  return readAmendments(await readDraftDoc(ctx, motionId)).length === 0;
}

/**
 * The wording a motion was submitted with, when its draft still says exactly what that wording
 * was read to say (with the choices recorded): what its exports print as the amendment, since
 * the agreed wording must never change. Null for a motion drafted here, one kept unread, and one
 * edited since it was read, whose draft's own instructions are then the motion.
 */
export async function agreedWording(
  ctx: CommandContext,
  m: MotionInContext,
  draft: readonly DraftAmendment[],
): Promise<string | null> {
  if (draft.length === 0) return null;
  const { text, choices } = await ctx.store.getSubmission(m.row.id);
  if (text === null) return null;
  const read = await readSubmitted(ctx, m, text, resolutionsOf(choices));
  if (hasErrors(read.diagnostics) || !draftReadsAs(read.amendments, draft)) return null;
  return read.wording;
}

/** The choices recorded with a motion, as the reader takes them. */
function resolutionsOf(choices: readonly ChoiceMade[] | null): ImportResolution[] {
  return (choices ?? []).map((c) => ({
    at: c.at,
    value: c.value,
    ...(c.kind ? { kind: c.kind } : {}),
  }));
}

function readSubmitted(
  ctx: CommandContext,
  m: MotionInContext,
  text: string,
  resolutions: readonly ImportResolution[],
): Promise<MotionFromText> {
  return ctx.parser.readMotion(
    { id: m.row.editionId, profile: m.edition.profile },
    { text, resolutions },
    () => storedParse(ctx, m.edition.row),
  );
}
