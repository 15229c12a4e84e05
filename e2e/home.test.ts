/**
 * The start page in a real browser, signed in through the form as an Anytown member: the motions
 * with their body and state, importing text with problems and then as agreed (kept as submitted),
 * and starting a motion.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOTS, type RunningServer, signIn, startE2e, stopE2e, POLL } from './harness';

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ server, browser } = await startE2e());
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  await signIn(page, server.url, 'member@anytown.example');
}, 120_000);

afterAll(async () => {
  await stopE2e({ server, browser });
});

describe('home', () => {
  it('lists the motions the member may see, with body and state', async () => {
    await page.getByTestId('motion-list').waitFor();
    const items = page.locator('[data-testid="motion-list"] li');
    const rows = await items.evaluateAll((lis) =>
      lis.map((li) => ({
        body: li.querySelector('[data-testid="motion-body"]')?.textContent,
        state: li.querySelector('[data-testid="motion-state"]')?.textContent,
      })),
    );
    // Anytown's own draft, and Northfield's submitted motion (public once submitted); not the
    // other CLPs' drafts.
    expect(rows).toContainEqual({ body: 'Anytown CLP', state: 'Draft' });
    expect(rows).toContainEqual({ body: 'Northfield CLP', state: 'Submitted' });
    expect(rows.map((r) => r.body)).not.toContain('Riverside CLP');
    // Only the bodies where the member drafts are offered.
    await expect
      .poll(() => page.locator('#new-body option').allTextContents(), POLL)
      .toEqual(['Anytown CLP']);
    await expect
      .poll(() => page.locator('#import-body option').allTextContents(), POLL)
      .toEqual(['Anytown CLP']);
    await page.screenshot({ path: join(SCREENSHOTS, 'home.png'), fullPage: true });
  });

  it('shows the server’s diagnostics with line:column when imported text cannot apply, then keeps the corrected text as submitted', async () => {
    await page.goto(`${server.url}/#/`);
    await page.getByTestId('motion-list').waitFor();
    await page
      .locator('#import-text')
      .fill("Chapter 5, Clause IV, Sub-clause 99 — delete 'foo' and replace with 'bar'");
    await page.locator('[data-testid="import-motion"] button[type="submit"]').click();
    const diag = page.locator('[data-testid="import-motion"] .diag').first();
    await diag.waitFor();
    expect(await diag.locator('.diag-place').textContent()).toMatch(/^\d+:\d+$/);
    await page.locator('[data-testid="import-motion"] [role="alert"]').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'home-import.png'), fullPage: true });

    // Corrected as the meeting agreed it, and imported: the motion keeps that wording word for
    // word ('one third', both quote styles, the tab and trailing spaces), beside the motion text
    // the draft rewords in the profile's style ('third').
    const submitted = [
      'Trigger ballots: a lower threshold',
      '',
      'Chapter 5, Clause IV, Sub-clause 5.B.i — delete ‘one third’ and replace with ‘one fifth’.',
      "Chapter 5, Clause IV, Sub-clause 5.B.ii — delete 'one third' and replace with 'one fifth'.  ",
      '',
      'Supporting argument',
      '',
      'A third\tis too high a bar.',
    ].join('\n');
    // The refused text is shown read-only with its problems on it; editing it is one step away.
    await page.getByTestId('import-annotated').waitFor();
    await page.getByRole('button', { name: 'Edit the text', exact: true }).click();
    await page.locator('#import-edition').selectOption('labour-2024');
    await page.locator('#import-text').fill(submitted);
    await page.locator('[data-testid="import-motion"] button[type="submit"]').click();
    await page.waitForFunction(() => location.hash.startsWith('#/motions/'));
    const asSubmitted = page.getByTestId('submitted-text');
    await asSubmitted.waitFor();
    expect(await asSubmitted.textContent()).toBe(submitted);
    await page.getByRole('heading', { name: 'Text as submitted' }).waitFor();
    await page
      .locator('[data-testid="motion-text"]', {
        hasText: '5.B.ii — delete ‘one third’ and replace with ‘one fifth’',
      })
      .waitFor();
    expect(await page.getByTestId('motion-text').textContent()).not.toContain("'one third'");
    await page.screenshot({ path: join(SCREENSHOTS, 'motion-imported.png'), fullPage: true });
    // Back where the next test starts.
    await page.goto(`${server.url}/#/`);
    await page.getByTestId('motion-list').waitFor();
  });

  it('creates a motion and adds an amendment through the unit picker', async () => {
    await page.locator('#new-title').fill('E2E: a new unit');
    await page.locator('#new-title').press('Enter');
    await page.waitForFunction(() => location.hash.startsWith('#/motions/'));
    await page.locator('[data-testid="status"][data-state="saved"]').waitFor();
    expect(await page.getByTestId('motion-body').textContent()).toBe('Anytown CLP');
    expect(await page.getByTestId('workspace-state').textContent()).toBe('Draft');
    await expect.poll(() => page.getByTestId('read-only-banner').count(), POLL).toBe(0);
    await page.getByTestId('add-amendment').click();
    await page.locator('#picker-input').fill('5.IV.5');
    await page.getByRole('button', { name: 'Insert after' }).click();
    const editor = page.locator('[data-testid="unit-editor"][data-target="5.IV.5"] .cm-content');
    await editor.waitFor();
    await editor.click();
    await page.keyboard.type('Every member shall have a vote.');
    await page
      .locator('[data-testid="motion-text"]', { hasText: 'Every member shall have a vote' })
      .waitFor();
    await page.locator('[data-testid="status"][data-state="saved"]').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'workspace-new-unit.png'), fullPage: true });
  });
});
