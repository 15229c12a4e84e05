/**
 * The Postgres store: pg through Kysely, the same tables and migrations as SQLite, migrated at
 * open. For several server processes sharing one database (scale-out).
 */
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, type Transaction } from 'kysely';
import { ConfigError } from '../config';
import {
  auditValues,
  bytes,
  MEMBERSHIP_COLUMNS,
  migrations,
  now,
  Refused,
  toAudit,
  toBody,
  toEdition,
  toInvite,
  toMembership,
  toMotion,
  toUnitHistory,
  toUser,
  userValues,
  type Tables,
} from './schema';
import type { AuditEntry, ConsolidationWrite, Store, StoredDocument } from './types';

/** The migrations as Postgres runs them (exported for tests that stop at an older version). */
export const PG_MIGRATIONS = migrations('postgres');

const INT8 = 20;
// Sequence numbers are bigint (64-bit like SQLite's integer); pg would hand them back as strings.
// Below 2^53 they are exact as numbers, which a sequence of edits never reaches.
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** Where a URL points, for messages: never the password. */
function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'the DATABASE_URL';
  }
}

/** A pool on `url`; exported for tests that need a connection beside the store. */
export function postgresPool(url: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    types: TYPES,
    // An unreachable host must end the start with a message, not hang it.
    connectionTimeoutMillis: 10_000,
  });
  // An idle connection dropped by the server (restart, network) is replaced on the next query;
  // without a listener the pool's 'error' event would end the process.
  pool.on('error', (error) => console.error('redline: PostgreSQL connection lost:', error.message));
  return pool;
}

/**
 * Opens the Postgres store at `url` (postgres://user:password@host:port/database) and runs
 * pending migrations. Throws {@link ConfigError} naming the host when the database cannot be
 * reached, so the server stops at start with a clear message.
 */
