/** Rebuilding a Y.Doc from what the store holds. */
import * as Y from 'yjs';
import type { StoredDocument } from '../store/types';

/**
 * Applies a stored snapshot and then every logged update to `doc`. An update Yjs rejects is
 * skipped with a warning: one bad row must never make a whole draft unloadable.
 */
export function replayStored(
  doc: Y.Doc,
  stored: StoredDocument,
  warn: (message: string) => void = console.warn,
): void {
  if (stored.snapshot) {
    try {
      Y.applyUpdate(doc, stored.snapshot);
    } catch (error) {
      warn(`redline: skipped an unreadable snapshot of ${docLabel(doc)}: ${String(error)}`);
    }
  }
  for (const { seq, update } of stored.updates) {
    try {
      Y.applyUpdate(doc, update);
    } catch (error) {
      warn(`redline: skipped logged update ${seq} of ${docLabel(doc)}: ${String(error)}`);
    }
  }
}

function docLabel(doc: Y.Doc): string {
  return doc.guid;
}
