/**
 * Reading pasted rulebooks and motion text through the real server: the profile's limits and
 * sources that are not rulebooks refused with placed diagnostics (and nothing stored), parsing
 * off the event loop (a health check answers while a large import is read), and editions served
 * after a restart from the parse stored with them, parsing nothing.
 *
 * core/rulebook/parse is wrapped in a spy that calls through, to count parses on this thread
 * (the server runs in this process; the parse worker has its own copy of core). core/profiles
 * gains a profile with a small motion limit, known to this thread only.
 */
import { packParse, unpackParseSync } from '../store/edition-parse';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateRulebook } from '../../bench/rulebook-generator';
import type { Diagnostic } from '../../core/diagnostics';
import { labourProfile } from '../../core/profiles';
import { labelAt, levelKind } from '../../core/rulebook/labels';
import { parseRulebook } from '../../core/rulebook/parse';
import type { ApiError, Edition, EditionSummary, MotionSummary } from '../../schemas/api';
import type { ServerConfig } from '../config';
import { startServer, type RunningServer } from '../main';
import { MIGRATIONS } from '../store/sqlite';
import { call, signIn } from '../test/collab-client';
import { startTestServer, type TestServer } from '../test/server';
import type { Parser } from '../workers/pool';

vi.mock(import('../../core/rulebook/parse'), async (original) => {
  const core = await original();
  return { ...core, parseRulebook: vi.fn(core.parseRulebook) };
});
vi.mock(import('../../core/profiles'), async (original) => {
  const core = await original();
  const short = {
    ...core.labourProfile,
    id: 'labour-short',
    limits: { ...core.labourProfile.limits, motionChars: 1_000 },
  };
  return { ...core, profiles: { ...core.profiles, [short.id]: short } };
});

const parses = vi.mocked(parseRulebook);
const sample = readFileSync(
  new URL('../../motions/rulebooks/labour/2024.md', import.meta.url),
  'utf8',
);
const front = '---\norganisation: Labour Party\ntitle: Rule Book\nedition: "2030"\n---\n';
const quiet = { logError: () => undefined };

let server: TestServer;
let official: string;
let member: string;

beforeAll(async () => {
  server = await startTestServer({}, quiet);
  official = await signIn(server.url, 'official@conference.example');
  member = await signIn(server.url, 'member@anytown.example');
});

afterAll(async () => {
  await server.stop();
});

/** Counts the jobs a server hands its parse worker, from now on. */
function countJobs(running: RunningServer): { jobs: number } {
  const counted = { jobs: 0 };
  const real = running.commands.parser;
  const counting: Parser = {
    ...real,
    parseEdition: (...args) => {
      counted.jobs++;
      return real.parseEdition(...args);
    },
    readMotion: (...args) => {
      counted.jobs++;
      return real.readMotion(...args);
    },
  };
  running.commands.parser = counting;
  return counted;
}

