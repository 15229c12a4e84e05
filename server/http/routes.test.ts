import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  AmendmentView,
  ApiDiagnostic,
  ApiError,
  Edition,
  EditionSummary,
  Motion,
  MotionSummary,
  SearchHit,
  UnitLine,
  ApiUnit,
} from '../../schemas/api';
import { startTestServer, type TestServer } from '../test/server';
import { call, signIn } from '../test/collab-client';

let server: TestServer;
/** Alex Member of Anytown CLP, who drafts its motions; every call is theirs unless it says. */
let member: string;
/** Rowan Rivers, secretary of Riverside CLP, who drafts the seeded trigger-ballot motion. */
let riverside: string;
const get = <T>(path: string, cookie = member) =>
  call<T>(server.url, 'GET', path, undefined, cookie);
const post = <T>(path: string, body: unknown, cookie = member) =>
  call<T>(server.url, 'POST', path, body, cookie);

beforeAll(async () => {
  server = await startTestServer(
    {},
    { clientDir: join(tmpdir(), 'redline-no-such-client'), logError: () => undefined },
  );
  member = await signIn(server.url, 'member@anytown.example');
  riverside = await signIn(server.url, 'secretary@riverside.example');
});

afterAll(async () => {
  await server.stop();
});

async function seeded(title: string, cookie = member): Promise<Motion> {
  const list = await get<MotionSummary[]>('/api/motions', cookie);
  const summary = list.body.find((m) => m.title === title);
  if (!summary) throw new Error(`no seeded motion ${title}`);
  return (await get<Motion>(`/api/motions/${summary.id}`, cookie)).body;
}

describe('editions', () => {
  it('lists the seeded editions: the sample and the one its finished conference made', async () => {
    const res = await get<EditionSummary[]>('/api/editions');
    expect(res.status).toBe(200);
    expect(res.body.map((e) => e.id).sort()).toEqual(['labour-2024', 'labour-2025']);
    expect(res.body.find((e) => e.id === 'labour-2024')).toMatchObject({
      id: 'labour-2024',
      organisation: 'Labour Party',
      edition: '2024',
      profile: 'labour',
    });
    expect(res.body.find((e) => e.id === 'labour-2024')?.units).toBeGreaterThan(100);
  });

  it('answers an edition with its unit tree', async () => {
    const res = await get<Edition>('/api/editions/labour-2024');
    expect(res.status).toBe(200);
    const chapter5 = res.body.chapters.find((c) => c.label === '5');
    const clause4 = chapter5?.children.find((c) => c.label === 'IV');
    expect(clause4).toMatchObject({ kind: 'clause', path: '5.IV', address: '2024:5.IV' });
    expect(clause4?.children[0]).toMatchObject({ kind: 'unit', label: '1', path: '5.IV.1' });
  });

  it('404s an unknown edition and 400s a malformed id', async () => {
    const missing = await get<ApiError>('/api/editions/libdem-1999');
    expect(missing.status).toBe(404);
    expect(missing.body.error.id).toBe('edition-not-found');
    const bad = await get<ApiError>('/api/editions/Not_An_Id');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^id: /);
  });

  it('searches case-insensitively and marks the matches', async () => {
    const res = await get<SearchHit[]>('/api/editions/labour-2024/search?q=TRIGGER%20Ballot');
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThan(1);
    expect(res.body.length).toBeLessThanOrEqual(50);
    const hit = res.body.find((h) => h.path === '5.IV.5.A');
    expect(hit?.snippet).toContain('[[trigger ballot]]');
    expect(hit?.address).toBe('2024:5.IV.5.A');
  });

  it('lists every unit and reads one by a citation in any style', async () => {
    const units = await get<UnitLine[]>('/api/editions/labour-2024/units');
    expect(units.status).toBe(200);
    expect(units.body[0]).toEqual({
      address: '2024:1',
      path: '1',
      firstWords: 'Constitutional rules',
    });
    expect(units.body.some((u) => u.path === '5.IV.5.A')).toBe(true);
    for (const citation of ['5.IV.5.B', 'Chapter 5, Clause IV, Sub-clause 5.B', 'Rule 5.4.5.B']) {
      const unit = await get<ApiUnit>(
        `/api/editions/labour-2024/units/${encodeURIComponent(citation)}`,
      );
      expect(unit.status).toBe(200);
      expect(unit.body).toMatchObject({ path: '5.IV.5.B', marker: 'B.' });
      expect(unit.body.children.map((c) => c.label)).toEqual(['i', 'ii']);
    }
    const missing = await get<ApiError>('/api/editions/labour-2024/units/5.IV.5.Z');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toEqual({
      id: 'unit-not-found',
      message: 'No unit "5.IV.5.Z" in edition 2024',
    });
  });

  it('caps search results at 50 and wants two characters', async () => {
    expect((await get<SearchHit[]>('/api/editions/labour-2024/search?q=the')).body).toHaveLength(
      50,
    );
    const short = await get<ApiError>('/api/editions/labour-2024/search?q=a');
    expect(short.status).toBe(400);
    expect(short.body.error.message).toBe('q: search for at least two characters');
  });
});

