/**
 * The block structure of a Markdown rulebook that the parser needs — the YAML front matter and the
 * top-level headings (`#` and setext) — read line by line in time linear in the source.
 *
 * Why not remark: remark (micromark) spends about 80 µs on every block whatever its size (64,000
 * one-letter paragraphs: 6.2 s; 64,000 `# x` headings: 5.3 s) and is cubic in nested list items
 * (1,000 lines each indented 3 more: 68 s), so a pasted 3M-character rulebook could hold the parser
 * for minutes. This reader follows CommonMark as remark applies it for everything that decides
 * whether a line is a top-level heading: front matter (remark-frontmatter), ATX and setext
 * headings, thematic breaks, fenced and indented code, HTML blocks, and the outermost block quote
 * or list item (what is inside one is not top level; lazy continuation lines included).
 * markdown.test.ts checks it against remark on the sample rulebook, generated rulebooks and seeded
 * random Markdown. Not modelled: link reference definitions (`[a]: /url` lines read as text).
 */

export interface MarkdownBlocks {
  /** The YAML front matter: its closing fence's line (0-based) and the lines between the fences. */
  frontMatter: { endLine: number; value: string } | null;
  /** Top-level headings: 0-based line where each starts (a setext heading's first line) → depth. */
  headings: Map<number, number>;
}

/** Tag names that start an HTML block of CommonMark type 6 (ended by a blank line). */
const BLOCK_NAMES = new Set(
  (
    'address article aside base basefont blockquote body caption center col colgroup dd details ' +
    'dialog dir div dl dt fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 ' +
    'head header hr html iframe legend li link main menu menuitem nav noframes ol optgroup option p ' +
    'param search section summary table tbody td tfoot th thead title tr track ul'
  ).split(' '),
);
/** Tag names of type 1 (raw text, ended by the closing tag). */
const RAW_NAMES = new Set(['pre', 'script', 'style', 'textarea']);

const ATTRIBUTE = `[ \\t]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \\t]*=[ \\t]*(?:[^ \\t"'=<>\`/]+|'[^'\\n]*'|"[^"\\n]*"))?`;
/** A complete open or closing tag alone on its line: HTML block type 7. */
const COMPLETE_TAG = new RegExp(
  `^(?:<[A-Za-z][A-Za-z0-9-]*(?:${ATTRIBUTE})*[ \\t]*/?>|</[A-Za-z][A-Za-z0-9-]*[ \\t]*>)[ \\t]*$`,
);

/** An open HTML block: what ends it. */
type Html = { end: (line: string) => boolean; blankEnds: boolean; endsOnStart: boolean };

/**
 * Which HTML block (if any) a line starts, given its text after the indentation (CommonMark's
 * seven kinds, as micromark reads them). Kind 7 cannot interrupt a paragraph.
 */
function htmlStart(rest: string, paragraphOpen: boolean): Html | null {
  if (rest[0] !== '<') return null;
  const until = (marker: string, skip: number): Html => ({
    end: (line) => line.includes(marker),
    blankEnds: false,
    endsOnStart: rest.slice(skip).includes(marker),
  });
  const raw = /^<([A-Za-z]+)(?=[ \t>]|$)/.exec(rest);
  if (raw && RAW_NAMES.has((raw[1] as string).toLowerCase())) {
    const close = /<\/(?:pre|script|style|textarea)>/i;
    return {
      end: (line) => close.test(line),
      blankEnds: false,
      endsOnStart: close.test(rest.slice((raw[0] as string).length)),
    };
  }
  if (rest.startsWith('<!--')) return until('-->', 2);
  if (rest.startsWith('<?')) return until('?>', 1);
  if (rest.startsWith('<![CDATA[')) return until(']]>', 9);
  if (/^<![A-Za-z]/.test(rest)) return until('>', 2);
  const block = /^<\/?([A-Za-z][A-Za-z0-9]*)(?=[ \t>]|\/>|$)/.exec(rest);
  const toBlankLine: Html = { end: () => false, blankEnds: true, endsOnStart: false };
  if (block && BLOCK_NAMES.has((block[1] as string).toLowerCase())) return toBlankLine;
  return !paragraphOpen && COMPLETE_TAG.test(rest) ? toBlankLine : null;
}

