/** A CodeMirror editor bound to a Y.Text, mounted once per text. */
import { useEffect, useRef } from 'react';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { mountEditor } from '../collab/editor';

/** Mounts a collaborative editor on `text`; remounts when the text, base or read-only change. */
export function CollabEditor({
  text,
  awareness,
  base,
  label,
  placeholder,
  className,
  readOnly = false,
}: {
  text: Y.Text;
  awareness: Awareness | null;
  base?: string;
  label: string;
  placeholder?: string;
  className?: string;
  readOnly?: boolean;
}) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const view = mountEditor({
      parent: host.current,
      text,
      awareness,
      base,
      label,
      placeholder,
      readOnly,
    });
    return () => view.destroy();
  }, [text, awareness, base, label, placeholder, readOnly]);
  return (
    <div
      ref={host}
      className={`${className ?? 'editor'}${readOnly ? ' is-read-only' : ''}`}
      data-read-only={readOnly || undefined}
    />
  );
}
