/**
 * The motions dashboard in a real browser. The test drives five motions of its own (a unique
 * word in every title) through the workflow by API, with the records each step needs: a draft,
 * a withdrawn submission, one ruled out of order, one carried and one not carried. It then
 * filters to them and checks rows, counts, sorting, the URL as the view's link (reload and Back
 * restore it, typing adds no history entries), the empty state and the row links. Seeded demo
 * motions change under other work, so nothing here counts them.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AmendmentView,
  Edition,
  Motion,
  MotionSummary,
  TransitionRequest,
} from '../schemas/api';
import { motionDocumentName } from '../schemas/collab';
import { amendmentText, connect, waitFor, waitSaved } from '../server/test/collab-client';
import { EXAMPLE_MEETING, exampleVote, stepRequest } from '../server/test/steps';
import {
  POLL,
  SCREENSHOTS,
  apiAs,
  sessionOf,
  signedInContext,
  startE2e,
  stopE2e,
  type RunningServer,
} from './harness';

const ANYTOWN = 'secretary@anytown.example';
const RIVERSIDE = 'secretary@riverside.example';
const HILLSIDE = 'secretary@hillside.example';
const CAC = 'cac@conference.example';
const NEC = 'nec@conference.example';
const NEC_MEETING = {
  ...stepRequest('adopt'),
  meeting: { ...EXAMPLE_MEETING, meeting: 'NEC meeting' },
};
const OFFICIAL = 'official@conference.example';

/** In every title of this run, so filters can find exactly our motions among the seeded ones. */
const TOKEN = `dash${randomBytes(3).toString('hex')}`;
/** The NEC's own motion: an alternative, not one of the five (its title lacks TOKEN). */
const NEC_MOTION = { id: '', title: `NEC ${randomBytes(3).toString('hex')}: its own rule change` };
const OUT_OF_ORDER_REASON = `Not a rule change (${TOKEN})`;

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

/** Our motions by role in the story: ids, titles, and the conference year they went to. */
const M = {
  draft: { id: '', title: `${TOKEN} Draft: lapsed members` },
  withdrawn: { id: '', title: `${TOKEN} Withdrawn: reduced rates` },
  outOfOrder: { id: '', title: `${TOKEN} Out of order: rights of members` },
  carried: { id: '', title: `${TOKEN} Carried: a rate for under-27s` },
  lost: { id: '', title: `${TOKEN} Not carried: subscription allocation` },
};
let year = 0;
/** The clause our motions amend, and the five units of it they touch (in rulebook order). */
let clause = '';
let U: string[] = [];

async function create(email: string, bodyId: string, title: string): Promise<string> {
  const motion = await apiAs<Motion>(server, email, 'POST', '/api/motions', {
    editionId: 'labour-2024',
    title,
    bodyId,
  });
  return motion.id;
}

/** Adds an amendment of `target`; with `change`, also really changes its text in the room. */
async function amend(email: string, id: string, target: string, change = true): Promise<void> {
  const added = await apiAs<AmendmentView>(server, email, 'POST', `/api/motions/${id}/amendments`, {
    kind: 'amend',
    target,
  });
  if (!change) return;
  const client = connect(server.url, motionDocumentName(id), await sessionOf(server, email));
  try {
    await waitFor(() => amendmentText(client.doc, added.id) !== null, 10_000, 'the amendment text');
    amendmentText(client.doc, added.id)?.insert(0, 'Amended. ');
    await waitSaved(client);
  } finally {
    client.destroy();
  }
}

const step = (email: string, id: string, request: TransitionRequest) =>
  apiAs<Motion>(server, email, 'POST', `/api/motions/${id}/transitions`, request);

/**
 * Gives a body its allowance back if the demo seed has used it: its live submissions that can be
 * withdrawn are withdrawn (a withdrawal returns the allowance). Seeded motions are not ours to
 * count, but the seed may change, and our submissions must not depend on what it submits.
 */
async function freeAllowance(email: string, bodyId: string): Promise<void> {
  const motions = await apiAs<MotionSummary[]>(server, email, 'GET', '/api/motions');
  for (const m of motions) {
    if (m.bodyId !== bodyId || !['submitted', 'in-order', 'nec-position'].includes(m.state)) {
      continue;
    }
    await step(email, m.id, stepRequest('withdraw', 'Making room for the dashboard test'));
  }
}

