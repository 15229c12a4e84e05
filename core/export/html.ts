/**
 * A complete, standalone HTML5 page — for the browser, and for Chromium to print as the PDF.
 *
 * Safe by construction rather than by sanitising afterwards: every piece of text from the
 * document is escaped (& < > " '), the only tags and attributes are the ones written here, ids
 * are reduced to [A-Za-z0-9._-] and links point only at them (`#id`). No script, no event
 * handler, no external URL; a Content-Security-Policy that allows nothing but the inline style
 * backs that up. Redline marks are <ins> and <del>, underlined and struck through on screen and
 * in print. Units are paragraphs with their printed label, indented by level.
 */
import type { Block, ExportDocument, NumberedUnit, Run } from './model';
import { splitLines, tocEntries } from './runs';

const STYLE = `
:root { color-scheme: light; }
body { font-family: Georgia, "Times New Roman", serif; font-size: 12pt; line-height: 1.45; color: #111; background: #fff; max-width: 46em; margin: 2em auto; padding: 0 1em; }
h1, h2, h3, h4 { font-family: "Helvetica Neue", Arial, sans-serif; line-height: 1.2; }
h1 { font-size: 1.8em; margin: 0 0 .2em; }
h2 { font-size: 1.4em; margin: 1.6em 0 .6em; }
h3 { font-size: 1.15em; margin: 1.4em 0 .5em; }
h4 { font-size: 1em; margin: 1.2em 0 .4em; text-transform: uppercase; letter-spacing: .03em; }
.subtitle { font-size: 1.1em; color: #444; margin-top: 0; }
.key { font-size: .9em; border: 1px solid #bbb; padding: .3em .6em; }
ins { text-decoration: underline; background: #e6f4ea; color: #0b5a1f; }
del { text-decoration: line-through; background: #fce8e6; color: #8a1c12; }
.note { font-size: .9em; color: #444; font-style: italic; margin-bottom: .2em; }
blockquote { margin: 1em 2em; }
.unit { margin: .4em 0; }
.unit p { margin: .3em 0; padding-left: 2.4em; }
.unit p:first-child { text-indent: -2.4em; }
.marker { display: inline-block; min-width: 2.4em; text-indent: 0; }
.level-1 { margin-left: 2.4em; }
.level-2 { margin-left: 4.8em; }
.level-3 { margin-left: 7.2em; }
.level-4 { margin-left: 9.6em; }
.level-5 { margin-left: 12em; }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; }
dl.fields dt { font-weight: bold; }
dl.fields dd { margin: 0; }
table { border-collapse: collapse; margin: .6em 0 1.2em; }
th, td { border: 1px solid #999; padding: .25em .6em; text-align: left; vertical-align: top; }
nav.toc ol { list-style: decimal; }
nav.toc a { color: inherit; }
.toc-title { font-weight: bold; }
@media print {
  @page { size: A4; margin: 20mm 18mm 22mm; }
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  h2 { break-before: page; }
  main > h2:first-child { break-before: auto; }
  h2, h3, h4 { break-after: avoid; }
  .unit, tr { break-inside: avoid; }
  ins { text-decoration: underline; background: none; color: inherit; }
  del { text-decoration: line-through; background: none; color: inherit; }
  a { text-decoration: none; }
  .page-break { break-after: page; }
}
`.trim();

const CSP = "default-src 'none'; style-src 'unsafe-inline'";

