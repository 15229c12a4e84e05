/** Reading and writing a motion's Y.Doc on the server. */
import * as Y from 'yjs';
import { AMENDMENT, DOC, amendmentKindSchema, motionDocumentName } from '../../schemas/collab';
import type { AmendmentView } from '../../schemas/api';
import type { DraftAmendment } from '../../core/amendments/draft';
import { replayStored } from '../collab/replay';
import type { CommandContext } from './context';

/** An amendment as read from the Y.Doc, with its creation order. */
export type DraftView = AmendmentView & { order: number };

/**
 * A motion's current Y.Doc for reading: the live one when people are editing it, else rebuilt from
 * the store (so a read does not load the document into Hocuspocus or trigger a store).
 */
export async function readDraftDoc(ctx: CommandContext, motionId: string): Promise<Y.Doc> {
  const name = motionDocumentName(motionId);
  const live = ctx.hocuspocus.documents.get(name);
  if (live && !live.isLoading) return live;
  const doc = new Y.Doc();
  replayStored(doc, await ctx.store.loadDocument(name));
  return doc;
}

/**
 * Changes a motion's Y.Doc through a Hocuspocus direct connection, so connected editors see the
 * change at once; disconnecting stores (compacts) the document before this resolves.
 */
export async function editDraft<T>(
  ctx: CommandContext,
  motionId: string,
  change: (doc: Y.Doc) => T,
): Promise<T> {
  const connection = await ctx.hocuspocus.openDirectConnection(motionDocumentName(motionId));
  let result: T | undefined;
  let done = false;
  try {
    // The check and the change run in one synchronous transaction: two concurrent requests
    // cannot both see "no amendment yet" and both seed a text.
    await connection.transact((doc) => {
      result = change(doc);
      done = true;
    });
  } finally {
    await connection.disconnect();
  }
  if (!done) throw new Error('direct connection transaction did not run');
  return result as T;
}

/** The amendments in a draft, in creation order; entries of the wrong shape are ignored. */
export function readAmendments(doc: Y.Doc): DraftView[] {
  const views: DraftView[] = [];
  for (const [id, value] of doc.getMap(DOC.amendments).entries()) {
    if (!(value instanceof Y.Map)) continue;
    const kind = amendmentKindSchema.safeParse(value.get(AMENDMENT.kind));
    const target: unknown = value.get(AMENDMENT.target);
    const order: unknown = value.get(AMENDMENT.order);
    const marker: unknown = value.get(AMENDMENT.marker);
    const text: unknown = value.get(AMENDMENT.text);
    if (!kind.success || typeof target !== 'string') continue;
    views.push({
      id,
      kind: kind.data,
      target,
      order: typeof order === 'number' ? order : 0,
      marker: typeof marker === 'string' ? marker : '',
      text: text instanceof Y.Text ? text.toString() : '',
    });
  }
  return views.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/** The draft amendments `motionFromDraft` works on. */
export function toDraftAmendments(views: readonly DraftView[]): DraftAmendment[] {
  return views.map(({ id, kind, target, order, text }) => ({ id, kind, target, order, text }));
}

/** Drops the ordering field for the API. */
export function toAmendmentView({ id, kind, target, marker, text }: DraftView): AmendmentView {
  return { id, kind, target, marker, text };
}
