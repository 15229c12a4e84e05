/**
 * Invite links in real browsers: the Anytown secretary makes one on the Bodies page; a person
 * with no account opens it signed out, makes an account and lands signed in as a member; the
 * link then works no more; someone with an account signs in first and joins; the secretary
 * changes a member's role and removes them.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  SCREENSHOTS,
  signedInContext,
  startE2e,
  stopE2e,
  type RunningServer,
  POLL,
} from './harness';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let secretary: Page;

async function fresh(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  return context.newPage();
}

const anytown = () => secretary.locator('[data-testid="body"][data-body-id="anytown-clp"]');

/** Makes an invite link for `role` on the secretary's Bodies page and returns it. */
async function makeInvite(role: string): Promise<string> {
  await anytown().getByLabel('Role', { exact: true }).selectOption(role);
  await anytown().getByRole('button', { name: 'Create invite link' }).click();
  const link = anytown().getByTestId('invite-link');
  await link.waitFor();
  return link.inputValue();
}

beforeAll(async () => {
  ({ server, browser } = await startE2e());
  const context = await signedInContext(browser, server, 'secretary@anytown.example', {
    viewport: { width: 1280, height: 900 },
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  contexts.push(context);
  secretary = await context.newPage();
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await stopE2e({ server, browser });
});

describe('invites', () => {
  let link = '';

  it('lets the secretary make a member invite on the Bodies page and copy it', async () => {
    await secretary.goto(`${server.url}/#/`);
    await secretary.locator('.app-nav a', { hasText: 'Bodies' }).click();
    await anytown().getByTestId('member').nth(2).waitFor();
    await expect.poll(() => anytown().getByTestId('member').count(), POLL).toBe(3);
    // A secretary may give the roles of their own body, not conference roles.
    const options = await anytown()
      .getByLabel('Role', { exact: true })
      .locator('option')
      .allTextContents();
    expect(options).toEqual(['member', 'secretary', 'viewer']);
    link = await makeInvite('member');
    expect(link.startsWith(`${server.url}/#/invite/`)).toBe(true);
    await anytown().getByRole('button', { name: 'Copy' }).click();
    await anytown().getByText('Copied').waitFor();
    expect(await secretary.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await secretary.screenshot({ path: join(SCREENSHOTS, 'bodies-secretary.png'), fullPage: true });
  });

  it('lets a signed-out person make an account from the link and join as a member', async () => {
    const page = await fresh();
    await page.goto(link);
    await page.locator('h1', { hasText: 'Join Anytown CLP as a member' }).waitFor();
    // The form appears once the page knows nobody is signed in, with the keyboard in its first field.
    await page.waitForFunction(() => document.activeElement?.id === 'account-name');
    await page.screenshot({ path: join(SCREENSHOTS, 'invite-new-account.png') });
    await page.keyboard.type('Nia Newcomer');
    await page.locator('#account-email').fill('nia@anytown.example');
    await page.locator('#account-password').fill('short');
    await page.locator('#account-password-again').fill('short');
    await page.locator('#account-password-again').press('Enter');
    await page.getByText('Choose a password of at least 10 characters.').waitFor();
    await page.locator('#account-password').fill('correct horse battery');
    await page.locator('#account-password-again').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account and join Anytown CLP' }).click();

    await page.waitForFunction(() => location.hash === '#/');
    await page.locator('.flash', { hasText: 'You have joined Anytown CLP as a member.' }).waitFor();
    expect(await page.getByTestId('account-name').textContent()).toBe('Nia Newcomer');
    expect(await page.getByTestId('account-roles').textContent()).toBe('member, Anytown CLP');
    // A member may start motions for Anytown CLP straight away.
    await page
      .locator('#new-body option', { hasText: 'Anytown CLP' })
      .waitFor({ state: 'attached' });
    await expect
      .poll(() => page.locator('#new-body option').allTextContents(), POLL)
      .toEqual(['Anytown CLP']);
    await page
      .locator('[data-testid="motion-list"] [data-testid="motion-body"]', {
        hasText: 'Anytown CLP',
      })
      .first()
      .waitFor();
  });

  it('refuses the same link a second time, saying why', async () => {
    const page = await fresh();
    await page.goto(link);
    await page.getByText('This invite has already been used').waitFor();
    await expect.poll(() => page.getByTestId('new-account').count(), POLL).toBe(0);
  });

  it('lets someone with an account sign in first and come back to join', async () => {
    const viewerLink = await makeInvite('viewer');
    const page = await fresh();
    await page.goto(viewerLink);
    await page.getByRole('button', { name: 'Sign in first' }).click();
    await page.locator('#sign-in-email').fill('secretary@riverside.example');
    await page.locator('#sign-in-password').fill(DEMO_PASSWORD);
    await page.locator('#sign-in-password').press('Enter');
    await page.getByText('You are signed in as Rowan Rivers').waitFor();
    expect(await page.evaluate(() => location.hash)).toBe(new URL(viewerLink).hash);
    await page.getByRole('button', { name: 'Join Anytown CLP as viewer' }).click();
    await page.locator('.flash', { hasText: 'You have joined Anytown CLP as a viewer.' }).waitFor();
    expect(await page.getByTestId('account-roles').textContent()).toBe(
      'viewer, Anytown CLP; secretary, Riverside CLP',
    );
  });

  it('lets the secretary change a member’s role and remove them', async () => {
    await secretary.reload();
    const nia = anytown().locator('[data-testid="member"][data-email="nia@anytown.example"]');
    await nia.waitFor();
    await nia.getByLabel('Role of Nia Newcomer').selectOption('viewer');
    await secretary.waitForFunction(
      () =>
        (
          document.querySelector(
            '[data-testid="member"][data-email="nia@anytown.example"] select',
          ) as HTMLSelectElement | null
        )?.value === 'viewer',
    );
    await nia.getByRole('button', { name: 'Remove Nia Newcomer from Anytown CLP' }).click();
    await nia.getByRole('button', { name: 'Remove', exact: true }).click();
    await nia.waitFor({ state: 'detached' });
    await expect.poll(() => anytown().getByTestId('member').count(), POLL).toBe(4);
  });
});