const overlaps = (a: string, b: string) =>
  a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);

/**
 * A clause no motion on show touches, with its first five units. The demo seed decides motions,
 * and under the three-year rule a decided unit cannot be amended again for years: our motions
 * keep clear of whatever the seed holds today.
 */
async function freeClause(): Promise<{ clause: string; units: string[] }> {
  const edition = await apiAs<Edition>(server, ANYTOWN, 'GET', '/api/editions/labour-2024');
  const motions = await apiAs<MotionSummary[]>(server, ANYTOWN, 'GET', '/api/motions');
  const touched = motions.flatMap((m) => m.units);
  for (const chapter of edition.chapters) {
    for (const c of chapter.children) {
      const units = c.children.filter((u) => u.text.trim() !== '').map((u) => u.path);
      if (units.length >= 5 && !touched.some((t) => overlaps(t, c.path))) {
        return { clause: c.path, units: units.slice(0, 5) };
      }
    }
  }
  throw new Error('No clause of labour-2024 is free of motions for the dashboard test');
}

/** Drafts, adopts and submits a motion that changes `target`; answers its id. */
async function submitted(email: string, bodyId: string, title: string, target: string) {
  const id = await create(email, bodyId, title);
  await amend(email, id, target);
  await step(email, id, stepRequest('adopt'));
  const motion = await step(email, id, stepRequest('submit'));
  expect(motion.state).toBe('submitted');
  return { id, year: motion.progress.year };
}

beforeAll(async () => {
  ({ server, browser } = await startE2e());
  await freeAllowance(ANYTOWN, 'anytown-clp');
  await freeAllowance(RIVERSIDE, 'riverside-clp');
  await freeAllowance(HILLSIDE, 'hillside-blp');
  ({ clause, units: U } = await freeClause());
  const [u1, u2, u3, u4, u5] = U as [string, string, string, string, string];

  // Anytown: a draft, a submission withdrawn (which gives the allowance back), then one carried.
  M.draft.id = await create(ANYTOWN, 'anytown-clp', M.draft.title);
  await amend(ANYTOWN, M.draft.id, u5, false);
  const withdrawn = await submitted(ANYTOWN, 'anytown-clp', M.withdrawn.title, u2);
  M.withdrawn.id = withdrawn.id;
  year = withdrawn.year ?? 0;
  expect(year).toBeGreaterThan(2000);
  await step(ANYTOWN, M.withdrawn.id, stepRequest('withdraw', 'Superseded'));
  M.carried.id = (await submitted(ANYTOWN, 'anytown-clp', M.carried.title, u1)).id;
  M.outOfOrder.id = (await submitted(RIVERSIDE, 'riverside-clp', M.outOfOrder.title, u4)).id;
  M.lost.id = (await submitted(HILLSIDE, 'hillside-blp', M.lost.title, u3)).id;

  // The NEC's alternative on the same unit as Hillside's motion, submitted so all may read it.
  NEC_MOTION.id = await create(NEC, 'nec', NEC_MOTION.title);
  await amend(NEC, NEC_MOTION.id, u3);
  await step(NEC, NEC_MOTION.id, NEC_MEETING);
  await step(NEC, NEC_MOTION.id, stepRequest('submit'));

  // Every submission is in before any decision, so the three-year rule never blocks one of ours.
  await step(CAC, M.outOfOrder.id, stepRequest('rule-out-of-order', OUT_OF_ORDER_REASON));
  await step(CAC, M.carried.id, stepRequest('rule-in-order'));
  await step(CAC, M.lost.id, stepRequest('rule-in-order'));
  await step(NEC, M.carried.id, stepRequest('record-nec-position'));
  await step(NEC, M.lost.id, {
    ...stepRequest('record-nec-position'),
    position: { position: 'alternative', alternative: NEC_MOTION.id },
  });
  await step(OFFICIAL, M.carried.id, { ...stepRequest('carry'), vote: exampleVote(true, 7) });
  await step(OFFICIAL, M.lost.id, { ...stepRequest('lose'), vote: exampleVote(false, 8) });

  context = await signedInContext(browser, server, ANYTOWN);
  page = await context.newPage();
}, 180_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await stopE2e({ server, browser });
});

