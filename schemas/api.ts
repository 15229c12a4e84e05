/**
 * Shapes of the HTTP API: request bodies (validated on the server) and responses (typed on the
 * client through `import type`). Errors are always `{ error: { id, message } }`.
 */
import { z } from 'zod';
import { amendmentKindSchema, motionIdSchema, unitPathSchema } from './collab';
import {
  bodyKindSchema,
  positionSchema,
  roleSchema,
  type BodyKind,
  type Position,
  type RecordKind,
  type Role,
} from './profile';
import { plainText } from './text';

export const editionIdSchema = z
  .string()
  .regex(/^[a-z0-9-]+$/, 'an edition id looks like labour-2024');

const fixOptionSchema = z.object({ label: z.string(), value: z.string() });

/** A diagnostic as the API answers it (core/diagnostics.ts): where, what, and the one-step fix. */
export const diagnosticSchema = z.object({
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  ruleId: z.string(),
  /** Offsets (end exclusive) into the text as sent, line ends as LF: what to highlight. */
  span: z.object({ start: z.number().int(), end: z.number().int() }).optional(),
  fix: z
    .discriminatedUnion('kind', [
      z.object({
        kind: z.literal('choose-occurrence'),
        unit: z.string(),
        words: z.string(),
        options: z.array(fixOptionSchema),
        /** The printed line number the motion placed the words by: the person checks their copy. */
        line: z.string().optional(),
      }),
      z.object({ kind: z.literal('choose-unit'), options: z.array(fixOptionSchema) }),
      z.object({
        kind: z.literal('mark-words'),
        unit: z.string(),
        /** The text the marks are character ranges of. */
        text: z.string(),
        purpose: z.enum(['line-anchor', 'formatting']),
        line: z.string().optional(),
        /** One list of ranges per set; `marked` are those the reader suggests. */
        sets: z.array(
          z.object({
            name: z.string(),
            label: z.string(),
            marked: z.array(z.tuple([z.number().int(), z.number().int()])),
          }),
        ),
      }),
      z.object({ kind: z.literal('edit-text'), hint: z.string() }),
    ])
    .optional(),
});
export type ApiDiagnostic = z.infer<typeof diagnosticSchema>;

/** A unit as the API shows it: the tree without source bookkeeping. */
export interface ApiUnit {
  kind: 'chapter' | 'clause' | 'unit';
  depth: number;
  label: string;
  marker: string;
  title: string;
  text: string;
  path: string;
  address: string;
  children: ApiUnit[];
}

export const editionSummarySchema = z.object({
  id: editionIdSchema,
  organisation: z.string(),
  title: z.string(),
  edition: z.string(),
  profile: z.string(),
  units: z.number().int(),
  words: z.number().int(),
});
export type EditionSummary = z.infer<typeof editionSummarySchema>;

export interface Edition extends EditionSummary {
  chapters: ApiUnit[];
}

export const searchQuerySchema = z.object({
  q: z.string().trim().min(2, 'search for at least two characters').max(200),
});

/** One line of an edition's unit list. */
export interface UnitLine {
  address: string;
  path: string;
  firstWords: string;
}

export interface SearchHit {
  address: string;
  path: string;
  /** The unit text with the match; `[[` and `]]` mark the matched words (the client renders them). */
  snippet: string;
}

export const bodyIdSchema = z
  .string()
  .regex(/^[a-z0-9-]{1,80}$/, 'a body id is lower-case letters, digits and hyphens');

export const createMotionSchema = z.object({
  editionId: editionIdSchema,
  title: plainText({ min: 1, max: 300, tooShort: 'a motion needs a title' }),
  /** The body that drafts it: the person must be a member or the secretary. */
  bodyId: bodyIdSchema,
});
export type CreateMotion = z.infer<typeof createMotionSchema>;

export const addAmendmentSchema = z.object({
  kind: amendmentKindSchema,
  target: unitPathSchema,
});
export type AddAmendment = z.infer<typeof addAmendmentSchema>;

/**
 * A person's choice on a fix an earlier import of the same text offered: `at` is the start of
 * that diagnostic's span, `value` the chosen option's value (a unit path, an occurrence number)
 * or the words marked (`mark-words`: character ranges, "new=12-18;struck=30-35"). Marks on a long
 * unit need more room than an option's value, but still a bounded amount: 2,000 characters is
 * some 200 runs of marked words.
 */
