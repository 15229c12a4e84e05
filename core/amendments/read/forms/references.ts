/**
 * What no reader can apply and nobody may drop: changes shown only by formatting that plain
 * text has lost (underlined or bold new words, struck-through deletions), and references to
 * changes made elsewhere ("as amendment 1", "consequential amendments", "wherever it appears").
 * Each is an error that says a person must finish it, at the words that say so.
 */
import type { Token } from '../tokens';
import type { ReadState } from '../state';

/** Words that say changes are shown by formatting; readMarkedText (marked.ts) reads them too. */
export const FORMATTING =
  /\b(?:underlin(?:ed|ing)|(?:shown|printed|marked|written|set out|appear(?:s|ing)?) in (?:bold|italics?|red|colour)|in bold(?: type| text)?|bold(?:ed)? (?:text|words|type)|struck[- ]?(?:through|out)|strike-?through|crossed out|highlighted)\b/gi;
const REFERENCES =
  /\b(?:as (?:in |per )?amendment\s+\d+|(?:the )?consequential (?:amendments?|changes?|renumbering)|all (?:other )?(?:references|consequential)|wherever (?:it|they|this|these|the words?)[^.\n]{0,30}?(?:appears?|occurs?)|throughout the (?:rule ?book|constitution|rules|standing orders)|and (?:all )?(?:similar|related) references)\b/gi;

/** Scans the motion's own words (quotations blanked out) for both, reporting each once. */
export function readReferences(
  tokens: readonly Token[],
  st: ReadState,
  from: number,
  to: number,
): void {
  // The prose with every quotation replaced by spaces of the same length: offsets stay exact.
  const chars = st.source.text.slice(from, to).split('');
  const blank = (start: number, end: number) => {
    for (let k = Math.max(start, from); k < Math.min(end, to); k++) chars[k - from] = ' ';
  };
  for (const t of tokens) if (t.t === 'quote') blank(t.start, t.end);
  // A text as amended whose changes formatting showed is decided with its words (decide.ts),
  // where the person can mark them: not reported twice.
  for (const m of st.marked) blank(m.start, m.operand.end);
  const prose = chars.join('');
  for (const m of prose.matchAll(FORMATTING)) {
    const at = from + (m.index ?? 0);
    st.report(
      'error',
      'formatting-lost',
      `Unexpected reference to formatting (‘${m[0]}’), which plain text does not keep, expected the changed words quoted in an instruction`,
      at,
      at + m[0].length,
      {
        kind: 'edit-text',
        hint: 'Write each change as an instruction with the words quoted, e.g. "after ‘…’ insert ‘…’".',
      },
    );
  }
  for (const m of prose.matchAll(REFERENCES)) {
    const at = from + (m.index ?? 0);
    st.report(
      'error',
      'needs-person',
      `Unexpected reference to other changes (‘${m[0]}’), which cannot be applied as written, expected each change written out: a person must finish this`,
      at,
      at + m[0].length,
      {
        kind: 'edit-text',
        hint: 'Write out each change the reference stands for, with its citation.',
      },
    );
  }
}
