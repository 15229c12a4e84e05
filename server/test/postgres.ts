/**
 * Fresh PostgreSQL databases for tests on the local server (127.0.0.1:5432, trust auth), one per
 * use and dropped afterwards, so parallel test files and runs never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server's maintenance database; `REDLINE_TEST_POSTGRES_URL` points the tests elsewhere. */
export const POSTGRES_ADMIN_URL =
  process.env['REDLINE_TEST_POSTGRES_URL'] || 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  /** postgres:// URL of the new, empty database. */
  url: string;
  /** Drops the database, ending any connection still open to it. */
  drop(): Promise<void>;
}

async function admin(): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: POSTGRES_ADMIN_URL,
    connectionTimeoutMillis: 5_000,
  });
  try {
    await client.connect();
  } catch (error) {
    const { host, username } = new URL(POSTGRES_ADMIN_URL);
    // Failing, never skipping: a store suite that quietly did not run would pass for tested.
    throw new Error(
      `PostgreSQL is not reachable at ${host} as ${username || 'the default user'}: ` +
        `${(error as Error).message}. The Postgres store tests need it running ` +
        `(.ci/run starts it; by hand: pg_ctlcluster --skip-systemctl-redirect 15 main start).`,
      { cause: error },
    );
  }
  return client;
}

/** Creates an empty database named `redline_test_<pid>_<random>`. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `redline_test_${process.pid}_${randomBytes(6).toString('hex')}`;
  const client = await admin();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = await admin();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