export const importResolutionSchema = z
  .object({
    at: z.number().int().min(0).max(200_000),
    /** Which question it answers, where one place asks two (which unit, then which occurrence). */
    kind: z.enum(['choose-unit', 'choose-occurrence', 'mark-words']).optional(),
    value: plainText({ min: 1, max: 2000, tooShort: 'the value of the option chosen' }),
  })
  .superRefine((r, ctx) => {
    // Only marks need the room: an option's value is a unit path or an occurrence number.
    if (r.kind !== 'mark-words' && r.value.length > 100)
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: 'an option chosen has a value of at most 100 characters',
      });
  });
export type ImportResolution = z.infer<typeof importResolutionSchema>;

const resolutionsSchema = z
  .array(importResolutionSchema)
  .max(100, 'at most 100 choices')
  .refine((rs) => new Set(rs.map((r) => `${r.at}:${r.kind ?? ''}`)).size === rs.length, {
    message: 'one choice per question in the text',
  });

export const importMotionSchema = z.object({
  editionId: editionIdSchema,
  title: plainText({ min: 0, max: 300 }).optional(),
  bodyId: bodyIdSchema,
  text: z.string().min(1, 'paste the motion text').max(200_000),
  /** Choices on the fixes offered (one per question, 100 like the diagnostics). */
  resolutions: resolutionsSchema.optional(),
  /**
   * Keep the motion even when the text cannot be read in full: created with its text word for
   * word and no instructions, for its drafters or the CAC to finish reading on its page: nobody
   * may reword what a meeting agreed to make it read, and a deadline does not wait.
   */
  keepUnread: z.boolean().optional(),
});
export type ImportMotion = z.infer<typeof importMotionSchema>;

/** Finishing the reading of a motion kept unread: the choices on the fixes its reading offers. */
export const finishReadingSchema = z.object({
  resolutions: resolutionsSchema,
});
export type FinishReading = z.infer<typeof finishReadingSchema>;

/** What reading a motion's text as submitted finds, and whether this person may finish it. */
export interface SubmittedReadingView {
  diagnostics: ApiDiagnostic[];
  /** Kept as submitted with nothing read from it yet: no instructions in its draft. */
  unread: boolean;
  /** The signed-in person may answer the fixes and read the instructions into the draft. */
  canFinish: boolean;
}

export const signInSchema = z.object({
  email: z.email('an e-mail address such as name@example.org').max(320),
  password: z.string().min(1, 'a password').max(200),
});
export type SignIn = z.infer<typeof signInSchema>;

const newPasswordSchema = z.string().min(10, 'a new password of at least 10 characters').max(200);

export const changePasswordSchema = z.object({
  /** Left out only by an account that has no password yet (the admin's first sign-in). */
  current: z.string().min(1, 'your current password').max(200).optional(),
  next: newPasswordSchema,
});

export const signInLinkSchema = z.object({ token: z.string().min(1).max(200) });

/** The signed-in person, as the API shows them. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  admin: boolean;
  /** False until an account made without one (the first admin) sets a password. */
  hasPassword: boolean;
}

/** One of the signed-in person's places. */
export interface MembershipView {
  bodyId: string;
  bodyName: string;
  kind: BodyKind;
  role: Role;
}

/** `GET /api/auth/me`: who is signed in, and where they belong. */
export interface Me {
  user: SessionUser;
  memberships: MembershipView[];
}

export const createBodySchema = z.object({
  name: plainText({ min: 2, max: 120, tooShort: 'a body needs a name' }),
  kind: bodyKindSchema,
});
export type CreateBody = z.infer<typeof createBodySchema>;

export interface BodyView {
  id: string;
  name: string;
  kind: BodyKind;
  /** The signed-in person's role there, or null. */
  myRole: Role | null;
  /** Whether they may see its members and invite people. */
  canManage: boolean;
  /** The roles they may give there (empty when they cannot invite). */
  grantable: Role[];
}

export interface MemberView {
  userId: string;
  name: string;
  email: string;
  role: Role;
  since: string;
}

export const roleBodySchema = z.object({ role: roleSchema });

/** A new invite: the link holds the only copy of its token. */
export interface InviteCreated {
  token: string;
  /** The path to open in the app, `#/invite/<token>`; the client makes it absolute. */
  path: string;
  role: Role;
  bodyName: string;
  expiresAt: string;
}

/** What the invite page shows before anyone accepts. */
export interface InvitePreview {
  bodyName: string;
  kind: BodyKind;
  role: Role;
  expiresAt: string;
  status: 'open' | 'used' | 'expired';
}

