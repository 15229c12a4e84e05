/**
 * What both stores share: the tables, the migrations (one list, with small dialect switches), and
 * the conversions between rows and the interface's shapes, so SQLite and Postgres cannot drift.
 */
import {
  sql,
  type ColumnDefinitionBuilder,
  type Generated,
  type Kysely,
  type Migration,
  type RawBuilder,
  type Selectable,
} from 'kysely';
import type { BodyKind, Role } from '../../schemas/profile';
import type {
  AuditEntry,
  AuditRow,
  BodyRow,
  ConsolidationWrite,
  EditionRow,
  InviteRow,
  ListedEdition,
  MembershipRow,
  MotionRow,
  NewUser,
  UnitHistoryRow,
  UserRow,
} from './types';

export interface Tables {
  editions: {
    id: string;
    organisation: string;
    title: string;
    edition: string;
    profile: string;
    source: string;
    based_on: string | null;
    created_at: string;
    /** The parsed Rulebook (store/edition-parse.ts) and its size; null only before 0005, until backfilled. */
    parsed: Uint8Array | null;
    units: number | null;
    words: number | null;
  };
  unit_history: {
    seq: Generated<number>;
    edition_id: string;
    path: string;
    base_path: string;
    moves_units: number;
    motion_id: string;
    title: string;
    body: string;
    conference: number;
    card: number;
    words: string;
  };
  motions: {
    id: string;
    edition_id: string;
    body_id: string;
    title: string;
    state: string;
    created_at: string;
    updated_at: string;
    /** The motion text as pasted when it was imported (0006); null for motions drafted here. */
    submitted_text: string | null;
    /** JSON: the choices made on import (0007), `[]` when none; null for motions drafted here. */
    import_resolutions: string | null;
  };
  doc_updates: {
    doc_name: string;
    seq: Generated<number>;
    update: Uint8Array;
    created_at: string;
  };
  doc_snapshots: {
    doc_name: string;
    state: Uint8Array;
    upto_seq: number;
  };
  users: {
    id: string;
    email: string;
    name: string;
    password_hash: string;
    admin: number;
    created_at: string;
  };
  sessions: { id_hash: string; user_id: string; created_at: string; expires_at: string };
  bodies: { id: string; name: string; kind: BodyKind; created_at: string };
  memberships: { body_id: string; user_id: string; role: Role; created_at: string };
  invites: {
    token_hash: string;
    body_id: string;
    role: Role;
    created_by: string;
    created_at: string;
    expires_at: string;
    used_at: string | null;
    used_by: string | null;
  };
  sign_in_links: {
    token_hash: string;
    user_id: string;
    expires_at: string;
    used_at: string | null;
  };
  audit_log: {
    seq: Generated<number>;
    at: string;
    actor_id: string | null;
    action: string;
    motion_id: string | null;
    body_id: string | null;
    user_id: string | null;
    detail: string;
  };
}

/** The databases the store runs on. */
export type Dialect = 'sqlite' | 'postgres';

/**
 * Column types and statements that differ between the databases; the migrations are otherwise one
 * list, so both stores have the same tables.
 */
function dialectParts(dialect: Dialect) {
  const pg = dialect === 'postgres';
  return {
    // Byte order, as SQLite compares text: the order of names and of ISO timestamps (which the
    // store compares as strings) must not depend on the Postgres database's locale.
    text: pg ? sql`text collate "C"` : ('text' as const),
    // SQLite's integer is 64 bits wide; bigint keeps Postgres' sequence numbers as wide.
    bigint: pg ? ('bigint' as const) : ('integer' as const),
    serial: pg ? ('bigserial' as const) : ('integer' as const),
    serialKey: (c: ColumnDefinitionBuilder) =>
      pg ? c.primaryKey() : c.primaryKey().autoIncrement(),
    blob: pg ? ('bytea' as const) : ('blob' as const),
    /** Refuses every UPDATE and DELETE of `table` in the database itself (and TRUNCATE in Postgres). */
    async appendOnly(db: Kysely<unknown>, table: string, message: string) {
      if (!pg) {
        for (const op of ['UPDATE', 'DELETE']) {
          await sql
            .raw(
              `CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table} ` +
                `BEGIN SELECT RAISE(ABORT, '${message}'); END`,
            )
            .execute(db);
        }
        return;
      }
      await sql
        .raw(
          `CREATE FUNCTION ${table}_append_only() RETURNS trigger LANGUAGE plpgsql AS ` +
            `$$ BEGIN RAISE EXCEPTION '${message}'; END $$`,
        )
        .execute(db);
      // Row triggers like SQLite's; TRUNCATE skips those, so it gets a statement trigger.
      for (const [op, each] of [
        ['UPDATE', 'ROW'],
        ['DELETE', 'ROW'],
        ['TRUNCATE', 'STATEMENT'],
      ] as const) {
        await sql
          .raw(
            `CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table} ` +
              `FOR EACH ${each} EXECUTE FUNCTION ${table}_append_only()`,
          )
          .execute(db);
      }
    },
    /** Lower-case hex of a text's UTF-8 bytes. */
    hex: (text: RawBuilder<unknown>) =>
      pg ? sql`encode(convert_to(${text}, 'UTF8'), 'hex')` : sql`lower(hex(${text}))`,
    /** Any one value of a grouped column (SQLite takes a bare column; Postgres needs an aggregate). */
    any: (column: string) => (pg ? sql`min(${sql.ref(column)})` : sql.ref(column)),
  };
}

