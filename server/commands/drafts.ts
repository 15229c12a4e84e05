/** Reading and writing a motion's Y.Doc on the server. */
import * as Y from 'yjs';
import { draftLimitText, motionDocumentName } from '../../schemas/collab';
import type { AmendmentView } from '../../schemas/api';
import type { AmendmentEntry } from '../../core/amendments/draft-doc';
import { replayStored } from '../collab/replay';
import { tooLarge } from '../errors';
import type { CommandContext } from './context';

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
 * change at once. The change is appended to the update log before this resolves, as a client's
 * edit is before its ack: the compaction that disconnecting triggers may be skipped (another
 * process holding the document's store lock), and the caller is about to say "done". A draft
 * that has reached its size cap takes no more (413 `draft-too-large`).
 */
export async function editDraft<T>(
  ctx: CommandContext,
  motionId: string,
  change: (doc: Y.Doc) => T,
): Promise<T> {
  const name = motionDocumentName(motionId);
  const connection = await ctx.hocuspocus.openDirectConnection(name);
  let result: T | undefined;
  let done = false;
  const updates: Uint8Array[] = [];
  const record = (update: Uint8Array) => updates.push(update);
  try {
    const cap = ctx.persistence.reachedCap(name);
    if (cap !== null) {
      throw tooLarge(
        'draft-too-large',
        `This draft has reached its size limit of ${draftLimitText(cap)}; nothing was changed`,
      );
    }
    // The check and the change run in one synchronous transaction: two concurrent requests
    // cannot both see "no amendment yet" and both seed a text.
    await connection.transact((doc) => {
      doc.on('update', record);
      result = change(doc);
      done = true;
    });
    if (updates.length > 0) await ctx.persistence.appendLocal(name, Y.mergeUpdates(updates));
  } finally {
    connection.document?.off('update', record);
    await connection.disconnect();
  }
  if (!done) throw new Error('direct connection transaction did not run');
  return result as T;
}

/** An amendment as the API shows it: its text as a string. */
export function toAmendmentView({ id, kind, target, marker, text }: AmendmentEntry): AmendmentView {
  return { id, kind, target, marker, text: text ? text.toString() : '' };
}