/** Accepting an invite: signed in, nothing; otherwise the new account's details. */
export const acceptInviteSchema = z.object({
  name: plainText({ min: 1, max: 120, tooShort: 'your name' }).optional(),
  email: z.email('an e-mail address such as name@example.org').max(320).optional(),
  password: newPasswordSchema.optional(),
});
export type AcceptInvite = z.infer<typeof acceptInviteSchema>;

const count = z.number().int('a whole number').min(0, 'not negative').max(10_000_000);

/** The meeting that adopted a motion: when, which kind of meeting, and its vote. */
export const meetingRecordSchema = z.object({
  date: z.iso.date('a date such as 2026-05-14'),
  meeting: z.string().trim().min(1, 'which meeting').max(120),
  for: count,
  against: count,
  abstain: count,
});
export type MeetingRecord = z.infer<typeof meetingRecordSchema>;

/** The NEC's position; an NEC alternative names the NEC's own motion. */
export const positionRecordSchema = z.object({
  position: positionSchema,
  alternative: motionIdSchema.optional(),
});
export type PositionRecord = z.infer<typeof positionRecordSchema>;

/** A card vote: its number on the agenda and each section's votes (counts or percentages). */
export const voteRecordSchema = z.object({
  card: z.number().int('a whole number').min(1).max(10_000),
  sections: z.record(
    z.string().max(60),
    z.object({
      for: z.number().min(0, 'not negative').max(1e9),
      against: z.number().min(0, 'not negative').max(1e9),
    }),
  ),
});
export type VoteRecord = z.infer<typeof voteRecordSchema>;

/** A workflow step, with the record its profile asks for (the adoption meeting, a card vote). */
export const transitionRequestSchema = z.object({
  event: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/, 'an action id such as submit')
    .max(60),
  note: plainText({ min: 0, max: 2000, multiline: true }).default(''),
  meeting: meetingRecordSchema.optional(),
  position: positionRecordSchema.optional(),
  vote: voteRecordSchema.optional(),
});
export type TransitionRequest = z.infer<typeof transitionRequestSchema>;

/** One entry of the audit log, as shown on a motion's timeline or the admin's log. */
export interface AuditView {
  seq: number;
  at: string;
  actor: string;
  action: string;
  motionId: string | null;
  bodyId: string | null;
  userId: string | null;
  detail: Record<string, unknown>;
}

export const importEditionSchema = z.object({
  id: editionIdSchema,
  profile: z.string().regex(/^[a-z0-9-]+$/),
  source: z.string().min(1, 'paste the rulebook').max(5_000_000),
});

export interface AmendmentView {
  id: string;
  kind: z.infer<typeof amendmentKindSchema>;
  target: string;
  marker: string;
  text: string;
}

/** A text as adopted (a numbered version) or as it stands in the drafting room. */
export interface VersionText {
  /** The version number; 0 for the draft as it stands now. */
  number: number;
  motionText: string;
  argument: string;
  amendments: AmendmentView[];
}

/** A frozen version with the meeting that adopted it. */
export interface MotionVersion extends VersionText {
  at: string;
  meeting: MeetingRecord | null;
}

/** A motion's frozen versions, oldest first, and the draft as it stands while it is editable. */
export interface MotionVersions {
  versions: MotionVersion[];
  draft: VersionText | null;
}

/** What a motion has on record from its workflow steps, for the dashboard and exports. */
export interface ProgressView {
  /** Adoptions so far: each freezes the text as a numbered version. */
  version: number;
  meeting: MeetingRecord | null;
  /** The latest ruling on whether it is in order (the state it led to), with its reason. */
  ruling: { label: string; note: string; at: string } | null;
  position: (PositionRecord & { label: string }) | null;
  result: {
    card: number;
    sections: VoteRecord['sections'];
    forPercent: number;
    againstPercent: number;
    carried: boolean;
    words: string;
  } | null;
  /** The conference year it was submitted for. */
  year: number | null;
}

export interface MotionSummary {
  id: string;
  editionId: string;
  title: string;
  bodyId: string;
  /** The name of the body that drafts and submits it. */
  body: string;
  state: string;
  stateLabel: string;
  /** What the signed-in person may do with the text: write while drafting, else read. */
  access: 'write' | 'read';
  createdAt: string;
  updatedAt: string;
  /** Paths of the units the draft touches, for markers in the rulebook view. */
  units: string[];
  progress: ProgressView;
  /** In the list: other submissions with the same adopted text, which the CAC groups. */
  identical: string[];
}

