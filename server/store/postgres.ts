/**
 * The Postgres store: pg through Kysely, the same tables and migrations as SQLite, migrated at
 * open. For several server processes sharing one database (scale-out). The queries are in
 * kysely-store.ts.
 */
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { ConfigError } from '../config';
import { drive, kyselyStore, migrate } from './kysely-store';
import { migrations, now, type Tables } from './schema';
import type { Store } from './types';

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
  await migrate(db, PG_MIGRATIONS);

  return kyselyStore(db, {
    // With synchronous_commit on (the default) a commit has reached the WAL on disk before it
    // returns: durable before acknowledged.
    atomically: (start, isolation) => {
      const transaction = db.transaction();
      return (isolation ? transaction.setIsolationLevel(isolation) : transaction).execute((trx) =>
        drive(start(), (query) => trx.executeQuery(query)),
      );
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
  });
}
