/**
 * How a person shows in a motion: their signed-in name and a colour from a fixed palette chosen
 * by the name, so it is stable. The server stamps the name others see (it cannot be faked); this
 * is the local copy for the person's own avatar and cursor.
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

/** The identity of a signed-in person, for their own awareness state. */
export function identityOf(name: string): Identity {
  const color = colourFor(name);
  return { name, color, colorLight: `${color}33` };
}
