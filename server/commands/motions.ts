/** Motion commands: create, read, list, add and remove amendments, import motion text. */
import * as Y from 'yjs';
import { motionFromDraft, nextLabel } from '../../core/amendments/draft';
import { findUnit } from '../../core/rulebook/tree';
import type { AddAmendment, AmendmentView, Motion, MotionSummary } from '../../schemas/api';
import { AMENDMENT, DOC, META, type AmendmentKind } from '../../schemas/collab';
import { notFound, unprocessable } from '../errors';
import type { MotionRow } from '../store/types';
import { loadEdition, randomId, type CommandContext } from './context';
import { editDraft, readDraftDoc, toAmendmentView } from './drafts';
import { commonPrefix, commonSuffix } from '../../core/diff/words';
import { readAmendments, toDraft, type AmendmentEntry } from '../../core/amendments/draft-doc';

const MOTION_ID_LENGTH = 12;
const AMENDMENT_ID_LENGTH = 8;

export interface NewMotionInput {
  editionId: string;
  title: string;
  body: string;
  /** The supporting argument to start with (seed data, imports). */
  argument?: string;
}

async function motionRow(ctx: CommandContext, motionId: string): Promise<MotionRow> {
  const row = await ctx.store.getMotion(motionId);
  if (!row) throw notFound('motion-not-found', `No motion ${JSON.stringify(motionId)}`);
  return row;
}

function toSummary(row: MotionRow, amendments: readonly AmendmentEntry[]): MotionSummary {
  return {
    id: row.id,
    editionId: row.editionId,
    title: row.title,
    body: row.body,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    units: [...new Set(amendments.map((a) => a.target))],
  };
}

/** Creates a motion: its row and its draft document with title, body and argument. */
export async function createMotion(
  ctx: CommandContext,
  input: NewMotionInput,
): Promise<MotionSummary> {
  await loadEdition(ctx, input.editionId);
  const row = await ctx.store.createMotion({
    id: randomId(MOTION_ID_LENGTH),
    editionId: input.editionId,
    title: input.title,
    body: input.body,
  });
  await editDraft(ctx, row.id, (doc) => {
    const meta = doc.getMap(DOC.meta);
    meta.set(META.title, input.title);
    meta.set(META.body, input.body);
    if (input.argument) doc.getText(DOC.argument).insert(0, input.argument);
  });
  return toSummary(row, []);
}

/** Every motion, newest first, with the units each touches. */
export async function listMotions(ctx: CommandContext): Promise<MotionSummary[]> {
  const rows = await ctx.store.listMotions();
  return Promise.all(
    rows.map(async (row) => toSummary(row, readAmendments(await readDraftDoc(ctx, row.id)))),
  );
}

/**
 * A motion with its draft and the formal motion text generated from it in the edition's profile
 * style: the authoritative version of what the browser shows live.
 */
export async function readMotion(ctx: CommandContext, motionId: string): Promise<Motion> {
  const row = await motionRow(ctx, motionId);
  const { rulebook, profile } = await loadEdition(ctx, row.editionId);
  const doc = await readDraftDoc(ctx, motionId);
  const amendments = readAmendments(doc);
  const draft = motionFromDraft(rulebook, toDraft(amendments), profile);
  return {
    ...toSummary(row, amendments),
    amendments: amendments.map(toAmendmentView),
    argument: doc.getText(DOC.argument).toString(),
    motionText: draft.motionText,
    diagnostics: draft.diagnostics,
  };
}

/**
 * Adds an amendment to a motion's draft. The target must exist in the edition, inserts and
 * deletes only apply to numbered units, and a unit has at most one `amend` (and one `delete`):
 * adding it again answers the existing one. This is the only place base text is seeded, once.
 */
export async function addAmendment(
  ctx: CommandContext,
  motionId: string,
  input: AddAmendment,
): Promise<AmendmentView> {
  const row = await motionRow(ctx, motionId);
  const { rulebook, profile } = await loadEdition(ctx, row.editionId);
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
  const baseText = hit.unit.text;
  return editDraft(ctx, motionId, (doc) => {
    const amendments = doc.getMap(DOC.amendments);
    if (input.kind !== 'insert') {
      const existing = readAmendments(doc).find(
        (a) => a.kind === input.kind && a.target === input.target,
      );
      if (existing) return toAmendmentView(existing);
    }
    const id = randomId(AMENDMENT_ID_LENGTH);
    const amendment = new Y.Map<unknown>();
    amendment.set(AMENDMENT.kind, input.kind);
    amendment.set(AMENDMENT.target, input.target);
    // Creation order, strictly increasing even within one millisecond (imports, seeds).
    const last = Math.max(0, ...readAmendments(doc).map((a) => a.order));
    amendment.set(AMENDMENT.order, Math.max(Date.now(), last + 1));
    if (input.kind === 'insert') amendment.set(AMENDMENT.marker, marker);
    const text = input.kind === 'amend' ? baseText : '';
    if (input.kind !== 'delete') amendment.set(AMENDMENT.text, new Y.Text(text));
    amendments.set(id, amendment);
    return { id, kind: input.kind, target: input.target, marker, text };
  });
}

/** Removes an amendment from a motion's draft; 404 when there is none with that id. */
export async function removeAmendment(
  ctx: CommandContext,
  motionId: string,
  amendmentId: string,
): Promise<void> {
  await motionRow(ctx, motionId);
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
 * Adds an amendment with a given text (imports): like {@link addAmendment}, then the text is set
 * in the same draft. Used only on a motion nobody has opened yet.
 */
export async function addAmendmentWithText(
  ctx: CommandContext,
  motionId: string,
  kind: AmendmentKind,
  target: string,
  text: string,
): Promise<AmendmentView> {
  const added = await addAmendment(ctx, motionId, { kind, target });
  if (kind === 'delete' || added.text === text) return added;
  await editDraft(ctx, motionId, (doc) => {
    const amendment = doc.getMap(DOC.amendments).get(added.id);
    const ytext = amendment instanceof Y.Map ? amendment.get(AMENDMENT.text) : null;
    if (!(ytext instanceof Y.Text)) throw new Error(`amendment ${added.id} has no text`);
    // Only the changed middle: the draft's history shows the edit, not a rewrite.
    const old = ytext.toString();
    const start = commonPrefix(old, text);
    const end = commonSuffix(old, text, start);
    ytext.delete(start, old.length - start - end);
    ytext.insert(start, text.slice(start, text.length - end));
  });
  return { ...added, text };
}
