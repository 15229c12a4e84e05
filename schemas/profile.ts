/**
 * An organisation profile: everything party-specific is data here, so another party or union is a
 * new JSON file in motions/profiles/, not a code change.
 */
import { z } from 'zod';

export const labelKindSchema = z.enum([
  'decimal',
  'upper-alpha',
  'lower-alpha',
  'upper-roman',
  'lower-roman',
]);

/** One level of the rulebook tree: what it is called and how its labels count. */
export const levelSchema = z.object({
  name: z.string().min(1),
  plural: z.string().min(1),
  kind: labelKindSchema,
});

/**
 * How a unit is cited. Templates use `{chapter}`, `{clause}`, `{clauseNumber}` (the clause as an
 * arabic number) and `{units}` (the labels below the clause joined by `unitSeparator`).
 */
export const citationStyleSchema = z.object({
  chapter: z.string(),
  clause: z.string(),
  unit: z.string(),
  /** Several units: `{units}` becomes the list. Plural wording for "Sub-clauses 5.A and 5.B". */
  units: z.string(),
  unitSeparator: z.string(),
  /** The word that joins the last two of a list: "and". */
  and: z.string(),
});

/**
 * How instructions are worded. Templates use `{cite}` (the citation), `{old}`, `{new}`,
 * `{anchor}` (already quoted) and `{text}` (a block of rulebook text), `{level}` and `{label}`.
 */
export const draftingStyleSchema = z.object({
  /** Text before a unit's own instructions, e.g. "{cite} — " or "In {cite}, ". */
  unitPrefix: z.string(),
  /** Joins several instructions within one unit. */
  joiner: z.string(),
  /** Ends a unit's line of instructions. */
  terminator: z.string(),
  replace: z.string(),
  delete: z.string(),
  insertAfter: z.string(),
  insertBefore: z.string(),
  addAtEnd: z.string(),
  addAtStart: z.string(),
  replaceUnit: z.string(),
  replaceUnits: z.string(),
  deleteUnit: z.string(),
  insertUnitAfter: z.string(),
  insertUnitAtStart: z.string(),
  /** Appended to a unit insert or delete when later siblings are renumbered. */
  renumber: z.string(),
  /** Quote pairs to choose from, first that does not occur in the quoted text. */
  quotes: z.array(z.tuple([z.string(), z.string()])).min(1),
  /** Share of a unit's words that must change before the unit is replaced whole (0–1). */
  replaceWholeAbove: z.number().min(0).max(1),
  /** Changes closer than this many unchanged words merge into one instruction. */
  mergeWithin: z.number().int().min(0),
});

export const profileSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  organisation: z.string().min(1),
  /** Levels from the chapter down; the first two are headings (`#` and `##`). */
  levels: z.array(levelSchema).min(3),
  citation: citationStyleSchema,
  drafting: draftingStyleSchema,
});

export type Level = z.infer<typeof levelSchema>;
export type CitationStyle = z.infer<typeof citationStyleSchema>;
export type DraftingStyle = z.infer<typeof draftingStyleSchema>;
export type Profile = z.infer<typeof profileSchema>;
