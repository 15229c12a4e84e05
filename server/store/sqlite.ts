/**
 * The SQLite store: better-sqlite3 through Kysely, one file `${dataDir}/redline.db`, migrated at
 * open. The default for a single server process.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, Migrator, SqliteDialect, type Generated, type Migration } from 'kysely';
import type {
  EditionRow,
  MotionRow,
  NewEdition,
  NewMotion,
  Store,
  StoredDocument,
  UserRow,
} from './types';

interface Tables {
  editions: {
    id: string;
    organisation: string;
    title: string;
    edition: string;
    profile: string;
    source: string;
    created_at: string;
  };
  motions: {
    id: string;
    edition_id: string;
    title: string;
    body: string;
    created_at: string;
    updated_at: string;
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
  users: { id: string; email: string; name: string; password_hash: string; created_at: string };
  sessions: { id_hash: string; user_id: string; created_at: string; expires_at: string };
}

// In code, not files: the migrations ship inside the server and run in order at every start.
const migrations: Record<string, Migration> = {
  '0002-accounts': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0001-initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('editions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('edition', 'text', (c) => c.notNull())
        .addColumn('profile', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('motions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('edition_id', 'text', (c) => c.notNull().references('editions.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('doc_updates')
        .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('doc_name', 'text', (c) => c.notNull())
        .addColumn('update', 'blob', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('doc_updates_doc_seq')
        .on('doc_updates')
        .columns(['doc_name', 'seq'])
        .execute();
      await db.schema
        .createTable('doc_snapshots')
        .addColumn('doc_name', 'text', (c) => c.primaryKey())
        .addColumn('state', 'blob', (c) => c.notNull())
        .addColumn('upto_seq', 'integer', (c) => c.notNull())
        .execute();
    },
  },
};

const now = () => new Date().toISOString();

const toUser = (row: Tables['users']): UserRow => ({
  id: row.id,
  email: row.email,
  name: row.name,
  passwordHash: row.password_hash,
  createdAt: row.created_at,
});

function toEdition(row: Tables['editions']): EditionRow {
  const { created_at, ...rest } = row;
  return { ...rest, createdAt: created_at };
}

function toMotion(row: Tables['motions']): MotionRow {
  return {
    id: row.id,
    editionId: row.edition_id,
    title: row.title,
    body: row.body,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

// better-sqlite3 hands blobs back as Buffers; Yjs wants plain Uint8Arrays (and Buffer pooling
// would alias memory), so copy.
const bytes = (b: Uint8Array): Uint8Array => new Uint8Array(b);

/** Opens (creating when missing) the SQLite store in `dataDir` and runs pending migrations. */
export async function openSqliteStore(dataDir: string): Promise<Store> {
  mkdirSync(dataDir, { recursive: true });
  const database = new Database(join(dataDir, 'redline.db'));
  database.pragma('journal_mode = WAL');
  // With WAL, NORMAL survives a crash of the process (the acknowledged-edit guarantee we make):
  // a committed transaction is in the WAL file, in the OS page cache. Only a power loss or OS
  // crash can lose the last transactions; FULL would cover that at an fsync per update.
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database }) });

  const { error } = await new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw error;
  }
  const appendStatement = database.prepare(
    'INSERT INTO doc_updates (doc_name, "update", created_at) VALUES (?, ?, ?)',
  );

  return {
    async listEditions() {
      const rows = await db.selectFrom('editions').selectAll().orderBy('id').execute();
      return rows.map(toEdition);
    },
    async getEdition(id) {
      const row = await db
        .selectFrom('editions')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toEdition(row) : null;
    },
    async createEdition(edition: NewEdition) {
      const row = { ...edition, created_at: now() };
      await db.insertInto('editions').values(row).execute();
      return toEdition(row);
    },

    async listMotions() {
      const rows = await db
        .selectFrom('motions')
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toMotion);
    },
    async getMotion(id) {
      const row = await db
        .selectFrom('motions')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toMotion(row) : null;
    },
    async createMotion(motion: NewMotion) {
      const at = now();
      const row = {
        id: motion.id,
        edition_id: motion.editionId,
        title: motion.title,
        body: motion.body,
        created_at: at,
        updated_at: at,
      };
      await db.insertInto('motions').values(row).execute();
      return toMotion(row);
    },
    async touchMotion(id) {
      await db.updateTable('motions').set({ updated_at: now() }).where('id', '=', id).execute();
    },

    // The hot path (every keystroke, before its ack): one prepared statement, run synchronously,
    // instead of building and compiling a Kysely query each time.
    async appendUpdate(docName, update) {
      return Number(appendStatement.run(docName, update, now()).lastInsertRowid);
    },
    async loadDocument(docName): Promise<StoredDocument> {
      return db.transaction().execute(async (trx) => {
        const snap = await trx
          .selectFrom('doc_snapshots')
          .select(['state', 'upto_seq'])
          .where('doc_name', '=', docName)
          .executeTakeFirst();
        const rows = await trx
          .selectFrom('doc_updates')
          .select(['seq', 'update'])
          .where('doc_name', '=', docName)
          .where('seq', '>', snap?.upto_seq ?? 0)
          .orderBy('seq')
          .execute();
        return {
          snapshot: snap ? bytes(snap.state) : null,
          updates: rows.map((r) => ({ seq: r.seq, update: bytes(r.update) })),
        };
      });
    },
    async compact(docName, state, uptoSeq) {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('doc_snapshots')
          .values({ doc_name: docName, state, upto_seq: uptoSeq })
          .onConflict((oc) => oc.column('doc_name').doUpdateSet({ state, upto_seq: uptoSeq }))
          .execute();
        await trx
          .deleteFrom('doc_updates')
          .where('doc_name', '=', docName)
          .where('seq', '<=', uptoSeq)
          .execute();
      });
    },

    async createUser(user) {
      const row = { ...user, email: user.email.toLowerCase(), createdAt: now() };
      await db
        .insertInto('users')
        .values({
          id: row.id,
          email: row.email,
          name: row.name,
          password_hash: row.passwordHash,
          created_at: row.createdAt,
        })
        .execute();
      return row;
    },
    async findUserByEmail(email) {
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', email.toLowerCase())
        .executeTakeFirst();
      return row ? toUser(row) : null;
    },
    async getUser(id) {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toUser(row) : null;
    },
    async setPasswordHash(userId, passwordHash) {
      await db
        .updateTable('users')
        .set({ password_hash: passwordHash })
        .where('id', '=', userId)
        .execute();
    },
    async createSession(session) {
      await db
        .insertInto('sessions')
        .values({
          id_hash: session.idHash,
          user_id: session.userId,
          created_at: session.createdAt,
          expires_at: session.expiresAt,
        })
        .execute();
    },
    async getSession(idHash) {
      const row = await db
        .selectFrom('sessions')
        .selectAll()
        .where('id_hash', '=', idHash)
        .executeTakeFirst();
      return row
        ? {
            idHash: row.id_hash,
            userId: row.user_id,
            createdAt: row.created_at,
            expiresAt: row.expires_at,
          }
        : null;
    },
    async deleteSession(idHash) {
      await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    },
    async deleteSessionsOf(userId) {
      await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
    },

    async close() {
      await db.destroy();
    },
  };
}
