/**
 * Text people type into names, titles and notes. It is shown to everyone — in lists, presence,
 * the audit log and exports — so it must not carry what the eye cannot see: a right-to-left
 * override that reverses "Sam Secretary" on screen, a zero-width space that makes two names look
 * the same, a line break that forges a second line in a log or a CSV. Whitespace is normalised
 * (runs become one space, or one line break in notes); other control and format characters are
 * refused, saying which and where, rather than silently dropped.
 */
import { z } from 'zod';

/**
 * Format characters people need: the zero-width joiner and non-joiner (emoji sequences, Persian
 * and Indic scripts). Every other format character (bidi controls, zero-width spaces, the word
 * joiner, a byte-order mark, soft hyphens) is invisible and refused.
 */
const ALLOWED_FORMAT = new Set(['\u200c', '\u200d']);

/** Spaces people type or paste: tabs, line breaks, no-break and typographic spaces. */
const TYPED_SPACE = /[\t\n\r \u00a0\u2000-\u200a\u202f\u205f\u3000]/u;

/** The first character that may not be in such text, with its place (1-based), or null. */
export function hiddenCharacter(text: string): { char: string; at: number } | null {
  let at = 0;
  for (const char of text) {
    at++;
    if (TYPED_SPACE.test(char)) continue;
    if (/[\p{Cc}\p{Cs}\p{Zl}\p{Zp}]/u.test(char)) return { char, at };
    if (/\p{Cf}/u.test(char) && !ALLOWED_FORMAT.has(char)) return { char, at };
  }
  return null;
}

/** How a refused character is named: U+202E and what it is, when we know. */
function describe(char: string): string {
  const code = `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  const names: Record<string, string> = {
    '\u202a': 'left-to-right embedding',
    '\u202b': 'right-to-left embedding',
    '\u202c': 'pop directional formatting',
    '\u202d': 'left-to-right override',
    '\u202e': 'right-to-left override',
    '\u2066': 'left-to-right isolate',
    '\u2067': 'right-to-left isolate',
    '\u2068': 'first strong isolate',
    '\u2069': 'pop directional isolate',
    '\u200b': 'zero-width space',
    '\u2060': 'word joiner',
    '\ufeff': 'byte-order mark',
    '\u00ad': 'soft hyphen',
    '\u0000': 'NUL',
    '\u001b': 'escape',
  };
  const name =
    names[char] ?? (/\p{Cc}/u.test(char) ? 'a control character' : 'an invisible character');
  return `${code} (${name})`;
}

/**
 * `text` as stored: NFC (so "é" typed two ways is one name), each run of whitespace one space —
 * or, in `multiline` text, line breaks kept (at most one blank line) and other runs one space —
 * trimmed.
 */
export function normaliseText(text: string, multiline = false): string {
  const nfc = text.normalize('NFC');
  if (!multiline) return nfc.replace(/\s+/gu, ' ').trim();
  return nfc
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/\s+/gu, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * A zod schema for a name or title (one line) or a note (`multiline`): refuses hidden
 * characters with a message saying which and where, then normalises, then checks the length of
 * what is stored. `min` 0 lets it be empty.
 */
export function plainText(options: {
  min: number;
  max: number;
  /** The message when it is shorter than `min`, e.g. "a motion needs a title". */
  tooShort?: string;
  multiline?: boolean;
}) {
  const multiline = options.multiline ?? false;
  return (
    z
      .string()
      // Room for the whitespace normalising removes; what is stored is measured after.
      .max(options.max * 2)
      .superRefine((text, ctx) => {
        const hidden = hiddenCharacter(text);
        if (hidden) {
          ctx.addIssue({
            code: 'custom',
            message: `contains ${describe(hidden.char)} at character ${hidden.at}; remove it`,
          });
        }
      })
      .transform((text) => normaliseText(text, multiline))
      .pipe(
        z
          .string()
          .min(options.min, options.tooShort ?? `at least ${options.min} characters`)
          .max(options.max),
      )
  );
}

/**
 * The form of a name two people in one body may not share: NFKC (so full-width and ligature
 * forms fold), case-insensitive, whitespace normalised.
 */
export function nameKey(name: string): string {
  return normaliseText(name).normalize('NFKC').toLocaleLowerCase('en');
}
