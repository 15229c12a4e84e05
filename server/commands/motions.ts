/**
 * Motion commands: create, read, list, add and remove amendments. Every command takes the actor
 * and asks core/access before it reads or writes, so no route can forget to.
 */
import * as Y from 'yjs';
import { canDraftFor, motionAccess, stateOf, type Actor } from '../../core/access/policy';
import { availableTransitions, isLive, stateLabel } from '../../core/workflow/transition';
import { motionFromDraft, nextLabel } from '../../core/amendments/draft';
import type { ChoiceMade } from '../../core/amendments/from-text';
import { findUnit } from '../../core/rulebook/tree';
import type { AddAmendment, AmendmentView, Motion, MotionSummary } from '../../schemas/api';
import type { Position } from '../../schemas/profile';
import { AMENDMENT, DOC, META, type AmendmentKind } from '../../schemas/collab';
import { forbidden, notFound, unprocessable } from '../errors';
import type { BodyRow, MotionRow } from '../store/types';
import { bodyRow } from './bodies';
import { loadEdition, randomId, type CommandContext, type LoadedEdition } from './context';
import { editDraft, readDraftDoc, toAmendmentView } from './drafts';
import { procedureChecks } from './procedure';
import { commonPrefix, commonSuffix } from '../../core/diff/words';
import { readAmendments, toDraft, type AmendmentEntry } from '../../core/amendments/draft-doc';
import { progressOf, type StepEvent } from '../../core/workflow/records';
import { identicalSubmissions, stepsByMotion } from './progress';

const MOTION_ID_LENGTH = 12;
const AMENDMENT_ID_LENGTH = 8;

export interface NewMotionInput {
  editionId: string;
  title: string;
  bodyId: string;
  /** The supporting argument to start with (seed data, imports). */
  argument?: string;
  /** An imported motion's text as pasted, kept word for word beside it. */
  submittedText?: string;
  /** The choices made on its import, with offsets into `submittedText`. */
  importResolutions?: readonly ChoiceMade[];
}

/** A motion the actor may see, with its edition, body and the actor's access to its text. */
export interface MotionInContext {
  row: MotionRow;
  edition: LoadedEdition;
  body: BodyRow;
  access: 'write' | 'read';
}

/**
 * Loads a motion for an actor who needs to `read` or `write` its text: 404 when there is no
 * such motion, 403 (saying why) when the actor may not.
 */
export async function motionFor(
  ctx: CommandContext,
  actor: Actor,
  motionId: string,
  need: 'read' | 'write',
): Promise<MotionInContext> {
  // A draft the person may not see answers as if there were none: its id, its body and that it
  // exists are the drafters' business until it is submitted.
  const missing = () =>
    notFound(
      'motion-not-found',
      `No motion ${JSON.stringify(motionId)} that you can see: it does not exist, or it is another body's draft`,
    );
  const row = await ctx.store.getMotion(motionId);
  if (!row) throw missing();
  const [edition, body] = await Promise.all([
    loadEdition(ctx, row.editionId),
    bodyRow(ctx, row.bodyId),
  ]);
  const { workflow } = edition.profile;
  const access = motionAccess(actor, row, workflow);
  if (access === 'none') throw missing();
  if (need === 'write' && access !== 'write') {
    throw forbidden(
      'motion-read-only',
      stateOf(workflow, row.state).editable
        ? `You can read this draft but not change it: only members of ${body.name} draft it`
        : `The motion is ${stateLabel(workflow, row.state)}: its text can no longer change`,
    );
  }
  return { row, edition, body, access };
}

function toSummary(
  m: MotionInContext,
  amendments: readonly AmendmentEntry[],
  steps: readonly StepEvent[] = [],
  identical: readonly string[] = [],
): MotionSummary {
  const { row, body } = m;
  return {
    id: row.id,
    editionId: row.editionId,
    title: row.title,
    bodyId: body.id,
    body: body.name,
    state: row.state,
    stateLabel: stateLabel(m.edition.profile.workflow, row.state),
    access: m.access,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    units: [...new Set(amendments.map((a) => a.target))],
    progress: progressOf(m.edition.profile.workflow, steps),
    identical: [...identical],
  };
}

