/**
 * The source as the line reader sees it: refused before any work when it is not rulebook text,
 * then measured in lines (offsets, indentation) so every unit and diagnostic has its place.
 */
import { diagnostic, type Diagnostic } from '../../diagnostics';

/** A count as the messages print it ("3,000,000"). */
export const count = (n: number): string => n.toLocaleString('en-GB');

/**
 * Refuses what is not rulebook text before any other work: a source over the profile's size, or
 * bytes that are not text (a NUL, characters that were not valid UTF-8, many control characters).
 */
export function refuseSource(input: string, limit: number): Diagnostic | null {
  if (input.length > limit) {
    return diagnostic(
      'error',
      'rulebook-too-large',
      `Unexpected rulebook of ${count(input.length)} characters, expected at most ${count(limit)} (the profile's limit)`,
      1,
      1,
    );
  }
  let line = 1;
  let lineStart = 0;
  let controls = 0;
  let firstControl: { line: number; column: number; code: number } | null = null;
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    // Lines as the parser counts them: LF, CRLF, or a lone CR.
    if (code === 10 || (code === 13 && input.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
      continue;
    }
    if (code === 0 || code === 0xfffd) {
      const what =
        code === 0 ? 'a NUL byte' : 'a character that was not valid UTF-8 (shown as U+FFFD)';
      return diagnostic(
        'error',
        'rulebook-not-text',
        `Unexpected ${what}, expected rulebook text (Markdown or plain text): is this a binary file?`,
        line,
        i - lineStart + 1,
      );
    }
    // C0 controls other than tab, line feed, vertical tab, form feed (page breaks) and CR; DEL.
    if ((code < 32 && code !== 9 && code !== 11 && code !== 12 && code !== 13) || code === 127) {
      controls++;
      firstControl ??= { line, column: i - lineStart + 1, code };
    }
  }
  if (firstControl && controls * 100 > input.length) {
    const hex = firstControl.code.toString(16).toUpperCase().padStart(4, '0');
    return diagnostic(
      'error',
      'rulebook-not-text',
      `Unexpected control characters (${count(controls)} of ${count(input.length)} characters, the first U+${hex}), expected rulebook text: is this a binary file?`,
      firstControl.line,
      firstControl.column,
    );
  }
  return null;
}

/**
 * The column (0-based) a line's text starts at, a tab reaching the next multiple of 4: nesting
 * by indentation must not depend on whether the author's editor wrote tabs or spaces.
 */
export function leadingColumns(line: string): number {
  let col = 0;
  for (const ch of line) {
    if (ch === ' ') col++;
    else if (ch === '\t') col += 4 - (col % 4);
    else break;
  }
  return col;
}

/** The offset of each line's start in the source the lines were split from (on `\n`). */
export function lineOffsets(lines: readonly string[]): number[] {
  const offsets: number[] = [];
  let offset = 0;
  for (const line of lines) {
    offsets.push(offset);
    offset += line.length + 1;
  }
  return offsets;
}