describe('importing a rulebook that is too large, too deep or not a rulebook', () => {
  type Refusal = ApiError & { diagnostics: Diagnostic[] };

  /** Posts `source` as a new edition and expects a 422 that stores nothing; answers its errors. */
  async function refused(id: string, source: string): Promise<Diagnostic[]> {
    const audit = (await server.commands.store.listAudit()).length;
    const res = await call<Refusal>(
      server.url,
      'POST',
      '/api/editions',
      { id, profile: 'labour', source },
      official,
    );
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(422);
    expect(res.body.error).toEqual({
      id: 'rulebook-invalid',
      message: 'The rulebook has errors; nothing was stored',
    });
    expect(await server.commands.store.getEdition(id)).toBeNull();
    expect((await server.commands.store.listAudit()).length).toBe(audit);
    return res.body.diagnostics.filter((d) => d.severity === 'error');
  }

  it("refuses more characters than the profile's limit, at 1:1", async () => {
    const source = `${front}# Chapter 1: A\n${'x'.repeat(3_000_000)}`;
    expect(await refused('too-large', source)).toEqual([
      {
        severity: 'error',
        ruleId: 'rulebook-too-large',
        message:
          "Unexpected rulebook of 3,000,083 characters, expected at most 3,000,000 (the profile's limit)",
        line: 1,
        column: 1,
      },
    ]);
  });

  it('refuses the first unit past the unit limit, at its place', async () => {
    // 300 chapters of a clause and 98 sub-clauses: 30,000 units; the next chapter is one too many.
    const lines = front.trimEnd().split('\n');
    for (let c = 1; c <= 301; c++) {
      lines.push(`# Chapter ${c}: C`, '', '## Clause I. C', '');
      for (let u = 1; u <= 98; u++) lines.push(`${u}. Rule.`, '');
    }
    const at = lines.indexOf('# Chapter 301: C') + 1;
    expect(await refused('too-many', lines.join('\n'))).toEqual([
      {
        severity: 'error',
        ruleId: 'too-many-units',
        message:
          "Unexpected unit number 30,001, expected at most 30,000 units (the profile's limit)",
        line: at,
        column: 1,
      },
    ]);
  });

  it('refuses the first line nested deeper than the depth limit, at its place', async () => {
    const lines = [...front.trimEnd().split('\n'), '# Chapter 1: A', '', '## Clause I. B', ''];
    for (let depth = 2; depth <= 12; depth++) {
      const label = labelAt(1, levelKind(labourProfile, depth));
      lines.push(`${' '.repeat((depth - 2) * 4)}${label}. Level ${depth + 1}.`, '');
    }
    expect(await refused('too-deep', lines.join('\n'))).toEqual([
      {
        severity: 'error',
        ruleId: 'nested-too-deep',
        message:
          "Unexpected unit nested 13 levels deep, expected at most 12 levels (the profile's limit)",
        line: lines.length - 1,
        column: 41,
      },
    ]);
  });

  it('refuses random bytes, where one read as an empty edition before', async () => {
    let seed = 7;
    const bytes = Uint8Array.from({ length: 20_000 }, () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed >> 23;
    });
    const source = new TextDecoder().decode(bytes);
    const first = Math.min(
      ...[source.indexOf('\u0000'), source.indexOf('\uFFFD')].filter((i) => i >= 0),
    );
    const before = source.slice(0, first).split('\n');
    const [error] = await refused('random-bytes', source);
    expect(error).toMatchObject({
      ruleId: 'rulebook-not-text',
      line: before.length,
      column: (before.at(-1) ?? '').length + 1,
    });
    expect(error?.message).toMatch(
      /^Unexpected .*, expected rulebook text .*is this a binary file\?$/,
    );
  });

  it('refuses a source with no chapter, such as one that is blank after trimming', async () => {
    expect(await refused('blank', '  \n\t\n ')).toEqual([
      {
        severity: 'error',
        ruleId: 'no-chapters',
        message:
          "Unexpected rulebook without chapters, expected lines such as 'Chapter 1 Title' before its rules",
        line: 1,
        column: 1,
      },
    ]);
  });
});

describe('importing motion text', () => {
  it("refuses text over the profile's limit before reading it", async () => {
    await server.commands.store.createEdition(
      {
        id: 'short-2024',
        organisation: 'Labour Party',
        title: 'Rule Book',
        edition: '2024',
        profile: 'labour-short',
        source: sample,
        parsed: packParse(parseRulebook(sample).rulebook),
        units: 402,
        words: 9_697,
      },
      { actorId: null, action: 'edition-imported' },
    );
    const before = (
      await call<MotionSummary[]>(server.url, 'GET', '/api/motions', undefined, member)
    ).body.length;
    const jobs = countJobs(server);
    const res = await call<ApiError & { diagnostics: Diagnostic[] }>(
      server.url,
      'POST',
      '/api/motions/import',
      { editionId: 'short-2024', bodyId: 'anytown-clp', text: 'x'.repeat(1_001) },
      member,
    );
    expect(res.status).toBe(422);
    expect(res.body.error).toEqual({
      id: 'motion-text-too-long',
      message:
        "The motion text has 1,001 characters; at most 1,000 can be imported (the profile's limit). Nothing was created",
    });
    expect(res.body.diagnostics).toEqual([
      {
        severity: 'error',
        ruleId: 'motion-too-long',
        message:
          "Unexpected motion text of 1,001 characters, expected at most 1,000 (the profile's limit)",
        line: 1,
        column: 1,
      },
    ]);
    // Never handed to the worker, which does not even know this profile.
    expect(jobs.jobs).toBe(0);
    expect(
      (await call<MotionSummary[]>(server.url, 'GET', '/api/motions', undefined, member)).body,
    ).toHaveLength(before);
  });

  it('refuses a NUL at its place before reading it, on either database', async () => {
    // The text is kept as submitted, and PostgreSQL's text cannot hold a NUL (SQLite's can).
    const list = () => call<MotionSummary[]>(server.url, 'GET', '/api/motions', undefined, member);
    const before = (await list()).body.length;
    const jobs = countJobs(server);
    const res = await call<ApiError & { diagnostics: Diagnostic[] }>(
      server.url,
      'POST',
      '/api/motions/import',
      {
        editionId: 'labour-2024',
        bodyId: 'anytown-clp',
        text: "Chapter 5, Clause IV, Sub-clause 5.B.i — delete 'one third' and replace with 'one fifth'.\r\n\rSupporting argument\nA\u0000B",
      },
      member,
    );
    expect(res.status).toBe(422);
    expect(res.body.error.id).toBe('motion-text-not-text');
    expect(res.body.diagnostics).toEqual([
      {
        severity: 'error',
        ruleId: 'motion-not-text',
        message: 'Unexpected a NUL character, expected motion text',
        line: 4,
        column: 2,
      },
    ]);
    expect(jobs.jobs).toBe(0);
    expect((await list()).body).toHaveLength(before);
  });
});