/** The body the actor would start a motion for: 404 when unknown, 403 when not theirs. */
export async function drafterOf(
  ctx: CommandContext,
  actor: Actor,
  bodyId: string,
): Promise<BodyRow> {
  const body = await bodyRow(ctx, bodyId);
  if (!canDraftFor(actor, body.id)) {
    throw forbidden(
      'not-a-drafter',
      `Only members and the secretary of ${body.name} can start its motions`,
    );
  }
  return body;
}

/** Creates a motion for one of the actor's bodies: its row and its draft document. */
export async function createMotion(
  ctx: CommandContext,
  actor: Actor,
  input: NewMotionInput,
): Promise<MotionSummary> {
  const edition = await loadEdition(ctx, input.editionId);
  const body = await drafterOf(ctx, actor, input.bodyId);
  const id = randomId(MOTION_ID_LENGTH);
  const row = await ctx.store.createMotion(
    {
      id,
      editionId: input.editionId,
      bodyId: body.id,
      title: input.title,
      state: edition.profile.workflow.initial,
      submittedText: input.submittedText ?? null,
      importResolutions: input.importResolutions ?? null,
    },
    { actorId: actor.userId, action: 'motion-created', motionId: id, bodyId: body.id },
  );
  await editDraft(ctx, row.id, (doc) => {
    const meta = doc.getMap(DOC.meta);
    meta.set(META.title, input.title);
    meta.set(META.body, body.name);
    if (input.argument) doc.getText(DOC.argument).insert(0, input.argument);
  });
  return toSummary({ row, edition, body, access: 'write' }, []);
}

/** Every motion the actor may see, newest first, with the units each touches. */
export async function listMotions(ctx: CommandContext, actor: Actor): Promise<MotionSummary[]> {
  const [rows, bodies, transitions] = await Promise.all([
    ctx.store.listMotions(),
    ctx.store.listBodies(),
    ctx.store.listAudit({ action: 'transition' }),
  ]);
  const steps = stepsByMotion(transitions);
  const bodyById = new Map(bodies.map((b) => [b.id, b]));
  const visible: MotionInContext[] = [];
  for (const row of rows) {
    const edition = await loadEdition(ctx, row.editionId);
    const body = bodyById.get(row.bodyId);
    const access = motionAccess(actor, row, edition.profile.workflow);
    if (body && access !== 'none') visible.push({ row, edition, body, access });
  }
  // On the agenda: submitted, and still live or decided (not withdrawn, not back to drafting).
  const onAgenda = visible.filter(({ row, edition: { profile } }) => {
    const { workflow } = profile;
    const live = isLive(workflow, row.state) || stateOf(workflow, row.state).decided;
    const submitted = steps.get(row.id)?.some((s) => s.event === workflow.submitEvent) ?? false;
    return live && !stateOf(workflow, row.state).editable && submitted;
  });
  const identical = identicalSubmissions(
    transitions,
    onAgenda.map((m) => m.row),
  );
  return Promise.all(
    visible.map(async (m) =>
      toSummary(
        m,
        readAmendments(await readDraftDoc(ctx, m.row.id)),
        steps.get(m.row.id),
        identical.get(m.row.id),
      ),
    ),
  );
}

/** A motion's draft: the Y.Doc, its amendments, and the proposed rulebook and motion text. */
export async function draftOf(ctx: CommandContext, m: MotionInContext) {
  const doc = await readDraftDoc(ctx, m.row.id);
  const amendments = readAmendments(doc);
  const { rulebook, profile } = m.edition;
  return { doc, amendments, draft: motionFromDraft(rulebook, toDraft(amendments), profile) };
}

/**
 * A motion with its draft and the formal motion text generated from it in the edition's profile
 * style: the authoritative version of what the browser shows live.
 */
