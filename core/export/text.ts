/**
 * Plain text, for a submission portal or an e-mail: no markup to survive, so structure is shown
 * the way a typed document shows it — the title underlined with `=`, level 1 headings in capitals
 * underlined with `=`, level 2 underlined with `-`, level 3 in capitals; units indented by level
 * with their printed label ("   A. text"); fields and tables in aligned columns; the contents as a
 * numbered list. A redline marks [+inserted+] and [-deleted-] words, with a one-line key at the
 * top. Paragraphs are not wrapped: portals and mail clients wrap them to their own width.
 */
import type { Block, ExportDocument, Run } from './model';
import { splitLines, tocEntries, tocNumbers } from './runs';

export const TEXT_KEY = 'Key: [+inserted words+] are added, [-deleted words-] are removed.';

/** A document as plain text, ending with one newline. */
export function renderText(doc: ExportDocument): string {
  const chunks: string[] = [underline(oneLine(doc.title), '=')];
  if (doc.subtitle) chunks.push(oneLine(doc.subtitle));
  if (doc.redline) chunks.push(TEXT_KEY);
  for (const block of doc.blocks) {
    const chunk = renderBlock(block, doc.blocks);
    if (chunk !== '') chunks.push(chunk);
  }
  return `${chunks.join('\n\n')}\n`;
}

function renderBlock(block: Block, blocks: readonly Block[]): string {
  switch (block.kind) {
    case 'heading': {
      const text = oneLine(runsText(block.runs));
      if (block.level === 1) return underline(text.toUpperCase(), '=');
      if (block.level === 2) return underline(text, '-');
      return text.toUpperCase();
    }
    case 'paragraph': {
      const indent = block.style === 'quote' ? '    ' : '';
      return lines(block.runs)
        .map((line) => indent + line)
        .join('\n\n');
    }
    case 'unit': {
      const { unit } = block;
      const indent = '   '.repeat(unit.level);
      const hang = ' '.repeat(indent.length + unit.marker.length + 1);
      const [first = '', ...rest] = lines(unit.runs);
      return [
        `${indent}${unit.marker}${first ? ` ${first}` : ''}`,
        ...rest.map((line) => hang + line),
      ].join('\n\n');
    }
    case 'fields': {
      const width = Math.max(0, ...block.fields.map((f) => textWidth(f.label) + 1));
      return block.fields
        .map((f) => {
          const label = `${f.label}:`.padEnd(width);
          const [first = '', ...rest] = lines(f.value);
          const pad = ' '.repeat(width + 1);
          return [`${label} ${first}`.trimEnd(), ...rest.map((line) => pad + line)].join('\n');
        })
        .join('\n');
    }
    case 'table':
      return table(
        block.header,
        block.rows.map((row) => row.map((cell) => oneLine(runsText(cell)))),
      );
    case 'toc': {
      const entries = tocEntries(blocks);
      if (entries.length === 0) return '';
      const numbers = tocNumbers(entries);
      const items = entries.map((entry, i) => {
        const n = numbers[i] as string;
        return n.includes('.') ? `   ${n} ${entry.text}` : `${n}. ${entry.text}`;
      });
      return ['CONTENTS', '', ...items].join('\n');
    }
    case 'page-break':
      return '';
  }
}

function runText(run: Run): string {
  if (run.mark === 'ins') return `[+${run.text}+]`;
  if (run.mark === 'del') return `[-${run.text}-]`;
  return run.text;
}

/** Runs on one line; paragraph breaks become spaces (headings, table cells). */
function runsText(runs: readonly Run[]): string {
  return lines(runs).join(' ');
}

/** Runs as lines of text, one per paragraph. */
function lines(runs: readonly Run[]): string[] {
  return splitLines(runs).map((line) => line.map(runText).join('').trim());
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Width in characters as a reader counts them (code points, not UTF-16 units). */
function textWidth(text: string): number {
  return [...text].length;
}

function underline(text: string, char: string): string {
  return `${text}\n${char.repeat(Math.max(1, textWidth(text)))}`;
}

function padTo(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - textWidth(text)));
}

/** Aligned columns two spaces apart, a rule under the header, no trailing spaces. */
function table(header: readonly string[], rows: readonly string[][]): string {
  const columns = Math.max(header.length, ...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, c) =>
    Math.max(textWidth(header[c] ?? ''), ...rows.map((r) => textWidth(r[c] ?? ''))),
  );
  const line = (cells: readonly string[]) =>
    widths
      .map((w, c) => padTo(cells[c] ?? '', w))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
