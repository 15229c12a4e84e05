/**
 * One motion's live session: the Y.Doc, its Hocuspocus provider (`/collab` on this origin,
 * document `motion.<id>`; the browser sends the session cookie) and IndexedDB persistence, so
 * offline edits survive a reload and are sent on reconnect. Also the connection status the
 * workspace always shows, the server's refusals and its "the motion changed" messages.
 */
import { HocuspocusProvider } from '@hocuspocus/provider';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { CLOSE, motionDocumentName, STATELESS } from '../../schemas/collab';
import type { Identity } from './identity';

/**
 * Why the server refused the drafting room (the provider's authentication-failed reason) or closed
 * it (the reason of its close: access lost, or a change that would take the draft past its size
 * limit).
 */
export type Refusal = 'signed-out' | 'forbidden' | 'unknown-motion' | 'draft-too-large' | 'other';

/** The refusal a provider reason stands for (the reasons are CLOSE's, in schemas/collab.ts). */
export function refusalOf(reason: string): Refusal {
  if (reason === CLOSE.signedOut.reason) return 'signed-out';
  if (reason === CLOSE.forbidden.reason) return 'forbidden';
  if (reason === CLOSE.unknownDocument.reason) return 'unknown-motion';
  if (reason === CLOSE.draftTooLarge.reason) return 'draft-too-large';
  return 'other';
}

/** Whether a stateless payload is the server's "reload the motion" message. */
export function isMotionChanged(payload: string): boolean {
  try {
    const message = JSON.parse(payload) as unknown;
    return (
      typeof message === 'object' &&
      message !== null &&
      (message as { type?: unknown }).type === STATELESS.motionChanged
    );
  } catch {
    return false;
  }
}

/** What the workspace wants to hear about while the session is open. */
export interface SessionEvents {
  /** The motion's state or the person's rights changed: reload it. */
  onMotionChanged(): void;
  /** The server refused the room (signed out, no longer allowed, gone). */
  onRefused(refusal: Refusal, reason: string): void;
}

export type SaveStatus = 'saved' | 'saving' | 'offline' | 'connecting';

export interface MotionSession {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  persistence: IndexeddbPersistence;
  /** Current status; `subscribe` tells when it may have changed. */
  status(): SaveStatus;
  subscribe(listener: () => void): () => void;
  destroy(): void;
}

/** The collaboration WebSocket URL on the page's own origin. */
export function collabUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;
}

/** What the status line says, from the provider's state. */
export function saveStatus(s: {
  connected: boolean;
  everConnected: boolean;
  synced: boolean;
  unsynced: number;
}): SaveStatus {
  if (!s.connected) return s.everConnected ? 'offline' : 'connecting';
  if (!s.synced || s.unsynced > 0) return 'saving';
  return 'saved';
}

/**
 * Opens a motion's session; call `destroy` when leaving the workspace. `identity` is the signed-in
 * person as shown locally; the server stamps the name others see.
 */
export function openMotionSession(
  motionId: string,
  identity: Identity,
  events: SessionEvents,
): MotionSession {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(`redline-motion.${motionId}`, doc);
  const provider = new HocuspocusProvider({
    url: collabUrl(window.location),
    name: motionDocumentName(motionId),
    document: doc,
    onStateless: ({ payload }) => {
      if (isMotionChanged(payload)) events.onMotionChanged();
    },
    onAuthenticationFailed: ({ reason }) => events.onRefused(refusalOf(reason), reason),
    onClose: ({ event }) => {
      const refusal = refusalOf(event.reason);
      if (refusal === 'other') return; // a dropped connection: the provider reconnects
      if (refusal === 'draft-too-large') {
        // Reconnecting would send the refused change again, and again be refused: stop, and
        // forget the local copy so a reload starts from the saved draft instead of resending it.
        provider.disconnect();
        void persistence.clearData();
      }
      events.onRefused(refusal, event.reason);
    },
  });
  provider.awareness?.setLocalStateField('user', identity);

  let connected = false;
  let everConnected = false;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());
  provider.on('status', ({ status }: { status: string }) => {
    connected = status === 'connected';
    if (connected) everConnected = true;
    notify();
  });
  provider.on('synced', notify);
  provider.on('unsyncedChanges', notify);
  const offlineTimer = window.setTimeout(() => {
    // A server that never answers should read "Offline", not "Connecting" forever.
    everConnected = true;
    notify();
  }, 4000);

  return {
    doc,
    provider,
    persistence,
    status: () =>
      saveStatus({
        connected,
        everConnected,
        synced: provider.isSynced,
        unsynced: provider.unsyncedChanges,
      }),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      window.clearTimeout(offlineTimer);
      listeners.clear();
      provider.destroy();
      void persistence.destroy();
      doc.destroy();
    },
  };
}