/**
 * The migrations for one dialect, applied in order at every start. In code, not files: they ship
 * inside the server.
 */
export function migrations(dialect: Dialect): Record<string, Migration> {
  const t = dialectParts(dialect);
  return {
    // What the person chose on import where the reader could not decide alone (which
    // occurrence, which unit): part of what the motion says, so kept with it. JSON in a text
    // column: read only with the motion's page, never queried into. Null for motions drafted
    // here and those imported before.
    '0007-import-resolutions': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('motions').addColumn('import_resolutions', t.text).execute();
      },
    },
    // The text of an imported motion word for word: the draft holds its instructions reworded
    // in the profile's style ('one third' → 'third'), and the wording a meeting agreed must not
    // be lost. Null for motions drafted here and those imported before.
    '0006-submitted-text': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('motions').addColumn('submitted_text', t.text).execute();
      },
    },
    // The parsed rulebook beside its source, so loading an edition never parses (a 5 MB
    // rulebook took a minute, on the first request after every restart). Older rows are filled
    // at start-up (backfillEditionParses), not here: the parser is not the store's business.
    '0005-edition-parse': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('editions').addColumn('parsed', t.blob).execute();
        // Its size too, so that listing editions loads none of them.
        await db.schema.alterTable('editions').addColumn('units', 'integer').execute();
        await db.schema.alterTable('editions').addColumn('words', 'integer').execute();
      },
    },
    // A table, not a JSON column on editions: history is read by edition and across the chain of
    // editions (based_on), each line is a fact of its own, and the database keeps it append-only.
    '0004-consolidation': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .alterTable('editions')
          .addColumn('based_on', t.text, (c) => c.references('editions.id'))
          .execute();
        await db.schema
          .createTable('unit_history')
          .addColumn('seq', t.serial, t.serialKey)
          .addColumn('edition_id', t.text, (c) => c.notNull().references('editions.id'))
          .addColumn('path', t.text, (c) => c.notNull())
          .addColumn('base_path', t.text, (c) => c.notNull())
          .addColumn('moves_units', 'integer', (c) => c.notNull())
          .addColumn('motion_id', t.text, (c) => c.notNull().references('motions.id'))
          .addColumn('title', t.text, (c) => c.notNull())
          .addColumn('body', t.text, (c) => c.notNull())
          .addColumn('conference', 'integer', (c) => c.notNull())
          .addColumn('card', 'integer', (c) => c.notNull())
          .addColumn('words', t.text, (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('unit_history_edition')
          .on('unit_history')
          .column('edition_id')
          .execute();
        // Editions are immutable, and so is what is recorded with them.
        await t.appendOnly(db, 'unit_history', 'unit history is append-only');
      },
    },
    '0003-access': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .alterTable('users')
          .addColumn('admin', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema
          .createTable('bodies')
          .addColumn('id', t.text, (c) => c.primaryKey())
          .addColumn('name', t.text, (c) => c.notNull().unique())
          .addColumn('kind', t.text, (c) => c.notNull())
          .addColumn('created_at', t.text, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('memberships')
          .addColumn('body_id', t.text, (c) => c.notNull().references('bodies.id'))
          .addColumn('user_id', t.text, (c) => c.notNull().references('users.id'))
          .addColumn('role', t.text, (c) => c.notNull())
          .addColumn('created_at', t.text, (c) => c.notNull())
          .addPrimaryKeyConstraint('memberships_pk', ['body_id', 'user_id'])
          .execute();
        await db.schema
          .createTable('invites')
          .addColumn('token_hash', t.text, (c) => c.primaryKey())
          .addColumn('body_id', t.text, (c) => c.notNull().references('bodies.id'))
          .addColumn('role', t.text, (c) => c.notNull())
          .addColumn('created_by', t.text, (c) => c.notNull().references('users.id'))
          .addColumn('created_at', t.text, (c) => c.notNull())
          .addColumn('expires_at', t.text, (c) => c.notNull())
          .addColumn('used_at', t.text)
          .addColumn('used_by', t.text, (c) => c.references('users.id'))
          .execute();
        await db.schema
          .createTable('sign_in_links')
          .addColumn('token_hash', t.text, (c) => c.primaryKey())
          .addColumn('user_id', t.text, (c) => c.notNull().references('users.id'))
          .addColumn('expires_at', t.text, (c) => c.notNull())
          .addColumn('used_at', t.text)
          .execute();
        await db.schema
          .createTable('audit_log')
          .addColumn('seq', t.serial, t.serialKey)
          .addColumn('at', t.text, (c) => c.notNull())
          .addColumn('actor_id', t.text)
          .addColumn('action', t.text, (c) => c.notNull())
          .addColumn('motion_id', t.text)
          .addColumn('body_id', t.text)
          .addColumn('user_id', t.text)
          .addColumn('detail', t.text, (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('audit_log_motion')
          .on('audit_log')
          .column('motion_id')
          .execute();
        // Append-only in the database itself, not only by the store's interface.
        await t.appendOnly(db, 'audit_log', 'the audit log is append-only');
        // Motions now belong to a body and have a state. Existing motions named their body in
        // free text: each distinct name becomes a CLP, so no motion is left without one.
        await db.schema
          .alterTable('motions')
          .addColumn('body_id', t.text, (c) => c.references('bodies.id'))
          .execute();
        await db.schema
          .alterTable('motions')
          .addColumn('state', t.text, (c) => c.notNull().defaultTo('draft'))
          .execute();
        const name = sql`coalesce(nullif(body, ''), 'Unnamed body')`;
        await sql`INSERT INTO bodies (id, name, kind, created_at)
          SELECT DISTINCT 'body-' || ${t.hex(name)}, ${name}, 'clp', ${t.any('created_at')}
          FROM motions GROUP BY ${name}`.execute(db);
        await sql`UPDATE motions SET body_id = 'body-' || ${t.hex(name)}`.execute(db);
        await db.schema.alterTable('motions').dropColumn('body').execute();
      },
    },
    '0002-accounts': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('users')
          .addColumn('id', t.text, (c) => c.primaryKey())
          .addColumn('email', t.text, (c) => c.notNull().unique())
          .addColumn('name', t.text, (c) => c.notNull())
          .addColumn('password_hash', t.text, (c) => c.notNull())
          .addColumn('created_at', t.text, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('sessions')
          .addColumn('id_hash', t.text, (c) => c.primaryKey())
          .addColumn('user_id', t.text, (c) => c.notNull().references('users.id'))
          .addColumn('created_at', t.text, (c) => c.notNull())
          .addColumn('expires_at', t.text, (c) => c.notNull())
          .execute();
      },
    },
    '0001-initial': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('editions')
          .addColumn('id', t.text, (c) => c.primaryKey())
          .addColumn('organisation', t.text, (c) => c.notNull())
          .addColumn('title', t.text, (c) => c.notNull())
          .addColumn('edition', t.text, (c) => c.notNull())
          .addColumn('profile', t.text, (c) => c.notNull())
          .addColumn('source', t.text, (c) => c.notNull())
          .addColumn('created_at', t.text, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('motions')
          .addColumn('id', t.text, (c) => c.primaryKey())
          .addColumn('edition_id', t.text, (c) => c.notNull().references('editions.id'))
          .addColumn('title', t.text, (c) => c.notNull())
          .addColumn('body', t.text, (c) => c.notNull())
          .addColumn('created_at', t.text, (c) => c.notNull())
          .addColumn('updated_at', t.text, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('doc_updates')
          .addColumn('seq', t.serial, t.serialKey)
          .addColumn('doc_name', t.text, (c) => c.notNull())
          .addColumn('update', t.blob, (c) => c.notNull())
          .addColumn('created_at', t.text, (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('doc_updates_doc_seq')
          .on('doc_updates')
          .columns(['doc_name', 'seq'])
          .execute();
        await db.schema
          .createTable('doc_snapshots')
          .addColumn('doc_name', t.text, (c) => c.primaryKey())
          .addColumn('state', t.blob, (c) => c.notNull())
          .addColumn('upto_seq', t.bigint, (c) => c.notNull())
          .execute();
      },
    },
  };
}

export const now = () => new Date().toISOString();

export const toUser = (row: Tables['users']): UserRow => ({
  id: row.id,
  email: row.email,
  name: row.name,
  passwordHash: row.password_hash,
  admin: row.admin === 1,
  createdAt: row.created_at,
});

export const toBody = (row: Tables['bodies']): BodyRow => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  createdAt: row.created_at,
});

