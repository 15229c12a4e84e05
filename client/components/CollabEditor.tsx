/** A CodeMirror editor bound to a Y.Text, mounted once per text. */
import { useEffect, useRef } from 'react';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { mountEditor } from '../collab/editor';

/** Mounts a collaborative editor on `text`; remounts only when the text or base changes. */
export function CollabEditor({
  text,
  awareness,
  base,
  label,
  placeholder,
  className,
}: {
  text: Y.Text;
  awareness: Awareness | null;
  base?: string;
  label: string;
  placeholder?: string;
  className?: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const view = mountEditor({ parent: host.current, text, awareness, base, label, placeholder });
    return () => view.destroy();
  }, [text, awareness, base, label, placeholder]);
  return <div ref={host} className={className ?? 'editor'} />;
}
