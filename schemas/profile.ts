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
  /**
   * The edition as a motion names it before its first citation, `{edition}` its name ("The
   * Labour Party Rule Book {edition}"): generated text says which edition it amends.
   */
  edition: z.string().optional(),
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

/** Who someone is in a body. Which roles a body of each kind can hold is in core/access. */
export const roleSchema = z.enum(['member', 'secretary', 'cac', 'nec', 'official', 'viewer']);
export type Role = z.infer<typeof roleSchema>;

/** The kinds of body that take part: local parties, affiliates and the conference machinery. */
export const bodyKindSchema = z.enum(['clp', 'affiliate', 'nec', 'cac', 'officials']);
export type BodyKind = z.infer<typeof bodyKindSchema>;

const slugSchema = z.string().regex(/^[a-z][a-z0-9-]*$/, 'a lower-case id such as in-order');

/** One state a motion can be in. */
export const workflowStateSchema = z.object({
  id: slugSchema,
  label: z.string().min(1),
  /** The drafting room is open for writing (to the body's members) only in editable states. */
  editable: z.boolean().default(false),
  /** Everyone signed in may read a motion in a public state; before, only its body. */
  public: z.boolean().default(false),
  /** Conference has decided on the motion's text (carried or not): the three-year rule counts from it. */
  decided: z.boolean().default(false),
});

/**
 * What a step records besides who and when: the meeting that adopted the text (and freezes it as
 * a numbered version), a ruling on whether it is in order, the NEC's position, or the card vote
 * (whose figures must give the step's `result`).
 */
export const recordKindSchema = z.enum(['meeting', 'ruling', 'position', 'vote']);
export type RecordKind = z.infer<typeof recordKindSchema>;

/** The positions the NEC can take on a motion; `alternative` names the NEC's own rule change. */
export const positionSchema = z.enum(['support', 'oppose', 'remit', 'alternative']);
export type Position = z.infer<typeof positionSchema>;

/** One step a motion can take, and who may take it. */
export const transitionSchema = z.object({
  event: slugSchema,
  /** What the button says: "Submit to conference". */
  label: z.string().min(1),
  from: z.array(slugSchema).min(1),
  to: slugSchema,
  /** Who may take it: a role, or several (a CLP's secretary or, for its own motions, the NEC). */
  role: z.union([roleSchema, z.array(roleSchema).min(1)]),
  /** The role must be held in the motion's own body (its secretary), not in any body (the CAC). */
  ownBody: z.boolean().default(false),
  record: recordKindSchema.optional(),
  /** A vote step: the result its card-vote figures must give (carried for "carried"). */
  result: z.enum(['carried', 'not-carried']).optional(),
  /** The step needs a note saying why (a ruling out of order, an appeal, a withdrawal). */
  noteRequired: z.boolean().default(false),
  /**
   * The step needs the motion's instructions read: a motion kept as submitted but not read yet
   * cannot take it (a ruling in order before anyone knows what the motion changes). Who may take
   * it may finish the reading.
   */
  needsReading: z.boolean().default(false),
});

/** The states and transitions of a motion, from first draft to the rulebook. */
export const workflowSchema = z
  .object({
    initial: slugSchema,
    /** The event that submits a motion: the procedure checks must pass before it. */
    submitEvent: slugSchema,
    /** The event that marks a carried motion as incorporated in the next (consolidated) edition. */
    incorporateEvent: slugSchema,
    states: z.array(workflowStateSchema).min(1),
    transitions: z.array(transitionSchema),
  })
  .superRefine((workflow, ctx) => {
    const states = new Set(workflow.states.map((s) => s.id));
    const known = (id: string, path: (string | number)[]) => {
      if (!states.has(id)) ctx.addIssue({ code: 'custom', message: `Unknown state ${id}`, path });
    };
    known(workflow.initial, ['initial']);
    if (!workflow.transitions.some((t) => t.event === workflow.submitEvent)) {
      ctx.addIssue({
        code: 'custom',
        message: `Unknown event ${workflow.submitEvent}`,
        path: ['submitEvent'],
      });
    }
    if (!workflow.transitions.some((t) => t.event === workflow.incorporateEvent)) {
      ctx.addIssue({
        code: 'custom',
        message: `Unknown event ${workflow.incorporateEvent}`,
        path: ['incorporateEvent'],
      });
    }
    const events = new Set<string>();
    workflow.transitions.forEach((t, i) => {
      t.from.forEach((f, j) => known(f, ['transitions', i, 'from', j]));
      known(t.to, ['transitions', i, 'to']);
      if (events.has(t.event)) {
        ctx.addIssue({
          code: 'custom',
          message: `Duplicate event ${t.event}`,
          path: ['transitions', i],
        });
      }
      events.add(t.event);
      if ((t.record === 'vote') !== (t.result !== undefined)) {
        ctx.addIssue({
          code: 'custom',
          message:
            'a vote step needs a result (carried or not-carried), and only a vote step has one',
          path: ['transitions', i, 'result'],
        });
      }
    });
  });

