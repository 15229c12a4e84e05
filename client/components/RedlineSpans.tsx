/**
 * Redline spans as legal text: inserted words underlined, deleted words struck through. The
 * spaces between spans are real text (not margins), so the words read, copy and search apart.
 */
import { Fragment } from 'react';
import type { RedlineSpan } from '../lib/redline';

export function RedlineSpans({ spans }: { spans: readonly RedlineSpan[] }) {
  return (
    <>
      {spans.map((s, i) => (
        <Fragment key={i}>
          {i > 0 && ' '}
          {s.kind === 'ins' ? <ins>{s.text}</ins> : s.kind === 'del' ? <del>{s.text}</del> : s.text}
        </Fragment>
      ))}
    </>
  );
}
