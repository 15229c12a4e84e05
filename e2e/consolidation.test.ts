/**
 * Consolidation in a real browser: two motions carried at conference (card votes 8 and 3, taken
 * through the real workflow by the people whose roles take each step), then a conference
 * official opens the rulebook, sees them in conference order, consolidates, and lands on the new
 * edition with its summary of amendments, each changed unit's history and the redline against
 * the edition it came from.
 *
 * The server starts with the sample edition alone (REDLINE_SEED=edition) and the administrator
 * makes the bodies and people through the API (bodies, invites, accepted invites), so the demo
 * seed's motions, submissions and decisions — which change as the seed does — cannot interfere
 * with allowances, the three-year rule or what is carried.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearIn } from '../core/procedure/checks';
import type { BodyView, InviteCreated, Motion, SessionUser } from '../schemas/api';
import type { BodyKind, Role } from '../schemas/profile';
import { call, sessionCookie } from '../server/test/collab-client';
import { startServerProcess } from '../server/test/process';
import { exampleVote, stepRequest } from '../server/test/steps';
import {
  DEMO_PASSWORD,
  POLL,
  SCREENSHOTS,
  adminLink,
  apiAs,
  ensureClientBuilt,
  freePort,
  freshDataDir,
  launchBrowser,
  signedInContext,
  stopE2e,
  type RunningServer,
} from './harness';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const YEAR = yearIn(new Date(), 'Europe/London');

/** The people this test makes: body name and kind, the role, and the person's e-mail. */
const PEOPLE: { body: string; kind: BodyKind; role: Role; email: string; name: string }[] = [
  {
    body: 'Eastbrook CLP',
    kind: 'clp',
    role: 'secretary',
    email: 'secretary@eastbrook.example',
    name: 'Eve Brook',
  },
  {
    body: 'Westmoor CLP',
    kind: 'clp',
    role: 'secretary',
    email: 'secretary@westmoor.example',
    name: 'Wes Moor',
  },
  { body: 'Arrangements', kind: 'cac', role: 'cac', email: 'cac@e2e.example', name: 'Cas Cac' },
  { body: 'Executive', kind: 'nec', role: 'nec', email: 'nec@e2e.example', name: 'Ned Nec' },
  {
    body: 'Conference Office',
    kind: 'officials',
    role: 'official',
    email: 'official@e2e.example',
    name: 'Ola Official',
  },
];
const [EASTBROOK, WESTMOOR, CAC, NEC, OFFICIAL] = PEOPLE.map((p) => p.email) as [
  string,
  string,
  string,
  string,
  string,
];

/** The real server on a free port with a fresh data directory and only the sample edition. */
async function startServer(): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = freshDataDir();
  const url = `http://localhost:${port}`;
  const started = await startServerProcess({
    port,
    dataDir,
    host: 'localhost',
    env: { ALLOWED_ORIGINS: url, REDLINE_SEED: 'edition' },
  });
  return {
    url,
    port,
    dataDir,
    process: started.process,
    output: started.output,
    stop: () => started.stop(),
  };
}

/** The administrator claims the account, then makes each body and invites its person. */
async function makePeople(): Promise<void> {
  const token = (await adminLink(server)).split('#/welcome/')[1];
  const link = await call<{ user: SessionUser }>(server.url, 'POST', '/api/auth/link', { token });
  expect(link.status).toBe(200);
  const set = await call(
    server.url,
    'POST',
    '/api/auth/password',
    { next: 'the e2e admin password' },
    sessionCookie(link.headers),
  );
  expect(set.status).toBe(204);
  const admin = sessionCookie(set.headers);
  for (const p of PEOPLE) {
    const body = await call<BodyView>(
      server.url,
      'POST',
      '/api/bodies',
      { name: p.body, kind: p.kind },
      admin,
    );
    expect(body.status, JSON.stringify(body.body)).toBe(201);
    const invite = await call<InviteCreated>(
      server.url,
      'POST',
      `/api/bodies/${body.body.id}/invites`,
      { role: p.role },
      admin,
    );
    expect(invite.status).toBe(201);
    const accepted = await call(server.url, 'POST', `/api/invites/${invite.body.token}/accept`, {
      name: p.name,
      email: p.email,
      password: DEMO_PASSWORD,
    });
    expect(accepted.status).toBe(204);
  }
}

const step = (who: string, id: string, request: ReturnType<typeof stepRequest>) =>
  apiAs<Motion>(server, who, 'POST', `/api/motions/${id}/transitions`, request);

/** A motion imported from motion text by a CLP secretary, taken to carried with card vote `card`. */
async function carried(secretary: string, title: string, text: string, card: number) {
  const bodies = await apiAs<BodyView[]>(server, secretary, 'GET', '/api/bodies');
  const own = bodies.find((b) => b.myRole === 'secretary');
  if (!own) throw new Error(`${secretary} is no body's secretary`);
  const motion = await apiAs<Motion>(server, secretary, 'POST', '/api/motions/import', {
    editionId: 'labour-2024',
    title,
    bodyId: own.id,
    text,
  });
  await step(secretary, motion.id, stepRequest('adopt'));
  await step(secretary, motion.id, stepRequest('submit'));
  return async () => {
    await step(CAC, motion.id, stepRequest('rule-in-order'));
    await step(NEC, motion.id, stepRequest('record-nec-position'));
    const done = await step(OFFICIAL, motion.id, {
      ...stepRequest('carry'),
      vote: exampleVote(true, card),
    });
    expect(done.state).toBe('carried');
    return motion.id;
  };
}

let fifth = '';
let oneYear = '';