export async function openPostgresStore(url: string): Promise<Store> {
  const pool = postgresPool(url);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    const reason = error instanceof Error ? error.message || error.name : String(error);
    throw new ConfigError(`cannot connect to PostgreSQL at ${describeUrl(url)}: ${reason}`, {
      cause: error,
    });
  }
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });

  // Kysely's migrator takes an advisory lock: two processes starting together migrate once.
  const { error } = await new Migrator({
    db,
    provider: { getMigrations: async () => PG_MIGRATIONS },
  }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw error;
  }

  // A change and its audit entry commit together or not at all. With synchronous_commit on (the
  // default) a commit has reached the WAL on disk before it returns: durable before acknowledged.
  const atomically = <T>(work: (trx: Transaction<Tables>, at: string) => Promise<T>): Promise<T> =>
    db.transaction().execute((trx) => work(trx, now()));
  const audit = (trx: Transaction<Tables>, entry: AuditEntry, at: string) =>
    trx.insertInto('audit_log').values(auditValues(entry, at)).execute();

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
    async createEdition(edition, entry) {
      return atomically(async (trx, at) => {
        const { basedOn, ...rest } = edition;
        const row = { ...rest, based_on: basedOn ?? null, created_at: at };
        await trx.insertInto('editions').values(row).execute();
        await audit(trx, entry, at);
        return toEdition(row);
      });
    },
    async consolidateEdition(edition, history, incorporations, entry) {
      try {
        return await atomically(async (trx, at): Promise<ConsolidationWrite> => {
          const { basedOn, ...rest } = edition;
          const row = { ...rest, based_on: basedOn, created_at: at };
          // ON CONFLICT, not a look first: a concurrent consolidation to the same id waits for
          // this one and then finds the id taken, instead of failing on the unique key.
          const inserted = await trx
            .insertInto('editions')
            .values(row)
            .onConflict((oc) => oc.column('id').doNothing())
            .returning('id')
            .executeTakeFirst();
          if (!inserted) throw new Refused({ ok: false, reason: 'edition-exists' });
          for (const move of incorporations) {
            const { numUpdatedRows } = await trx
              .updateTable('motions')
              .set({ state: move.to, updated_at: at })
              .where('id', '=', move.motionId)
              .where('state', '=', move.from)
              .executeTakeFirstOrThrow();
            if (numUpdatedRows === 0n) {
              throw new Refused({ ok: false, reason: 'motion-moved', motionId: move.motionId });
            }
            await audit(trx, move.audit, at);
          }
          for (const h of history) {
            await trx
              .insertInto('unit_history')
              .values({
                edition_id: edition.id,
                path: h.path,
                base_path: h.basePath,
                moves_units: h.movesUnits ? 1 : 0,
                motion_id: h.motionId,
                title: h.title,
                body: h.body,
                conference: h.conference,
                card: h.card,
                words: h.words,
              })
              .execute();
          }
          await audit(trx, entry, at);
          return { ok: true, edition: toEdition(row) };
        });
      } catch (error) {
        if (error instanceof Refused) return error.result;
        throw error;
      }
    },
    async listUnitHistory(editionId) {
      const rows = await db
        .selectFrom('unit_history')
        .selectAll()
        .where('edition_id', '=', editionId)
        .orderBy('seq')
        .execute();
      return rows.map(toUnitHistory);
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
    async createMotion(motion, entry) {
      return atomically(async (trx, at) => {
        const row = {
          id: motion.id,
          edition_id: motion.editionId,
          body_id: motion.bodyId,
          title: motion.title,
          state: motion.state,
          created_at: at,
          updated_at: at,
        };
        await trx.insertInto('motions').values(row).execute();
        await audit(trx, entry, at);
        return toMotion(row);
      });
    },
    async transitionMotion(id, from, to, entry) {
      return atomically(async (trx, at) => {
        // Under a race the second UPDATE waits for the first, then sees the new state: 0 rows.
        const { numUpdatedRows } = await trx
          .updateTable('motions')
          .set({ state: to, updated_at: at })
          .where('id', '=', id)
          .where('state', '=', from)
          .executeTakeFirstOrThrow();
        if (numUpdatedRows === 0n) return false;
        await audit(trx, entry, at);
        return true;
      });
    },
    async touchMotion(id) {
      await db.updateTable('motions').set({ updated_at: now() }).where('id', '=', id).execute();
    },

    // The hot path (every keystroke, before its ack): one named statement, prepared once per
    // connection, committed on its own.
    async appendUpdate(docName, update) {
      const result = await pool.query<{ seq: number }>({
        name: 'redline-append-update',
        text: 'INSERT INTO doc_updates (doc_name, "update", created_at) VALUES ($1, $2, $3) RETURNING seq',
        values: [docName, update, now()],
      });
      return (result.rows[0] as { seq: number }).seq;
    },
    async loadDocument(docName): Promise<StoredDocument> {
      // Repeatable read: both selects see one moment, so a compaction committing between them
      // cannot leave a snapshot without the updates it did not cover (or the reverse).
      return db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (trx) => {
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

    async createUser(user, entry) {
      return atomically(async (trx, at) => {
        const row = userValues(user, at);
        await trx.insertInto('users').values(row).execute();
        await audit(trx, entry, at);
        return toUser(row);
      });
    },
    async findUserByEmail(email) {
      // Stored lower-cased (userValues), as in SQLite.
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
    async adminStatus() {
      const row = await db
        .selectFrom('users')
        .select(['id', 'password_hash'])
        .where('admin', '=', 1)
        .orderBy('password_hash', 'desc')
        .executeTakeFirst();
      return { exists: !!row, claimed: !!row && row.password_hash !== '', id: row?.id ?? null };
    },

    async listBodies() {
      const rows = await db.selectFrom('bodies').selectAll().orderBy('name').execute();
      return rows.map(toBody);
    },
    async getBody(id) {
      const row = await db.selectFrom('bodies').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toBody(row) : null;
    },
    async createBody(body, entry) {
      return atomically(async (trx, at) => {
        const row = { id: body.id, name: body.name, kind: body.kind, created_at: at };
        await trx.insertInto('bodies').values(row).execute();
        await audit(trx, entry, at);
        return toBody(row);
      });
    },

    async membershipsOf(userId) {
      const rows = await db
        .selectFrom('memberships')
        .innerJoin('bodies', 'bodies.id', 'memberships.body_id')
        .select([...MEMBERSHIP_COLUMNS, 'bodies.name', 'bodies.kind'])
        .where('memberships.user_id', '=', userId)
        .orderBy('bodies.name')
        .execute();
      return rows.map((r) => ({ ...toMembership(r), bodyName: r.name, kind: r.kind }));
    },
    async membersOf(bodyId) {
      const rows = await db
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .select([...MEMBERSHIP_COLUMNS, 'users.name', 'users.email'])
        .where('memberships.body_id', '=', bodyId)
        .orderBy('users.name')
        .execute();
      return rows.map((r) => ({ ...toMembership(r), name: r.name, email: r.email }));
    },
    async setMembership(m, entry) {
      await atomically(async (trx, at) => {
        await trx
          .insertInto('memberships')
          .values({ body_id: m.bodyId, user_id: m.userId, role: m.role, created_at: at })
          .onConflict((oc) => oc.columns(['body_id', 'user_id']).doUpdateSet({ role: m.role }))
          .execute();
        await audit(trx, entry, at);
      });
    },
    async removeMembership(bodyId, userId, entry) {
      return atomically(async (trx, at) => {
        const { numDeletedRows } = await trx
          .deleteFrom('memberships')
          .where('body_id', '=', bodyId)
          .where('user_id', '=', userId)
          .executeTakeFirstOrThrow();
        if (numDeletedRows === 0n) return false;
        await audit(trx, entry, at);
        return true;
      });
    },

    async createInvite(invite, entry) {
      await atomically(async (trx, at) => {
        await trx
          .insertInto('invites')
          .values({
            token_hash: invite.tokenHash,
            body_id: invite.bodyId,
            role: invite.role,
            created_by: invite.createdBy,
            created_at: invite.createdAt,
            expires_at: invite.expiresAt,
            used_at: null,
            used_by: null,
          })
          .execute();
        await audit(trx, entry, at);
      });
    },
    async getInvite(tokenHash) {
      const row = await db
        .selectFrom('invites')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row ? toInvite(row) : null;
    },
    async acceptInvite(tokenHash, userId, newUser, entry) {
      return atomically(async (trx, at) => {
        // Only this one statement decides who gets the invite: a concurrent acceptance waits on
        // the row lock, then finds used_at set. Single use even under a race.
        const invite = await trx
          .updateTable('invites')
          .set({ used_at: at })
          .where('token_hash', '=', tokenHash)
          .where('used_at', 'is', null)
          .where('expires_at', '>', at)
          .returning(['body_id', 'role'])
          .executeTakeFirst();
        if (!invite) return false;
        if (newUser) await trx.insertInto('users').values(userValues(newUser, at)).execute();
        // used_by refers to the user, so it is set once a new user exists.
        await trx
          .updateTable('invites')
          .set({ used_by: userId })
          .where('token_hash', '=', tokenHash)
          .execute();
        await trx
          .insertInto('memberships')
          .values({ body_id: invite.body_id, user_id: userId, role: invite.role, created_at: at })
          .onConflict((oc) => oc.columns(['body_id', 'user_id']).doNothing())
          .execute();
        await audit(trx, entry, at);
        return true;
      });
    },

    async createSignInLink(link) {
      await db
        .insertInto('sign_in_links')
        .values({
          token_hash: link.tokenHash,
          user_id: link.userId,
          expires_at: link.expiresAt,
          used_at: null,
        })
        .execute();
    },
    async useSignInLink(tokenHash) {
      const at = now();
      const row = await db
        .updateTable('sign_in_links')
        .set({ used_at: at })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', at)
        .returning('user_id')
        .executeTakeFirst();
      return row?.user_id ?? null;
    },

    async appendAudit(entry) {
      await db.insertInto('audit_log').values(auditValues(entry, now())).execute();
    },
    async listAudit(filter = {}) {
      let q = db.selectFrom('audit_log').selectAll().orderBy('seq');
      if (filter.motionId) q = q.where('motion_id', '=', filter.motionId);
      if (filter.action) q = q.where('action', '=', filter.action);
      if (filter.limit) q = q.limit(filter.limit);
      return (await q.execute()).map(toAudit);
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
      // Ends the pool too (Kysely's PostgresDriver calls pool.end()).
      await db.destroy();
    },
  };
}
