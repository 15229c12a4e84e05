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

export const editionIdSchema = z
  .string()
  .regex(/^[a-z0-9-]+$/, 'an edition id looks like labour-2024');

export const diagnosticSchema = z.object({
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  ruleId: z.string(),
});

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
  title: z.string().trim().min(1, 'a motion needs a title').max(300),
  /** The body that drafts it: the person must be a member or the secretary. */
  bodyId: bodyIdSchema,
});
export type CreateMotion = z.infer<typeof createMotionSchema>;

export const addAmendmentSchema = z.object({
  kind: amendmentKindSchema,
  target: unitPathSchema,
});
export type AddAmendment = z.infer<typeof addAmendmentSchema>;

export const importMotionSchema = z.object({
  editionId: editionIdSchema,
  title: z.string().trim().max(300).optional(),
  bodyId: bodyIdSchema,
  text: z.string().min(1, 'paste the motion text').max(200_000),
});
export type ImportMotion = z.infer<typeof importMotionSchema>;

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
  name: z.string().trim().min(2, 'a body needs a name').max(120),
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
  name: z.string().trim().min(1, 'your name').max(120).optional(),
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
  note: z.string().trim().max(2000).default(''),
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
}

export interface Motion extends MotionSummary {
  amendments: AmendmentView[];
  argument: string;
  /** The formal motion text generated from the draft, in the edition's profile style. */
  motionText: string;
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