describe('motions', () => {
  it('lists the seeded motions with the units they touch', async () => {
    const res = await get<MotionSummary[]>('/api/motions');
    expect(res.status).toBe(200);
    const open = res.body.find((m) => m.title === 'Open selection of MPs');
    expect(open).toMatchObject({
      editionId: 'labour-2024',
      bodyId: 'anytown-clp',
      body: 'Anytown CLP',
      state: 'draft',
      stateLabel: 'Draft',
      access: 'write',
    });
    expect(open?.units).toEqual(['5.IV.5.B.i', '5.IV.5.B.ii', '5.IV.5.E']);
  });

  it('generates the motion text of a seeded motion', async () => {
    const motion = await seeded('Open selection of MPs');
    expect(motion.diagnostics).toEqual([]);
    expect(motion.argument).toMatch(/^A third of branches/);
    expect(motion.motionText).toBe(
      [
        'The Labour Party Rule Book 2024, Chapter 5, Clause IV, Sub-clause 5.B.i — delete ‘one third’ and replace with ‘one fifth’.',
        '',
        'Chapter 5, Clause IV, Sub-clause 5.B.ii — delete ‘one third’ and replace with ‘one fifth’.',
        '',
        'Chapter 5, Clause IV — Add a new Sub-clause 5.F, after Sub-clause 5.E:',
        '‘F. The NEC shall publish the result of every trigger ballot, by branch and affiliated branch, within fourteen days of its close.’',
      ].join('\n'),
    );
    expect(motion.amendments.map((a) => [a.kind, a.target, a.marker])).toEqual([
      ['amend', '5.IV.5.B.i', ''],
      ['amend', '5.IV.5.B.ii', ''],
      ['insert', '5.IV.5.E', 'F.'],
    ]);
  });

  it('creates a motion, adds and removes amendments', async () => {
    const created = await post<Motion>('/api/motions', {
      editionId: 'labour-2024',
      title: '  Shorter notice  ',
      bodyId: 'anytown-clp',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: 'Shorter notice',
      bodyId: 'anytown-clp',
      body: 'Anytown CLP',
      state: 'draft',
      access: 'write',
      amendments: [],
    });
    const id = created.body.id;

    const amend = await post<AmendmentView>(`/api/motions/${id}/amendments`, {
      kind: 'amend',
      target: '5.IV.6',
    });
    expect(amend.status).toBe(201);
    expect(amend.body.text).toMatch(/^If a sitting MP decides to retire/);
    const again = await post<AmendmentView>(`/api/motions/${id}/amendments`, {
      kind: 'amend',
      target: '5.IV.6',
    });
    expect(again.body.id).toBe(amend.body.id);

    const insert = await post<AmendmentView>(`/api/motions/${id}/amendments`, {
      kind: 'insert',
      target: '5.IV.7',
    });
    expect(insert.body).toMatchObject({ kind: 'insert', marker: '8.', text: '' });
    const del = await post<AmendmentView>(`/api/motions/${id}/amendments`, {
      kind: 'delete',
      target: '5.IV.3.B',
    });
    expect(del.status).toBe(201);

    let motion = (await get<Motion>(`/api/motions/${id}`)).body;
    expect(motion.amendments.map((a) => a.kind)).toEqual(['amend', 'insert', 'delete']);
    expect(motion.motionText).toContain('Sub-clause 3.B');

    const removed = await call(
      server.url,
      'DELETE',
      `/api/motions/${id}/amendments/${del.body.id}`,
      undefined,
      member,
    );
    expect(removed.status).toBe(204);
    motion = (await get<Motion>(`/api/motions/${id}`)).body;
    expect(motion.amendments.map((a) => a.kind)).toEqual(['amend', 'insert']);
    const gone = await call<ApiError>(
      server.url,
      'DELETE',
      `/api/motions/${id}/amendments/${del.body.id}`,
      undefined,
      member,
    );
    expect(gone.status).toBe(404);
    expect(gone.body.error.id).toBe('amendment-not-found');
  });

  it('validates bodies with a message naming the field', async () => {
    const noTitle = await post<ApiError>('/api/motions', {
      editionId: 'labour-2024',
      title: ' ',
      bodyId: 'anytown-clp',
    });
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.error).toEqual({
      id: 'invalid-request',
      message: 'title: a motion needs a title',
    });
    const noBody = await post<ApiError>('/api/motions', { editionId: 'labour-2024', title: 'x' });
    expect(noBody.status).toBe(400);
    expect(noBody.body.error.message).toMatch(/^bodyId: /);
    const motion = await seeded('A trigger ballot of all members', riverside);
    const badKind = await post<ApiError>(
      `/api/motions/${motion.id}/amendments`,
      { kind: 'rewrite', target: '5.IV.1' },
      riverside,
    );
    expect(badKind.status).toBe(400);
    expect(badKind.body.error.message).toMatch(/^kind: /);
    const badTarget = await post<ApiError>(
      `/api/motions/${motion.id}/amendments`,
      { kind: 'amend', target: '5..IV' },
      riverside,
    );
    expect(badTarget.body.error.message).toBe('target: a unit path looks like 5.IV.5.A');
    const notJson = await fetch(`${server.url}/api/motions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: member },
      body: '{',
    });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as ApiError).error.message).toBe('body: expected a JSON object');
  });

  it('404s unknown motions, editions and units', async () => {
    expect((await get<ApiError>('/api/motions/zzzzzzzzzzzz')).status).toBe(404);
    expect((await get<ApiError>('/api/motions/BAD')).status).toBe(400);
    const noEdition = await post<ApiError>('/api/motions', {
      editionId: 'nope',
      title: 'x',
      bodyId: 'anytown-clp',
    });
    expect(noEdition.status).toBe(404);
    expect(noEdition.body.error.id).toBe('edition-not-found');
    const noBody = await post<ApiError>('/api/motions', {
      editionId: 'labour-2024',
      title: 'x',
      bodyId: 'westside-clp',
    });
    expect(noBody.status).toBe(404);
    expect(noBody.body.error.id).toBe('body-not-found');
    const motion = await seeded('A trigger ballot of all members', riverside);
    const noUnit = await post<ApiError>(
      `/api/motions/${motion.id}/amendments`,
      { kind: 'amend', target: '5.IV.99' },
      riverside,
    );
    expect(noUnit.status).toBe(404);
    expect(noUnit.body.error.id).toBe('unit-not-found');
    const chapterDelete = await post<ApiError>(
      `/api/motions/${motion.id}/amendments`,
      { kind: 'delete', target: '5.IV' },
      riverside,
    );
    expect(chapterDelete.status).toBe(422);
    const noRoute = await get<ApiError>('/api/nothing');
    expect(noRoute.status).toBe(404);
    expect(noRoute.body.error.id).toBe('not-found');
  });
});

describe('import', () => {
  it('imports motion text into a draft whose motion text reads the same', async () => {
    const source = await seeded('Conference may revisit a rule after one year');
    const res = await post<Motion>('/api/motions/import', {
      editionId: 'labour-2024',
      bodyId: 'anytown-clp',
      text: source.motionText,
    });
    expect(res.status).toBe(201);
    expect(res.body.title).toBe('Imported motion');
    expect(res.body).toMatchObject({ bodyId: 'anytown-clp', body: 'Anytown CLP', state: 'draft' });
    expect(res.body.amendments.map((a) => [a.kind, a.target])).toEqual([
      ['amend', '3.III.4'],
      ['amend', '3.III.4.C'],
    ]);
    expect(res.body.motionText).toBe(source.motionText);
  });

  it('imports deletions and insertions', async () => {
    // Motion text as Redline writes it: draft one, then import its text.
    const draft = (
      await post<Motion>('/api/motions', {
        editionId: 'labour-2024',
        title: 'D',
        bodyId: 'anytown-clp',
      })
    ).body;
    const del = await post(`/api/motions/${draft.id}/amendments`, {
      kind: 'delete',
      target: '5.IV.3.B',
    });
    expect(del.status).toBe(201);
    const seededOpen = await seeded('Open selection of MPs');
    const text = [
      (await get<Motion>(`/api/motions/${draft.id}`)).body.motionText,
      seededOpen.motionText,
    ]
      .filter(Boolean)
      .join('\n\n');
    const res = await post<Motion>('/api/motions/import', {
      editionId: 'labour-2024',
      title: 'Mixed',
      bodyId: 'anytown-clp',
      text,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.title).toBe('Mixed');
    expect(res.body.amendments.map((a) => [a.kind, a.target])).toEqual([
      ['delete', '5.IV.3.B'],
      ['amend', '5.IV.5.B.i'],
      ['amend', '5.IV.5.B.ii'],
      ['insert', '5.IV.5.E'],
    ]);
    expect(res.body.amendments[3]?.text).toMatch(/^The NEC shall publish/);
  });

  it('keeps the text as submitted word for word, beside the instructions read from it', async () => {
    // As a meeting agreed it: curly and straight quotes, 'one third', a title and an argument.
    const submitted = [
      'Trigger ballots: a lower threshold',
      '',
      'Chapter 5, Clause IV, Sub-clause 5.B.i — delete ‘one third’ and replace with ‘one fifth’.',
      "Chapter 5, Clause IV, Sub-clause 5.B.ii — delete 'one third' and replace with 'one fifth'.  ",
      '',
      'Supporting argument',
      '',
      'A third\tis too high a bar for most branches.',
      '',
    ].join('\n');
    // Pasted from Windows: CRLF line endings, the only thing the server changes.
    const res = await post<Motion>('/api/motions/import', {
      editionId: 'labour-2024',
      bodyId: 'anytown-clp',
      text: submitted.replace(/\n/g, '\r\n'),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.submittedText).toBe(submitted);
    // The draft's instructions are the profile's wording of the same change…
    expect(res.body.motionText).toContain(
      'Sub-clause 5.B.ii — delete ‘one third’ and replace with ‘one fifth’.',
    );
    expect(res.body.motionText).not.toContain("'one third'");
    // …and the motion, read back, still has the words as submitted.
    const read = await get<Motion>(`/api/motions/${res.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.submittedText).toBe(submitted);
    expect(read.body.amendments.map((a) => a.target)).toEqual(['5.IV.5.B.i', '5.IV.5.B.ii']);
    // Lists do not carry it; a motion drafted here has none.
    const listed = (await get<MotionSummary[]>('/api/motions')).body.find(
      (m) => m.id === res.body.id,
    );
    expect(listed && 'submittedText' in listed).toBe(false);
    const drafted = await post<Motion>('/api/motions', {
      editionId: 'labour-2024',
      title: 'Drafted here',
      bodyId: 'anytown-clp',
    });
    expect((await get<Motion>(`/api/motions/${drafted.body.id}`)).body.submittedText).toBeNull();
  });

  it('answers 422 with diagnostics and creates nothing when the text does not apply', async () => {
    const before = (await get<MotionSummary[]>('/api/motions')).body.length;
    const res = await post<ApiError & { diagnostics: { ruleId: string; line: number }[] }>(
      '/api/motions/import',
      {
        editionId: 'labour-2024',
        bodyId: 'anytown-clp',
        text: "Chapter 5, Clause IV, Sub-clause 7 — delete 'no such words' and replace with 'x'.",
      },
    );
    expect(res.status).toBe(422);
    expect(res.body.error.id).toBe('motion-text-invalid');
    expect(res.body.diagnostics.length).toBeGreaterThan(0);
    expect(res.body.diagnostics[0]?.line).toBe(1);
    expect((await get<MotionSummary[]>('/api/motions')).body.length).toBe(before);
    const empty = await post<ApiError>('/api/motions/import', {
      editionId: 'labour-2024',
      bodyId: 'anytown-clp',
      text: '',
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toBe('text: paste the motion text');
  });
});

describe('import with the choices a person made', () => {
  type Refusal = ApiError & { diagnostics: ApiDiagnostic[] };
  // The words occur twice in 5.E: the reader asks which is meant, and the person chooses.
  const instruction =
    'Chapter 5, Clause IV, Sub-clause 5.E — delete ‘the trigger ballot’ and replace with ‘that ballot’.';
  const submitted = `Which ballot\n\n${instruction}\n`;
  const quoted = '‘the trigger ballot’';
  const at = submitted.indexOf(quoted);
  const body = { editionId: 'labour-2024', bodyId: 'anytown-clp' };

  it('answers 422 with the question on the text, then imports the occurrence chosen and keeps the choice', async () => {
    const before = (await get<MotionSummary[]>('/api/motions')).body.length;
    // Pasted from Windows: the spans are offsets into the text as stored, with LF line ends.
    const asked = await post<Refusal>('/api/motions/import', {
      ...body,
      text: submitted.replace(/\n/g, '\r\n'),
    });
    expect(asked.status).toBe(422);
    expect(asked.body.error.id).toBe('motion-text-invalid');
    const question = asked.body.diagnostics.find((d) => d.ruleId === 'quote-ambiguous');
    expect(question).toMatchObject({
      severity: 'error',
      line: 3,
      span: { start: at, end: at + quoted.length },
      fix: { kind: 'choose-occurrence', unit: '5.IV.5.E', words: 'the trigger ballot' },
    });
    const options = question?.fix && 'options' in question.fix ? question.fix.options : [];
    expect(options.map((o) => o.value)).toEqual(['1', '2']);
    expect(options[1]?.label).toContain('The result of [the trigger ballot], including');
    expect((await get<MotionSummary[]>('/api/motions')).body.length).toBe(before);

    const chosen = await post<Motion>('/api/motions/import', {
      ...body,
      text: submitted,
      resolutions: [{ at, value: '2' }],
    });
    expect(chosen.status, JSON.stringify(chosen.body)).toBe(201);
    expect(chosen.body.amendments.map((a) => [a.kind, a.target])).toEqual([['amend', '5.IV.5.E']]);
    // The second occurrence changed, the first kept; the draft's motion text now says which
    // (the one a comma follows), needing no choice.
    const amended = chosen.body.amendments[0]?.text ?? '';
    expect(amended).toContain('Where the trigger ballot is not lost');
    expect(amended).toContain('The result of that ballot, including');
    expect(chosen.body.motionText).toContain(
      'delete ‘the trigger ballot,’ and replace with ‘that ballot,’',
    );
    const choice = {
      at,
      end: at + quoted.length,
      ruleId: 'quote-ambiguous',
      kind: 'choose-occurrence',
      value: '2',
      label: options[1]?.label,
    };
    expect(chosen.body.importResolutions).toEqual([choice]);

    const read = await get<Motion>(`/api/motions/${chosen.body.id}`);
    expect(read.body.submittedText).toBe(submitted);
    expect(read.body.importResolutions).toEqual([choice]);
    expect(read.body.submittedText?.slice(choice.at, choice.end)).toBe(quoted);
  });

  it('records no choices for an import that needed none, and none for a motion drafted here', async () => {
    const clean = await post<Motion>('/api/motions/import', {
      ...body,
      text: 'Chapter 5, Clause IV, Sub-clause 5.E — delete ‘the regional director’ and replace with ‘the NEC’.',
    });
    expect(clean.status, JSON.stringify(clean.body)).toBe(201);
    expect((await get<Motion>(`/api/motions/${clean.body.id}`)).body.importResolutions).toEqual([]);
    const drafted = await post<Motion>('/api/motions', { ...body, title: 'Drafted, no choices' });
    expect(
      (await get<Motion>(`/api/motions/${drafted.body.id}`)).body.importResolutions,
    ).toBeNull();
  });

  it('reads the text as submitted again for anyone who may read the motion, marking what its import accepted', async () => {
    // A restatement that differs from what the instruction gives: imported, with a warning.
    const text = [
      'Chapter 5, Clause IV, Sub-clause 5.E — delete ‘the regional director’ and replace with ‘the NEC’.',
      '',
      'So that it reads: ‘Where the trigger ballot is lost, the NEC decides.’',
    ].join('\n');
    const imported = await post<Motion>('/api/motions/import', { ...body, text });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    const reading = await get<{ diagnostics: ApiDiagnostic[] }>(
      `/api/motions/${imported.body.id}/reading`,
    );
    expect(reading.status).toBe(200);
    const differs = reading.body.diagnostics.find((d) => d.ruleId === 'restatement-differs');
    expect(differs?.severity).toBe('warning');
    expect(text.slice(differs!.span!.start, differs!.span!.end)).toBe(
      '‘Where the trigger ballot is lost, the NEC decides.’',
    );
    // A motion drafted here has no text as submitted: nothing to mark.
    const drafted = await post<Motion>('/api/motions', { ...body, title: 'Drafted, no reading' });
    expect((await get(`/api/motions/${drafted.body.id}/reading`)).body).toEqual({
      diagnostics: [],
      unread: false,
      canFinish: false,
    });
    // Another body's draft is as invisible here as everywhere.
    expect((await get(`/api/motions/${imported.body.id}/reading`, riverside)).status).toBe(404);
  });

  it('refuses a choice that answers nothing in the text, saying where, and creates nothing', async () => {
    const before = (await get<MotionSummary[]>('/api/motions')).body.length;
    const res = await post<Refusal>('/api/motions/import', {
      ...body,
      text: submitted,
      resolutions: [
        { at, value: '2' },
        { at: 3, value: '1' },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.diagnostics.map((d) => [d.ruleId, d.span])).toEqual([
      ['resolution-unused', { start: 3, end: 3 }],
    ]);
    expect((await get<MotionSummary[]>('/api/motions')).body.length).toBe(before);
  });

  it('400s choices that are not well formed: too many, negative, hidden characters, repeated', async () => {
    const bad = async (resolutions: unknown) =>
      (await post<ApiError>('/api/motions/import', { ...body, text: submitted, resolutions })).body
        .error;
    const many = Array.from({ length: 101 }, (_, i) => ({ at: i, value: '1' }));
    expect((await bad(many)).message).toBe('resolutions: at most 100 choices');
    expect((await bad([{ at: -1, value: '1' }])).id).toBe('invalid-request');
    expect((await bad([{ at: 1.5, value: '1' }])).id).toBe('invalid-request');
    expect((await bad([{ at, value: '' }])).message).toMatch(/the value of the option chosen/);
    expect((await bad([{ at, value: '2\u202e' }])).message).toMatch(/right-to-left override/);
    expect((await bad([{ at, value: 'x'.repeat(101) }])).id).toBe('invalid-request');
    // Marks may be longer, still bounded.
    const marks = (n: number) => `words=${'1-2,'.repeat(n)}1-2`;
    expect((await bad([{ at, kind: 'mark-words', value: marks(1000) }])).id).toBe(
      'invalid-request',
    );
    expect((await bad([{ at, kind: 'choose-occurrence', value: marks(30) }])).message).toMatch(
      /at most 100 characters/,
    );
    expect(
      (
        await bad([
          { at, value: '1' },
          { at, value: '2' },
        ])
      ).message,
    ).toBe('resolutions: one choice per question in the text');
  });
});

describe('cross-site request forgery', () => {
  const motion = { editionId: 'labour-2024', title: 'Forged', bodyId: 'anytown-clp' };
  // With a live session every time: the refusals below are the CSRF check's, not sign-in's.
  const send = (headers: Record<string, string>, body: string = JSON.stringify(motion)) =>
    fetch(`${server.url}/api/motions`, {
      method: 'POST',
      headers: { ...headers, cookie: member },
      body,
    });

  it('refuses a mutating request from another site, by Origin or Sec-Fetch-Site', async () => {
    const foreign = await send({
      'content-type': 'application/json',
      origin: 'https://evil.example',
    });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as ApiError).error.id).toBe('cross-site');
    const crossSite = await send({
      'content-type': 'application/json',
      'sec-fetch-site': 'cross-site',
    });
    expect(crossSite.status).toBe(403);
  });

  it('refuses a body that is not declared JSON, as an HTML form would send it', async () => {
    const form = await send({ 'content-type': 'text/plain' });
    expect(form.status).toBe(415);
    expect(((await form.json()) as ApiError).error.id).toBe('not-json');
  });

  it('accepts the same request from our own page, and changes nothing when refused', async () => {
    const before = (await get<MotionSummary[]>('/api/motions')).body.length;
    await send({ 'content-type': 'text/plain' });
    await send({ 'content-type': 'application/json', origin: 'https://evil.example' });
    expect((await get<MotionSummary[]>('/api/motions')).body.length).toBe(before);
    const own = await send({
      'content-type': 'application/json',
      origin: server.url,
      'sec-fetch-site': 'same-origin',
    });
    expect(own.status).toBe(201);
  });
});
