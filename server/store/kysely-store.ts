/**
 * The Store on Kysely, written once for both databases: every query is here, and sqlite.ts and
 * postgres.ts only open the connection, migrate, and hand over the few parts that differ (a
 * {@link StoreDialect}), so the two stores cannot drift apart.
 */
import {
  Migrator,
  type Compilable,
  type CompiledQuery,
  type IsolationLevel,
  type Kysely,
  type Migration,
  type QueryResult,
} from 'kysely';
import {
  auditValues,
  bytes,
  EDITION_COLUMNS,
  MEMBERSHIP_COLUMNS,
  MOTION_COLUMNS,
  now,
  Refused,
  toAudit,
  toBody,
  toEdition,
  toListedEdition,
  EDITION_LIST_COLUMNS,
  toInvite,
  toMembership,
  toMotion,
  toUnitHistory,
  toUser,
  userValues,
  type Tables,
} from './schema';
import type { ChoiceMade } from '../../core/amendments/from-text';
import type { AuditEntry, ConsolidationWrite, Store, StoredDocument } from './types';

/**
 * One transaction's work: a generator that yields each statement and is handed back its result.
 * A generator, not an async function, because SQLite must run the whole transaction synchronously
 * (see openSqliteStore) while Postgres awaits every statement, and only a generator can be driven
 * both ways. A statement that fails ends the work there; its error rolls the transaction back.
 */
export type Work<T> = Generator<CompiledQuery, T, QueryResult<unknown>>;

/** What differs between the databases; everything else is in {@link kyselyStore}. */
export interface StoreDialect {
  /**
   * Runs the work from `start` as one transaction: it commits when the work returns, and rolls
   * back and rethrows when the work or one of its statements throws. A change and its audit entry
   * commit together or not at all. `isolation`, where the database has levels, is the level the
   * transaction runs at (SQLite's transactions are serialisable anyway).
   */
  atomically<T>(start: () => Work<T>, isolation?: IsolationLevel): Promise<T>;
  /** The hot path of {@link Store.appendUpdate}: every keystroke, before its ack. */
  appendUpdate(docName: string, update: Uint8Array): Promise<number>;
}

/** Drives `work` to its end, answering each statement synchronously (better-sqlite3). */
export function driveSync<T>(
  work: Work<T>,
  execute: (query: CompiledQuery) => QueryResult<unknown>,
): T {
  let step = work.next();
  while (!step.done) step = work.next(execute(step.value));
  return step.value;
}

/** Drives `work` to its end, awaiting each statement's answer (pg). */
export async function drive<T>(
  work: Work<T>,
  execute: (query: CompiledQuery) => Promise<QueryResult<unknown>>,
): Promise<T> {
  let step = work.next();
  while (!step.done) step = work.next(await execute(step.value));
  return step.value;
}

/** In a transaction's work: runs `query` and answers how many rows it changed. */
function* changes(query: Compilable): Generator<CompiledQuery, number, QueryResult<unknown>> {
  const result = yield query.compile();
  return Number(result.numAffectedRows ?? 0n);
}

/** In a transaction's work: runs `query` and answers its rows. */
function* all<R>(query: Compilable<R>): Generator<CompiledQuery, R[], QueryResult<unknown>> {
  const result = yield query.compile();
  return result.rows as R[];
}

/** In a transaction's work: runs `query` and answers its first row, if any. */
function* first<R>(
  query: Compilable<R>,
): Generator<CompiledQuery, R | undefined, QueryResult<unknown>> {
  const result = yield query.compile();
  return result.rows[0] as R | undefined;
}

/**
 * Runs the pending migrations; on failure closes `db` and throws. On Postgres Kysely's migrator
 * takes an advisory lock, so two processes starting together migrate once.
 */
export async function migrate(db: Kysely<Tables>, migrations: Record<string, Migration>) {
  const { error } = await new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw error;
  }
}

