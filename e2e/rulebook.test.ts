/** The rulebook browser in a real browser: navigation, search, deep links. */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiUnit, Edition, EditionSummary } from '../schemas/api';
import {
  SCREENSHOTS,
  apiAs,
  type RunningServer,
  signedInContext,
  startE2e,
  stopE2e,
} from './harness';

let server: RunningServer;
let browser: Browser;
let page: Page;
let edition: Edition;

function deepest(units: readonly ApiUnit[]): ApiUnit | undefined {
  for (const u of units) {
    if (u.depth >= 3 && u.kind === 'unit') return u;
    const inner = deepest(u.children);
    if (inner) return inner;
  }
  return undefined;
}

beforeAll(async () => {
  ({ server, browser } = await startE2e());
  const member = 'member@anytown.example';
  const [summary] = await apiAs<EditionSummary[]>(server, member, 'GET', '/api/editions');
  if (!summary) throw new Error('The server has no editions');
  edition = await apiAs<Edition>(server, member, 'GET', `/api/editions/${summary.id}`);
  const context = await signedInContext(browser, server, member, {
    viewport: { width: 1280, height: 860 },
  });
  page = await context.newPage();
}, 120_000);

afterAll(async () => {
  await stopE2e({ server, browser });
});

describe('rulebook browser', () => {
  it('navigates chapters and clauses from the side navigation', async () => {
    await page.goto(`${server.url}/#/rulebook/${edition.id}`);
    const chapter = edition.chapters[0];
    if (!chapter) throw new Error('The edition has no chapters');
    await page
      .locator('.toc a', { hasText: `Chapter ${chapter.label}` })
      .first()
      .click();
    await page.locator(`[id="unit-${chapter.path}"].is-target`).waitFor();
    expect(await page.evaluate(() => location.hash)).toBe(
      `#/rulebook/${edition.id}/${chapter.path}`,
    );
  });

  it('searches, highlights matches and opens a result with the keyboard', async () => {
    await page.getByTestId('search').fill('trigger ballot');
    await page.locator('[data-testid="search-results"] mark').first().waitFor();
    expect(
      (
        await page.locator('[data-testid="search-results"] mark').first().textContent()
      )?.toLowerCase(),
    ).toContain('trigger');
    const path = await page
      .locator('[data-testid="search-results"] [role="option"]')
      .nth(1)
      .locator('.hit-path')
      .textContent();
    await page.getByTestId('search').press('ArrowDown');
    await page.getByTestId('search').press('Enter');
    await page.locator(`[id="unit-${path}"].is-target`).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'rulebook-search.png') });
  });

  it('highlights and scrolls to a deep-linked unit', async () => {
    const unit = deepest(edition.chapters);
    if (!unit) throw new Error('The edition has no deep unit');
    await page.goto(`${server.url}/#/rulebook/${edition.id}/${unit.path}`);
    await page.reload();
    const el = page.locator(`[id="unit-${unit.path}"]`);
    await page.locator(`[id="unit-${unit.path}"].is-target`).waitFor();
    const box = await el.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(860);
    await page.screenshot({ path: join(SCREENSHOTS, 'rulebook-deep-link.png') });
  });
});
