import type { ChoiceMade } from '../../core/amendments/from-text';
import type { BodyKind, Role } from '../../schemas/profile';

/**
 * The persistence interface. Callers depend on this only, so the SQLite implementation can be
 * joined by a Postgres one (same methods, same semantics) without touching them.
 */

export interface EditionRow {
  /** e.g. `labour-2024`. */
  id: string;
  organisation: string;
  title: string;
  edition: string;
  /** Profile id (`labour`, `libdem`). */
  profile: string;
  /** The rulebook source exactly as imported. */
  source: string;
  /** The edition it was consolidated from (carried motions applied), or null when imported. */
  basedOn: string | null;
  /**
   * Its size, stored with its parse so that listing editions loads none of them; null only for
   * an edition from before 0005 that has no parse yet.
   */
  units: number | null;
  words: number | null;
  createdAt: string;
}

/** An edition as lists show it: everything but its source (and parse). */
export type ListedEdition = Omit<EditionRow, 'source'>;

/**
 * An edition to add, with its parsed rulebook as bytes (store/edition-parse.ts): stored with it
 * so that no request, and no restart, ever parses a source again.
 */
export type NewEdition = Omit<EditionRow, 'createdAt' | 'basedOn' | 'units' | 'words'> & {
  basedOn?: string | null;
  parsed: Uint8Array;
} & EditionSize;

/** An edition's units (chapters and clauses included) and words, as the edition list shows. */
export interface EditionSize {
  units: number;
  words: number;
}

/**
 * One line of a unit's history: a carried motion that changed it, recorded with the edition the
 * consolidation produced. `path` is in that edition's numbering; `basePath` is the unit the
 * motion's instructions cited in the edition it amended.
 */
export interface UnitHistoryRow {
  editionId: string;
  path: string;
  basePath: string;
  /** Whether the change may move, replace or remove the units below `basePath` (anything but a text change). */
  movesUnits: boolean;
  motionId: string;
  title: string;
  /** The name of the body that moved it. */
  body: string;
  /** The conference (year) that carried it. */
  conference: number;
  /** Its card vote number. */
  card: number;
  /** The result as printed: "CARRIED". */
  words: string;
}

/** A carried motion moved to its incorporated state by a consolidation, with its audit entry. */
export interface Incorporation {
  motionId: string;
  from: string;
  to: string;
  audit: AuditEntry;
}

export type ConsolidationWrite =
  | { ok: true; edition: EditionRow }
  | {
      ok: false;
      /** edition-exists: the new id was taken; motion-moved: a motion left its carried state. */
      reason: 'edition-exists' | 'motion-moved';
      motionId?: string;
    };

export interface MotionRow {
  id: string;
  editionId: string;
  /** The body that drafts and submits it. */
  bodyId: string;
  title: string;
  /** The workflow state: the fold of its transition events in the audit log, kept with them. */
  state: string;
  createdAt: string;
  updatedAt: string;
}

export type NewMotion = Pick<MotionRow, 'id' | 'editionId' | 'bodyId' | 'title' | 'state'> & {
  /** An imported motion's text exactly as pasted; kept beside the row, read alone. */
  submittedText?: string | null;
  /** The choices made on its import (offsets into `submittedText`); kept and read likewise. */
  importResolutions?: readonly ChoiceMade[] | null;
};

export interface UserRow {
  id: string;
  email: string;
  name: string;
  /** Empty for an account that has no password yet (the admin, until it sets one). */
  passwordHash: string;
  admin: boolean;
  createdAt: string;
}

export type NewUser = Omit<UserRow, 'createdAt'>;

export interface BodyRow {
  id: string;
  name: string;
  kind: BodyKind;
  createdAt: string;
}

export interface MembershipRow {
  bodyId: string;
  userId: string;
  role: Role;
  createdAt: string;
}

/** A membership with what the reader needs about the body. */
export interface MembershipOfUser extends MembershipRow {
  bodyName: string;
  kind: BodyKind;
}

/** A membership with what the reader needs about the person. */
export interface MemberOfBody extends MembershipRow {
  name: string;
  email: string;
}

export interface InviteRow {
  /** SHA-256 of the invite token: the link is the only copy of the token. */
  tokenHash: string;
  bodyId: string;
  role: Role;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  usedBy: string | null;
}

/** A change worth recording: who did what to which motion, body or person. */
export interface AuditEntry {
  /** Null for the system (seed, first start). */
  actorId: string | null;
  action: string;
  motionId?: string | null;
  bodyId?: string | null;
  /** The person the change is about (a membership, a role). */
  userId?: string | null;
  detail?: Record<string, unknown>;
}

export interface AuditRow extends Required<Omit<AuditEntry, 'detail'>> {
  seq: number;
  at: string;
  detail: Record<string, unknown>;
}

export interface SessionRow {
  /** SHA-256 of the session token: a stolen database does not hand out live sessions. */
  idHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
}

/** A document's stored state: the last snapshot plus every logged update after it, in order. */
export interface StoredDocument {
  snapshot: Uint8Array | null;
  updates: { seq: number; update: Uint8Array }[];
}

