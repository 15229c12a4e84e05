/**
 * The store's behaviour, one suite for every implementation: sqlite.test.ts and postgres.test.ts
 * run it, each on a fresh database per test.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import type { Store } from './types';

/** One fresh, empty database of an implementation, and ways to reach it beside the store. */
export interface StoreTarget {
  /** Opens (and migrates) the store on this database; again after close, on the same data. */
  open(): Promise<Store>;
  /** A plain connection to the same database, for raw statements; the caller destroys it. */
  raw<DB = unknown>(): Kysely<DB>;
  /** The implementation's migrations, for tests that stop at an older version. */
  migrations: Record<string, Migration>;
  /** Removes the database. */
  dispose(): Promise<void>;
}

/** Defines the store suite under `name`, on a target from `create` for every test. */
export function storeSuite(name: string, create: () => Promise<StoreTarget>): void {
  describe(name, () => {
    let target: StoreTarget;
    let store: Store;
    // False while beforeEach has not finished (no database server): then its error is the one
    // reported, not a second one from cleaning up what was never made.
    let ready = false;

    beforeEach(async () => {
      ready = false;
      target = await create();
      try {
        store = await target.open();
      } catch (error) {
        await target.dispose();
        throw error;
      }
      ready = true;
    });

    afterEach(async () => {
      if (!ready) return;
      await store.close();
      await target.dispose();
    });

    /** Swaps the target for a new, empty database that nothing has migrated yet. */
    const startEmpty = async () => {
      await store.close();
      await target.dispose();
      target = await create();
    };
    /** An edition stored by the store as it was after migration `last` (and nothing later). */
    const storedBefore = async (last: string) => {
      await startEmpty();
      const db = target.raw<{ editions: Record<string, string> }>();
      const migrator = new Migrator({
        db,
        provider: { getMigrations: async () => target.migrations },
      });
      expect((await migrator.migrateTo(last)).error).toBeUndefined();
      await db
        .insertInto('editions')
        .values({ ...edition, created_at: new Date().toISOString() })
        .execute();
      await db.destroy();
    };

    const system = { actorId: null, action: 'test' };

    /** An edition's row as stored before 0005; `newEdition` adds its parse, as commands store it. */
    const edition = {
      id: 'labour-2024',
      organisation: 'Labour Party',
      title: 'Rule Book',
      edition: '2024',
      profile: 'labour',
      source: '# Chapter 1: X\n',
    };
    // Opaque bytes to the store (store/edition-parse.ts packs them).
    const PARSED = new Uint8Array([31, 139, 8, 0, 1, 2, 3]);
    const OTHER = new Uint8Array([9, 9]);
    const newEdition = { ...edition, parsed: PARSED, units: 1, words: 2 };

    describe('opening', () => {
      it('migrates once and reopens an existing database', async () => {
        await store.createEdition(newEdition, system);
        await store.close();
        store = await target.open();
        expect((await store.listEditions()).map((e) => e.id)).toEqual(['labour-2024']);
      });

      it('stores and reads editions', async () => {
        const created = await store.createEdition(newEdition, system);
        expect(created).toEqual({
          ...edition,
          basedOn: null,
          units: 1,
          words: 2,
          createdAt: created.createdAt,
        });
        expect(await store.getEdition('labour-2024')).toEqual(created);
        expect(await store.getEdition('nope')).toBeNull();
        await expect(store.createEdition(newEdition, system)).rejects.toThrow();
      });

      it("keeps each edition's parse beside it, read on its own", async () => {
        await store.createEdition(newEdition, system);
        expect(await store.getEditionParse('labour-2024')).toEqual(PARSED);
        expect(await store.getEditionParse('nope')).toBeNull();
        // Rows and lists leave the parse (megabytes for a large rulebook) out.
        expect(Object.keys((await store.getEdition('labour-2024')) ?? {})).not.toContain('parsed');
        const listed = Object.keys((await store.listEditions())[0] ?? {});
        expect(listed).not.toContain('parsed');
        expect(listed).not.toContain('source');
        expect(listed).toContain('units');
        expect(await store.listEditionsWithoutParse()).toEqual([]);
        // Editions are immutable: a parse, once stored, is never replaced.
        expect(await store.fillEditionParse('labour-2024', OTHER, { units: 0, words: 0 })).toBe(
          false,
        );
        expect(await store.getEditionParse('labour-2024')).toEqual(PARSED);
      });

      it('gives editions stored before 0005 no parse until one is filled in, once', async () => {
        await storedBefore('0004-consolidation');

        store = await target.open();
        expect((await store.listEditionsWithoutParse()).map((e) => e.id)).toEqual(['labour-2024']);
        expect(await store.getEditionParse('labour-2024')).toBeNull();
        expect(await store.getEdition('labour-2024')).toMatchObject({ units: null, words: null });
        expect(await store.fillEditionParse('labour-2024', PARSED, { units: 1, words: 2 })).toBe(
          true,
        );
        expect(await store.fillEditionParse('labour-2024', OTHER, { units: 0, words: 0 })).toBe(
          false,
        );
        expect(await store.getEditionParse('labour-2024')).toEqual(PARSED);
        expect(await store.getEdition('labour-2024')).toMatchObject({ units: 1, words: 2 });
        expect(await store.listEditionsWithoutParse()).toEqual([]);
      });

      it('creates, lists, reads and touches motions', async () => {
        await store.createEdition(newEdition, system);
        await store.createBody({ id: 'anytown', name: 'Anytown CLP', kind: 'clp' }, system);
        const m = await store.createMotion(
          {
            id: 'abcdef12',
            editionId: 'labour-2024',
            bodyId: 'anytown',
            title: 'T',
            state: 'draft',
          },
          system,
        );
        expect(m.createdAt).toBe(m.updatedAt);
        expect(await store.listMotions()).toEqual([m]);
        await new Promise((r) => setTimeout(r, 5));
        await store.touchMotion(m.id);
        const touched = await store.getMotion(m.id);
        expect(touched && touched.updatedAt > m.updatedAt).toBe(true);
        expect(await store.getMotion('zzzzzzzz')).toBeNull();
      });

      it("keeps an imported motion's text word for word, read on its own", async () => {
        await store.createEdition(newEdition, system);
        await store.createBody({ id: 'anytown', name: 'Anytown CLP', kind: 'clp' }, system);
        // Curly and straight quotes, an en dash, a lone CR, tabs, trailing spaces, blank lines,
        // a character outside the BMP: nothing of it is the store's to change.
        const pasted =
          "Trigger ballots\n\nChapter 5, Clause IV, Sub-clause 5.B.i – delete ‘one third’ and replace with 'one fifth'.\t \n\n\n  Supporting argument:\r“fairer” 🗳️  \n";
        const motion = { editionId: 'labour-2024', bodyId: 'anytown', title: 'T', state: 'draft' };
        const imported = await store.createMotion(
          { ...motion, id: 'imported1', submittedText: pasted },
          system,
        );
        await store.createMotion({ ...motion, id: 'drafted1' }, system);
        expect((await store.getSubmission('imported1')).text).toBe(pasted);
        expect((await store.getSubmission('drafted1')).text).toBeNull();
        expect((await store.getSubmission('zzzzzzzz')).text).toBeNull();
        // Rows and lists leave it out (up to 200,000 characters, needed by one page).
        expect(Object.keys(imported)).not.toContain('submittedText');
        expect(Object.keys((await store.getMotion('imported1')) ?? {})).not.toContain(
          'submittedText',
        );
        expect((await store.listMotions()).map((m) => Object.keys(m))).toEqual([
          Object.keys(imported),
          Object.keys(imported),
        ]);
      });

      it('keeps the choices made on import with the motion, read on their own', async () => {
        await store.createEdition(newEdition, system);
        await store.createBody({ id: 'anytown', name: 'Anytown CLP', kind: 'clp' }, system);
        const motion = { editionId: 'labour-2024', bodyId: 'anytown', title: 'T', state: 'draft' };
        const choices = [
          {
            at: 46,
            end: 66,
            ruleId: 'quote-ambiguous',
            kind: 'choose-occurrence' as const,
            value: '2',
            label: '…The result of [the trigger ballot], including “all” 🗳️…',
          },
          { at: 90, end: 90, ruleId: null, kind: null, value: '5.IV.5.A', label: '5.IV.5.A' },
        ];
        const imported = await store.createMotion(
          { ...motion, id: 'chosen01', submittedText: 'x', importResolutions: choices },
          system,
        );
        await store.createMotion(
          { ...motion, id: 'nochoice', submittedText: 'x', importResolutions: [] },
          system,
        );
        await store.createMotion({ ...motion, id: 'drafted1' }, system);
        expect((await store.getSubmission('chosen01')).choices).toEqual(choices);
        expect((await store.getSubmission('nochoice')).choices).toEqual([]);
        expect((await store.getSubmission('drafted1')).choices).toBeNull();
        expect((await store.getSubmission('zzzzzzzz')).choices).toBeNull();
        expect(Object.keys(imported)).not.toContain('importResolutions');
        expect(Object.keys((await store.getMotion('chosen01')) ?? {})).not.toContain(
          'importResolutions',
        );
      });

      it('records the choices that finish a reading with their audit entry, together', async () => {
        await store.createEdition(newEdition, system);
        await store.createBody({ id: 'anytown', name: 'Anytown CLP', kind: 'clp' }, system);
        const motion = { editionId: 'labour-2024', bodyId: 'anytown', title: 'T', state: 'draft' };
        const kept = await store.createMotion(
          { ...motion, id: 'unread01', submittedText: 'as agreed', importResolutions: [] },
          system,
        );
        const choice = {
          at: 3,
          end: 9,
          ruleId: 'quote-ambiguous',
          kind: 'choose-occurrence' as const,
          value: '2',
          label: '…agreed…',
        };
        await new Promise((r) => setTimeout(r, 5));
        await store.finishReading('unread01', [choice], {
          ...system,
          action: 'reading-finished',
          motionId: 'unread01',
          detail: { choices: 1 },
        });
        expect(await store.getSubmission('unread01')).toEqual({
          text: 'as agreed',
          choices: [choice],
        });
        const row = await store.getMotion('unread01');
        expect(row && row.updatedAt > kept.updatedAt).toBe(true);
        const log = await store.listAudit({ motionId: 'unread01', action: 'reading-finished' });
        expect(log.map((e) => e.detail)).toEqual([{ choices: 1 }]);
      });

      /** A motion written straight into a database migrated only to `last`, then reopened. */
      const motionStoredBefore = async (last: string, columns: Record<string, string> = {}) => {
        await storedBefore(last);
        const db = target.raw<{
          bodies: Record<string, string>;
          motions: Record<string, string>;
        }>();
        const at = new Date().toISOString();
        await db
          .insertInto('bodies')
          .values({ id: 'anytown', name: 'Anytown CLP', kind: 'clp', created_at: at })
          .execute();
        await db
          .insertInto('motions')
          .values({
            id: 'older123',
            edition_id: 'labour-2024',
            body_id: 'anytown',
            title: 'T',
            state: 'draft',
            created_at: at,
            updated_at: at,
            ...columns,
          })
          .execute();
        await db.destroy();
        store = await target.open();
      };

      it('gives motions stored before 0007 no recorded choices, and keeps their text', async () => {
        await motionStoredBefore('0006-submitted-text', { submitted_text: 'as pasted' });
        expect((await store.getSubmission('older123')).text).toBe('as pasted');
        expect((await store.getSubmission('older123')).choices).toBeNull();
      });

      it('gives motions stored before 0006 no submitted text', async () => {
        await motionStoredBefore('0005-edition-parse');
        expect(await store.getMotion('older123')).toMatchObject({ id: 'older123', title: 'T' });
        expect((await store.getSubmission('older123')).text).toBeNull();
      });

      it('refuses a motion of an unknown edition or body, and records nothing then', async () => {
        await store.createEdition(newEdition, system);
        const before = (await store.listAudit()).length;
        const motion = { id: 'abcdef12', bodyId: 'nobody', title: 'T', state: 'draft' };
        await expect(
          store.createMotion(
            { ...motion, editionId: 'nope' },
            { actorId: null, action: 'created' },
          ),
        ).rejects.toThrow();
        await expect(
          store.createMotion(
            { ...motion, editionId: 'labour-2024' },
            { actorId: null, action: 'x' },
          ),
        ).rejects.toThrow();
        expect(await store.listMotions()).toEqual([]);
        expect(await store.listAudit()).toHaveLength(before);
      });

      it('keeps every update through append, load and compact', async () => {
        const doc = new Y.Doc();
        const updates: Uint8Array[] = [];
        doc.on('update', (u: Uint8Array) => updates.push(u));
        const text = doc.getText('t');
        for (const word of ['one ', 'two ', 'three ']) text.insert(text.length, word);

        const seqs: number[] = [];
        for (const u of updates) seqs.push(await store.appendUpdate('motion.abcdef12', u));
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
        await store.appendUpdate('motion.other123', updates[0] as Uint8Array);

        const replay = (stored: Awaited<ReturnType<Store['loadDocument']>>) => {
          const copy = new Y.Doc();
          if (stored.snapshot) Y.applyUpdate(copy, stored.snapshot);
          for (const { update } of stored.updates) Y.applyUpdate(copy, update);
          return copy.getText('t').toString();
        };

        const loaded = await store.loadDocument('motion.abcdef12');
        expect(loaded.snapshot).toBeNull();
        expect(loaded.updates.map((u) => u.seq)).toEqual(seqs);
        expect(replay(loaded)).toBe('one two three ');

        // Compact up to the second update; the third stays in the log.
        const partial = new Y.Doc();
        Y.applyUpdate(partial, updates[0] as Uint8Array);
        Y.applyUpdate(partial, updates[1] as Uint8Array);
        await store.compact('motion.abcdef12', Y.encodeStateAsUpdate(partial), seqs[1] as number);
        const after = await store.loadDocument('motion.abcdef12');
        expect(after.snapshot).not.toBeNull();
        expect(after.updates.map((u) => u.seq)).toEqual([seqs[2]]);
        expect(replay(after)).toBe('one two three ');

        text.insert(text.length, 'four');
        await store.appendUpdate('motion.abcdef12', updates[3] as Uint8Array);
        await store.compact('motion.abcdef12', Y.encodeStateAsUpdate(doc), seqs[2] as number);
        expect(replay(await store.loadDocument('motion.abcdef12'))).toBe('one two three four');
        // Other documents are untouched.
        expect((await store.loadDocument('motion.other123')).updates).toHaveLength(1);
      });
    });

    describe('accounts, bodies and the audit log', () => {
      const user = (id: string, email: string) => ({
        id,
        email,
        name: id,
        passwordHash: 'x',
        admin: false,
      });

      beforeEach(async () => {
        await store.createBody({ id: 'anytown', name: 'Anytown CLP', kind: 'clp' }, system);
        await store.createUser(user('sam', 'Sam@Anytown.example'), system);
      });

      it('moves a motion only from the state it is in, recording each move once', async () => {
        await store.createEdition(newEdition, system);
        const m = { id: 'abcdef12', editionId: 'labour-2024', bodyId: 'anytown', title: 'T' };
        await store.createMotion(
          { ...m, state: 'draft' },
          { actorId: 'sam', action: 'created', motionId: m.id },
        );
        const move = { actorId: 'sam', action: 'transition', motionId: m.id };
        expect(await store.transitionMotion(m.id, 'draft', 'adopted', move)).toBe(true);
        // A second, stale request from the same starting state changes nothing.
        expect(await store.transitionMotion(m.id, 'draft', 'adopted', move)).toBe(false);
        expect((await store.getMotion(m.id))?.state).toBe('adopted');
        const log = await store.listAudit({ motionId: m.id });
        expect(log.map((e) => e.action)).toEqual(['created', 'transition']);
      });

      it('keeps the audit log append-only in the database itself', async () => {
        await store.appendAudit({ actorId: 'sam', action: 'x', detail: { a: 1 } });
        await store.close();
        const raw = target.raw();
        try {
          await expect(sql`UPDATE audit_log SET action = 'y'`.execute(raw)).rejects.toThrow(
            /append-only/,
          );
          await expect(sql`DELETE FROM audit_log`.execute(raw)).rejects.toThrow(/append-only/);
        } finally {
          await raw.destroy();
        }
        store = await target.open();
        expect((await store.listAudit()).at(-1)).toMatchObject({ action: 'x', detail: { a: 1 } });
      });

      it('sets, changes and removes memberships with an audit entry each', async () => {
        const entry = { actorId: 'sam', action: 'member', bodyId: 'anytown', userId: 'sam' };
        await store.setMembership({ bodyId: 'anytown', userId: 'sam', role: 'member' }, entry);
        await store.setMembership({ bodyId: 'anytown', userId: 'sam', role: 'secretary' }, entry);
        expect(await store.membershipsOf('sam')).toMatchObject([
          { bodyId: 'anytown', bodyName: 'Anytown CLP', kind: 'clp', role: 'secretary' },
        ]);
        expect(await store.membersOf('anytown')).toMatchObject([
          { userId: 'sam', email: 'sam@anytown.example' },
        ]);
        expect(await store.removeMembership('anytown', 'sam', entry)).toBe(true);
        expect(await store.removeMembership('anytown', 'sam', entry)).toBe(false);
        expect(await store.membershipsOf('sam')).toEqual([]);
        expect((await store.listAudit()).filter((e) => e.action === 'member')).toHaveLength(3);
      });

      it('uses an invite once, and never after it expires', async () => {
        const invite = (tokenHash: string, expiresAt: string) =>
          store.createInvite(
            {
              tokenHash,
              bodyId: 'anytown',
              role: 'member',
              createdBy: 'sam',
              createdAt: new Date().toISOString(),
              expiresAt,
            },
            system,
          );
        await invite('live', new Date(Date.now() + 60_000).toISOString());
        await invite('old', new Date(Date.now() - 1).toISOString());
        const dee = user('dee', 'dee@anytown.example');
        expect(await store.acceptInvite('old', 'dee', dee, system)).toBe(false);
        expect(await store.findUserByEmail('dee@anytown.example')).toBeNull();
        expect(await store.acceptInvite('live', 'dee', dee, system)).toBe(true);
        expect(await store.membershipsOf('dee')).toMatchObject([{ role: 'member' }]);
        expect(await store.getInvite('live')).toMatchObject({ usedBy: 'dee' });
        expect(await store.acceptInvite('live', 'sam', null, system)).toBe(false);
        expect(await store.membershipsOf('sam')).toEqual([]);
      });

      it('signs in with a link once, and only with the latest link of an account without a password', async () => {
        const expiresAt = new Date(Date.now() + 60_000).toISOString();
        await store.createUser({ ...user('root', 'admin@example.org'), passwordHash: '' }, system);
        await store.createSignInLink({ tokenHash: 'h', userId: 'root', expiresAt });
        expect(await store.useSignInLink('h')).toBe('root');
        expect(await store.useSignInLink('h')).toBeNull();
        expect(await store.useSignInLink('unknown')).toBeNull();

        // A new link cancels the earlier ones.
        await store.createSignInLink({ tokenHash: 'older', userId: 'root', expiresAt });
        await store.createSignInLink({ tokenHash: 'newer', userId: 'root', expiresAt });
        expect(await store.useSignInLink('older')).toBeNull();
        expect(await store.useSignInLink('newer')).toBe('root');

        // Once the account has a password, not even an unused, unexpired link signs in.
        await store.createSignInLink({ tokenHash: 'late', userId: 'root', expiresAt });
        await store.setPasswordHash('root', 'scrypt$…');
        expect(await store.useSignInLink('late')).toBeNull();
        // Nor does any link for an account made with one.
        await store.createSignInLink({ tokenHash: 'sam', userId: 'sam', expiresAt });
        expect(await store.useSignInLink('sam')).toBeNull();
      });

      it('reports whether the admin exists and has claimed the account', async () => {
        expect(await store.adminStatus()).toEqual({ exists: false, claimed: false, id: null });
        await store.createUser(
          { ...user('root', 'admin@localhost'), passwordHash: '', admin: true },
          system,
        );
        expect(await store.adminStatus()).toEqual({ exists: true, claimed: false, id: 'root' });
        await store.setPasswordHash('root', 'scrypt$…');
        expect(await store.adminStatus()).toEqual({ exists: true, claimed: true, id: 'root' });
      });
    });

    describe('migration 0003-access', () => {
      it('turns the free-text bodies of existing motions into bodies', async () => {
        await startEmpty();
        // A database as the previous release left it: migrated up to 0002, with two motions.
        type Row = Record<string, string>;
        const db = target.raw<{ editions: Row; motions: Row }>();
        const migrator = new Migrator({
          db,
          provider: { getMigrations: async () => target.migrations },
        });
        expect((await migrator.migrateTo('0002-accounts')).error).toBeUndefined();
        const at = new Date().toISOString();
        await db
          .insertInto('editions')
          .values({ ...edition, created_at: at })
          .execute();
        for (const [id, body] of [
          ['motion01', 'Anytown CLP'],
          ['motion02', ''],
        ] as const) {
          await db
            .insertInto('motions')
            .values({
              id,
              edition_id: 'labour-2024',
              title: 'T',
              body,
              created_at: at,
              updated_at: at,
            })
            .execute();
        }
        await db.destroy();

        store = await target.open();
        const bodies = await store.listBodies();
        expect(bodies.map((b) => [b.name, b.kind])).toEqual([
          ['Anytown CLP', 'clp'],
          ['Unnamed body', 'clp'],
        ]);
        const motions = await store.listMotions();
        for (const m of motions) {
          expect(m.state).toBe('draft');
          expect(bodies.map((b) => b.id)).toContain(m.bodyId);
        }
        expect((await store.getMotion('motion01'))?.bodyId).toBe(bodies[0]?.id);
      });
    });

    describe('consolidation', () => {
      const next = { ...newEdition, id: 'labour-2025', edition: '2025', basedOn: 'labour-2024' };
      const line = (motionId: string, path: string, card: number) => ({
        path,
        basePath: path,
        movesUnits: false,
        motionId,
        title: `Motion ${motionId}`,
        body: 'Anytown CLP',
        conference: 2026,
        card,
        words: 'CARRIED',
      });
      const incorporate = (motionId: string) => ({
        motionId,
        from: 'carried',
        to: 'incorporated',
        audit: {
          actorId: null,
          action: 'transition',
          motionId,
          detail: { event: 'incorporate', from: 'carried', to: 'incorporated', note: '' },
        },
      });
      const published = { actorId: null, action: 'edition-consolidated' };

      beforeEach(async () => {
        await store.createEdition(newEdition, system);
        await store.createBody({ id: 'anytown', name: 'Anytown CLP', kind: 'clp' }, system);
        for (const id of ['motion01', 'motion02']) {
          await store.createMotion(
            { id, editionId: 'labour-2024', bodyId: 'anytown', title: id, state: 'carried' },
            system,
          );
        }
      });

      /** Everything a refused consolidation must leave as it was. */
      const snapshot = async () => ({
        editions: (await store.listEditions()).map((e) => e.id),
        states: (await store.listMotions()).map((m) => `${m.id} ${m.state}`),
        history: await store.listUnitHistory('labour-2025'),
        audit: (await store.listAudit()).length,
      });

      it('stores the edition, its history and the moved motions together', async () => {
        const auditBefore = (await store.listAudit()).length;
        const history = [line('motion02', '3.III.4', 3), line('motion01', '5.IV.5.B.i', 8)];
        const result = await store.consolidateEdition(
          next,
          history,
          [incorporate('motion02'), incorporate('motion01')],
          published,
        );
        expect(result).toMatchObject({
          ok: true,
          edition: { id: 'labour-2025', basedOn: 'labour-2024' },
        });
        expect(await store.getEdition('labour-2025')).toMatchObject({ basedOn: 'labour-2024' });
        expect((await store.getEdition('labour-2024'))?.basedOn).toBeNull();
        expect(await store.listUnitHistory('labour-2025')).toEqual(
          history.map((h) => ({ ...h, editionId: 'labour-2025' })),
        );
        expect(await store.listUnitHistory('labour-2024')).toEqual([]);
        expect((await store.listMotions()).map((m) => m.state)).toEqual([
          'incorporated',
          'incorporated',
        ]);
        const log = (await store.listAudit()).slice(auditBefore);
        expect(log.map((e) => [e.action, e.motionId])).toEqual([
          ['transition', 'motion02'],
          ['transition', 'motion01'],
          ['edition-consolidated', null],
        ]);
      });

      it('writes nothing when a motion was moved by someone else meanwhile', async () => {
        await store.transitionMotion('motion02', 'carried', 'incorporated', {
          actorId: null,
          action: 'transition',
          motionId: 'motion02',
        });
        const before = await snapshot();
        const result = await store.consolidateEdition(
          next,
          [line('motion01', '5.IV.5.B.i', 8), line('motion02', '3.III.4', 3)],
          [incorporate('motion01'), incorporate('motion02')],
          published,
        );
        expect(result).toEqual({ ok: false, reason: 'motion-moved', motionId: 'motion02' });
        expect(await snapshot()).toEqual(before);
        expect((await store.getMotion('motion01'))?.state).toBe('carried');
      });

      it('writes nothing when the new edition id is taken', async () => {
        await store.createEdition({ ...newEdition, id: 'labour-2025' }, system);
        const before = await snapshot();
        const result = await store.consolidateEdition(
          next,
          [line('motion01', '5.IV.5.B.i', 8)],
          [incorporate('motion01')],
          published,
        );
        expect(result).toEqual({ ok: false, reason: 'edition-exists' });
        expect(await snapshot()).toEqual(before);
      });

      it('keeps unit history append-only in the database itself', async () => {
        await store.consolidateEdition(next, [line('motion01', '5.IV.5.B.i', 8)], [], published);
        await store.close();
        const raw = target.raw();
        try {
          await expect(sql`UPDATE unit_history SET card = 1`.execute(raw)).rejects.toThrow(
            /append-only/,
          );
          await expect(sql`DELETE FROM unit_history`.execute(raw)).rejects.toThrow(/append-only/);
        } finally {
          await raw.destroy();
        }
        store = await target.open();
        expect((await store.listUnitHistory('labour-2025')).map((h) => h.card)).toEqual([8]);
      });

      it('migrates editions published before it as based on nothing', async () => {
        await storedBefore('0003-access');
        store = await target.open();
        expect(await store.getEdition('labour-2024')).toMatchObject({ ...edition, basedOn: null });
      });
    });
  });
}
