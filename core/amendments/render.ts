/**
 * Renders instructions as formal motion text in a profile's drafting style. The wording is data
 * (profile.drafting templates), so a second organisation's style needs no code.
 */
import { formatCitation, formatCitationList, formatRelative } from '../citations';
import type { UnitPath } from '../rulebook/types';
import type { DraftingStyle, Profile } from '../../schemas/profile';
import { labourProfile } from '../profiles';
import type { Instruction, NewUnit, TextOp } from './model';
import { quotePairFor } from './quotes';

const INDENT = '   ';

/** Fills `{name}` placeholders; unknown names are left as they are. */
function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => values[name] ?? m);
}

/** Encloses text in the first quote pair of the style that cannot be misread inside it. */
export function quote(text: string, style: DraftingStyle): string {
  const [open, close] = quotePairFor(text, style) ?? style.quotes[0] ?? ['‘', '’'];
  return `${open}${text}${close}`;
}

/** Lines of new units as they would stand in the rulebook, the first unit at no indent. */
export function blockLines(units: readonly NewUnit[], indent = ''): string[] {
  const lines: string[] = [];
  for (const unit of units) {
    const [first = '', ...more] = unit.text.split('\n');
    lines.push(`${indent}${unit.marker}${first ? ` ${first}` : ''}`);
    const hang = indent + ' '.repeat(unit.marker.length + 1);
    for (const p of more) lines.push('', hang + p);
    lines.push(...blockLines(unit.children, indent + INDENT));
  }
  return lines;
}

/**
 * A block of units: quoted when a quote pair is safe (open before the first line, close after the
 * last), otherwise plain labelled lines, which the parser also reads.
 */
function block(units: readonly NewUnit[], style: DraftingStyle): string {
  const text = blockLines(units).join('\n');
  const pair = quotePairFor(text, style);
  return pair ? `${pair[0]}${text}${pair[1]}` : text;
}

function renderOp(op: TextOp, style: DraftingStyle): string {
  const q = (s: string) => quote(s, style);
  switch (op.op) {
    case 'replace':
      return fill(style.replace, { old: q(op.old), new: q(op.new) });
    case 'delete':
      return fill(style.delete, { old: q(op.old) });
    case 'insertAfter':
      return fill(style.insertAfter, { anchor: q(op.anchor), new: q(op.new) });
    case 'insertBefore':
      return fill(style.insertBefore, { anchor: q(op.anchor), new: q(op.new) });
    case 'addAtEnd':
      return fill(style.addAtEnd, { new: q(op.new) });
    case 'addAtStart':
      return fill(style.addAtStart, { new: q(op.new) });
  }
}

/** One instruction as a paragraph of motion text. */
export function renderInstruction(
  instruction: Instruction,
  profile: Profile = labourProfile,
  /** The edition named before the citation ("The Labour Party Rule Book 2024"), if any. */
  edition?: string,
): string {
  const style = profile.drafting;
  const prefix = (path: UnitPath) =>
    fill(style.unitPrefix, {
      cite: edition
        ? `${edition}, ${formatCitation(path, profile)}`
        : formatCitation(path, profile),
    });
  const clauseOf = (path: UnitPath) => path.slice(0, 2);
  const within = (path: UnitPath) =>
    path.length <= 2
      ? formatCitation(path, profile)
      : formatRelative(path, clauseOf(path), profile);
  const many = (paths: readonly UnitPath[]) =>
    paths.length === 1
      ? within(paths[0] as UnitPath)
      : formatCitationList(paths, profile, { range: paths.length > 2 });
  const renumber = (yes: boolean) => (yes ? style.renumber : '');
  switch (instruction.kind) {
    case 'text':
      return (
        prefix(instruction.target) +
        instruction.ops.map((op) => renderOp(op, style)).join(style.joiner) +
        style.terminator
      );
    case 'deleteUnits': {
      const first = instruction.targets[0] as UnitPath;
      return (
        prefix(clauseOf(first)) +
        fill(style.deleteUnit, {
          cite: many(instruction.targets),
          renumber: renumber(instruction.renumber),
        })
      );
    }
    case 'replaceUnits': {
      const first = instruction.targets[0] as UnitPath;
      const template = instruction.targets.length === 1 ? style.replaceUnit : style.replaceUnits;
      return `${prefix(clauseOf(first))}${fill(template, { cite: many(instruction.targets), renumber: renumber(instruction.renumber) })}\n${block(instruction.units, style)}`;
    }
    case 'insertUnits': {
      const firstNew = [...instruction.parent, instruction.units[0]?.label ?? ''];
      const template = instruction.after ? style.insertUnitAfter : style.insertUnitAtStart;
      const line = fill(template, {
        new: within(firstNew),
        cite: within(instruction.after ?? instruction.parent),
        renumber: renumber(instruction.renumber),
      });
      return `${prefix(clauseOf(instruction.parent))}${line}\n${block(instruction.units, style)}`;
    }
    case 'noChange':
      return `Make no changes to ${many(instruction.targets)}.`;
  }
}

/** The formal motion text for a list of instructions: one paragraph each. */
export function renderInstructions(
  instructions: readonly Instruction[],
  profile: Profile = labourProfile,
  options: { edition?: string } = {},
): string {
  // The edition once, before the first citation, as a secretary writes it — when its name is a
  // year, the way motions name editions and the reader reads them back.
  const named =
    options.edition && /^\d{4}$/.test(options.edition) && profile.citation.edition
      ? fill(profile.citation.edition, { edition: options.edition })
      : undefined;
  return instructions
    .map((i, k) => renderInstruction(i, profile, k === 0 ? named : undefined))
    .join('\n\n');
}