export interface Motion extends MotionSummary {
  amendments: AmendmentView[];
  argument: string;
  /** The formal motion text generated from the draft, in the edition's profile style. */
  motionText: string;
  /**
   * An imported motion's text exactly as it was pasted (line breaks as LF), which the draft's
   * instructions were read from and reword in the profile's style; null for a motion drafted here.
   */
  submittedText: string | null;
  /**
   * The choices the person made on import where the reader could not decide alone, in text
   * order ([] when none were needed); null for a motion drafted here or imported before they
   * were kept.
   */
  importResolutions: ImportChoiceView[] | null;
  diagnostics: z.infer<typeof diagnosticSchema>[];
  /** The workflow steps the signed-in person may take now (and only those). */
  actions: ActionView[];
  /** The choices the actions' forms offer (meetings, positions, vote sections, NEC motions). */
  recordOptions: RecordOptions;
  /**
   * Before submission: the procedure checks (deadline, allowance, three-year rule, rule cited,
   * one subject, overlap) for the conference `checksYear`; errors block the submit step.
   */
  checks: ProcedureCheckView[];
  checksYear: number | null;
}

/** One choice made on import: the question (its span in `submittedText` and rule) and the answer. */
export interface ImportChoiceView {
  /** Offsets (end exclusive) in the submitted text of what the question was about. */
  at: number;
  end: number;
  /** The diagnostic it answered (`quote-ambiguous`, `no-citation`, …); null if not found again. */
  ruleId: string | null;
  kind: 'choose-occurrence' | 'choose-unit' | 'mark-words' | null;
  /**
   * The option chosen: its value (an occurrence number, a unit path, the ranges marked) and label
   * as offered (for marks, the words marked in each set).
   */
  value: string;
  label: string;
}

/** A step the signed-in person may take, with what its form must record. */
export interface ActionView {
  event: string;
  label: string;
  record: RecordKind | null;
  /** A vote step: the result its figures must give. */
  result: 'carried' | 'not-carried' | null;
  noteRequired: boolean;
}

export interface RecordOptions {
  meetings: string[];
  positions: { id: Position; label: string }[];
  sections: { id: string; label: string }[];
  /** The NEC's own motions on the same edition, which an NEC alternative may name. */
  alternatives: { id: string; title: string }[];
}

export interface ProcedureCheckView {
  id: string;
  severity: 'error' | 'warning';
  message: string;
}

export interface ApiError {
  error: { id: string; message: string };
}

export { motionIdSchema };

// Consolidation

/** `POST /api/editions/:id/consolidate`: the id and name of the edition to produce. */
export const consolidateSchema = z.object({
  id: editionIdSchema,
  edition: plainText({ min: 1, max: 60, tooShort: 'the new edition’s name, such as 2025' }),
});
export type ConsolidateRequest = z.infer<typeof consolidateSchema>;

/** A carried motion as consolidation takes it. */
export interface CarriedMotionView {
  id: string;
  title: string;
  /** The name of the body that moved it. */
  body: string;
  /** The conference (year) of its card vote. */
  conference: number;
  card: number;
  /** The result as printed: "CARRIED". */
  words: string;
  /** The base edition's units its instructions change (its footprint). */
  units: string[];
}

/** What stands in the way of one motion, with positions in its motion text. */
export interface ConsolidationProblem {
  motionId: string;
  motion: string;
  diagnostics: z.infer<typeof diagnosticSchema>[];
}

/** `GET /api/editions/:id/consolidation`: what consolidating the edition now would do. */
export interface ConsolidationPreview {
  editionId: string;
  /** The carried motions in conference order: card vote number, then submission. */
  motions: CarriedMotionView[];
  /** Errors stop the consolidation; warnings are shown but do not. */
  problems: ConsolidationProblem[];
  /** Carried motions to apply, and no error. */
  ready: boolean;
  /** Whether the signed-in person may consolidate (a conference official). */
  canConsolidate: boolean;
}

/**
 * One motion in a consolidated edition's summary of amendments; its `units` are in the
 * consolidated edition's numbering.
 */
export interface AmendmentSummaryLine extends Omit<CarriedMotionView, 'id'> {
  motionId: string;
}

/** `POST /api/editions/:id/consolidate`: the new edition and its summary of amendments. */
export interface Consolidated {
  edition: EditionSummary;
  basedOn: string;
  amendments: AmendmentSummaryLine[];
  /** Warnings in the motions' texts that did not stop it. */
  problems: ConsolidationProblem[];
}

