/**
 * Where track changes go in an editor: the word diff of a unit's base text against what the
 * editor holds, mapped to editor offsets. Pure, so it is unit-tested; trackChanges.ts turns it into
 * CodeMirror decorations on every change (one per-unit diff: well under a millisecond).
 */
import { renderTokens, tokenize, wordHunks } from '../../core/diff/words';

/** A word token of the editor text with its offsets. */
interface Placed {
  token: string;
  from: number;
  to: number;
}

/** The editor's tokens with positions, tokenised like `tokenize(normaliseText(text))`. */
export function placedTokens(text: string): Placed[] {
  const out: Placed[] = [];
  for (const m of text.matchAll(/[^\s]+|\n/g)) {
    const token = m[0];
    const from = m.index;
    // normaliseText keeps one paragraph break between words and none at the ends.
    if (token === '\n' && (out.length === 0 || out[out.length - 1]?.token === '\n')) continue;
    out.push({ token, from, to: from + token.length });
  }
  while (out.length > 0 && out[out.length - 1]?.token === '\n') out.pop();
  return out;
}

export interface TrackSpans {
  /** Editor ranges of inserted words. */
  inserted: { from: number; to: number }[];
  /** Base words no longer there, and the editor offset where they used to be. */
  deleted: { at: number; text: string }[];
}

/** The inserted ranges and deleted words of `text` against the unit's base text. */
export function trackSpans(base: string, text: string): TrackSpans {
  const baseTokens = tokenize(base);
  const placed = placedTokens(text);
  const hunks = wordHunks(
    baseTokens,
    placed.map((p) => p.token),
  );
  const inserted: TrackSpans['inserted'] = [];
  const deleted: TrackSpans['deleted'] = [];
  let shift = 0;
  for (const hunk of hunks) {
    const start = hunk.from + shift;
    if (hunk.to > hunk.from) {
      const words = baseTokens.slice(hunk.from, hunk.to);
      const at = placed[start]?.from ?? text.length;
      const shown = renderTokens(words.map((w) => (w === '\n' ? '¶' : w)));
      deleted.push({ at, text: shown });
    }
    for (let i = 0; i < hunk.tokens.length; i++) {
      const p = placed[start + i];
      if (p && p.token !== '\n') inserted.push({ from: p.from, to: p.to });
    }
    shift += hunk.tokens.length - (hunk.to - hunk.from);
  }
  return { inserted, deleted };
}
