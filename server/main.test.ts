/**
 * The store is chosen by configuration: a server started with DATABASE_URL keeps everything in
 * that PostgreSQL database (seeded, signed in, listed) and writes no SQLite file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import * as Y from 'yjs';
import type { AmendmentView, Motion, MotionSummary } from '../schemas/api';
import { motionDocumentName } from '../schemas/collab';
import { replayStored } from './collab/replay';
import { openPostgresStore } from './store/postgres';
import { amendmentText, call, connect, signIn, waitFor, waitSaved } from './test/collab-client';
import { createTestDatabase, type TestDatabase } from './test/postgres';
import { startTestServer, type TestServer } from './test/server';

let database: TestDatabase;
let server: TestServer | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

describe('startServer with DATABASE_URL', () => {
  it('serves the API from PostgreSQL', async () => {
    server = await startTestServer({ databaseUrl: database.url });
    const cookie = await signIn(server.url, 'secretary@riverside.example');
    const res = await call<MotionSummary[]>(server.url, 'GET', '/api/motions', undefined, cookie);
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThan(0);

    // The rows are in Postgres, and no SQLite database was made beside it.
    expect(existsSync(join(server.dataDir, 'redline.db'))).toBe(false);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: string }>('SELECT id FROM motions');
      const ids = rows.map((r) => r.id);
      for (const motion of res.body) expect(ids).toContain(motion.id);
    } finally {
      await client.end();
    }
  });

  it('logs every acknowledged edit in PostgreSQL before acknowledging it', async () => {
    if (!server) throw new Error('the previous test did not start the server');
    const url = server.url;
    const member = await signIn(url, 'member@anytown.example');
    const motion = await call<Motion>(
      url,
      'POST',
      '/api/motions',
      { editionId: 'labour-2024', title: 'On Postgres', bodyId: 'anytown-clp' },
      member,
    );
    expect(motion.status).toBe(201);
    const amendment = await call<AmendmentView>(
      url,
      'POST',
      `/api/motions/${motion.body.id}/amendments`,
      { kind: 'amend', target: '5.IV.7' },
      member,
    );
    expect(amendment.status).toBe(201);
    const docName = motionDocumentName(motion.body.id);
    const client = connect(url, docName, member);
    try {
      await waitSaved(client);
      await waitFor(() => amendmentText(client.doc, amendment.body.id) !== null, 10_000, 'text');
      const text = amendmentText(client.doc, amendment.body.id) as Y.Text;
      for (let i = 0; i < 10; i++) text.insert(text.length, ` pg${i}`);
      await waitSaved(client);
      const expected = text.toString();

      // Read beside the running server: what was acknowledged is already in the database.
      const store = await openPostgresStore(database.url);
      try {
        const doc = new Y.Doc();
        replayStored(doc, await store.loadDocument(docName));
        expect(amendmentText(doc, amendment.body.id)?.toString()).toBe(expected);
      } finally {
        await store.close();
      }
    } finally {
      client.destroy();
    }
  });
});