export const MEMBERSHIP_COLUMNS = [
  'memberships.body_id',
  'memberships.user_id',
  'memberships.role',
  'memberships.created_at',
] as const;

export const toMembership = (row: Tables['memberships']): MembershipRow => ({
  bodyId: row.body_id,
  userId: row.user_id,
  role: row.role,
  createdAt: row.created_at,
});

export const toInvite = (row: Tables['invites']): InviteRow => ({
  tokenHash: row.token_hash,
  bodyId: row.body_id,
  role: row.role,
  createdBy: row.created_by,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  usedAt: row.used_at,
  usedBy: row.used_by,
});

export const toAudit = (row: Selectable<Tables['audit_log']>): AuditRow => ({
  seq: row.seq,
  at: row.at,
  actorId: row.actor_id,
  action: row.action,
  motionId: row.motion_id,
  bodyId: row.body_id,
  userId: row.user_id,
  detail: JSON.parse(row.detail) as Record<string, unknown>,
});

export const auditValues = (entry: AuditEntry, at: string) => ({
  at,
  actor_id: entry.actorId,
  action: entry.action,
  motion_id: entry.motionId ?? null,
  body_id: entry.bodyId ?? null,
  user_id: entry.userId ?? null,
  detail: JSON.stringify(entry.detail ?? {}),
});

