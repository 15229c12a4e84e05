/**
 * The motion text as the reader sees it, and the way back to the text as pasted. Pasted text
 * carries characters nobody typed on purpose — zero-width spaces and joiners, a byte-order mark in
 * the middle of a word copied from a web page, soft hyphens — which would split "Motion" or a
 * quoted word in two. They are removed before reading; every offset the reader reports is mapped
 * back, so a diagnostic points at the place in the text the person pasted.
 */
import type { Place } from '../model';

const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;

export interface MotionSource {
  /** The text read: line ends as `\n`, invisible characters removed. */
  text: string;
  /** The text as given, with only line ends normalised: kept word for word. */
  original: string;
  /** Offset in `original` of an offset in `text`. */
  originalOffset(offset: number): number;
  /** 1-based line and column in `original` of an offset in `text`. */
  placeOf(offset: number): Place;
}

export function motionSource(input: string): MotionSource {
  const original = input.replace(/\r\n?/g, '\n');
  /** Offsets in `text` at which an invisible character was removed, in order (repeats allowed). */
  const removedAt: number[] = [];
  const text = original.replace(INVISIBLE, (_m, at: number) => {
    removedAt.push(at - removedAt.length);
    return '';
  });
  const lineStarts = [0];
  for (let i = 0; i < original.length; i++) if (original[i] === '\n') lineStarts.push(i + 1);
  const originalOffset = (offset: number): number => {
    // Removed characters at or before this offset shift it right.
    let lo = 0;
    let hi = removedAt.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((removedAt[mid] as number) <= offset) lo = mid + 1;
      else hi = mid;
    }
    return offset + lo;
  };
  const placeOf = (offset: number): Place => {
    const at = originalOffset(Math.max(0, Math.min(offset, text.length)));
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] as number) <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - (lineStarts[lo] as number) + 1 };
  };
  return { text, original, originalOffset, placeOf };
}