beforeAll(async () => {
  ensureClientBuilt();
  server = await startServer();
  browser = await launchBrowser();
  await makePeople();
  // Both submitted before either is decided (a decided unit closes to submissions for years).
  const carryFifth = await carried(
    EASTBROOK,
    'One fifth of branches',
    'Chapter 5, Clause IV, Sub-clause 5.B.i — delete ‘one third’ and replace with ‘one fifth’.',
    8,
  );
  const carryYear = await carried(
    WESTMOOR,
    'Revisit after one year',
    'Chapter 3, Clause III, Sub-clause 4 — delete ‘three years’ and replace with ‘one year’.',
    3,
  );
  fifth = await carryFifth();
  oneYear = await carryYear();
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await stopE2e({ server, browser });
});

async function openAs(email: string, hash: string): Promise<Page> {
  const context = await signedInContext(browser, server, email);
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${server.url}/${hash}`);
  return page;
}

describe('consolidation in the browser', () => {
  it('shows no consolidation panel to a CLP secretary', async () => {
    const page = await openAs(EASTBROOK, '#/rulebook/labour-2024');
    await page.locator('h1', { hasText: 'Rule Book 2024' }).waitFor();
    await page.locator('[data-path="5.IV.5.B.i"]').waitFor();
    expect(await page.getByTestId('consolidate-panel').count()).toBe(0);
  });

  it('an official consolidates the carried motions and sees the new edition with its history and redline', async () => {
    const page = await openAs(OFFICIAL, '#/rulebook/labour-2024');
    const panel = page.getByTestId('consolidate-panel');
    await panel.waitFor();
    // Conference order: card vote 3 before card vote 8, whatever the order of submission.
    await expect
      .poll(() => panel.getByTestId('consolidate-motion').allTextContents(), POLL)
      .toEqual([
        `Card vote 3 Revisit after one year (Westmoor CLP) · Conference ${YEAR} · CARRIED · 3.III.4`,
        `Card vote 8 One fifth of branches (Eastbrook CLP) · Conference ${YEAR} · CARRIED · 5.IV.5.B.i`,
      ]);
    expect(await page.locator('#consolidate-id').inputValue()).toBe('labour-2025');
    expect(await page.locator('#consolidate-edition').inputValue()).toBe('2025');
    await panel.screenshot({ path: join(SCREENSHOTS, 'consolidation-panel.png') });

    await page.getByTestId('consolidate-button').click();
    await page.waitForFunction(() => location.hash === '#/rulebook/labour-2025');
    await page.locator('h1', { hasText: 'Rule Book 2025' }).waitFor();

    const summary = page.getByTestId('amendments-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Consolidated from Rule Book 2024');
    await summary.screenshot({ path: join(SCREENSHOTS, 'consolidation-summary.png') });
    expect(await summary.getByTestId('amendment-line').allTextContents()).toEqual([
      `Conference ${YEAR}, card vote 3 — Revisit after one year (Westmoor CLP) — CARRIED. Changes 3.III.4`,
      `Conference ${YEAR}, card vote 8 — One fifth of branches (Eastbrook CLP) — CARRIED. Changes 5.IV.5.B.i`,
    ]);

    const unit = page.locator('[data-path="5.IV.5.B.i"]');
    // The incorporated motion cited the 2024 edition: it marks no unit of this one.
    expect(await unit.getByTestId('touch-count').count()).toBe(0);
    expect(await unit.locator('.unit-text').first().textContent()).toContain('one fifth');
    const history = unit.getByTestId('unit-history-line');
    expect(await history.allTextContents()).toEqual([
      `Amended by Conference ${YEAR}, card vote 8 — One fifth of branches (Eastbrook CLP)`,
    ]);
    expect(await history.locator('a').getAttribute('href')).toBe(`#/motions/${fifth}`);
    // An unchanged unit has no history and no redline.
    const untouched = page.locator('[data-path="5.IV.5.B"]');
    expect(await untouched.locator(':scope > [data-testid="unit-history"]').count()).toBe(0);

    await page.getByTestId('show-changes').check();
    const change = unit.locator(':scope > .unit-row [data-testid="unit-change"]');
    await change.waitFor();
    expect(await change.getAttribute('data-kind')).toBe('changed');
    expect(await change.locator('del').allTextContents()).toEqual(['third']);
    expect(await change.locator('ins').allTextContents()).toEqual(['fifth']);
    // Struck through and underlined, as the redline everywhere else.
    expect(
      await change.locator('del').evaluate((e) => getComputedStyle(e).textDecorationLine),
    ).toBe('line-through');
    expect(
      await change.locator('ins').evaluate((e) => getComputedStyle(e).textDecorationLine),
    ).toBe('underline');
    const changed = await page
      .locator('[data-testid="unit-change"]')
      .evaluateAll((els) => els.map((e) => e.closest('[data-path]')?.getAttribute('data-path')));
    expect(changed).toEqual(['3.III.4', '5.IV.5.B.i']);
    await unit.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'consolidation-edition.png') });

    // The motions are incorporated, and the base edition has nothing left to consolidate.
    for (const id of [fifth, oneYear]) {
      const motion = await apiAs<Motion>(server, OFFICIAL, 'GET', `/api/motions/${id}`);
      expect(motion.state).toBe('incorporated');
    }
    await page.goto(`${server.url}/#/rulebook/labour-2024`);
    await page.locator('h1', { hasText: 'Rule Book 2024' }).waitFor();
    await page.locator('[data-path="5.IV.5.B.i"]').waitFor();
    expect(await page.getByTestId('consolidate-panel').count()).toBe(0);
  });
});
