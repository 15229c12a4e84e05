/**
 * Redline spans of one unit — unchanged, inserted and deleted runs of words — for the side
 * panel's "in context" view. Per unit word diff (core/diff/words.ts).
 */
import { normaliseText, renderTokens, tokenize, wordHunks } from '../../core/diff/words';

export interface RedlineSpan {
  kind: 'same' | 'ins' | 'del';
  text: string;
}

/** The spans turning `base` into `proposed`, adjacent spans of one kind merged. */
export function redlineSpans(base: string, proposed: string): RedlineSpan[] {
  const from = tokenize(normaliseText(base));
  const to = tokenize(normaliseText(proposed));
  const spans: RedlineSpan[] = [];
  const push = (kind: RedlineSpan['kind'], tokens: readonly string[]) => {
    if (tokens.length === 0) return;
    const text = renderTokens(tokens);
    const last = spans[spans.length - 1];
    if (last && last.kind === kind) last.text = renderTokens([...tokenize(last.text), ...tokens]);
    else spans.push({ kind, text });
  };
  let at = 0;
  for (const hunk of wordHunks(from, to)) {
    push('same', from.slice(at, hunk.from));
    push('del', from.slice(hunk.from, hunk.to));
    push('ins', hunk.tokens);
    at = hunk.to;
  }
  push('same', from.slice(at));
  return spans;
}
