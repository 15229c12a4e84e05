/**
 * Reading a motion's Y.Doc (layout in schemas/collab.ts) into plain values: the amendments as
 * core/ expects them, and meta. The client only reads amendment maps; the server creates them.
 */
import type * as Y from 'yjs';
import type { DraftAmendment } from '../../core/amendments/draft';
import { AMENDMENT, DOC } from '../../schemas/collab';

/** One amendment as the workspace lists it, with its live Y.Text (null for deletions). */
export interface AmendmentEntry {
  id: string;
  kind: DraftAmendment['kind'];
  target: string;
  order: number;
  marker: string;
  text: Y.Text | null;
}

const KINDS = new Set(['amend', 'insert', 'delete']);

/** The amendments in creation order; malformed entries (a half-synced map) are skipped. */
export function readAmendments(doc: Y.Doc): AmendmentEntry[] {
  const out: AmendmentEntry[] = [];
  doc.getMap<Y.Map<unknown>>(DOC.amendments).forEach((value, id) => {
    if (!value || typeof (value as Y.Map<unknown>).get !== 'function') return;
    const kind = value.get(AMENDMENT.kind);
    const target = value.get(AMENDMENT.target);
    if (typeof kind !== 'string' || !KINDS.has(kind) || typeof target !== 'string') return;
    const order = value.get(AMENDMENT.order);
    const marker = value.get(AMENDMENT.marker);
    const text = value.get(AMENDMENT.text);
    out.push({
      id,
      kind: kind as AmendmentEntry['kind'],
      target,
      order: typeof order === 'number' ? order : 0,
      marker: typeof marker === 'string' ? marker : '',
      text:
        text && typeof (text as Y.Text).toString === 'function' && kind !== 'delete'
          ? (text as Y.Text)
          : null,
    });
  });
  return out.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/** The draft core/amendments/draft.ts turns into motion text. */
export function draftFromDoc(doc: Y.Doc): DraftAmendment[] {
  return readAmendments(doc).map((a) => ({
    id: a.id,
    kind: a.kind,
    target: a.target,
    order: a.order,
    text: a.text ? a.text.toString() : '',
  }));
}

/** The motion's title and submitting body. */
export function readMeta(doc: Y.Doc): { title: string; body: string } {
  const meta = doc.getMap<unknown>(DOC.meta);
  const title = meta.get('title');
  const body = meta.get('body');
  return {
    title: typeof title === 'string' ? title : '',
    body: typeof body === 'string' ? body : '',
  };
}
