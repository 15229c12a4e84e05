/**
 * A change shown rather than written: an instruction in plain words that Redline does not read
 * ("Insert branch before AGM or EGM", "Pluralise the first instance of ward") followed by a
 * quotation of the rule as it will read. The quotation is what the motion asks for, so the
 * change is the difference between it and the rule — taken only when that difference is small,
 * the quotation otherwise matches the rule word for word, and every word the difference adds or
 * removes is named in the instruction. Anything else is not read (the caller says why), so a
 * quotation of some other text, or a rewrite the instruction does not describe, never applies.
 */
import { diffArrays } from 'diff';
import { fold } from '../apply';
import { normaliseText, renderTokens, tokenize } from '../../diff/words';

/** At most this many separate changes, each of at most this many words on either side. */
const MAX_CHANGES = 3;
const MAX_WORDS = 6;
/** The words the quotation shares with the rule, as a share of its own: the rest is the change. */
const MIN_SHARED = 0.75;
const MIN_QUOTED = 5;

export type Shown =
  | {
      ok: true;
      /** The rule's whole new text: its own words, with only the changed ones replaced. */
      text: string;
      /** The change in words, for the message: "‘branch’ inserted before ‘AGM’". */
      summary: string;
    }
  | { ok: false; reason: string };

interface Item {
  key: string;
  /** The quotation's last word: it may leave off the rule's closing punctuation. */
  last: boolean;
}

const item = (token: string, last = false): Item => ({ key: fold(token), last });

/** Word stems for "named in the instruction": case, punctuation and a plural ending dropped. */
function stem(word: string): string {
  const w = word.toLowerCase().replace(/[^\p{L}\p{N}-]/gu, '');
  return w.length > 3 ? w.replace(/(?:es|s)$/, '') : w;
}

/** The change `quoted` shows in `current` (a unit's text), checked against the instruction's `prose`. */
export function changeShown(current: string, quoted: string, prose: string): Shown {
  const base = tokenize(normaliseText(current));
  if (renderTokens(base) !== current) {
    return { ok: false, reason: 'the rule’s text is not in the form it is compared in' };
  }
  const shown = tokenize(normaliseText(quoted));
  if (shown.length < MIN_QUOTED)
    return { ok: false, reason: 'the quotation is too short to compare' };
  const parts = diffArrays(
    base.map((t) => item(t)),
    shown.map((t, k) => item(t, k === shown.length - 1)),
    {
      comparator: (a, b) =>
        a.key === b.key ||
        (b.last && a.key.startsWith(b.key) && /^[.,;:]+$/.test(a.key.slice(b.key.length))),
    },
  );
  // Walk the parts in both texts' coordinates; the rule's words before and after the quoted
  // stretch are outside it, not deleted.
  type Hunk = { from: number; to: number; added: string[] };
  const hunks: Hunk[] = [];
  let open: Hunk | null = null;
  let at = 0; // in the rule
  let q = 0; // in the quotation
  let shared = 0;
  for (const part of parts) {
    const n = part.count ?? part.value.length;
    if (!part.added && !part.removed) {
      open = null;
      at += n;
      q += n;
      shared += n;
      continue;
    }
    if (!open) hunks.push((open = { from: at, to: at, added: [] }));
    if (part.removed) {
      at += n;
      open.to = at;
    } else {
      open.added.push(...shown.slice(q, q + n));
      q += n;
    }
  }
  const first = hunks[0];
  if (first && first.from === 0 && first.added.length === 0) hunks.shift();
  const lastHunk = hunks.at(-1);
  if (lastHunk && lastHunk.to === base.length && lastHunk.added.length === 0) hunks.pop();
  const outsideStart = first && first.from === 0 && first.added.length > 0 && first.to > 0;
  const outsideEnd =
    lastHunk &&
    lastHunk.to === base.length &&
    lastHunk.added.length > 0 &&
    lastHunk.from < lastHunk.to;
  if (outsideStart || outsideEnd) {
    return { ok: false, reason: 'the quotation starts or ends with words the rule does not have' };
  }
  if (hunks.length === 0) return { ok: false, reason: 'the quotation is the rule as it stands' };
  if (
    hunks.length > MAX_CHANGES ||
    hunks.some((h) => h.to - h.from > MAX_WORDS || h.added.length > MAX_WORDS) ||
    shared < MIN_SHARED * shown.length
  ) {
    return { ok: false, reason: 'the quotation differs from the rule by more than a few words' };
  }
  const named = new Set(prose.split(/\s+/).map(stem));
  for (const h of hunks) {
    for (const word of [...base.slice(h.from, h.to), ...h.added]) {
      if (stem(word) && !named.has(stem(word))) {
        return {
          ok: false,
          reason: `‘${word}’, which the quotation changes, is not named in the instruction`,
        };
      }
    }
  }
  const out: string[] = [];
  let k = 0;
  for (const h of hunks) {
    out.push(...base.slice(k, h.from), ...h.added);
    k = h.to;
  }
  out.push(...base.slice(k));
  return {
    ok: true,
    text: renderTokens(out),
    summary: hunks.map((h) => describe(base, h)).join('; '),
  };
}

function describe(
  base: readonly string[],
  h: { from: number; to: number; added: string[] },
): string {
  const old = base.slice(h.from, h.to).join(' ');
  const now = h.added.join(' ');
  if (!old)
    return `‘${now}’ inserted before ‘${base[h.to] ?? ''}’`.replace(' before ‘’', ' at the end');
  if (!now) return `‘${old}’ deleted`;
  return `‘${old}’ becomes ‘${now}’`;
}
