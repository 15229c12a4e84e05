import { describe, expect, it } from 'vitest';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { createTestDatabase } from '../test/postgres';
import { ConfigError } from '../config';
import { openPostgresStore, PG_MIGRATIONS, postgresPool } from './postgres';
import { storeSuite } from './store-suite';

// Each test gets its own database on the local server, dropped afterwards. When PostgreSQL is not
// running these tests fail with a message saying so; they are never skipped.
storeSuite('Postgres store', async () => {
  const database = await createTestDatabase();
  return {
    open: () => openPostgresStore(database.url),
    raw: <DB>() =>
      new Kysely<DB>({ dialect: new PostgresDialect({ pool: postgresPool(database.url) }) }),
    migrations: PG_MIGRATIONS,
    dispose: () => database.drop(),
  };
});

describe('openPostgresStore', () => {
  it('refuses an unreachable server with a message naming the host', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const error = await openPostgresStore('postgres://postgres:secret@127.0.0.1:1/redline').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(
      /^cannot connect to PostgreSQL at 127\.0\.0\.1:1\/redline: /,
    );
    expect((error as Error).message).not.toContain('secret');
  });

  it('refuses a database that does not exist, naming it', async () => {
    const database = await createTestDatabase();
    await database.drop();
    await expect(openPostgresStore(database.url)).rejects.toThrow(/does not exist/);
  });

  it('keeps bytes, sequence numbers and timestamps in the shapes SQLite gives them', async () => {
    const database = await createTestDatabase();
    try {
      const store = await openPostgresStore(database.url);
      try {
        const update = new Uint8Array([0, 1, 2, 255, 0]);
        const seq = await store.appendUpdate('motion.abcdef12', update);
        expect(typeof seq).toBe('number');
        const loaded = await store.loadDocument('motion.abcdef12');
        expect(loaded.updates).toEqual([{ seq, update }]);
        expect(loaded.updates[0]?.update).toBeInstanceOf(Uint8Array);
        await store.appendAudit({ actorId: null, action: 'x' });
        const [entry] = await store.listAudit();
        expect(typeof entry?.seq).toBe('number');
        expect(entry?.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      } finally {
        await store.close();
      }
    } finally {
      await database.drop();
    }
  });

  it('refuses TRUNCATE of the append-only tables too', async () => {
    const database = await createTestDatabase();
    try {
      const store = await openPostgresStore(database.url);
      await store.appendAudit({ actorId: null, action: 'x' });
      await store.close();
      const raw = new Kysely<unknown>({
        dialect: new PostgresDialect({ pool: postgresPool(database.url) }),
      });
      try {
        await expect(sql`TRUNCATE audit_log`.execute(raw)).rejects.toThrow(/append-only/);
        await expect(sql`TRUNCATE unit_history`.execute(raw)).rejects.toThrow(/append-only/);
      } finally {
        await raw.destroy();
      }
    } finally {
      await database.drop();
    }
  });

  it('migrates once when two processes open a new database together', async () => {
    const database = await createTestDatabase();
    try {
      const stores = await Promise.all([
        openPostgresStore(database.url),
        openPostgresStore(database.url),
      ]);
      await stores[0]?.appendAudit({ actorId: null, action: 'x' });
      expect(await stores[1]?.listAudit()).toHaveLength(1);
      await Promise.all(stores.map((s) => s.close()));
    } finally {
      await database.drop();
    }
  });

  it('lets exactly one of two racing transitions and invite uses through', async () => {
    const database = await createTestDatabase();
    const a = await openPostgresStore(database.url);
    const b = await openPostgresStore(database.url);
    try {
      const system = { actorId: null, action: 'test' };
      await a.createEdition(
        {
          id: 'e',
          organisation: 'O',
          title: 'T',
          edition: '1',
          profile: 'labour',
          source: '',
          parsed: new Uint8Array([1]),
          units: 0,
          words: 0,
        },
        system,
      );
      await a.createBody({ id: 'anytown', name: 'Anytown CLP', kind: 'clp' }, system);
      await a.createUser(
        { id: 'sam', email: 's@x', name: 'S', passwordHash: 'x', admin: false },
        system,
      );
      await a.createMotion(
        { id: 'm', editionId: 'e', bodyId: 'anytown', title: 'T', state: 'draft' },
        system,
      );
      const moved = await Promise.all([
        a.transitionMotion('m', 'draft', 'adopted', { actorId: null, action: 'move-a' }),
        b.transitionMotion('m', 'draft', 'withdrawn', { actorId: null, action: 'move-b' }),
      ]);
      expect(moved.filter(Boolean)).toHaveLength(1);
      expect((await a.listAudit()).filter((e) => e.action.startsWith('move-'))).toHaveLength(1);

      const expiresAt = new Date(Date.now() + 60_000).toISOString();
      await a.createInvite(
        {
          tokenHash: 'h',
          bodyId: 'anytown',
          role: 'member',
          createdBy: 'sam',
          createdAt: expiresAt,
          expiresAt,
        },
        system,
      );
      const newUser = (id: string) => ({
        id,
        email: `${id}@x`,
        name: id,
        passwordHash: 'x',
        admin: false,
      });
      const used = await Promise.all([
        a.acceptInvite('h', 'dee', newUser('dee'), system),
        b.acceptInvite('h', 'lee', newUser('lee'), system),
      ]);
      expect(used.filter(Boolean)).toHaveLength(1);
      expect((await a.membersOf('anytown')).map((m) => m.userId)).toHaveLength(1);
      // The loser wrote nothing: not even its account.
      const loser = used[0] ? 'lee' : 'dee';
      expect(await a.getUser(loser)).toBeNull();
    } finally {
      await a.close();
      await b.close();
      await database.drop();
    }
  });
});