export interface Store {
  /** Every edition without its source or parse (megabytes each): for lists. */
  listEditions(): Promise<ListedEdition[]>;
  getEdition(id: string): Promise<EditionRow | null>;
  /** Adds an edition; editions are immutable once published, so there is no update. */
  createEdition(edition: NewEdition, audit: AuditEntry): Promise<EditionRow>;
  /** An edition's stored parse (JSON of its `Rulebook`), or null when it has none yet. */
  getEditionParse(id: string): Promise<Uint8Array | null>;
  /** The editions stored before parses were (0005): each gets one, once, at start-up. */
  listEditionsWithoutParse(): Promise<EditionRow[]>;
  /**
   * Stores the parse of an edition that has none; an existing parse is never replaced (editions
   * are immutable). False when it already had one (another process filled it first).
   */
  fillEditionParse(id: string, parsed: Uint8Array, size: EditionSize): Promise<boolean>;
  /**
   * Publishes a consolidated edition in one transaction: the edition row (with `basedOn`), its
   * unit history, and every incorporated motion moved from `from` to `to` with its audit entry,
   * plus `audit` for the edition. Nothing is written when the id is taken or any motion is no
   * longer in `from` (someone moved it meanwhile).
   */
  consolidateEdition(
    edition: NewEdition & { basedOn: string },
    history: readonly Omit<UnitHistoryRow, 'editionId'>[],
    incorporations: readonly Incorporation[],
    audit: AuditEntry,
  ): Promise<ConsolidationWrite>;
  /** The unit history recorded with an edition, in the order it was written (conference order). */
  listUnitHistory(editionId: string): Promise<UnitHistoryRow[]>;

  listMotions(): Promise<MotionRow[]>;
  getMotion(id: string): Promise<MotionRow | null>;
  /** Adds a motion and its audit entry together. */
  createMotion(motion: NewMotion, audit: AuditEntry): Promise<MotionRow>;
  /**
   * What an imported motion was created from, in one read: its text exactly as stored (null for
   * a motion drafted here, one imported before 0006, or no such motion) and the choices made on
   * its import ([] when none were needed; null when drafted here, imported before 0007, or none).
   * Apart from getMotion because the text can be 200,000 characters.
   */
  getSubmission(motionId: string): Promise<{ text: string | null; choices: ChoiceMade[] | null }>;
  /**
   * Records the choices that finished reading a motion kept unread (replacing those kept with it),
   * marks it changed, and records `audit`, together.
   */
  finishReading(motionId: string, choices: readonly ChoiceMade[], audit: AuditEntry): Promise<void>;
  /**
   * Moves a motion from `from` to `to` and records the event, together; false (and nothing
   * written) when the motion is no longer in `from` (someone else moved it first).
   */
  transitionMotion(id: string, from: string, to: string, audit: AuditEntry): Promise<boolean>;
  /** Marks a motion as changed now (its draft was edited). */
  touchMotion(id: string): Promise<void>;

  /** Appends one Yjs update to a document's log and answers its sequence number. */
  appendUpdate(docName: string, update: Uint8Array): Promise<number>;
  /** The snapshot and the updates logged after it. */
  loadDocument(docName: string): Promise<StoredDocument>;
  /**
   * Replaces the snapshot with `state` and deletes the logged updates up to `uptoSeq`, in one
   * transaction, so a crash leaves either the old snapshot with its log or the new one.
   */
  compact(docName: string, state: Uint8Array, uptoSeq: number): Promise<void>;

  createUser(user: NewUser, audit: AuditEntry): Promise<UserRow>;
  /** E-mail addresses compare case-insensitively. */
  findUserByEmail(email: string): Promise<UserRow | null>;
  getUser(id: string): Promise<UserRow | null>;
  setPasswordHash(userId: string, passwordHash: string): Promise<void>;
  /** Whether an admin account exists, and whether it has a password yet. */
  adminStatus(): Promise<{ exists: boolean; claimed: boolean; id: string | null }>;

  listBodies(): Promise<BodyRow[]>;
  getBody(id: string): Promise<BodyRow | null>;
  createBody(body: Omit<BodyRow, 'createdAt'>, audit: AuditEntry): Promise<BodyRow>;

  membershipsOf(userId: string): Promise<MembershipOfUser[]>;
  membersOf(bodyId: string): Promise<MemberOfBody[]>;
  /** Adds a person to a body or changes their role there, with its audit entry. */
  setMembership(membership: Omit<MembershipRow, 'createdAt'>, audit: AuditEntry): Promise<void>;
  /** Takes a person out of a body; false when they were not in it. */
  removeMembership(bodyId: string, userId: string, audit: AuditEntry): Promise<boolean>;

  createInvite(invite: Omit<InviteRow, 'usedAt' | 'usedBy'>, audit: AuditEntry): Promise<void>;
  getInvite(tokenHash: string): Promise<InviteRow | null>;
  /**
   * Uses an invite: marks it used, creates the account when `newUser` is given, and adds the
   * membership, in one transaction. False (nothing written) when it was used or expired first.
   * Someone already in the body keeps the role they have.
   */
  acceptInvite(
    tokenHash: string,
    userId: string,
    newUser: NewUser | null,
    audit: AuditEntry,
  ): Promise<boolean>;

  /** Stores a one-time sign-in link for an account, cancelling every earlier link of it. */
  createSignInLink(link: { tokenHash: string; userId: string; expiresAt: string }): Promise<void>;
  /**
   * Uses a one-time sign-in link: the user it signs in, or null when unknown, used, expired or
   * its account has a password by now. Using one cancels the account's other links.
   */
  useSignInLink(tokenHash: string): Promise<string | null>;

  /** Appends to the audit log; there is no way to change or delete an entry. */
  appendAudit(entry: AuditEntry): Promise<void>;
  /** Audit entries, oldest first; of one motion and/or one action, or all. */
  listAudit(filter?: { motionId?: string; action?: string; limit?: number }): Promise<AuditRow[]>;

  createSession(session: SessionRow): Promise<void>;
  getSession(idHash: string): Promise<SessionRow | null>;
  deleteSession(idHash: string): Promise<void>;
  /** Ends every session of a user (after a password change). */
  deleteSessionsOf(userId: string): Promise<void>;

  close(): Promise<void>;
}