/** One line of a unit's history: the carried motion that changed it, and when. */
export interface UnitHistoryEntry {
  /** In the numbering of the edition asked about. */
  path: string;
  /** As recorded, in the numbering of the edition the change produced. */
  recordedPath: string;
  /** The edition the change produced (this one or an ancestor). */
  editionId: string;
  edition: string;
  motionId: string;
  title: string;
  body: string;
  conference: number;
  card: number;
  words: string;
}

/** `GET /api/editions/:id/history`: an edition's history and that of its ancestors. */
export interface EditionHistory {
  editionId: string;
  /** The edition it was consolidated from, or null when imported. */
  basedOn: { id: string; title: string; edition: string } | null;
  /** This edition's summary of amendments, in conference order (empty when imported). */
  amendments: AmendmentSummaryLine[];
  /** Newest edition first; within one, in conference order. */
  entries: UnitHistoryEntry[];
}

// Conflicts

/** A unit as it would read if only one of two overlapping motions carried. */
export interface ConflictSideView {
  /** null when the motion removes the unit, or (a new unit) does not add it. */
  text: string | null;
  change: 'none' | 'amend' | 'replace' | 'delete' | 'insert';
}

/** Words both motions change differently: the base words and what each makes of them. */
export interface ConflictClashView {
  base: string;
  own: string;
  other: string;
  /** The base word just before ('' at the start): where two additions meet. */
  before: string;
}

/** One unit two motions bear on: the base, this motion's text, the other's, and the verdict. */
export interface ConflictUnitView {
  path: string;
  /** The unit's citation in the edition's style ("Chapter 5, Clause IV, Sub-clause 5.B.i"). */
  citation: string;
  /** A unit a motion adds: not in the base edition. */
  isNew: boolean;
  base: string | null;
  own: ConflictSideView;
  other: ConflictSideView;
  /** merged: both apply; conflict: they change the same words; manual: renumbering, by hand. */
  verdict: 'merged' | 'conflict' | 'manual';
  /** The unit with both changes (merged only; null when it is removed). */
  merged: string | null;
  /** Why it is a conflict or must be resolved by hand; '' when merged. */
  message: string;
  clashes: ConflictClashView[];
}

/** `GET /api/motions/:id/conflicts`: one other live motion whose changes overlap this one's. */
export interface MotionConflictView {
  motion: {
    id: string;
    title: string;
    body: string;
    bodyKind: BodyKind;
    state: string;
    stateLabel: string;
  };
  /** Where the two motions' footprints overlap (unit paths of the base edition). */
  units: string[];
  shared: ConflictUnitView[];
  /** Whether both can apply together: every shared unit merges. */
  bothApply: boolean;
  /**
   * If they cannot both apply: 'own' — this motion falls if the other carries (the other is the
   * NEC's); 'other' — the other falls if this one carries; 'first' — whichever carries first
   * stands. null when neither falls.
   */
  falls: 'own' | 'other' | 'first' | null;
  fallsMessage: string;
  /** Messages of a motion text that does not apply to the base on its own. */
  problems: string[];
}

// Export

const documentFormats = ['txt', 'md', 'html', 'docx', 'pdf'] as const;
const tableFormats = ['csv', 'json'] as const;

/** `?redline=1` shows the changes; `0` or nothing, the clean text. */
const redlineFlagSchema = z
  .enum(['0', '1'], { error: '1 for a redline, 0 (or leave it out) for the clean text' })
  .optional()
  .transform((v) => v === '1');

/**
 * `?inline=1` asks the browser to show the file (the HTML export opened as a printable page)
 * rather than save it.
 */
const inlineFlagSchema = z
  .enum(['0', '1'], { error: '1 to show the file in the browser, 0 (or leave it out) to save it' })
  .optional()
  .transform((v) => v === '1');

/** The query of a document export (a motion, an edition's rulebook or compendium). */
export const documentExportQuerySchema = z.object({
  format: z.enum(documentFormats, { error: `expected one of ${documentFormats.join(', ')}` }),
  redline: redlineFlagSchema,
  inline: inlineFlagSchema,
});
export type DocumentExportQuery = z.infer<typeof documentExportQuerySchema>;

/** The query of the results sheet: a format, never a redline. */
export const resultsExportQuerySchema = documentExportQuerySchema.pick({
  format: true,
  inline: true,
});

/** The query of the tracking table export. */
export const trackingExportQuerySchema = z.object({
  format: z.enum(tableFormats, { error: `expected one of ${tableFormats.join(', ')}` }),
});
