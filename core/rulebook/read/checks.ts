/**
 * The checks made as each unit is placed — its label against the previous sibling's (sequence,
 * duplicates), its address against every address so far — and on the whole rulebook once read.
 */
import { diagnostic, type Diagnostic } from '../../diagnostics';
import type { Profile } from '../../../schemas/profile';
import { labelAt, labelOrdinal } from '../labels';
import type { LabelKind, Unit } from '../types';
import type { LineState } from './state';

/**
 * A duplicate (error) or out-of-sequence (warning) label against the previous sibling, at the
 * 0-based `line` and `col`, or null. `what` names the level in the message ("sub-clause").
 * Labels not of the level's kind are not judged here (the nesting reports those).
 */
export function checkSequence(
  previous: string | undefined,
  label: string,
  kind: LabelKind,
  line: number,
  col: number,
  what: string,
): Diagnostic | null {
  const ord = labelOrdinal(label, kind);
  if (ord === null) return null;
  const prev = previous === undefined ? 0 : labelOrdinal(previous, kind);
  if (prev === null) return null;
  if (previous === label) {
    return diagnostic(
      'error',
      'duplicate-label',
      `Unexpected duplicate ${what} '${label}', expected '${labelAt(prev + 1, kind)}'`,
      line + 1,
      col + 1,
    );
  }
  if (ord !== prev + 1) {
    return diagnostic(
      'warning',
      'label-sequence',
      `Unexpected ${what} '${label}' out of sequence, expected '${labelAt(prev + 1, kind)}'`,
      line + 1,
      col + 1,
    );
  }
  return null;
}

/**
 * Where each address was first given, and the units that repeat one. A unit under a repeated one
 * repeats too, and is not reported again: a chapter pasted twice is one error, not one per unit.
 */
export class Addresses {
  /** 1-based line of each address's first unit. */
  private readonly firstLine = new Map<string, number>();
  private readonly repeated = new Set<Unit>();

  constructor(private readonly profile: Profile) {}

  /**
   * Records a new unit's address. A second unit at an address is an error, except next to its
   * twin, where the sequence check already reports the duplicate label. Returns true when the
   * sequence check should still run (the address is new, or the twin is the previous sibling).
   */
  place(
    unit: Unit,
    parent: Unit | null,
    previous: Unit | undefined,
    diagnostics: Diagnostic[],
  ): boolean {
    if (parent && this.repeated.has(parent)) {
      this.repeated.add(unit);
      return false;
    }
    const first = this.firstLine.get(unit.address);
    if (first === undefined) {
      this.firstLine.set(unit.address, unit.start.line);
      return true;
    }
    this.repeated.add(unit);
    if (previous?.label === unit.label) return true;
    const what = this.profile.levels[unit.depth]?.name ?? unit.kind;
    diagnostics.push(
      diagnostic(
        'error',
        'duplicate-address',
        `Unexpected second ${what.toLowerCase()} at ${unit.address} (line ${unit.start.line}), expected each address once: line ${first} has it already`,
        unit.start.line,
        unit.start.column,
      ),
    );
    return false;
  }
}

/**
 * The checks on the whole rulebook once read: it names its edition (without one every address
 * would be ":5.IV" and no motion could name the edition it amends) and has chapters.
 */
export function checkRulebook(st: LineState): void {
  const { rulebook, format } = st;
  if (
    rulebook.frontMatter === null &&
    rulebook.chapters.length > 0 &&
    st.meta.edition.trim() === ''
  ) {
    st.report(
      'error',
      'no-edition',
      format === 'markdown'
        ? 'Unexpected rulebook without an edition, expected front matter with `edition: "2024"`'
        : "Unexpected rulebook without an edition, expected a title line such as 'Rule Book 2024' before the first chapter",
      1,
      1,
    );
  }
  if (rulebook.chapters.length === 0) {
    st.report(
      'error',
      'no-chapters',
      format === 'markdown'
        ? "Unexpected rulebook without chapters, expected '# Chapter 1: …' headings"
        : "Unexpected rulebook without chapters, expected lines such as 'Chapter 1 Title' before its rules",
      Math.min(st.bodyStart + 1, st.lines.length),
      1,
    );
  }
}