const dashboardUrl = (query = '') => `${server.url}/#/dashboard${query ? `?${query}` : ''}`;

/** The titles of the rows shown, top to bottom. */
function rowTitles(p: Page = page): Promise<string[]> {
  return p
    .getByTestId('dashboard-row')
    .evaluateAll((rows) => rows.map((r) => r.querySelector('th a')?.textContent ?? ''));
}

/** The text of one cell of our motion's row. */
function cell(motion: { id: string }, name: string): Promise<string | null> {
  return page
    .locator(`[data-testid="dashboard-row"][data-motion="${motion.id}"] [data-cell="${name}"]`)
    .textContent();
}

/** The count on each state button, as `state count` (only states with motions). */
async function counts(p: Page = page): Promise<Record<string, number>> {
  const entries = await p
    .getByTestId('state-count')
    .evaluateAll((buttons) =>
      buttons.map((b) => [
        b.getAttribute('data-state') ?? '',
        Number(b.querySelector('.dash-state-count')?.textContent),
      ]),
    );
  return Object.fromEntries(entries.filter(([, n]) => n !== 0));
}

const stateButton = (state: string) =>
  page.locator(`[data-testid="state-count"][data-state="${state}"]`);
const hash = () => page.evaluate(() => window.location.hash);
const countLine = () => page.getByTestId('dashboard-count').textContent();
/** "2.V.1" as the profile cites it, for the chip's title. */
function citation(path: string): string {
  const [chapter, clauseLabel, ...units] = path.split('.');
  return `Chapter ${chapter}, Clause ${clauseLabel}, Sub-clause ${units.join('.')}`;
}
const titles = (...ms: { title: string }[]) => ms.map((m) => m.title);

