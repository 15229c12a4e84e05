/**
 * Quotation marks in motion text. People mix curly and straight quotes, so a quotation opened with
 * ‘ may close with ’ or '. Generated text must therefore choose a pair none of whose possible
 * closers occurs in the quoted words — otherwise the parser would end the quotation early.
 */
import type { DraftingStyle } from '../../schemas/profile';

/** For each opening mark, the marks that may close it. */
export const CLOSERS: Readonly<Record<string, readonly string[]>> = {
  '‘': ['’', "'"],
  '“': ['”', '"'],
  "'": ["'", '’'],
  '"': ['"', '”'],
  '«': ['»'],
};

/** The style's first quote pair that can enclose `text` unambiguously, or null. */
export function quotePairFor(text: string, style: DraftingStyle): [string, string] | null {
  for (const [open, close] of style.quotes) {
    const closers = CLOSERS[open] ?? [close];
    if (!text.includes(open) && !text.includes(close) && !closers.some((c) => text.includes(c))) {
      return [open, close];
    }
  }
  return null;
}