export async function readMotion(
  ctx: CommandContext,
  actor: Actor,
  motionId: string,
): Promise<Motion> {
  const m = await motionFor(ctx, actor, motionId, 'read');
  const { profile } = m.edition;
  const [{ doc, amendments, draft }, log, submission] = await Promise.all([
    draftOf(ctx, m),
    ctx.store.listAudit({ motionId, action: 'transition' }),
    ctx.store.getSubmission(motionId),
  ]);
  const summary = toSummary(m, amendments, stepsByMotion(log).get(motionId));
  const actions = availableTransitions(profile.workflow, m.row, actor);
  const submitted = stateOf(profile.workflow, m.row.state).public;
  const procedure = submitted
    ? null
    : await procedureChecks(ctx, actor, m, { units: summary.units, motionText: draft.motionText });
  return {
    ...summary,
    amendments: amendments.map(toAmendmentView),
    argument: doc.getText(DOC.argument).toString(),
    motionText: draft.motionText,
    submittedText: submission.text,
    importResolutions: submission.choices,
    diagnostics: draft.diagnostics,
    actions: actions.map((t) => ({
      event: t.event,
      label: t.label,
      record: t.record ?? null,
      result: t.result ?? null,
      noteRequired: t.noteRequired,
    })),
    recordOptions: {
      meetings: profile.procedure.meetings,
      positions: Object.entries(profile.procedure.positions).map(([id, label]) => ({
        id: id as Position,
        label,
      })),
      sections: profile.procedure.vote.sections.map(({ id, label }) => ({ id, label })),
      alternatives: actions.some((t) => t.record === 'position')
        ? await necMotionsOn(ctx, m.row.editionId, motionId)
        : [],
    },
    checks: procedure?.checks ?? [],
    checksYear: procedure?.year ?? null,
  };
}

/**
 * The NEC's own public motions on an edition: what an NEC alternative may name. Only public ones:
 * the position is read by everyone, and must not reveal an NEC draft's id or title.
 */
export async function necMotionsOn(
  ctx: CommandContext,
  editionId: string,
  except: string,
): Promise<{ id: string; title: string }[]> {
  const [rows, bodies, { profile }] = await Promise.all([
    ctx.store.listMotions(),
    ctx.store.listBodies(),
    loadEdition(ctx, editionId),
  ]);
  const nec = new Set(bodies.filter((b) => b.kind === 'nec').map((b) => b.id));
  return rows
    .filter(
      (r) =>
        r.editionId === editionId &&
        r.id !== except &&
        nec.has(r.bodyId) &&
        stateOf(profile.workflow, r.state).public,
    )
    .map(({ id, title }) => ({ id, title }));
}

/** An amendment checked against the edition, ready to put in a draft. */
interface PlannedAmendment {
  kind: AmendmentKind;
  target: string;
  /** An insert's label: the one after its target's. */
  marker: string;
  /** The target's text in the edition, which an `amend` starts from. */
  baseText: string;
}

/**
 * Checks an amendment against the edition: the target must exist, inserts and deletes only
 * apply to numbered units, and an insert needs a next label.
 */
function planAmendment(edition: LoadedEdition, input: AddAmendment): PlannedAmendment {
  const { rulebook, profile } = edition;
  const hit = findUnit(rulebook, input.target.split('.'));
  if (!hit) {
    throw notFound(
      'unit-not-found',
      `No unit ${input.target} in edition ${rulebook.meta.edition} of the ${rulebook.meta.title}`,
    );
  }
  if (input.kind !== 'amend' && hit.unit.kind !== 'unit') {
    throw unprocessable(
      'not-a-numbered-unit',
      `Cannot ${input.kind} after or at ${input.target}: only numbered units can be ${input.kind === 'insert' ? 'followed by a new unit' : 'deleted'}`,
    );
  }
  let marker = '';
  if (input.kind === 'insert') {
    const next = nextLabel(rulebook, input.target, profile);
    if (!next) {
      throw unprocessable(
        'insert-place',
        `Cannot insert after ${input.target}: its label has no next label`,
      );
    }
    marker = next.marker;
  }
  return { kind: input.kind, target: input.target, marker, baseText: hit.unit.text };
}

