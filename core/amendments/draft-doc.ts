/**
 * Reading a motion's Y.Doc (layout in schemas/collab.ts) into plain values — the one reader the
 * browser (live motion text) and the server (authoritative motion text) share. Only the server
 * creates amendment maps; readers skip entries of the wrong shape (a half-synced map).
 */
import * as Y from 'yjs';
import { AMENDMENT, DOC, META, amendmentKindSchema } from '../../schemas/collab';
import type { DraftAmendment } from './draft';

/** One amendment with its live Y.Text (null for deletions). */
export interface AmendmentEntry {
  id: string;
  kind: DraftAmendment['kind'];
  target: string;
  order: number;
  marker: string;
  text: Y.Text | null;
}

/** The amendments in creation order. */
export function readAmendments(doc: Y.Doc): AmendmentEntry[] {
  const out: AmendmentEntry[] = [];
  for (const [id, value] of doc.getMap(DOC.amendments).entries()) {
    if (!(value instanceof Y.Map)) continue;
    const kind = amendmentKindSchema.safeParse(value.get(AMENDMENT.kind));
    const target: unknown = value.get(AMENDMENT.target);
    if (!kind.success || typeof target !== 'string') continue;
    const order: unknown = value.get(AMENDMENT.order);
    const marker: unknown = value.get(AMENDMENT.marker);
    const text: unknown = value.get(AMENDMENT.text);
    out.push({
      id,
      kind: kind.data,
      target,
      order: typeof order === 'number' ? order : 0,
      marker: typeof marker === 'string' ? marker : '',
      text: text instanceof Y.Text && kind.data !== 'delete' ? text : null,
    });
  }
  return out.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/** The draft `motionFromDraft` turns into motion text. */
export function toDraft(entries: readonly AmendmentEntry[]): DraftAmendment[] {
  return entries.map(({ id, kind, target, order, text }) => ({
    id,
    kind,
    target,
    order,
    text: text ? text.toString() : '',
  }));
}

/** The motion's title and submitting body as the draft holds them. */
export function readMeta(doc: Y.Doc): { title: string; body: string } {
  const meta = doc.getMap<unknown>(DOC.meta);
  const title = meta.get(META.title);
  const body = meta.get(META.body);
  return {
    title: typeof title === 'string' ? title : '',
    body: typeof body === 'string' ? body : '',
  };
}
