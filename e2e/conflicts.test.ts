/**
 * The conflicts panel in a real browser: Anytown's secretary opens a motion, opens the panel by
 * keyboard, and sees each overlapping motion (a link) with the shared unit side by side — the
 * base, this motion's redline, the other's — then the verdict: both can apply with the merged
 * text, or the clashing words and which falls. The motions are made here through the API, with
 * unique titles, so the seeded motions (which may overlap too) do not matter.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Motion } from '../schemas/api';
import {
  POLL,
  SCREENSHOTS,
  apiAs,
  signedInContext,
  startE2e,
  stopE2e,
  type RunningServer,
} from './harness';

const SECRETARY = 'secretary@anytown.example';
const B_II = 'Chapter 5, Clause IV, Sub-clause 5.B.ii';
const BASE =
  'one third or more of the affiliated branches in the CLP vote in favour of a full selection.';
const RUN = Date.now().toString(36);

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const ids = { main: '', clash: '', merge: '' };
const titles = {
  main: `A fifth of affiliates ${RUN}`,
  clash: `A quarter of affiliates ${RUN}`,
  merge: `Open selection for affiliates ${RUN}`,
};

async function imported(title: string, change: string): Promise<string> {
  const motion = await apiAs<Motion>(server, SECRETARY, 'POST', '/api/motions/import', {
    editionId: 'labour-2024',
    title,
    bodyId: 'anytown-clp',
    text: `${B_II} — ${change}.`,
  });
  return motion.id;
}

/** The text of each column of a shared unit, and its inserted and deleted words. */
function columns(unit: Locator) {
  return unit.getByTestId('conflict-column').evaluateAll((cols) =>
    cols.map((c) => ({
      head: c.querySelector('.conflict-col-name')?.textContent,
      caption: c.querySelector('.conflict-col-caption')?.textContent,
      ins: [...c.querySelectorAll('ins')].map((e) => e.textContent),
      del: [...c.querySelectorAll('del')].map((e) => e.textContent),
      text: c.querySelector('.conflict-text')?.textContent?.replace(/\s+/g, ' ').trim() ?? null,
    })),
  );
}

beforeAll(async () => {
  ({ server, browser } = await startE2e());
  ids.main = await imported(titles.main, 'delete ‘one third’ and replace with ‘one fifth’');
  ids.clash = await imported(titles.clash, 'delete ‘one third’ and replace with ‘one quarter’');
  ids.merge = await imported(
    titles.merge,
    'delete ‘a full selection’ and replace with ‘an open selection’',
  );
  context = await signedInContext(browser, server, SECRETARY);
  page = await context.newPage();
}, 120_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await stopE2e({ server, browser });
});

describe('the conflicts panel', () => {
  it('opens by keyboard and lists the overlapping motions', async () => {
    await page.goto(`${server.url}/#/motions/${ids.main}`);
    const toggle = page.getByTestId('conflicts-toggle');
    await toggle.waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    // Nothing is loaded until the panel opens.
    expect(await page.getByTestId('conflict').count()).toBe(0);
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.getByTestId('conflicts-summary').waitFor();

    const listed = await page
      .getByTestId('conflict')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-motion')));
    expect(listed).toContain(ids.clash);
    expect(listed).toContain(ids.merge);
    expect(listed).not.toContain(ids.main);
    const link = page.locator(`[data-testid="conflict"][data-motion="${ids.clash}"] h3 a`);
    expect(await link.textContent()).toBe(titles.clash);
    expect(await link.getAttribute('href')).toBe(`#/motions/${ids.clash}`);
  });

  it('shows a clash side by side, the words, and that whichever carries first stands', async () => {
    const clash = page.locator(`[data-testid="conflict"][data-motion="${ids.clash}"]`);
    const unit = clash.locator('[data-testid="conflict-unit"][data-path="5.IV.5.B.ii"]');
    await unit.waitFor();
    expect(await columns(unit)).toEqual([
      { head: 'Base', caption: 'Current text', ins: [], del: [], text: BASE },
      {
        head: 'This motion',
        caption: 'Amended',
        ins: ['fifth'],
        del: ['third'],
        text: BASE.replace('third', 'third fifth'),
      },
      {
        head: titles.clash,
        caption: 'Amended',
        ins: ['quarter'],
        del: ['third'],
        text: BASE.replace('third', 'third quarter'),
      },
    ]);
    const verdict = unit.getByTestId('conflict-verdict');
    expect(await verdict.getAttribute('data-verdict')).toBe('conflict');
    expect(await verdict.textContent()).toBe(
      `Conflict: “${titles.main}” and “${titles.clash}” change the same words: “third” becomes “fifth” in “${titles.main}” but “quarter” in “${titles.clash}”`,
    );
    expect(await clash.getByTestId('conflict-falls').textContent()).toBe(
      'Whichever carries first stands; the other falls.',
    );
  });

  it('shows a motion on other words of the unit as one that can apply, with the merged text', async () => {
    const merge = page.locator(`[data-testid="conflict"][data-motion="${ids.merge}"]`);
    const verdict = merge.getByTestId('conflict-verdict');
    expect(await verdict.getAttribute('data-verdict')).toBe('merged');
    expect((await verdict.textContent())?.replace(/\s+/g, ' ')).toBe(
      'Both can apply: one third fifth or more of the affiliated branches in the CLP vote in favour of a full an open selection.',
    );
    expect(await verdict.locator('ins').allTextContents()).toEqual(['fifth', 'an open']);
    expect(await verdict.locator('del').allTextContents()).toEqual(['third', 'a full']);
    expect(await merge.getByTestId('conflict-falls').count()).toBe(0);
    expect(await merge.locator('.conflict-badge').textContent()).toBe('Both can apply');

    // The whole panel, from the page (an element shot would scroll it under the sticky bar).
    await page.evaluate(() => window.scrollTo(0, 0));
    const box = await page.getByTestId('conflicts').boundingBox();
    expect(box).not.toBeNull();
    await page.screenshot({
      path: join(SCREENSHOTS, 'conflicts.png'),
      fullPage: true,
      clip: box ?? undefined,
    });
  });

  it('closes again, and follows the link to the other motion', async () => {
    const toggle = page.getByTestId('conflicts-toggle');
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => page.getByTestId('conflict').count(), POLL).toBe(0);

    await page.keyboard.press('Enter');
    const link = page.locator(`[data-testid="conflict"][data-motion="${ids.clash}"] h3 a`);
    await link.click();
    await expect
      .poll(() => page.evaluate(() => window.location.hash), POLL)
      .toBe(`#/motions/${ids.clash}`);
    await expect.poll(() => page.getByTestId('motion-title').inputValue(), POLL).toBe(titles.clash);
  });
});
