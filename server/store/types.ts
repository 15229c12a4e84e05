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
  createdAt: string;
}

export type NewEdition = Omit<EditionRow, 'createdAt'>;

export interface MotionRow {
  id: string;
  editionId: string;
  title: string;
  body: string;
  createdAt: string;
  updatedAt: string;
}

export type NewMotion = Pick<MotionRow, 'id' | 'editionId' | 'title' | 'body'>;

export interface UserRow {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  createdAt: string;
}

export type NewUser = Omit<UserRow, 'createdAt'>;

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
  listEditions(): Promise<EditionRow[]>;
  getEdition(id: string): Promise<EditionRow | null>;
  /** Adds an edition; editions are immutable once published, so there is no update. */
  createEdition(edition: NewEdition): Promise<EditionRow>;

  listMotions(): Promise<MotionRow[]>;
  getMotion(id: string): Promise<MotionRow | null>;
  createMotion(motion: NewMotion): Promise<MotionRow>;
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

  createUser(user: NewUser): Promise<UserRow>;
  /** E-mail addresses compare case-insensitively. */
  findUserByEmail(email: string): Promise<UserRow | null>;
  getUser(id: string): Promise<UserRow | null>;
  setPasswordHash(userId: string, passwordHash: string): Promise<void>;

  createSession(session: SessionRow): Promise<void>;
  getSession(idHash: string): Promise<SessionRow | null>;
  deleteSession(idHash: string): Promise<void>;
  /** Ends every session of a user (after a password change). */
  deleteSessionsOf(userId: string): Promise<void>;

  close(): Promise<void>;
}
