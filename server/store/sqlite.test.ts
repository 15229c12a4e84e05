import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { MIGRATIONS, openSqliteStore } from './sqlite';
import { storeSuite } from './store-suite';

storeSuite('SQLite store', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'redline-store-'));
  return {
    open: () => openSqliteStore(dir),
    raw: <DB>() =>
      new Kysely<DB>({
        dialect: new SqliteDialect({ database: new Database(join(dir, 'redline.db')) }),
      }),
    migrations: MIGRATIONS,
    async dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