/** The Store on a migrated database `db`, with the parts that differ from `dialect`. */
export function kyselyStore(db: Kysely<Tables>, dialect: StoreDialect): Store {
  const atomically = <T>(work: (at: string) => Work<T>): Promise<T> =>
    dialect.atomically(() => work(now()));
  const audit = (entry: AuditEntry, at: string) =>
    changes(db.insertInto('audit_log').values(auditValues(entry, at)));
  /** Marks every unused sign-in link of a user used, so none of them signs in any more. */
  const cancelSignInLinks = (userId: string, at: string) =>
    changes(
      db
        .updateTable('sign_in_links')
        .set({ used_at: at })
        .where('user_id', '=', userId)
        .where('used_at', 'is', null),
    );

  return {
    async listEditions() {
      const rows = await db
        .selectFrom('editions')
        .select(EDITION_LIST_COLUMNS)
        .orderBy('id')
        .execute();
      return rows.map(toListedEdition);
    },
    async getEdition(id) {
      const row = await db
        .selectFrom('editions')
        .select(EDITION_COLUMNS)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toEdition(row) : null;
    },
    async getEditionParse(id) {
      const row = await db
        .selectFrom('editions')
        .select('parsed')
        .where('id', '=', id)
        .executeTakeFirst();
      return row?.parsed ? bytes(row.parsed) : null;
    },
    async listEditionsWithoutParse() {
      const rows = await db
        .selectFrom('editions')
        .select(EDITION_COLUMNS)
        .where('parsed', 'is', null)
        .orderBy('id')
        .execute();
      return rows.map(toEdition);
    },
    async fillEditionParse(id, parsed, { units, words }) {
      return atomically(function* () {
        const changed = yield* changes(
          db
            .updateTable('editions')
            .set({ parsed, units, words })
            .where('id', '=', id)
            .where('parsed', 'is', null),
        );
        return changed > 0;
      });
    },
    async createEdition(edition, entry) {
      return atomically(function* (at) {
        const { basedOn, ...rest } = edition;
        const row = { ...rest, based_on: basedOn ?? null, created_at: at };
        yield* changes(db.insertInto('editions').values(row));
        yield* audit(entry, at);
        return toEdition(row);
      });
    },
    async consolidateEdition(edition, history, incorporations, entry) {
      try {
        return await atomically(function* (at): Work<ConsolidationWrite> {
          const { basedOn, ...rest } = edition;
          const row = { ...rest, based_on: basedOn, created_at: at };
          // ON CONFLICT, not a look first: on Postgres a concurrent consolidation to the same id
          // waits for this one and then finds the id taken, instead of failing on the unique key.
          const inserted = yield* first(
            db
              .insertInto('editions')
              .values(row)
              .onConflict((oc) => oc.column('id').doNothing())
              .returning('id'),
          );
          if (!inserted) throw new Refused({ ok: false, reason: 'edition-exists' });
          for (const move of incorporations) {
            const changed = yield* changes(
              db
                .updateTable('motions')
                .set({ state: move.to, updated_at: at })
                .where('id', '=', move.motionId)
                .where('state', '=', move.from),
            );
            if (changed === 0) {
              throw new Refused({ ok: false, reason: 'motion-moved', motionId: move.motionId });
            }
            yield* audit(move.audit, at);
          }
          for (const h of history) {
            yield* changes(
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
          yield* audit(entry, at);
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
        .select(MOTION_COLUMNS)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toMotion);
    },
    async getMotion(id) {
      const row = await db
        .selectFrom('motions')
        .select(MOTION_COLUMNS)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toMotion(row) : null;
    },
    async getSubmission(motionId) {
      const row = await db
        .selectFrom('motions')
        .select(['submitted_text', 'import_resolutions'])
        .where('id', '=', motionId)
        .executeTakeFirst();
      const json = row?.import_resolutions ?? null;
      return {
        text: row?.submitted_text ?? null,
        choices: json === null ? null : (JSON.parse(json) as ChoiceMade[]),
      };
    },
    async createMotion(motion, entry) {
      return atomically(function* (at) {
        const row = {
          id: motion.id,
          edition_id: motion.editionId,
          body_id: motion.bodyId,
          title: motion.title,
          state: motion.state,
          created_at: at,
          updated_at: at,
        };
        const resolutions = motion.importResolutions;
        yield* changes(
          db.insertInto('motions').values({
            ...row,
            submitted_text: motion.submittedText ?? null,
            import_resolutions: resolutions ? JSON.stringify(resolutions) : null,
          }),
        );
        yield* audit(entry, at);
        return toMotion(row);
      });
    },
    async finishReading(motionId, choices, entry) {
      return atomically(function* (at) {
        yield* changes(
          db
            .updateTable('motions')
            .set({ import_resolutions: JSON.stringify(choices), updated_at: at })
            .where('id', '=', motionId),
        );
        yield* audit(entry, at);
      });
    },
    async transitionMotion(id, from, to, entry) {
      return atomically(function* (at) {
        // Under a race on Postgres the second UPDATE waits for the first, then sees the new
        // state: 0 rows. (SQLite's transactions do not interleave at all.)
        const changed = yield* changes(
          db
            .updateTable('motions')
            .set({ state: to, updated_at: at })
            .where('id', '=', id)
            .where('state', '=', from),
        );
        if (changed === 0) return false;
        yield* audit(entry, at);
        return true;
      });
    },
    async touchMotion(id) {
      await db.updateTable('motions').set({ updated_at: now() }).where('id', '=', id).execute();
    },

    appendUpdate: (docName, update) => dialect.appendUpdate(docName, update),
    // Through `atomically` like the writes: on SQLite a keystroke's append must not run inside
    // this transaction (its commit would wait for ours); on Postgres at repeatable read, so both
    // selects see one moment and a compaction committing between them cannot leave a snapshot
    // without the updates it did not cover (or the reverse).
    loadDocument(docName): Promise<StoredDocument> {
      return dialect.atomically(function* () {
        const snap = yield* first<{ state: Uint8Array; upto_seq: number }>(
          db
            .selectFrom('doc_snapshots')
            .select(['state', 'upto_seq'])
            .where('doc_name', '=', docName),
        );
        const rows = yield* all<{ seq: number; update: Uint8Array }>(
          db
            .selectFrom('doc_updates')
            .select(['seq', 'update'])
            .where('doc_name', '=', docName)
            .where('seq', '>', snap?.upto_seq ?? 0)
            .orderBy('seq'),
        );
        return {
          snapshot: snap ? bytes(snap.state) : null,
          updates: rows.map((r) => ({ seq: Number(r.seq), update: bytes(r.update) })),
        };
      }, 'repeatable read');
    },
    // Through `atomically`, so on SQLite no keystroke's append can run inside the compaction's
    // transaction (and be rolled back with it after its ack).
    async compact(docName, state, uptoSeq) {
      await atomically(function* () {
        yield* changes(
          db
            .insertInto('doc_snapshots')
            .values({ doc_name: docName, state, upto_seq: uptoSeq })
            .onConflict((oc) => oc.column('doc_name').doUpdateSet({ state, upto_seq: uptoSeq })),
        );
        yield* changes(
          db.deleteFrom('doc_updates').where('doc_name', '=', docName).where('seq', '<=', uptoSeq),
        );
      });
    },

    async createUser(user, entry) {
      return atomically(function* (at) {
        const row = userValues(user, at);
        yield* changes(db.insertInto('users').values(row));
        yield* audit(entry, at);
        return toUser(row);
      });
    },
    async findUserByEmail(email) {
      // Stored lower-cased (userValues), so this compares case-insensitively in both databases.
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
      return atomically(function* (at) {
        const row = { id: body.id, name: body.name, kind: body.kind, created_at: at };
        yield* changes(db.insertInto('bodies').values(row));
        yield* audit(entry, at);
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
      await atomically(function* (at) {
        yield* changes(
          db
            .insertInto('memberships')
            .values({ body_id: m.bodyId, user_id: m.userId, role: m.role, created_at: at })
            .onConflict((oc) => oc.columns(['body_id', 'user_id']).doUpdateSet({ role: m.role })),
        );
        yield* audit(entry, at);
      });
    },
    async removeMembership(bodyId, userId, entry) {
      return atomically(function* (at) {
        const removed = yield* changes(
          db.deleteFrom('memberships').where('body_id', '=', bodyId).where('user_id', '=', userId),
        );
        if (removed === 0) return false;
        yield* audit(entry, at);
        return true;
      });
    },

    async createInvite(invite, entry) {
      await atomically(function* (at) {
        yield* changes(
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
        yield* audit(entry, at);
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
      return atomically(function* (at) {
        // Only this one statement decides who gets the invite: a concurrent acceptance (on
        // Postgres) waits on the row lock, then finds used_at set. Single use even under a race.
        const invite = yield* first(
          db
            .updateTable('invites')
            .set({ used_at: at })
            .where('token_hash', '=', tokenHash)
            .where('used_at', 'is', null)
            .where('expires_at', '>', at)
            .returning(['body_id', 'role']),
        );
        if (!invite) return false;
        if (newUser) yield* changes(db.insertInto('users').values(userValues(newUser, at)));
        // used_by refers to the user, so it is set once a new user exists.
        yield* changes(
          db.updateTable('invites').set({ used_by: userId }).where('token_hash', '=', tokenHash),
        );
        yield* changes(
          db
            .insertInto('memberships')
            .values({ body_id: invite.body_id, user_id: userId, role: invite.role, created_at: at })
            .onConflict((oc) => oc.columns(['body_id', 'user_id']).doNothing()),
        );
        yield* audit(entry, at);
        return true;
      });
    },

    async createSignInLink(link) {
      await atomically(function* (at) {
        // A new link replaces every earlier one: only the link printed last can be used.
        yield* cancelSignInLinks(link.userId, at);
        yield* changes(
          db.insertInto('sign_in_links').values({
            token_hash: link.tokenHash,
            user_id: link.userId,
            expires_at: link.expiresAt,
            used_at: null,
          }),
        );
      });
    },
    async useSignInLink(tokenHash) {
      return atomically(function* (at) {
        const row = yield* first(
          db
            .updateTable('sign_in_links')
            .set({ used_at: at })
            .where('token_hash', '=', tokenHash)
            .where('used_at', 'is', null)
            .where('expires_at', '>', at)
            // A link is for an account that has no password yet; once it has one, none works.
            .where(
              'user_id',
              'in',
              db.selectFrom('users').select('id').where('password_hash', '=', ''),
            )
            .returning('user_id'),
        );
        if (!row) return null;
        // Claiming with one link cancels every other.
        yield* cancelSignInLinks(row.user_id, at);
        return row.user_id;
      });
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
      // Closes the SQLite file, or ends the pg pool (Kysely's PostgresDriver calls pool.end()).
      await db.destroy();
    },
  };
}
