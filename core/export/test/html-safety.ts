/**
 * What "safe HTML" means for the exports, as checks a test can run on any page: no script
 * element, no event-handler attribute, no javascript: (or other non-fragment) URL in a link or
 * source, and nothing but the tags the renderer writes. User text may still contain the words
 * "onerror=" or "javascript:" — escaped, as text, which is the point.
 */

/** Every tag in the page (user text cannot make one: its `<` is escaped). */
export function tags(html: string): string[] {
  return html.match(/<[^>]*>/g) ?? [];
}

const ALLOWED = new Set([
  '!DOCTYPE',
  'html',
  'head',
  'meta',
  'title',
  'style',
  'body',
  'header',
  'main',
  'nav',
  'h1',
  'h2',
  'h3',
  'h4',
  'p',
  'span',
  'div',
  'ins',
  'del',
  'strong',
  'em',
  'br',
  'dl',
  'dt',
  'dd',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'ol',
  'li',
  'a',
  'blockquote',
]);

/** The problems found in a page; empty when it is safe. */
export function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  if (/<script/i.test(html)) problems.push('a <script> element');
  for (const tag of tags(html)) {
    const name = /^<\/?([!A-Za-z][A-Za-z0-9]*)/.exec(tag)?.[1] ?? tag;
    if (!ALLOWED.has(name)) problems.push(`an unexpected tag ${tag}`);
    if (/\son\w+\s*=/i.test(tag)) problems.push(`an event handler in ${tag}`);
    for (const m of tag.matchAll(/\s(?:href|src|action|formaction|xlink:href)\s*=\s*"([^"]*)"/gi)) {
      const url = m[1] ?? '';
      if (/^\s*javascript:/i.test(url) || !url.startsWith('#')) {
        problems.push(`a URL other than a fragment in ${tag}`);
      }
    }
    if (/\s(?:src|srcset|style)\s*=/i.test(tag))
      problems.push(`a src or style attribute in ${tag}`);
  }
  const styles = html.match(/<style>[\s\S]*?<\/style>/g) ?? [];
  if (styles.length !== 1) problems.push(`${styles.length} style elements, expected one`);
  if (/url\(|@import/i.test(styles.join(''))) problems.push('an external resource in the style');
  return problems;
}
