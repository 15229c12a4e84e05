/**
 * Markdown (CommonMark with GFM tables and strikethrough) that renders every piece of user text
 * literally: Markdown metacharacters are backslash-escaped, `&` too (no entities), and `<` (no
 * raw HTML or autolinks) — so a title like `<script>` or `[x](javascript:…)` is shown, not run.
 *
 * No raw HTML at all, so the file is safe in any renderer, sanitising or not. Redline marks:
 * deleted words are struck through as `~~deleted~~`; inserted words, which Markdown cannot
 * underline, are `__inserted__` (shown in bold; `**` is kept for ordinary bold), with a key line
 * at the top saying so. Units are paragraphs that start with their printed label (`A\.`):
 * Markdown lists can only count 1, 2, 3, and the label is what people cite.
 */
import type { Block, ExportDocument, Run } from './model';
import { splitLines, tocEntries } from './runs';

export const MARKDOWN_KEY =
  'Key: __inserted words__ are added (in bold), ~~deleted words~~ are removed (struck through).';

/** A document as Markdown, ending with one newline. */
export function renderMarkdown(doc: ExportDocument): string {
  const chunks: string[] = [`# ${inline(flatten(doc.title))}`];
  if (doc.subtitle) chunks.push(lineStart(inline(flatten(doc.subtitle))));
  if (doc.redline) chunks.push(MARKDOWN_KEY);
  for (const block of doc.blocks) {
    const chunk = renderBlock(block, doc.blocks);
    if (chunk !== '') chunks.push(chunk);
  }
  return `${chunks.join('\n\n')}\n`;
}

function renderBlock(block: Block, blocks: readonly Block[]): string {
  switch (block.kind) {
    case 'heading':
      return `${'#'.repeat(block.level + 1)} ${oneLine(block.runs)}`;
    case 'paragraph': {
      const paragraphs = lines(block.runs);
      if (block.style === 'quote') return paragraphs.map((p) => `> ${p}`).join('\n>\n');
      // A note (a citation above a quoted unit, an explanation) is set in italics, when it has
      // no marks of its own to nest inside the emphasis.
      const italic = block.style === 'note' && block.runs.every((r) => !r.mark);
      return paragraphs.map((p) => (italic && p !== '' ? `*${p}*` : p)).join('\n\n');
    }
    case 'unit': {
      const { unit } = block;
      const [first = '', ...rest] = lines(unit.runs);
      const label = lineStart(escape(unit.marker));
      return [first ? `${label} ${first}` : label, ...rest].join('\n\n');
    }
    case 'fields':
      return block.fields.map((f) => `- **${escape(f.label)}:** ${oneLine(f.value)}`).join('\n');
    case 'table': {
      const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
      return [
        row(block.header.map((h) => escape(flatten(h)))),
        row(block.header.map(() => '---')),
        ...block.rows.map((cells) => row(cells.map(oneLine))),
      ].join('\n');
    }
    case 'toc':
      return toc(blocks);
    case 'page-break':
      return '* * *';
  }
}

/** The contents as a nested ordered list (no links: plain Markdown cannot set heading ids). */
function toc(blocks: readonly Block[]): string {
  const entries = tocEntries(blocks);
  if (entries.length === 0) return '';
  const items: string[] = [];
  let top = 0;
  let sub = 0;
  let indent = '';
  for (const entry of entries) {
    const text = inline(entry.text);
    if (entry.level === 2 && top > 0 && indent !== '') {
      items.push(`${indent}${++sub}. ${text}`);
    } else {
      top++;
      sub = 0;
      items.push(`${top}. ${text}`);
      // Sub-items line up with the text of the item they belong under.
      indent = entry.level === 1 ? ' '.repeat(`${top}. `.length) : '';
    }
  }
  return ['**Contents**', '', ...items].join('\n');
}

/** Backslash-escapes what Markdown would read as markup anywhere in a line. */
function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>|~&#]/g, '\\$&');
}

/**
 * Escapes what would start a block at the beginning of a line: a list item or a setext rule.
 * Lettered labels ("A.", "iv)") are escaped too, for Markdown flavours with lettered lists.
 */
function lineStart(text: string): string {
  return text
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d{1,9}|[A-Za-z]{1,6})([.)])(?=\s|$)/, '$1\\$2');
}

function runMarkdown(run: Run): string {
  const delimiter =
    run.mark === 'ins'
      ? '__'
      : run.mark === 'del'
        ? '~~'
        : run.mark === 'strong'
          ? '**'
          : run.mark === 'em'
            ? '*'
            : '';
  if (!delimiter) return escape(run.text);
  // Emphasis must not start or end with a space: keep spaces outside the delimiters.
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(run.text) as RegExpExecArray;
  const [, before = '', body = '', after = ''] = m;
  if (body === '') return run.text;
  return `${before}${delimiter}${escape(body)}${delimiter}${after}`;
}

function inline(text: string): string {
  return escape(text);
}

/**
 * Runs as Markdown paragraphs' text, one per paragraph break in the runs; `atLineStart` when
 * each paragraph starts a line (not after a heading's hashes, a field's label or a cell's bar).
 */
function lines(runs: readonly Run[], atLineStart = true): string[] {
  return splitLines(runs).map((line) => {
    const text = line.map(runMarkdown).join('').trim();
    // Only a plain first run can start a block; a mark starts with its delimiter.
    return atLineStart && !line[0]?.mark ? lineStart(text) : text;
  });
}

/** Runs on one line (headings, fields, cells): paragraph breaks become spaces. */
function oneLine(runs: readonly Run[]): string {
  return lines(runs, false)
    .filter((l) => l !== '')
    .join(' ');
}

function flatten(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
