/**
 * Instructions: what a rule change says, in structured form. Generated from a redline, parsed from
 * text people wrote, rendered in a profile's drafting style and applied to an edition.
 *
 * Every citation and every quoted anchor refers to the BASE edition the motion targets, the way
 * conference motions cite "Rule Book 2024": several instructions never depend on each other's order.
 */
import type { UnitPath } from '../rulebook/types';

/** A change inside one unit's text. Quoted strings must occur exactly once in the unit's base text. */
export type TextOp =
  | { op: 'replace'; old: string; new: string }
  | { op: 'delete'; old: string }
  | { op: 'insertAfter'; anchor: string; new: string }
  | { op: 'insertBefore'; anchor: string; new: string }
  | { op: 'addAtEnd'; new: string }
  | { op: 'addAtStart'; new: string };

/** A unit written out in an instruction: label as printed, own text, sub-units. */
export interface NewUnit {
  marker: string;
  label: string;
  /** A new chapter's or clause's heading title ("Complaints"), when it has one. */
  title?: string;
  text: string;
  children: NewUnit[];
}

/** Where an instruction came from in the motion text, for diagnostics. */
export interface Place {
  line: number;
  column: number;
}

export type Instruction =
  | { kind: 'text'; target: UnitPath; ops: TextOp[]; at?: Place }
  | { kind: 'replaceUnits'; targets: UnitPath[]; units: NewUnit[]; renumber: boolean; at?: Place }
  | { kind: 'deleteUnits'; targets: UnitPath[]; renumber: boolean; at?: Place }
  | {
      kind: 'insertUnits';
      /** The unit the new units go under. */
      parent: UnitPath;
      /** The base sibling they follow; null = at the start of the parent. */
      after: UnitPath | null;
      units: NewUnit[];
      renumber: boolean;
      at?: Place;
    }
  /** "Make no changes to …": recorded so the motion's intent is kept, applies nothing. */
  | { kind: 'noChange'; targets: UnitPath[]; at?: Place };

/** A parsed motion: its instructions plus what surrounds them in the text people wrote. */
export interface Motion {
  title: string;
  edition: string | null;
  instructions: Instruction[];
  /** The "… reads as follows:" quotations of current text, to check against the edition. */
  quotations: { target: UnitPath; text: string; at: Place }[];
  /** Supporting argument: not part of the rule. */
  argument: string;
}