describe('parsing off the event loop', () => {
  it('answers /healthz while a large rulebook is read in the worker', async () => {
    const source = generateRulebook({ words: 450_000, seed: 5 });
    expect(source.length).toBeGreaterThan(2_500_000);
    let submitted!: () => void;
    const handedOver = new Promise<void>((resolve) => (submitted = resolve));
    const real = server.commands.parser;
    server.commands.parser = {
      ...real,
      parseEdition: (...args) => {
        submitted();
        return real.parseEdition(...args);
      },
    };
    try {
      const order: string[] = [];
      const importing = call<EditionSummary>(
        server.url,
        'POST',
        '/api/editions',
        { id: 'large-2030', profile: 'labour', source },
        official,
      ).then((res) => {
        order.push('import');
        return res;
      });
      await Promise.race([handedOver, importing]);
      const health = await call(server.url, 'GET', '/healthz');
      order.push('healthz');
      const imported = await importing;
      expect(health.status).toBe(200);
      expect(imported.status, JSON.stringify(imported.body).slice(0, 300)).toBe(201);
      expect(imported.body.units).toBeGreaterThan(10_000);
      expect(order).toEqual(['healthz', 'import']);
    } finally {
      server.commands.parser = real;
    }
  });
});

describe('editions after a restart', () => {
  const config = (dataDir: string): ServerConfig => ({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    allowedOrigins: [],
    writeThrough: true,
  });

  it('are served from the parse stored with them: no request and no start parses', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'redline-restart-'));
    try {
      const first = await startServer(config(dataDir), quiet);
      const cookie = await signIn(first.url, 'official@conference.example');
      const source = sample.replace('edition: "2024"', 'edition: "2030"');
      const imported = await call(
        first.url,
        'POST',
        '/api/editions',
        { id: 'labour-2030', profile: 'labour', source },
        cookie,
      );
      expect(imported.status).toBe(201);
      const list = await call<EditionSummary[]>(
        first.url,
        'GET',
        '/api/editions',
        undefined,
        cookie,
      );
      const one = await call<Edition>(
        first.url,
        'GET',
        '/api/editions/labour-2030',
        undefined,
        cookie,
      );
      await first.close();

      parses.mockClear();
      const second = await startServer(config(dataDir), quiet);
      try {
        // Every edition has its parse, so starting had nothing to backfill or parse.
        expect(await second.commands.store.listEditionsWithoutParse()).toEqual([]);
        const jobs = countJobs(second);
        const again = await signIn(second.url, 'official@conference.example');
        const list2 = await call(second.url, 'GET', '/api/editions', undefined, again);
        // The list comes from the rows: no edition was loaded for it.
        expect(second.commands.editions.size).toBe(0);
        const one2 = await call(second.url, 'GET', '/api/editions/labour-2030', undefined, again);
        expect(list2.body).toEqual(list.body);
        expect(one2.body).toEqual(one.body);
        expect(jobs.jobs).toBe(0);
        expect(parses).not.toHaveBeenCalled();
        // What was served is the stored parse: the same as reading the source now.
        const stored = await second.commands.store.getEditionParse('labour-2030');
        expect(stored).not.toBeNull();
        expect(unpackParseSync(stored as Uint8Array)).toStrictEqual(parseRulebook(source).rulebook);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('stored before parses were are backfilled once at start-up, in the worker', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'redline-backfill-'));
    try {
      // A database as the previous release left it: migrated to 0004, one edition, no parse.
      const db = new Kysely<{ editions: Record<string, string | null> }>({
        dialect: new SqliteDialect({ database: new Database(join(dataDir, 'redline.db')) }),
      });
      const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
      expect((await migrator.migrateTo('0004-consolidation')).error).toBeUndefined();
      await db
        .insertInto('editions')
        .values({
          id: 'old-2024',
          organisation: 'Labour Party',
          title: 'Rule Book',
          edition: '2024',
          profile: 'labour',
          source: sample,
          based_on: null,
          created_at: new Date().toISOString(),
        })
        .execute();
      await db.destroy();

      parses.mockClear();
      const running = await startServer({ ...config(dataDir), seed: 'none' }, quiet);
      try {
        // Filled before the server took a single request, and not on this thread.
        const stored = await running.commands.store.getEditionParse('old-2024');
        expect(parses).not.toHaveBeenCalled();
        expect(stored).not.toBeNull();
        expect(unpackParseSync(stored as Uint8Array)).toStrictEqual(parseRulebook(sample).rulebook);
        expect(await running.commands.store.getEdition('old-2024')).toMatchObject({
          units: 402,
          words: 9_697,
        });
      } finally {
        await running.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