/** A document as a standalone HTML page, ending with one newline. */
export function renderHtml(doc: ExportDocument): string {
  const ids = assignIds(doc.blocks);
  const header = [`<h1>${escapeHtml(flatten(doc.title))}</h1>`];
  if (doc.subtitle) header.push(`<p class="subtitle">${escapeHtml(flatten(doc.subtitle))}</p>`);
  if (doc.redline) {
    header.push(
      '<p class="key">Key: <ins>inserted words</ins> are added, <del>deleted words</del> are removed.</p>',
    );
  }
  const body = doc.blocks
    .map((block, i) => renderBlock(block, ids[i] ?? '', doc.blocks, ids))
    .filter((s) => s !== '');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(flatten(doc.title))}</title>`,
    `<style>\n${STYLE}\n</style>`,
    '</head>',
    '<body>',
    '<header>',
    ...header,
    '</header>',
    '<main>',
    ...body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Escapes text for element content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** An id reduced to the characters safe in an attribute, a URL fragment and a CSS selector. */
export function sanitiseId(id: string): string {
  const safe = id.replace(/[^A-Za-z0-9._-]+/g, '-');
  return safe === '' || safe === '-' ? 'x' : safe;
}

/**
 * Ids for every heading and unit, unique in the page: the builder's id sanitised (or `section-n`
 * for a heading without one), with `-2`, `-3` … on a repeat. Done first so the contents, which
 * come before the headings, can link to them.
 */
function assignIds(blocks: readonly Block[]): string[] {
  const used = new Set<string>();
  const unique = (wanted: string) => {
    let id = wanted;
    for (let n = 2; used.has(id); n++) id = `${wanted}-${n}`;
    used.add(id);
    return id;
  };
  let sections = 0;
  return blocks.map((block) => {
    if (block.kind === 'heading') {
      sections++;
      return unique(sanitiseId(block.id ?? `section-${sections}`));
    }
    if (block.kind === 'unit') return unique(sanitiseId(block.unit.id));
    return '';
  });
}

function renderBlock(
  block: Block,
  id: string,
  blocks: readonly Block[],
  ids: readonly string[],
): string {
  switch (block.kind) {
    case 'heading': {
      const tag = `h${block.level + 1}`;
      return `<${tag} id="${id}">${oneLine(block.runs)}</${tag}>`;
    }
    case 'paragraph': {
      const cls = block.style === 'note' ? ' class="note"' : '';
      const paragraphs = lines(block.runs).map((line) => `<p${cls}>${line}</p>`);
      if (block.style === 'quote') return `<blockquote>\n${paragraphs.join('\n')}\n</blockquote>`;
      return paragraphs.join('\n');
    }
    case 'unit':
      return unitHtml(block.unit, id);
    case 'fields': {
      const items = block.fields.map(
        (f) => `<dt>${escapeHtml(f.label)}</dt><dd>${lines(f.value).join('<br>')}</dd>`,
      );
      return `<dl class="fields">\n${items.join('\n')}\n</dl>`;
    }
    case 'table': {
      const head = block.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
      const rows = block.rows.map(
        (row) => `<tr>${row.map((cell) => `<td>${lines(cell).join('<br>')}</td>`).join('')}</tr>`,
      );
      return [
        '<table>',
        `<thead><tr>${head}</tr></thead>`,
        '<tbody>',
        ...rows,
        '</tbody>',
        '</table>',
      ].join('\n');
    }
    case 'toc':
      return toc(blocks, ids);
    case 'page-break':
      return '<div class="page-break"></div>';
  }
}

function unitHtml(unit: NumberedUnit, id: string): string {
  const level = Math.min(Math.max(0, Math.floor(unit.level)), 5);
  const [first = '', ...rest] = lines(unit.runs);
  const paragraphs = [
    `<p><span class="marker">${escapeHtml(unit.marker)}</span> ${first}</p>`,
    ...rest.map((line) => `<p>${line}</p>`),
  ];
  return `<div class="unit level-${level}" id="${id}">\n${paragraphs.join('\n')}\n</div>`;
}

/** The contents: level 1 headings, each with its level 2 headings nested, linked by id. */
function toc(blocks: readonly Block[], ids: readonly string[]): string {
  const entries = tocEntries(blocks);
  if (entries.length === 0) return '';
  const out: string[] = [
    '<nav class="toc" aria-label="Contents">',
    '<p class="toc-title">Contents</p>',
    '<ol>',
  ];
  let open = false; // a level 1 item whose nested list is open
  let nested = false;
  const link = (index: number, text: string) =>
    `<a href="#${ids[index] ?? ''}">${escapeHtml(text)}</a>`;
  for (const entry of entries) {
    if (entry.level === 2 && open) {
      if (!nested) out.push('<ol>');
      nested = true;
      out.push(`<li>${link(entry.index, entry.text)}</li>`);
      continue;
    }
    if (nested) out.push('</ol>');
    if (open) out.push('</li>');
    nested = false;
    if (entry.level === 1) {
      out.push(`<li>${link(entry.index, entry.text)}`);
      open = true;
    } else {
      out.push(`<li>${link(entry.index, entry.text)}</li>`);
      open = false;
    }
  }
  if (nested) out.push('</ol>');
  if (open) out.push('</li>');
  out.push('</ol>', '</nav>');
  return out.join('\n');
}

function runHtml(run: Run): string {
  const text = escapeHtml(run.text);
  switch (run.mark) {
    case 'ins':
      return `<ins>${text}</ins>`;
    case 'del':
      return `<del>${text}</del>`;
    case 'strong':
      return `<strong>${text}</strong>`;
    case 'em':
      return `<em>${text}</em>`;
    default:
      return text;
  }
}

/** Runs as the HTML of each paragraph (split at paragraph breaks). */
function lines(runs: readonly Run[]): string[] {
  return splitLines(runs).map((line) => line.map(runHtml).join('').trim());
}

function oneLine(runs: readonly Run[]): string {
  return lines(runs)
    .filter((l) => l !== '')
    .join(' ');
}

function flatten(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
