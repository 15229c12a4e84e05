/**
 * Writes a unit tree back to the rulebook source format. Units that were not changed keep their
 * source lines byte for byte (wrapping and spacing included), so an amended rulebook differs from
 * its base only where the amendment says; changed and new units are written in canonical form.
 */
import type { Profile } from '../../schemas/profile';
import { labourProfile } from '../profiles';
import type { Rulebook, Unit } from './types';

const INDENT = 3;

/** Serialises a rulebook (front matter and preamble unchanged) to its source format. */
export function serialiseRulebook(rulebook: Rulebook, profile: Profile = labourProfile): string {
  const out: string[] = [];
  if (rulebook.frontMatter !== null) out.push(...rulebook.frontMatter.split('\n'));
  out.push(...rulebook.preamble);
  for (const chapter of rulebook.chapters) emit(chapter, rulebook.format, profile, out);
  return out.join('\n') + '\n';
}

/** Serialises units (e.g. the new units of an amendment) on their own, without blank lines before the first. */
export function serialiseUnits(
  units: readonly Unit[],
  format: Rulebook['format'] = 'markdown',
  profile: Profile = labourProfile,
): string {
  const out: string[] = [];
  for (const unit of units) emit(unit, format, profile, out);
  while (out[0] === '') out.shift();
  return out.join('\n');
}

function emit(unit: Unit, format: Rulebook['format'], profile: Profile, out: string[]) {
  const untouched =
    unit.origin !== undefined &&
    unit.sourceLines.length > 0 &&
    unit.origin.text === unit.text &&
    unit.origin.title === unit.title;
  if (untouched && unit.origin) {
    if (out.length > 0) out.push(...Array<string>(unit.blankBefore).fill(''));
    const [first = '', ...rest] = unit.sourceLines;
    const relabelled = relabelledLine(unit, first);
    out.push(relabelled, ...rest);
  } else {
    if (out.length > 0) out.push(...Array<string>(canonicalGap(unit, format)).fill(''));
    out.push(...canonicalLines(unit, format, profile));
  }
  for (const child of unit.children) emit(child, format, profile, out);
}

/**
 * A unit's first source line with its new label after renumbering: the marker of a numbered unit
 * ("5." → "6."), the number in a chapter's or clause's heading ("## Clause X." → "## Clause XI.").
 */
function relabelledLine(unit: Unit, first: string): string {
  const origin = unit.origin;
  if (!origin) return first;
  if (unit.kind !== 'unit') {
    if (origin.label === undefined || origin.label === unit.label) return first;
    const at = first.search(new RegExp(`(?<![A-Za-z0-9])${origin.label}(?![A-Za-z0-9])`));
    return at < 0 ? first : first.slice(0, at) + unit.label + first.slice(at + origin.label.length);
  }
  return origin.marker === unit.marker ? first : first.replace(origin.marker, unit.marker);
}

function canonicalGap(unit: Unit, format: Rulebook['format']): number {
  if (format === 'markdown') return 1;
  return unit.kind === 'unit' ? Math.min(unit.blankBefore, 1) : 1;
}

/** A unit's own lines in canonical form: heading or label line, then its further paragraphs. */
function canonicalLines(unit: Unit, format: Rulebook['format'], profile: Profile): string[] {
  const paragraphs = unit.text === '' ? [] : unit.text.split('\n');
  if (unit.kind !== 'unit') {
    const hashes = format === 'markdown' ? (unit.kind === 'chapter' ? '# ' : '## ') : '';
    const word =
      profile.levels[unit.depth]?.name ?? (unit.kind === 'chapter' ? 'Chapter' : 'Clause');
    const sep = unit.kind === 'chapter' ? ':' : '.';
    // A heading whose text (not title) changed keeps its line as written.
    const kept =
      unit.origin?.title === unit.title && unit.sourceLines[0] !== undefined
        ? relabelledLine(unit, unit.sourceLines[0])
        : undefined;
    const heading =
      kept ?? `${hashes}${word} ${unit.label}${unit.title ? `${sep} ${unit.title}` : ''}`;
    return [heading, ...paragraphs.flatMap((p) => ['', p])];
  }
  const indent = format === 'markdown' ? ' '.repeat((unit.depth - 2) * INDENT) : '';
  const hang = indent + ' '.repeat(unit.marker.length + 1);
  const [first = '', ...rest] = paragraphs;
  return [
    `${indent}${unit.marker}${first ? ` ${first}` : ''}`,
    ...rest.flatMap((p) => ['', hang + p]),
  ];
}
