/**
 * Durability before acknowledgement. Every update a client sends is appended to the store's update
 * log BEFORE Hocuspocus applies it and acknowledges it (it awaits `beforeSync`), so "saved" in the
 * client means on disk. In the background (Hocuspocus's debounced store) the log is compacted
 * into a snapshot.
 *
 * A draft's stored size (snapshot + log) is capped by its profile's `limits.draftBytes`: counted
 * from what the store holds when the document loads, plus each update logged, reset to the
 * snapshot's size after compaction. An update that would take the draft over the cap is refused
 * before it is logged, and its connection closed with `CLOSE.draftTooLarge`. With several
 * processes (Redis) each counts only the updates its own clients send, until its next compaction
 * re-counts from the merged snapshot: the count is approximate there, but the cap still bounds
 * how much each process lets a draft grow.
 */
import type {
  beforeSyncPayload,
  Extension,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
  afterUnloadDocumentPayload,
} from '@hocuspocus/server';
import * as Y from 'yjs';
import { CLOSE, parseDocumentName } from '../../schemas/collab';
import { limitsSchema } from '../../schemas/profile';
import { profileOf } from '../commands/context';
import { log as logger } from '../log';
import type { Store, StoredDocument } from '../store/types';
import type { CollabContext } from './authorisation';
import { CloseWith } from './close-with';
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
  /** The stored size, snapshot and log, in bytes (approximate with several processes). */
  bytes: number;
  /** Bytes counted in `bytes` that a snapshot taken now may lack: being logged, or not applied. */
  unapplied: number;
  /** The draft's cap, in bytes. */
  cap: number;
}

/** The cap of a document that is not a motion's draft (none loads: authorisation refuses them). */
const DEFAULT_CAP = limitsSchema.parse({}).draftBytes;

const storedBytes = ({ snapshot, updates }: StoredDocument) =>
  (snapshot?.length ?? 0) + updates.reduce((sum, { update }) => sum + update.length, 0);

// An empty Yjs update (no structs, empty delete set): a SyncStep2 from a client with nothing new.
const isEmptyUpdate = (u: Uint8Array) => u.length === 2 && u[0] === 0 && u[1] === 0;

export class Persistence implements Extension {
  private readonly logs = new Map<string, LogState>();

  private readonly writeThrough: boolean;
  private readonly warn: (message: string) => void;
  private readonly maxDraftBytes: number;

  constructor(
    private readonly store: Store,
    options: {
      writeThrough?: boolean;
      warn?: (message: string) => void;
      /** Caps every draft below its profile's limit (never above); for tests. */
      maxDraftBytes?: number;
    } = {},
  ) {
    this.writeThrough = options.writeThrough ?? true;
    this.warn = options.warn ?? console.warn;
    this.maxDraftBytes = options.maxDraftBytes ?? Infinity;
  }

  private log(documentName: string): LogState {
    let state = this.logs.get(documentName);
    if (!state) {
      state = { last: 0, pending: new Set(), bytes: 0, unapplied: 0, cap: DEFAULT_CAP };
      this.logs.set(documentName, state);
    }
    return state;
  }

  /** The profile's cap on the draft's size, from its motion's edition. */
  private async capOf(documentName: string): Promise<number> {
    const motionId = parseDocumentName(documentName);
    const motion = motionId === null ? null : await this.store.getMotion(motionId);
    const edition = motion ? await this.store.getEdition(motion.editionId) : null;
    const cap = edition ? profileOf(edition.profile).limits.draftBytes : DEFAULT_CAP;
    return Math.min(cap, this.maxDraftBytes);
  }

  async onLoadDocument({ documentName, document }: onLoadDocumentPayload): Promise<void> {
    const [stored, cap] = await Promise.all([
      this.store.loadDocument(documentName),
      this.capOf(documentName),
    ]);
    replayStored(document, stored, this.warn);
    const log = this.log(documentName);
    for (const { seq } of stored.updates) log.last = Math.max(log.last, seq);
    log.bytes = storedBytes(stored);
    log.cap = cap;
  }

  async beforeSync({
    type,
    payload,
    documentName,
    connection,
    context,
  }: beforeSyncPayload): Promise<void> {
    if ((type !== SYNC_STEP_2 && type !== UPDATE) || connection.readOnly) return;
    if (isEmptyUpdate(payload)) return;
    const log = this.log(documentName);
    if (log.bytes + payload.length > log.cap) {
      const { address } = context as CollabContext;
      logger.warn(
        'collab.draft-too-large',
        { documentName, address, bytes: log.bytes, update: payload.length, cap: log.cap },
        { per: documentName },
      );
      throw new CloseWith(CLOSE.draftTooLarge);
    }
    // Counted before the append is awaited: concurrent updates must not all fit the same room.
    log.bytes += payload.length;
    if (!this.writeThrough) return;
    log.unapplied += payload.length;
    let seq: number;
    try {
      seq = await this.store.appendUpdate(documentName, payload);
    } catch (error) {
      log.bytes -= payload.length;
      log.unapplied -= payload.length;
      throw error;
    }
    log.last = Math.max(log.last, seq);
    log.pending.add(seq);
    // Hocuspocus applies the update in the promise continuation of this hook; by the next
    // macrotask it is in the document, so a snapshot taken then contains it.
    setImmediate(() => {
      log.pending.delete(seq);
      log.unapplied -= payload.length;
    });
  }

  /**
   * The draft's cap when it has reached it, else null; asked before a server-side edit
   * (`editDraft`), which is refused then. Such an edit cannot be measured before it is made, but
   * each is bounded (one unit's base text, or imported text within the profile's `motionChars`),
   * so it takes a draft past its cap by one edit at most.
   */
  reachedCap(documentName: string): number | null {
    const log = this.logs.get(documentName);
    return log && log.bytes >= log.cap ? log.cap : null;
  }

  /** Appends a server-side edit to the log, counting it toward the draft's size. */
  async appendLocal(documentName: string, update: Uint8Array): Promise<void> {
    this.log(documentName).bytes += update.length;
    await this.store.appendUpdate(documentName, update);
  }

  async onStoreDocument({ documentName, document }: onStoreDocumentPayload): Promise<void> {
    const log = this.log(documentName);
    // Taken together, synchronously: every logged row up to `upto` is in `state`.
    const upto = log.pending.size > 0 ? Math.min(...log.pending) - 1 : log.last;
    const state = Y.encodeStateAsUpdate(document);
    const { bytes, unapplied } = log;
    await this.store.compact(documentName, state, upto);
    // The snapshot, what it may lack, and whatever was logged meanwhile.
    log.bytes = state.length + unapplied + (log.bytes - bytes);
    const motionId = parseDocumentName(documentName);
    if (motionId !== null) await this.store.touchMotion(motionId);
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.logs.delete(documentName);
  }
}
