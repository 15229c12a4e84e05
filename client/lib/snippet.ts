/** One piece of a search snippet: plain text or a matched (highlighted) run. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

/**
 * Splits a server search snippet on its `[[…]]` match markers, so the UI can render matches as
 * <mark> without ever injecting HTML. An unclosed `[[` counts as a match to the end.
 */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let rest = snippet;
  while (rest !== '') {
    const open = rest.indexOf('[[');
    if (open === -1) {
      parts.push({ text: rest, match: false });
      break;
    }
    if (open > 0) parts.push({ text: rest.slice(0, open), match: false });
    const close = rest.indexOf(']]', open + 2);
    const end = close === -1 ? rest.length : close;
    parts.push({ text: rest.slice(open + 2, end), match: true });
    rest = close === -1 ? '' : rest.slice(close + 2);
  }
  return parts.filter((p) => p.text !== '');
}