describe('the motions dashboard', () => {
  it('is in the header and lists every motion with its progress', async () => {
    await page.goto(`${server.url}/#/`);
    const link = page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Dashboard' });
    await link.click();
    await page.getByTestId('dashboard-table').waitFor();
    expect(await link.getAttribute('aria-current')).toBe('page');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Dashboard');
    // Our five are among them (seeded motions too; not counted here).
    await expect
      .poll(() => rowTitles(), POLL)
      .toEqual(expect.arrayContaining(titles(...Object.values(M))));
    expect(await countLine()).toMatch(/^(\d+) of \1 motions$/);

    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-all.png'), fullPage: true });

    await page.locator('#dash-search').fill(TOKEN);
    await expect.poll(() => countLine(), POLL).toMatch(/^5 of \d+ motions$/);
    // Newest change first by default: the last steps were the votes.
    expect(await rowTitles()).toEqual(
      titles(M.lost, M.carried, M.outOfOrder, M.withdrawn, M.draft),
    );

    expect(await cell(M.carried, 'state')).toBe('Carried');
    expect(await cell(M.carried, 'units')).toBe(U[0]);
    expect(await cell(M.carried, 'ruling')).toBe('Ruled in order');
    expect(await cell(M.carried, 'position')).toBe('Support');
    expect(await cell(M.carried, 'result')).toBe(
      'Card vote 7 — 60.00% for, 40.00% against — CARRIED',
    );
    expect(await cell(M.carried, 'year')).toBe(String(year));
    expect(await cell(M.carried, 'body')).toBe('Anytown CLP');

    expect(await cell(M.lost, 'state')).toBe('Not carried');
    expect(await cell(M.lost, 'body')).toBe('Hillside Branch Labour Party');
    // An NEC alternative links to the NEC's own motion.
    expect(await cell(M.lost, 'position')).toBe(`NEC alternative: ${NEC_MOTION.title}`);
    const alternative = page.locator(`[data-motion="${M.lost.id}"] [data-cell="position"] a`);
    expect(await alternative.getAttribute('href')).toBe(`#/motions/${NEC_MOTION.id}`);
    expect(await cell(M.lost, 'result')).toBe(
      'Card vote 8 — 35.00% for, 65.00% against — NOT CARRIED',
    );

    // The ruling's reason is shown, and is the cell's title too.
    expect(await cell(M.outOfOrder, 'ruling')).toBe(`Ruled out of order${OUT_OF_ORDER_REASON}`);
    const ruling = page.locator(
      `[data-testid="dashboard-row"][data-motion="${M.outOfOrder.id}"] [data-cell="ruling"] [title]`,
    );
    expect(await ruling.getAttribute('title')).toBe(OUT_OF_ORDER_REASON);
    expect(await cell(M.outOfOrder, 'result')).toBe('—');

    expect(await cell(M.withdrawn, 'state')).toBe('Withdrawn');
    expect(await cell(M.draft, 'state')).toBe('Draft');
    expect(await cell(M.draft, 'year')).toBe('—');
    expect(await cell(M.draft, 'units')).toBe(U[4]);
    expect(
      await page
        .locator(`[data-motion="${M.draft.id}"] [data-cell="units"] .chip`)
        .getAttribute('title'),
    ).toBe(citation(U[4] ?? ''));
  });

  it('counts per state under the other filters, and filters by state on a click', async () => {
    await expect
      .poll(() => counts(), POLL)
      .toEqual({
        draft: 1,
        withdrawn: 1,
        'out-of-order': 1,
        carried: 1,
        'not-carried': 1,
      });
    const historyBefore = await page.evaluate(() => window.history.length);

    await stateButton('carried').click();
    expect(await stateButton('carried').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => rowTitles(), POLL).toEqual(titles(M.carried));
    await stateButton('not-carried').click();
    await expect.poll(() => rowTitles(), POLL).toEqual(titles(M.lost, M.carried));
    expect(await countLine()).toMatch(/^2 of \d+ motions$/);
    // The counts say what choosing a state would show: the state filter does not change them.
    expect(await counts()).toEqual({
      draft: 1,
      withdrawn: 1,
      'out-of-order': 1,
      carried: 1,
      'not-carried': 1,
    });
    expect(await stateButton('draft').getAttribute('aria-pressed')).toBe('false');

    // The URL holds the view, and changing it made no new history entries.
    await expect.poll(() => hash(), POLL).toBe(`#/dashboard?state=carried,not-carried&q=${TOKEN}`);
    expect(await page.evaluate(() => window.history.length)).toBe(historyBefore);

    // A second click takes a state out again.
    await stateButton('carried').click();
    await expect.poll(() => rowTitles(), POLL).toEqual(titles(M.lost));
    await stateButton('not-carried').click();
    await expect.poll(() => rowTitles(), POLL).toHaveLength(5);
  });

  it('sorts by a column header, both ways, with aria-sort on the header', async () => {
    const header = (column: string) => page.locator(`th[data-column="${column}"]`);
    expect(await header('updated').getAttribute('aria-sort')).toBe('descending');

    await header('title').getByRole('button').click();
    await expect.poll(() => header('title').getAttribute('aria-sort'), POLL).toBe('ascending');
    expect(await header('updated').getAttribute('aria-sort')).toBeNull();
    const byTitle = titles(...Object.values(M)).sort((a, b) => a.localeCompare(b, 'en-GB'));
    expect(await rowTitles()).toEqual(byTitle);

    await header('title').getByRole('button').click();
    await expect.poll(() => header('title').getAttribute('aria-sort'), POLL).toBe('descending');
    expect(await rowTitles()).toEqual([...byTitle].reverse());

    // By result: highest share for first; motions without a vote after them.
    await header('result').getByRole('button').click();
    await expect.poll(() => header('result').getAttribute('aria-sort'), POLL).toBe('descending');
    expect((await rowTitles()).slice(0, 2)).toEqual(titles(M.carried, M.lost));

    // By units touched, in rulebook order (U[0] … U[4]).
    await header('units').getByRole('button').click();
    await expect.poll(() => header('units').getAttribute('aria-sort'), POLL).toBe('ascending');
    expect(await rowTitles()).toEqual(
      titles(M.carried, M.withdrawn, M.lost, M.outOfOrder, M.draft),
    );
    await expect.poll(() => hash(), POLL).toBe(`#/dashboard?q=${TOKEN}&sort=units`);
  });

  it('filters by body, unit prefix, edition and year', async () => {
    await page.locator('#dash-body').selectOption('riverside-clp');
    await expect.poll(() => rowTitles(), POLL).toEqual(titles(M.outOfOrder));
    await page.locator('#dash-body').selectOption('');

    // The clause holds all five units; one unit, one motion.
    await page.locator('#dash-unit').fill(clause);
    await expect
      .poll(() => rowTitles(), POLL)
      .toEqual(titles(M.carried, M.withdrawn, M.lost, M.outOfOrder, M.draft));
    await page.locator('#dash-unit').fill(U[2] ?? '');
    await expect.poll(() => rowTitles(), POLL).toEqual(titles(M.lost));
    // Within the unit filter, the counts follow it.
    expect(await counts()).toEqual({ 'not-carried': 1 });
    await page.locator('#dash-unit').fill('');

    await page.locator('#dash-year').selectOption(String(year));
    await expect.poll(() => rowTitles(), POLL).toHaveLength(4);
    expect(await rowTitles()).not.toContain(M.draft.title);

    await page.locator('#dash-edition').selectOption('labour-2024');
    await expect
      .poll(() => hash(), POLL)
      .toBe(`#/dashboard?edition=labour-2024&q=${TOKEN}&year=${year}&sort=units`);
    expect(await rowTitles()).toHaveLength(4);
  });

  it('keeps the view in the URL: a reload shows the same rows, controls and sort', async () => {
    await stateButton('carried').click();
    await stateButton('withdrawn').click();
    await page.locator('th[data-column="title"]').getByRole('button').click();
    const expected = titles(M.carried, M.withdrawn);
    await expect.poll(() => rowTitles(), POLL).toEqual(expected);
    const link = `#/dashboard?state=carried,withdrawn&edition=labour-2024&q=${TOKEN}&year=${year}&sort=title`;
    await expect.poll(() => hash(), POLL).toBe(link);

    await page.reload();
    await page.getByTestId('dashboard-table').waitFor();
    await expect.poll(() => rowTitles(), POLL).toEqual(expected);
    expect(await page.locator('#dash-search').inputValue()).toBe(TOKEN);
    expect(await page.locator('#dash-year').inputValue()).toBe(String(year));
    expect(await page.locator('#dash-edition').inputValue()).toBe('labour-2024');
    expect(await stateButton('carried').getAttribute('aria-pressed')).toBe('true');
    expect(await stateButton('withdrawn').getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('th[data-column="title"]').getAttribute('aria-sort')).toBe(
      'ascending',
    );
    expect(await hash()).toBe(link);

    // The same link opened in another tab (a colleague's) shows the same view.
    const other = await context.newPage();
    await other.goto(`${server.url}/${link}`);
    await other.getByTestId('dashboard-table').waitFor();
    await expect.poll(() => rowTitles(other), POLL).toEqual(expected);
    await other.close();

    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard.png'), fullPage: true });
  });

  it('says when nothing matches, and clears the filters on request', async () => {
    await page.goto(dashboardUrl(`q=${TOKEN}-nothing`));
    await page.getByTestId('dashboard-empty').waitFor();
    expect(await page.getByTestId('dashboard-row').count()).toBe(0);
    expect(await countLine()).toMatch(/^0 of \d+ motions$/);
    await page
      .getByTestId('dashboard-empty')
      .getByRole('button', { name: 'Clear filters' })
      .click();
    await page.getByTestId('dashboard-table').waitFor();
    await expect.poll(() => countLine(), POLL).toMatch(/^(\d+) of \1 motions$/);
    // The keyboard stays in the filters, and the URL is back to the plain dashboard.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('dash-search');
    await expect.poll(() => hash(), POLL).toBe('#/dashboard');
  });

  it('opens a motion from its row, and Back returns to the same view', async () => {
    await page.goto(dashboardUrl(`state=carried&q=${TOKEN}`));
    await expect.poll(() => rowTitles(), POLL).toEqual(titles(M.carried));
    await page.getByRole('link', { name: M.carried.title }).click();
    await page.getByTestId('progress').waitFor();
    expect(await hash()).toBe(`#/motions/${M.carried.id}`);
    expect(await page.getByTestId('workspace-state').textContent()).toBe('Carried');

    await page.goBack();
    await page.getByTestId('dashboard-table').waitFor();
    await expect.poll(() => rowTitles(), POLL).toEqual(titles(M.carried));
    expect(await hash()).toBe(`#/dashboard?state=carried&q=${TOKEN}`);
  });
});