/**
 * Puts a planned amendment in a draft, inside the caller's transaction. Its text starts as the
 * base text (an `amend`) and, given `text`, is edited to it by its changed middle only: the
 * draft's history shows the edit, not a rewrite. This is the only place base text is seeded.
 */
function putAmendment(doc: Y.Doc, plan: PlannedAmendment, text?: string): AmendmentView {
  const id = randomId(AMENDMENT_ID_LENGTH);
  const amendment = new Y.Map<unknown>();
  amendment.set(AMENDMENT.kind, plan.kind);
  amendment.set(AMENDMENT.target, plan.target);
  // Creation order, strictly increasing even within one millisecond (imports, seeds).
  const last = Math.max(0, ...readAmendments(doc).map((a) => a.order));
  amendment.set(AMENDMENT.order, Math.max(Date.now(), last + 1));
  if (plan.kind === 'insert') amendment.set(AMENDMENT.marker, plan.marker);
  const base = plan.kind === 'amend' ? plan.baseText : '';
  let written = '';
  if (plan.kind !== 'delete') {
    const ytext = new Y.Text(base);
    amendment.set(AMENDMENT.text, ytext);
    doc.getMap(DOC.amendments).set(id, amendment);
    if (text !== undefined && text !== base) {
      const start = commonPrefix(base, text);
      const end = commonSuffix(base, text, start);
      ytext.delete(start, base.length - start - end);
      ytext.insert(start, text.slice(start, text.length - end));
    }
    written = ytext.toString();
  } else {
    doc.getMap(DOC.amendments).set(id, amendment);
  }
  return { id, kind: plan.kind, target: plan.target, marker: plan.marker, text: written };
}

/**
 * Adds an amendment to a motion's draft (see {@link planAmendment}). A unit has at most one
 * `amend` (and one `delete`): adding it again answers the existing one.
 */
export async function addAmendment(
  ctx: CommandContext,
  actor: Actor,
  motionId: string,
  input: AddAmendment,
): Promise<AmendmentView> {
  const m = await motionFor(ctx, actor, motionId, 'write');
  const plan = planAmendment(m.edition, input);
  return editDraft(ctx, motionId, (doc) => {
    if (input.kind !== 'insert') {
      const existing = readAmendments(doc).find(
        (a) => a.kind === input.kind && a.target === input.target,
      );
      if (existing) return toAmendmentView(existing);
    }
    return putAmendment(doc, plan);
  });
}

/** Removes an amendment from a motion's draft; 404 when there is none with that id. */
export async function removeAmendment(
  ctx: CommandContext,
  actor: Actor,
  motionId: string,
  amendmentId: string,
): Promise<void> {
  await motionFor(ctx, actor, motionId, 'write');
  const removed = await editDraft(ctx, motionId, (doc) => {
    const amendments = doc.getMap(DOC.amendments);
    if (!amendments.has(amendmentId)) return false;
    amendments.delete(amendmentId);
    return true;
  });
  if (!removed) {
    throw notFound('amendment-not-found', `No amendment ${JSON.stringify(amendmentId)} in motion`);
  }
}

/**
 * Writes the instructions read from a motion's text into its draft, all in one transaction:
 * imports, seeds, and finishing the reading of a motion kept unread. Checked against `edition`
 * before anything is written; nothing is written, and false is answered, when the draft already
 * holds an amendment (two people finishing one reading at once: the second writes nothing). The
 * caller has decided the actor may.
 */
export async function writeReading(
  ctx: CommandContext,
  motionId: string,
  edition: LoadedEdition,
  amendments: readonly { kind: AmendmentKind; target: string; text: string }[],
): Promise<boolean> {
  const plans = amendments.map((a) => ({ plan: planAmendment(edition, a), text: a.text }));
  return editDraft(ctx, motionId, (doc) => {
    if (readAmendments(doc).length > 0) return false;
    for (const { plan, text } of plans) putAmendment(doc, plan, text);
    return true;
  });
}
