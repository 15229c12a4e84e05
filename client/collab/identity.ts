/**
 * Who this browser is in a motion: a name asked once and kept in localStorage (default
 * "Delegate N") and a colour from a fixed palette chosen by the name, so it is stable.
 */
export interface Identity {
  name: string;
  color: string;
  colorLight: string;
}

/** Distinct, readable-on-white colours for cursors and avatars. */
export const PALETTE = [
  '#1f6feb',
  '#b3261e',
  '#1a7f37',
  '#8250df',
  '#bc4c00',
  '#0e7490',
  '#bf3989',
  '#6e5d00',
] as const;

const KEY = 'redline.name';

/** A palette colour picked from the name, so one person keeps their colour across sessions. */
export function colourFor(name: string): string {
  let h = 0;
  for (const ch of name) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return PALETTE[h % PALETTE.length] ?? PALETTE[0];
}

/** Initials for an avatar: "Jo Bloggs" → "JB", "Delegate 12" → "D12". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  if (words.length === 1) return (words[0] ?? '?').slice(0, 2).toUpperCase();
  const last = words[words.length - 1] ?? '';
  const tail = /^\d+$/.test(last) ? last : (last[0] ?? '');
  return `${words[0]?.[0] ?? ''}${tail}`.toUpperCase();
}

function identityOf(name: string): Identity {
  const color = colourFor(name);
  return { name, color, colorLight: `${color}33` };
}

/** The stored identity, or null when the user has not given a name yet. */
export function storedIdentity(): Identity | null {
  const name = localStorage.getItem(KEY);
  return name && name.trim() ? identityOf(name.trim()) : null;
}

/** A default name for the prompt. */
export function defaultName(): string {
  return `Delegate ${Math.floor(Math.random() * 90) + 10}`;
}

/** Saves the name and returns the identity it gives. */
export function saveIdentity(name: string): Identity {
  const clean = name.trim() || defaultName();
  localStorage.setItem(KEY, clean);
  return identityOf(clean);
}
