/**
 * One motion's live session: the Y.Doc, its Hocuspocus provider (`/collab` on this origin,
 * document `motion.<id>`) and IndexedDB persistence, so offline edits survive a reload and are
 * sent on reconnect. Also the connection status the workspace always shows.
 */
import { HocuspocusProvider } from '@hocuspocus/provider';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { motionDocumentName } from '../../schemas/collab';
import type { Identity } from './identity';

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

/** Opens a motion's session; call `destroy` when leaving the workspace. */
export function openMotionSession(motionId: string, identity: Identity): MotionSession {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(`redline-motion.${motionId}`, doc);
  const provider = new HocuspocusProvider({
    url: collabUrl(window.location),
    name: motionDocumentName(motionId),
    document: doc,
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
