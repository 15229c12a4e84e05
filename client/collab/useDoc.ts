/** React bindings for a motion's Y.Doc, awareness and session status. */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import type { MotionSession, SaveStatus } from './session';

/**
 * A number that changes when the doc changed, at most once per animation frame: typing bursts
 * recompute the motion text once per frame, not once per update.
 */
export function useDocVersion(doc: Y.Doc): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let frame = 0;
    const onUpdate = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setVersion((v) => v + 1);
      });
    };
    doc.on('update', onUpdate);
    return () => {
      doc.off('update', onUpdate);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [doc]);
  return version;
}

/** The session's save status, kept current. */
export function useSaveStatus(session: MotionSession): SaveStatus {
  return useSyncExternalStore(session.subscribe, session.status);
}

export interface Person {
  clientId: number;
  name: string;
  color: string;
  self: boolean;
}

/** Who is in the motion now, from awareness, this user first. */
export function usePeople(awareness: Awareness | null): Person[] {
  const [people, setPeople] = useState<Person[]>([]);
  useEffect(() => {
    if (!awareness) return;
    const read = () => {
      const list: Person[] = [];
      awareness.getStates().forEach((state, clientId) => {
        const user = (state as { user?: { name?: unknown; color?: unknown } }).user;
        if (!user || typeof user.name !== 'string') return;
        list.push({
          clientId,
          name: user.name,
          color: typeof user.color === 'string' ? user.color : '#555',
          self: clientId === awareness.clientID,
        });
      });
      list.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
      setPeople(list);
    };
    read();
    awareness.on('change', read);
    return () => awareness.off('change', read);
  }, [awareness]);
  return people;
}
