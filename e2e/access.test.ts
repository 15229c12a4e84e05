/**
 * Access in the drafting room, in real browsers: a viewer sees the Anytown draft read-only (a
 * banner says why, typing changes nothing) and never appears in anyone's presence; when the
 * secretary records the CLP's adoption, a member who has the draft open is locked out of editing
 * at once, without reloading.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Motion, MotionSummary } from '../schemas/api';
import {
  SCREENSHOTS,
  apiAs,
  editorText,
  signedInContext,
  startE2e,
  stopE2e,
  type RunningServer,
  POLL,
} from './harness';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let motionId = '';
let target = '';

const MEMBER = 'member@anytown.example';
const SECRETARY = 'secretary@anytown.example';
const VIEWER = 'viewer@anytown.example';

const editor = (page: Page) =>
  page.locator(`[data-testid="unit-editor"][data-target="${target}"] .cm-content`);

async function open(email: string): Promise<Page> {
  const context = await signedInContext(browser, server, email);
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${server.url}/#/motions/${motionId}`);
  await editor(page).waitFor();
  await page.locator('[data-testid="status"][data-state="saved"]').waitFor({ timeout: 15_000 });
  return page;
}

/** The names in a page's presence list, from the avatars' accessible text. */
async function presence(page: Page): Promise<string[]> {
  return page.locator('[data-testid="presence"] .avatar .sr-only').allTextContents();
}

beforeAll(async () => {
  ({ server, browser } = await startE2e());
  const motions = await apiAs<MotionSummary[]>(server, MEMBER, 'GET', '/api/motions');
  const draft = motions.find((m) => m.bodyId === 'anytown-clp' && m.state === 'draft');
  if (!draft) throw new Error('The seed has no Anytown draft');
  motionId = draft.id;
  const motion = await apiAs<Motion>(server, MEMBER, 'GET', `/api/motions/${motionId}`);
  const amend = motion.amendments.find((a) => a.kind === 'amend');
  if (!amend) throw new Error('The Anytown draft amends no unit');
  target = amend.target;
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await stopE2e({ server, browser });
});

describe('drafting room access', () => {
  let member: Page;
  let viewer: Page;
  let secretary: Page;

  it('shows a viewer the draft read-only, with the reason, and ignores their typing', async () => {
    member = await open(MEMBER);
    viewer = await open(VIEWER);
    const banner = viewer.getByTestId('read-only-banner');
    expect(await banner.textContent()).toContain('You are a viewer in Anytown CLP');
    await expect
      .poll(() => viewer.locator('[data-testid="unit-editor"] [data-read-only]').count(), POLL)
      .toBe(await viewer.locator('[data-testid="unit-editor"]').count());
    await expect.poll(() => viewer.getByTestId('add-amendment').count(), POLL).toBe(0);
    await expect
      .poll(() => viewer.getByRole('button', { name: /^Remove the amendment/ }).count(), POLL)
      .toBe(0);
    expect(await viewer.getByTestId('motion-title').getAttribute('readonly')).not.toBeNull();
    expect(await viewer.getByTestId('motion-body').textContent()).toBe('Anytown CLP');
    await expect.poll(() => viewer.getByTestId('actions').count(), POLL).toBe(0);

    const before = await editorText(viewer, target);
    await editor(viewer).click();
    await viewer.keyboard.press('End');
    await viewer.keyboard.type(' sneaky words', { delay: 10 });
    await viewer.getByTestId('motion-title').click();
    await viewer.keyboard.type(' sneaky title');
    await viewer.waitForTimeout(500);
    expect(await editorText(viewer, target)).toBe(before);
    expect(await editorText(member, target)).toBe(before);
    expect(await member.getByTestId('motion-title').inputValue()).not.toContain('sneaky');
    const stored = await apiAs<Motion>(server, MEMBER, 'GET', `/api/motions/${motionId}`);
    expect(stored.amendments.find((a) => a.target === target)?.text).not.toContain('sneaky');
    await viewer.evaluate(() => window.scrollTo(0, 0));
    await viewer.screenshot({ path: join(SCREENSHOTS, 'workspace-viewer.png') });
  });

  it('never shows the viewer in anyone’s presence, but does show a drafter', async () => {
    secretary = await open(SECRETARY);
    await member.waitForFunction(
      () => document.querySelectorAll('[data-testid="presence"] .avatar').length === 2,
    );
    // Sampled for a while, with the viewer moving their cursor around meanwhile.
    for (let i = 0; i < 8; i++) {
      if (i % 2 === 0) await editor(viewer).click();
      const names = await presence(member);
      expect(names.sort()).toEqual(['Alex Member (you)', 'Sam Secretary']);
      await member.waitForTimeout(200);
    }
    expect((await presence(secretary)).sort()).toEqual(['Alex Member', 'Sam Secretary (you)']);
  });

  it('locks a member’s open editor when the secretary records adoption', async () => {
    await member.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await expect.poll(() => member.getByTestId('read-only-banner').count(), POLL).toBe(0);
    await editor(member).click();
    await member.keyboard.press('End');
    await member.keyboard.type(' before adoption');
    await member.locator('[data-testid="status"][data-state="saved"]').waitFor();

    await secretary.locator('[data-testid="actions"] button[data-event="adopt"]').click();
    await secretary.locator('#step-for').fill('24');
    await secretary.locator('#step-against').fill('3');
    await secretary.locator('#action-note').fill('GC of 12 March: 24 for, 3 against');
    await secretary.getByTestId('progress').screenshot({
      path: join(SCREENSHOTS, 'workspace-action.png'),
    });
    await secretary.getByRole('button', { name: 'Confirm' }).click();
    await secretary.getByTestId('read-only-banner').waitFor();
    await secretary
      .locator('[data-testid="timeline"] li', { hasText: 'GC of 12 March: 24 for, 3 against' })
      .waitFor();
    await expect
      .poll(() => secretary.getByTestId('actions').locator('button').allTextContents(), POLL)
      .toEqual(['Reopen the draft…', 'Submit to conference…']);

    // The member's page was not reloaded: the server's message locked it.
    await member.getByTestId('read-only-banner').waitFor({ timeout: 10_000 });
    expect(await member.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    expect(await member.getByTestId('read-only-banner').textContent()).toContain(
      'Adopted by the CLP: the text is frozen.',
    );
    expect(await member.getByTestId('workspace-state').textContent()).toBe('Adopted by the CLP');
    await member
      .locator(`[data-testid="unit-editor"][data-target="${target}"] [data-read-only]`)
      .waitFor();
    const frozen = await editorText(member, target);
    expect(frozen).toContain('before adoption');
    await editor(member).click();
    await member.keyboard.type(' after adoption');
    await member.waitForTimeout(300);
    expect(await editorText(member, target)).toBe(frozen);
    await member.locator('[data-testid="timeline"] li', { hasText: 'Sam Secretary' }).waitFor();
    await member.evaluate(() => window.scrollTo(0, 0));
    await member.screenshot({ path: join(SCREENSHOTS, 'workspace-adopted.png') });
  });
});
