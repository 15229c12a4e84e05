/**
 * A text input bound to one key of the Y.Map `meta`. Keeps its own state while typing (the doc
 * re-renders once a frame, and a controlled input fed only from the doc would drop keystrokes)
 * and takes remote changes when they differ.
 */
import { useEffect, useState, type InputHTMLAttributes } from 'react';
import type * as Y from 'yjs';
import type { META } from '../../schemas/collab';

/** An input for the motion title, shared live through the Y.Doc; `readOnly` for a frozen text. */
export function MetaInput({
  meta,
  field,
  value: docValue,
  ...rest
}: {
  meta: Y.Map<unknown>;
  field: (typeof META)[keyof typeof META];
  value: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>) {
  const [value, setValue] = useState(docValue);
  useEffect(() => setValue(docValue), [docValue]);
  return (
    <input
      {...rest}
      value={value}
      onChange={(e) => {
        if (rest.readOnly) return;
        setValue(e.target.value);
        meta.set(field, e.target.value);
      }}
    />
  );
}