/** A line's indentation in columns (tabs to the next multiple of 4) and where its text starts. */
function indentation(line: string, from = 0, startColumn = 0): { columns: number; at: number } {
  let column = startColumn;
  let at = from;
  for (; at < line.length; at++) {
    const ch = line[at];
    if (ch === ' ') column++;
    else if (ch === '\t') column += 4 - (column % 4);
    else break;
  }
  return { columns: column - startColumn, at };
}

const ATX = /^#{1,6}(?=[ \t]|$)/;
const FENCE = /^(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^(`{3,}|~{3,})[ \t]*$/;
const SETEXT = /^(?:=+|-+)[ \t]*$/;
const THEMATIC = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const LIST_MARKER = /^(?:([-+*])|(\d{1,9})([.)]))(?=[ \t]|$)/;

interface Fence {
  char: string;
  length: number;
}

/** The fence a line opens (its text after the indentation), or null. */
function fenceOpen(rest: string): Fence | null {
  const m = FENCE.exec(rest);
  if (!m) return null;
  const run = m[1] as string;
  // A backtick fence's info string cannot hold a backtick.
  if (run[0] === '`' && (m[2] as string).includes('`')) return null;
  return { char: run[0] as string, length: run.length };
}

/** Whether a line (text after the indentation, `columns` deep) closes `fence`. */
function closes(fence: Fence, rest: string, columns: number): boolean {
  const m = columns < 4 ? FENCE_CLOSE.exec(rest) : null;
  return m !== null && m[1]?.[0] === fence.char && m[1].length >= fence.length;
}

interface Marker {
  /** `-`, `+`, `*`, `.` or `)`: an item with another marker starts another list. */
  kind: string;
  /** The item's content column. */
  column: number;
  empty: boolean;
  /** Its content and that content's indentation, after the marker's one required space. */
  content: string;
  contentColumns: number;
  /** Whether it may start while a paragraph is open: not empty, and a bullet or `1.`/`1)`. */
  interrupts: boolean;
}

/** The list item a line starts (its text at `at`, `column` deep), or null. */
function listMarker(line: string, at: number, column: number): Marker | null {
  const m = LIST_MARKER.exec(line.slice(at, at + 12));
  if (!m) return null;
  // `* * *` and `- - -` are thematic breaks, not items.
  if ((m[1] === '*' || m[1] === '-') && THEMATIC.test(line.slice(at))) return null;
  const markerColumn = column + m[0].length;
  const after = indentation(line, at + m[0].length, markerColumn);
  const empty = after.at >= line.length;
  const wide = after.columns >= 5;
  return {
    kind: m[1] ?? (m[3] as string),
    column: empty || wide ? markerColumn + 1 : markerColumn + after.columns,
    empty,
    content: line.slice(after.at),
    contentColumns: wide ? after.columns - 1 : 0,
    interrupts: !empty && (m[1] !== undefined || m[2] === '1'),
  };
}

/** Whether a lazy line (one no open container continues) ends the paragraph it would continue. */
function endsLazily(rest: string, columns: number): boolean {
  if (columns >= 4) return false;
  return (
    ATX.test(rest) ||
    fenceOpen(rest) !== null ||
    THEMATIC.test(rest) ||
    htmlStart(rest, true) !== null
  );
}

/** Whether a container's first line of content (text, `columns` deep) opens a paragraph. */
function opensParagraph(text: string, columns: number): boolean {
  let rest = text;
  let deep = columns;
  // Nested block quotes and list items are looked through; 100 levels is more than any line has.
  for (let depth = 0; depth < 100; depth++) {
    if (rest === '' || /^[ \t]*$/.test(rest) || deep >= 4) return false;
    if (rest[0] === '>') {
      const after = indentation(rest, 1, 1);
      rest = rest.slice(after.at);
      deep = Math.max(0, after.columns - 1);
      continue;
    }
    const marker = listMarker(rest, 0, 0);
    if (marker) {
      if (marker.empty) return false;
      rest = marker.content;
      deep = marker.contentColumns;
      continue;
    }
    return !ATX.test(rest) && !fenceOpen(rest) && !THEMATIC.test(rest) && !htmlStart(rest, false);
  }
  return false;
}

/** The outermost open container: a block quote or a list item, with what its content left open. */
interface Container {
  kind: 'quote' | 'list';
  /** The list's marker (`-`, `.`, …) and the item's content column. */
  marker: string;
  column: number;
  /** Whether its innermost content is an open paragraph (the next line may continue it lazily). */
  lazy: boolean;
  /** A fence or HTML block open inside it. */
  fence: Fence | null;
  html: Html | null;
  /** The item began with a blank line; and a blank line followed (it can hold nothing more). */
  initialBlank: boolean;
  furtherBlank: boolean;
}

function newContainer(line: string, at: number, columns: number): Container | null {
  if (columns >= 4) return null;
  if (line[at] === '>') {
    const after = indentation(line, at + 1, columns + 1);
    return {
      kind: 'quote',
      marker: '>',
      column: 0,
      lazy: opensParagraph(line.slice(after.at), Math.max(0, after.columns - 1)),
      fence: fenceOpen(line.slice(after.at)),
      html: null,
      initialBlank: false,
      furtherBlank: false,
    };
  }
  const marker = listMarker(line, at, columns);
  if (!marker) return null;
  return {
    kind: 'list',
    marker: marker.kind,
    column: marker.column,
    lazy: opensParagraph(marker.content, marker.contentColumns),
    fence: marker.contentColumns < 4 ? fenceOpen(marker.content) : null,
    html: null,
    initialBlank: marker.empty,
    furtherBlank: false,
  };
}

/** A line a container continues: its content (`columns` deep) updates what is left open inside. */
function contain(container: Container, text: string, columns: number): void {
  if (container.fence) {
    if (closes(container.fence, text, columns)) container.fence = null;
    container.lazy = false;
    return;
  }
  if (container.html) {
    const blank = /^[ \t]*$/.test(text);
    if (container.html.blankEnds ? blank : container.html.end(text)) container.html = null;
    container.lazy = false;
    return;
  }
  if (/^[ \t]*$/.test(text)) {
    container.lazy = false;
    return;
  }
  if (container.lazy) {
    // An open paragraph continues unless something that may interrupt it starts here.
    if (columns >= 4) return;
    const marker = listMarker(text, 0, 0);
    const interrupts =
      text[0] === '>' ||
      marker?.interrupts === true ||
      SETEXT.test(text) ||
      endsLazily(text, columns);
    if (!interrupts) return;
  }
  container.fence = columns < 4 ? fenceOpen(text) : null;
  const html = columns < 4 && !container.fence ? htmlStart(text, container.lazy) : null;
  container.html = html && !html.endsOnStart ? html : null;
  container.lazy = opensParagraph(text, columns);
}

/** Reads front matter and top-level headings from a source split into lines. */
export function markdownBlocks(lines: readonly string[]): MarkdownBlocks {
  const headings = new Map<number, number>();
  let start = 0;
  let frontMatter: MarkdownBlocks['frontMatter'] = null;
  /**
   * An opening front-matter fence that never closes leaves micromark unable to open block quotes
   * and lists for the rest of the document (remark-frontmatter's failed attempt); so here too.
   */
  let containersOff = false;
  const first = (lines[0] ?? '').replace(/^\uFEFF/, '');
  if (/^---[ \t]*$/.test(first) && lines.length > 1) {
    containersOff = true;
    for (let i = 1; i < lines.length; i++) {
      if (/^---[ \t]*$/.test(lines[i] as string)) {
        frontMatter = { endLine: i, value: lines.slice(1, i).join('\n') };
        start = i + 1;
        containersOff = false;
        break;
      }
    }
  }

  let fence: Fence | null = null;
  let html: Html | null = null;
  /** The open top-level paragraph's first line. */
  let paragraph: number | null = null;
  /** The last top-level block was indented code: a list item must then be one that interrupts. */
  let afterCode = false;
  let container: Container | null = null;
  /** The line that closed the last container (an indented line there is code of its own). */
  let closedAt = -1;

  for (let n = start; n < lines.length; n++) {
    const line = n === 0 ? (lines[0] as string).replace(/^\uFEFF/, '') : (lines[n] as string);
    const { columns, at } = indentation(line);
    const blank = at >= line.length;
    const rest = line.slice(at);

    if (container) {
      if (container.kind === 'quote') {
        if (!blank && columns < 4 && rest[0] === '>') {
          const after = indentation(line, at + 1, columns + 1);
          contain(container, line.slice(after.at), Math.max(0, after.columns - 1));
          continue;
        }
      } else if (blank) {
        if (container.initialBlank) container.furtherBlank = true;
        contain(container, '', 0);
        continue;
      } else {
        const further = container.furtherBlank;
        container.initialBlank = false;
        container.furtherBlank = false;
        if (!further && columns >= container.column) {
          contain(container, rest, columns - container.column);
          continue;
        }
        const sibling = listMarker(line, at, columns);
        if (columns < 4 && sibling && sibling.kind === container.marker) {
          container = newContainer(line, at, columns);
          continue;
        }
      }
      // Not continued: a new container starts whatever is open, else the line may be lazy.
      const next = containersOff ? null : newContainer(line, at, columns);
      if (next) {
        container = next;
        continue;
      }
      if (!blank && container.lazy) {
        // HTML of kind 7 stays in the container, after the paragraph it ends.
        const html = columns < 4 && !htmlStart(rest, true) ? htmlStart(rest, false) : null;
        if (html) {
          container.lazy = false;
          container.html = html.endsOnStart ? null : html;
          continue;
        }
        if (!endsLazily(rest, columns)) continue;
      }
      container = null;
      closedAt = n;
      paragraph = null;
      afterCode = false;
    }

    if (fence) {
      if (closes(fence, rest, columns)) fence = null;
      continue;
    }
    if (html) {
      if (html.blankEnds ? blank : html.end(line)) html = null;
      continue;
    }
    if (blank) {
      paragraph = null;
      continue;
    }
    if (columns >= 4) {
      // Indented code, unless it continues a paragraph.
      if (paragraph === null) afterCode = n !== closedAt;
      continue;
    }
    if (!containersOff) {
      const marker = listMarker(line, at, columns);
      const interrupting = paragraph !== null || afterCode;
      if (rest[0] === '>' || (marker && (!interrupting || marker.interrupts))) {
        container = newContainer(line, at, columns);
        paragraph = null;
        afterCode = false;
        continue;
      }
    }
    afterCode = false;
    const atx = ATX.exec(rest);
    if (atx) {
      headings.set(n, atx[0].length);
      paragraph = null;
      continue;
    }
    const opened = fenceOpen(rest);
    if (opened) {
      fence = opened;
      paragraph = null;
      continue;
    }
    const started = htmlStart(rest, paragraph !== null);
    if (started) {
      paragraph = null;
      if (!started.endsOnStart) html = started;
      continue;
    }
    if (paragraph !== null && SETEXT.test(rest)) {
      headings.set(paragraph, rest[0] === '=' ? 1 : 2);
      paragraph = null;
      continue;
    }
    if (THEMATIC.test(rest)) {
      paragraph = null;
      continue;
    }
    paragraph ??= n;
  }
  return { frontMatter, headings };
}
