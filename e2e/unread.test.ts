/**
 * A motion kept as submitted and read later, in a real browser: a CLP secretary's import does
 * not read (the quoted words occur twice), so they keep it unread rather than reword what the
 * meeting agreed; it is adopted and submitted as agreed; the CAC member answers the reader's
 * question on the submitted motion's page by keyboard, and its instructions appear in the draft.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Motion } from '../schemas/api';
import { stepRequest } from '../server/test/steps';
import {
  apiAs,
  POLL,
  SCREENSHOTS,
  signedInContext,
  startE2e,
  stopE2e,
  type RunningServer,
} from './harness';

let server: RunningServer;
let browser: Browser;
const SECRETARY = 'secretary@riverside.example';
const CAC = 'cac@conference.example';

beforeAll(async () => {
  ({ server, browser } = await startE2e());
}, 120_000);

afterAll(async () => {
  await stopE2e({ server, browser });
});

const agreed =
  'One ballot\n\nChapter 5, Clause IV, Sub-clause 5.E — delete ‘the trigger ballot’ and replace with ‘that ballot’.';

describe('a motion kept unread and read by the CAC', () => {
  let motionId = '';
  let page: Page;

  it('keeps the text as agreed from the import screen, unread', async () => {
    page = await (await signedInContext(browser, server, SECRETARY)).newPage();
    await page.goto(`${server.url}/#/`);
    await page.locator('#import-text').fill(agreed);
    const form = page.getByTestId('import-motion');
    await form.locator('button[type="submit"]').click();
    await page.getByTestId('import-annotated').waitFor();
    await form.getByRole('button', { name: 'Keep it as submitted, unread' }).click();
    await page.waitForURL(/#\/motions\//, POLL);
    motionId = decodeURIComponent(page.url().split('#/motions/')[1] ?? '');
    expect(motionId).not.toBe('');

    const reading = page.getByTestId('submitted-reading');
    await reading.waitFor();
    expect(await reading.locator('h3').textContent()).toBe('Not read yet');
    // Its drafters may finish it while it is a draft: the question is offered to them.
    expect(await reading.getByRole('radio').count()).toBe(2);
    expect(await page.getByTestId('submitted-text').textContent()).toBe(agreed);
    const motion = await apiAs<Motion>(server, SECRETARY, 'GET', `/api/motions/${motionId}`);
    expect(motion.amendments).toEqual([]);
    expect(motion.checks.map((c) => c.id)).toContain('reading-unfinished');
  });

  it('is answered by the CAC on the submitted motion, and its instructions appear', async () => {
    for (const event of ['adopt', 'submit']) {
      await apiAs(
        server,
        SECRETARY,
        'POST',
        `/api/motions/${motionId}/transitions`,
        stepRequest(event),
      );
    }
    const cac = await (await signedInContext(browser, server, CAC)).newPage();
    await cac.goto(`${server.url}/#/motions/${encodeURIComponent(motionId)}`);
    const reading = cac.getByTestId('submitted-reading');
    await reading.waitFor();
    expect(await reading.getByTestId('unread-note').textContent()).toContain(
      'Answer the questions below',
    );
    // Finishing without an answer is refused, and the question stays.
    await reading.getByRole('button', { name: 'Finish reading with my choices' }).click();
    await expect.poll(() => reading.getByRole('alert').count(), POLL).toBeGreaterThan(0);
    expect(await reading.getByRole('radio').count()).toBe(2);

    // The second occurrence, chosen by keyboard.
    const second = reading.getByRole('radio').nth(1);
    await second.focus();
    await cac.keyboard.press('Space');
    expect(await second.isChecked()).toBe(true);
    await cac.screenshot({ path: join(SCREENSHOTS, 'unread-cac.png'), fullPage: true });
    await reading.getByRole('button', { name: 'Finish reading with my choices' }).click();

    // The draft now holds the instruction read with that choice; the wording is as agreed.
    await expect
      .poll(() => cac.getByTestId('motion-text').textContent(), POLL)
      .toContain('that ballot');
    await expect.poll(() => cac.getByTestId('submitted-reading').count(), POLL).toBe(0);
    expect(await cac.getByTestId('submitted-text').textContent()).toBe(agreed);
    const motion = await apiAs<Motion>(server, CAC, 'GET', `/api/motions/${motionId}`);
    expect(motion.amendments.map((a) => a.target)).toEqual(['5.IV.5.E']);
    expect(motion.amendments[0]?.text).toContain('The result of that ballot, including');
    expect(motion.importResolutions?.map((c) => c.value)).toEqual(['2']);
    // Now it can be ruled in order.
    expect(motion.actions.map((a) => a.event)).toContain('rule-in-order');
    await apiAs(
      server,
      CAC,
      'POST',
      `/api/motions/${motionId}/transitions`,
      stepRequest('rule-in-order'),
    );
  });
});
