/**
 * Durability before acknowledgement. Every update a client sends is appended to the store's update
 * log BEFORE Hocuspocus applies it and acknowledges it (it awaits `beforeSync`), so "saved" in the
 * client means on disk. In the background (Hocuspocus's debounced store) the log is compacted
 * into a snapshot.
 */
import type {
  beforeSyncPayload,
  Extension,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
  afterUnloadDocumentPayload,
} from '@hocuspocus/server';
import * as Y from 'yjs';
import { parseDocumentName } from '../../schemas/collab';
import type { Store } from '../store/types';
import { replayStored } from './replay';

// y-protocols sync message types (see y-protocols/sync.js).
const SYNC_STEP_2 = 1;
const UPDATE = 2;

/** What of a document's log is certainly inside the in-memory document. */
interface LogState {
  /** Highest sequence number logged for the document. */
  last: number;
  /** Logged but perhaps not yet applied: Hocuspocus applies right after beforeSync resolves. */
  pending: Set<number>;
}

// An empty Yjs update (no structs, empty delete set): a SyncStep2 from a client with nothing new.
const isEmptyUpdate = (u: Uint8Array) => u.length === 2 && u[0] === 0 && u[1] === 0;

export class Persistence implements Extension {
  private readonly logs = new Map<string, LogState>();

  private readonly writeThrough: boolean;
  private readonly warn: (message: string) => void;

  constructor(
    private readonly store: Store,
    options: { writeThrough?: boolean; warn?: (message: string) => void } = {},
  ) {
    this.writeThrough = options.writeThrough ?? true;
    this.warn = options.warn ?? console.warn;
  }

  private log(documentName: string): LogState {
    let state = this.logs.get(documentName);
    if (!state) {
      state = { last: 0, pending: new Set() };
      this.logs.set(documentName, state);
    }
    return state;
  }

  async onLoadDocument({ documentName, document }: onLoadDocumentPayload): Promise<void> {
    const stored = await this.store.loadDocument(documentName);
    replayStored(document, stored, this.warn);
    const log = this.log(documentName);
    for (const { seq } of stored.updates) log.last = Math.max(log.last, seq);
  }

  async beforeSync({ type, payload, documentName, connection }: beforeSyncPayload): Promise<void> {
    if (!this.writeThrough || (type !== SYNC_STEP_2 && type !== UPDATE) || connection.readOnly) {
      return;
    }
    if (isEmptyUpdate(payload)) return;
    const seq = await this.store.appendUpdate(documentName, payload);
    const log = this.log(documentName);
    log.last = Math.max(log.last, seq);
    log.pending.add(seq);
    // Hocuspocus applies the update in the promise continuation of this hook; by the next
    // macrotask it is in the document, so a snapshot taken then contains it.
    setImmediate(() => log.pending.delete(seq));
  }

  async onStoreDocument({ documentName, document }: onStoreDocumentPayload): Promise<void> {
    const log = this.log(documentName);
    // Taken together, synchronously: every logged row up to `upto` is in `state`.
    const upto = log.pending.size > 0 ? Math.min(...log.pending) - 1 : log.last;
    const state = Y.encodeStateAsUpdate(document);
    await this.store.compact(documentName, state, upto);
    const motionId = parseDocumentName(documentName);
    if (motionId !== null) await this.store.touchMotion(motionId);
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.logs.delete(documentName);
  }
}
