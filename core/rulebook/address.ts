/**
 * Canonical unit addresses (`2024:5.IV.5.A.i`): the one place that builds and reads them, so the
 * format cannot drift between parser, store and URLs.
 */
import type { UnitAddress, UnitPath } from './types';

/** Builds the address of a path in an edition. */
export function unitAddress(edition: string, path: UnitPath): UnitAddress {
  return `${edition}:${path.join('.')}` as UnitAddress;
}

/** Reads an address back into edition and path; null when the string is not an address. */
export function parseAddress(s: string): { edition: string; path: string[] } | null {
  const m = /^([^:\s]+):([0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*)$/.exec(s);
  if (!m) return null;
  return { edition: m[1] as string, path: (m[2] as string).split('.') };
}

/** True when two paths name the same unit. */
export function samePath(a: UnitPath, b: UnitPath): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