const yearSchema = z.string().regex(/^\d{4}$/, 'a year such as 2026');
const delaySchema = z.union([z.literal(0), z.literal(1)]);

/** How conference votes on a rule change: weighted sections and the share that carries it. */
export const voteSchema = z
  .object({
    /** Card-vote sections (CLPs, affiliates) and their weights in the total, summing to 1. */
    sections: z
      .array(
        z.object({ id: slugSchema, label: z.string().min(1), weight: z.number().gt(0).max(1) }),
      )
      .min(1),
    /** The share of the weighted total for that carries: more than it (`strict`), or at least it. */
    carries: z.object({ share: z.number().gt(0).lt(1), strict: z.boolean() }),
    /** How results are printed: "CARRIED", "NOT CARRIED". */
    words: z.object({ carried: z.string().min(1), notCarried: z.string().min(1) }),
  })
  .refine((v) => Math.abs(v.sections.reduce((sum, s) => sum + s.weight, 0) - 1) < 1e-9, {
    message: 'the section weights must add up to 1',
    path: ['sections'],
  });

/** How submissions are limited and scheduled; each figure is a rule the party sets. */
export const procedureSchema = z.object({
  /** IANA time zone the party's deadlines and messages are in. */
  timeZone: z.string().min(1),
  /** Rule changes each kind of body may submit per conference year; absent kinds may not submit. */
  allowance: z.partialRecord(bodyKindSchema, z.number().int().min(0)),
  /** The submission deadline of each conference year (ISO date-time with offset). */
  deadlines: z.record(yearSchema, z.iso.datetime({ offset: true })),
  /**
   * Years between submission and debate (Labour's "1968 convention": 1, or 0 when suspended),
   * for years not listed and per year; kinds in `undelayed` (the NEC) are never delayed.
   */
  delay: z.object({
    default: delaySchema,
    years: z.record(yearSchema, delaySchema).default({}),
    undelayed: z.array(bodyKindSchema).default([]),
  }),
  /** Once conference decides on a part of the rules, none may amend it for this many years. */
  revisitAfterYears: z.number().int().min(0),
  /** A motion touching several chapters (several subjects): refused at submission, or a warning. */
  severalChapters: z.enum(['refuse', 'warn']),
  vote: voteSchema,
  /** The meetings that may adopt a motion ("General Committee", "All-member meeting"). */
  meetings: z.array(z.string().min(1)).min(1),
  /** The positions the NEC may take, with the words for them; absent ones are not offered. */
  positions: z.partialRecord(positionSchema, z.string().min(1)),
});

/**
 * How much one party's installation accepts, so that no paste, upload or draft can stall or fill
 * the server. The defaults are generous for real rulebooks: the largest party rulebooks run to
 * about 0.5 million characters and 3,000 units, nested at most seven levels deep.
 */
export const limitsSchema = z.object({
  /** A rulebook edition's source, in characters. */
  rulebookChars: z.number().int().min(1_000).default(3_000_000),
  /** Units (chapters, clauses and numbered units) in one edition. */
  rulebookUnits: z.number().int().min(10).default(30_000),
  /** Levels of nesting, the chapter being level 1. */
  rulebookDepth: z.number().int().min(3).default(12),
  /** Motion text pasted for import, in characters. */
  motionChars: z.number().int().min(1_000).default(200_000),
  /** One draft's collaborative document (its stored snapshot and update log), in bytes. */
  draftBytes: z
    .number()
    .int()
    .min(64 * 1024)
    .default(8 * 1024 * 1024),
});

export const profileSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  organisation: z.string().min(1),
  /** Levels from the chapter down; the first two are headings (`#` and `##`). */
  levels: z.array(levelSchema).min(3),
  citation: citationStyleSchema,
  drafting: draftingStyleSchema,
  workflow: workflowSchema,
  procedure: procedureSchema,
  limits: limitsSchema.prefault({}),
});

export type Level = z.infer<typeof levelSchema>;
export type CitationStyle = z.infer<typeof citationStyleSchema>;
export type DraftingStyle = z.infer<typeof draftingStyleSchema>;
export type Profile = z.infer<typeof profileSchema>;
export type Workflow = z.infer<typeof workflowSchema>;
export type Procedure = z.infer<typeof procedureSchema>;
export type Vote = z.infer<typeof voteSchema>;
export type Limits = z.infer<typeof limitsSchema>;
export type WorkflowState = z.infer<typeof workflowStateSchema>;
export type Transition = z.infer<typeof transitionSchema>;
