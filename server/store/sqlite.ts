/**
 * The SQLite store: better-sqlite3 through Kysely, one file `${dataDir}/redline.db`, migrated at
 * open. The default for a single server process.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, Migrator, SqliteDialect, type Compilable } from 'kysely';
import type { Role } from '../../schemas/profile';
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
import type {
  AuditEntry,
  ConsolidationWrite,
  NewEdition,
  NewMotion,
  Store,
  StoredDocument,
} from './types';

/** The migrations as SQLite runs them (exported for tests that stop at an older version). */
export const MIGRATIONS = migrations('sqlite');

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
    provider: { getMigrations: async () => MIGRATIONS },
  }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw error;
  }
  const appendStatement = database.prepare(
    'INSERT INTO doc_updates (doc_name, "update", created_at) VALUES (?, ?, ?)',
  );
  // Writes that must land together (a change and its audit entry) run as one synchronous
  // better-sqlite3 transaction of Kysely-built statements: nothing else can run on the
  // connection between them, unlike an async transaction, which a keystroke's update append
  // could join.
  const run = (query: Compilable) => {
    const { sql: text, parameters } = query.compile();
    return database.prepare(text).run(...(parameters as unknown[]));
  };
  const first = <T>(query: Compilable) => {
    const { sql: text, parameters } = query.compile();
    return database.prepare(text).get(...(parameters as unknown[])) as T;
  };
  const audit = (entry: AuditEntry, at: string) =>
    run(db.insertInto('audit_log').values(auditValues(entry, at)));
  const atomically = <T>(work: (at: string) => T): T => database.transaction(work)(now());

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
    async createEdition(edition: NewEdition, entry) {
      return atomically((at) => {
        const { basedOn, ...rest } = edition;
        const row = { ...rest, based_on: basedOn ?? null, created_at: at };
        run(db.insertInto('editions').values(row));
        audit(entry, at);
        return toEdition(row);
      });
    },
    async consolidateEdition(edition, history, incorporations, entry) {
      try {
        return atomically((at): ConsolidationWrite => {
          const taken = first<{ id: string } | undefined>(
            db.selectFrom('editions').select('id').where('id', '=', edition.id),
          );
          if (taken) throw new Refused({ ok: false, reason: 'edition-exists' });
          const { basedOn, ...rest } = edition;
          const row = { ...rest, based_on: basedOn, created_at: at };
          run(db.insertInto('editions').values(row));
          for (const move of incorporations) {
            const changed = run(
              db
                .updateTable('motions')
                .set({ state: move.to, updated_at: at })
                .where('id', '=', move.motionId)
                .where('state', '=', move.from),
            ).changes;
            if (changed === 0) {
              throw new Refused({ ok: false, reason: 'motion-moved', motionId: move.motionId });
            }
            audit(move.audit, at);
          }
          for (const h of history) {
            run(
              db.insertInto('unit_history').values({
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
              }),
            );
          }
          audit(entry, at);
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
    async createMotion(motion: NewMotion, entry) {
      return atomically((at) => {
        const row = {
          id: motion.id,
          edition_id: motion.editionId,
          body_id: motion.bodyId,
          title: motion.title,
          state: motion.state,
          created_at: at,
          updated_at: at,
        };
        run(db.insertInto('motions').values(row));
        audit(entry, at);
        return toMotion(row);
      });
    },
    async transitionMotion(id, from, to, entry) {
      return atomically((at) => {
        const changed = run(
          db
            .updateTable('motions')
            .set({ state: to, updated_at: at })
            .where('id', '=', id)
            .where('state', '=', from),
        ).changes;
        if (changed === 0) return false;
        audit(entry, at);
        return true;
      });
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

    async createUser(user, entry) {
      return atomically((at) => {
        const row = userValues(user, at);
        run(db.insertInto('users').values(row));
        audit(entry, at);
        return toUser(row);
      });
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
      return atomically((at) => {
        const row = { id: body.id, name: body.name, kind: body.kind, created_at: at };
        run(db.insertInto('bodies').values(row));
        audit(entry, at);
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
      atomically((at) => {
        run(
          db
            .insertInto('memberships')
            .values({ body_id: m.bodyId, user_id: m.userId, role: m.role, created_at: at })
            .onConflict((oc) => oc.columns(['body_id', 'user_id']).doUpdateSet({ role: m.role })),
        );
        audit(entry, at);
      });
    },
    async removeMembership(bodyId, userId, entry) {
      return atomically((at) => {
        const removed = run(
          db.deleteFrom('memberships').where('body_id', '=', bodyId).where('user_id', '=', userId),
        ).changes;
        if (removed === 0) return false;
        audit(entry, at);
        return true;
      });
    },

    async createInvite(invite, entry) {
      atomically((at) => {
        run(
          db.insertInto('invites').values({
            token_hash: invite.tokenHash,
            body_id: invite.bodyId,
            role: invite.role,
            created_by: invite.createdBy,
            created_at: invite.createdAt,
            expires_at: invite.expiresAt,
            used_at: null,
            used_by: null,
          }),
        );
        audit(entry, at);
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
      return atomically((at) => {
        // Only this one statement decides who gets the invite: single use even under a race.
        const invite = first<{ body_id: string; role: Role } | undefined>(
          db
            .updateTable('invites')
            .set({ used_at: at })
            .where('token_hash', '=', tokenHash)
            .where('used_at', 'is', null)
            .where('expires_at', '>', at)
            .returning(['body_id', 'role']),
        );
        if (!invite) return false;
        if (newUser) run(db.insertInto('users').values(userValues(newUser, at)));
        // used_by refers to the user, so it is set once a new user exists.
        run(db.updateTable('invites').set({ used_by: userId }).where('token_hash', '=', tokenHash));
        run(
          db
            .insertInto('memberships')
            .values({ body_id: invite.body_id, user_id: userId, role: invite.role, created_at: at })
            .onConflict((oc) => oc.columns(['body_id', 'user_id']).doNothing()),
        );
        audit(entry, at);
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
      audit(entry, now());
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
      await db.destroy();
    },
  };
}