export const userValues = (user: NewUser, at: string): Tables['users'] => ({
  id: user.id,
  email: user.email.toLowerCase(),
  name: user.name,
  password_hash: user.passwordHash,
  admin: user.admin ? 1 : 0,
  created_at: at,
});

/** The editions columns an EditionRow needs: not `parsed`, which is megabytes and read alone. */
export const EDITION_COLUMNS = [
  'id',
  'organisation',
  'title',
  'edition',
  'profile',
  'source',
  'based_on',
  'units',
  'words',
  'created_at',
] as const;

/** The editions columns the edition list needs: not the source either, which is megabytes. */
export const EDITION_LIST_COLUMNS = EDITION_COLUMNS.filter(
  (c): c is Exclude<(typeof EDITION_COLUMNS)[number], 'source'> => c !== 'source',
);

export function toEdition(row: Omit<Tables['editions'], 'parsed'>): EditionRow {
  return { ...toListedEdition(row), source: row.source };
}

export function toListedEdition(row: Omit<Tables['editions'], 'parsed' | 'source'>): ListedEdition {
  const { created_at, based_on, id, organisation, title, edition, profile } = row;
  return {
    id,
    organisation,
    title,
    edition,
    profile,
    basedOn: based_on,
    units: row.units,
    words: row.words,
    createdAt: created_at,
  };
}

export const toUnitHistory = (row: Selectable<Tables['unit_history']>): UnitHistoryRow => ({
  editionId: row.edition_id,
  path: row.path,
  basePath: row.base_path,
  movesUnits: row.moves_units === 1,
  motionId: row.motion_id,
  title: row.title,
  body: row.body,
  conference: row.conference,
  card: row.card,
  words: row.words,
});

/** Thrown inside a transaction to roll it back with a reason the caller answers. */
export class Refused extends Error {
  constructor(readonly result: ConsolidationWrite & { ok: false }) {
    super(result.reason);
  }
}

/**
 * The motions columns a MotionRow needs: not `submitted_text` (up to 200,000 characters) nor
 * `import_resolutions`, which only the motion's page reads, each alone.
 */
export const MOTION_COLUMNS = [
  'id',
  'edition_id',
  'body_id',
  'title',
  'state',
  'created_at',
  'updated_at',
] as const;

export function toMotion(
  row: Omit<Tables['motions'], 'submitted_text' | 'import_resolutions'>,
): MotionRow {
  return {
    id: row.id,
    editionId: row.edition_id,
    bodyId: row.body_id,
    title: row.title,
    state: row.state,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

// better-sqlite3 and pg hand binary columns back as Buffers; Yjs wants plain Uint8Arrays (and
// Buffer pooling would alias memory), so copy.
export const bytes = (b: Uint8Array): Uint8Array => new Uint8Array(b);
