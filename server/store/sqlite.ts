/**
 * The SQLite store: better-sqlite3 through Kysely, one file `${dataDir}/redline.db`, migrated at
 * open. The default for a single server process. The queries are in kysely-store.ts.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, SqliteDialect, type CompiledQuery, type QueryResult } from 'kysely';
import { driveSync, kyselyStore, migrate } from './kysely-store';
import { migrations, now, type Tables } from './schema';
import type { Store } from './types';

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
  await migrate(db, MIGRATIONS);

  const appendStatement = database.prepare(
    'INSERT INTO doc_updates (doc_name, "update", created_at) VALUES (?, ?, ?)',
  );
  /** Runs a Kysely-built statement on the connection at once, answering as Kysely's driver does. */
  const execute = ({ sql, parameters }: CompiledQuery): QueryResult<unknown> => {
    const statement = database.prepare(sql);
    if (statement.reader) return { rows: statement.all(...parameters) };
    return { rows: [], numAffectedRows: BigInt(statement.run(...parameters).changes) };
  };

  return kyselyStore(db, {
    // Writes that must land together (a change and its audit entry) run as one synchronous
    // better-sqlite3 transaction of Kysely-built statements: nothing else can run on the
    // connection between them, unlike an async transaction, which a keystroke's update append
    // could join.
    atomically: async (start) => database.transaction(() => driveSync(start(), execute))(),
    // The hot path (every keystroke, before its ack): one prepared statement, run synchronously,
    // instead of building and compiling a Kysely query each time.
    appendUpdate: async (docName, update) =>
      Number(appendStatement.run(docName, update, now()).lastInsertRowid),
    // A read transaction already sees one snapshot of the file: the default will do.
  });
}
