/**
 * The procedure checks in the workspace, in a real browser: Anytown's secretary sees why an
 * adopted motion that changes no rule cannot be submitted (the Submit button waits, and says
 * why); once it amends a unit the error goes, the overlap with the CLP's other draft is a warning,
 * and the submission goes through. A submission the server still refuses shows its message.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AmendmentView, Motion } from '../schemas/api';
import { motionDocumentName } from '../schemas/collab';
import { amendmentText, connect, waitFor, waitSaved } from '../server/test/collab-client';
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
import { stepRequest } from '../server/test/steps';

const SECRETARY = 'secretary@anytown.example';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function createMotion(title: string): Promise<string> {
  const motion = await apiAs<Motion>(server, SECRETARY, 'POST', '/api/motions', {
    editionId: 'labour-2024',
    title,
    bodyId: 'anytown-clp',
  });
  return motion.id;
}

const step = (id: string, event: string) =>
  apiAs<Motion>(server, SECRETARY, 'POST', `/api/motions/${id}/transitions`, stepRequest(event));

/** Amends a unit and really changes its text, through the API and the drafting room. */
async function amend(id: string, target: string): Promise<void> {
  const added = await apiAs<AmendmentView>(
    server,
    SECRETARY,
    'POST',
    `/api/motions/${id}/amendments`,
    {
      kind: 'amend',
      target,
    },
  );
  const client = connect(server.url, motionDocumentName(id), await sessionOf(server, SECRETARY));
  try {
    await waitFor(() => amendmentText(client.doc, added.id) !== null, 10_000, 'the amendment text');
    amendmentText(client.doc, added.id)?.insert(0, 'Amended. ');
    await waitSaved(client);
  } finally {
    client.destroy();
  }
}

async function open(id: string): Promise<Page> {
  const context = await signedInContext(browser, server, SECRETARY);
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${server.url}/#/motions/${id}`);
  await page.getByTestId('progress').waitFor();
  return page;
}

/** Each check shown, as `severity check-id`. */
/** The kinds of check shown, once each (an overlap is listed per overlapping motion). */
async function checks(page: Page): Promise<string[]> {
  const lines = await page
    .getByTestId('procedure-check')
    .evaluateAll((items) =>
      items.map((l) => `${l.getAttribute('data-severity')} ${l.getAttribute('data-check')}`),
    );
  return [...new Set(lines)];
}

const submitButton = (page: Page) => page.getByRole('button', { name: 'Submit to conference…' });

beforeAll(async () => {
  ({ server, browser } = await startE2e());
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await stopE2e({ server, browser });
});

describe('procedure checks', () => {
  let motionId = '';
  let page: Page;
  let other: Page;

  it('shows why a motion that changes no rule cannot be submitted', async () => {
    motionId = await createMotion('Checks in the browser');
    await step(motionId, 'adopt');
    page = await open(motionId);

    const section = page.getByTestId('procedure-checks');
    await section.waitFor();
    expect(await section.getByRole('heading').textContent()).toMatch(
      /^Checks for Conference \d{4}$/,
    );
    await expect.poll(() => checks(page), POLL).toEqual(['error rule-cited']);
    expect(await section.getByRole('listitem').textContent()).toMatch(
      /^Error: The motion changes no rule yet/,
    );
    await submitButton(page).waitFor();
    expect(await submitButton(page).isDisabled()).toBe(true);
    expect(await page.getByTestId('submit-blocked').textContent()).toBe(
      'Fix the errors above before submitting.',
    );
    expect(await page.getByRole('button', { name: 'Reopen the draft…' }).isEnabled()).toBe(true);
    await page.getByTestId('progress').screenshot({
      path: join(SCREENSHOTS, 'procedure-blocked.png'),
    });
  });

  it('follows the draft: an amendment clears the error, and the motion can be submitted', async () => {
    await step(motionId, 'reopen');
    await page.getByTestId('read-only-banner').waitFor({ state: 'detached', timeout: 10_000 });
    await amend(motionId, '5.IV.5.B.i');
    // The open page follows the draft's units without reloading.
    await expect.poll(() => checks(page), POLL).toEqual(['warning overlap']);
    await step(motionId, 'adopt');
    await page.reload();

    await page.getByTestId('procedure-checks').waitFor();
    await expect.poll(() => checks(page), POLL).toEqual(['warning overlap']);
    // The CLP's own draft is among the overlapping motions, with the seeded trigger-ballot ones.
    expect(await page.getByTestId('procedure-check').allTextContents()).toContainEqual(
      expect.stringContaining('“Open selection of MPs”'),
    );
    expect(await submitButton(page).isEnabled()).toBe(true);
    expect(await page.getByTestId('submit-blocked').count()).toBe(0);
    await page.getByTestId('progress').screenshot({
      path: join(SCREENSHOTS, 'procedure-ready.png'),
    });

    // A second motion of the CLP, ready to submit too, left at the confirmation step.
    const second = await createMotion('The CLP’s second rule change');
    await amend(second, '5.IV.5.B.ii');
    await step(second, 'adopt');
    other = await open(second);
    await expect.poll(() => checks(other), POLL).toEqual(['warning overlap']);
    await submitButton(other).click();
    await other.getByTestId('action-confirm').waitFor();

    await submitButton(page).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect
      .poll(() => page.getByTestId('workspace-state').textContent(), POLL)
      .toBe('Submitted');
    await expect.poll(() => page.getByTestId('procedure-checks').count(), POLL).toBe(0);
  });

  it('shows the server’s refusal when the checks changed meanwhile', async () => {
    // Anytown's one rule change for the year has just been submitted.
    await other.getByRole('button', { name: 'Confirm' }).click();
    const alert = other.locator('[data-testid="progress"] [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(
      /^Cannot submit: Anytown CLP has already submitted 1/,
    );
    expect(await other.getByTestId('workspace-state').textContent()).toBe('Adopted by the CLP');
    // The refusal reloads the motion: the check is now shown and the step waits.
    await expect.poll(() => checks(other), POLL).toEqual(['error allowance', 'warning overlap']);
    await other.getByRole('button', { name: 'Cancel' }).click();
    expect(await submitButton(other).isDisabled()).toBe(true);
    await other.evaluate(() => window.scrollTo(0, 0));
    await other.screenshot({ path: join(SCREENSHOTS, 'procedure-refused.png') });
  });
});
