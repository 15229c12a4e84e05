/**
 * The first administrator in a real browser: the one-time link the server prints at start signs
 * them in and asks for a password; they create a body ("Seaside CLP") and invite its secretary,
 * who makes an account and can manage it; the audit log shows all of it; the link is then dead,
 * the password works, and the new secretary can change theirs.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL } from '../server/commands/admin';
import {
  SCREENSHOTS,
  adminLink,
  signIn,
  startE2e,
  stopE2e,
  type RunningServer,
  POLL,
} from './harness';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let admin: Page;
let link = '';

const ADMIN_PASSWORD = 'a long admin passphrase';

async function fresh(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  return context.newPage();
}

beforeAll(async () => {
  ({ server, browser } = await startE2e());
  link = await adminLink(server);
  admin = await fresh();
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await stopE2e({ server, browser });
});

describe('the first administrator', () => {
  it('signs in with the printed link and sets a password', async () => {
    await admin.goto(link);
    await admin.locator('h1', { hasText: 'Welcome to Redline' }).waitFor();
    await admin.waitForFunction((id) => document.activeElement?.id === id, 'password-next');
    await admin.keyboard.type(ADMIN_PASSWORD);
    await admin.locator('#password-again').fill('a different passphrase');
    await admin.locator('#password-again').press('Enter');
    await admin.getByText('The two copies of the new password are different.').waitFor();
    await admin.screenshot({ path: join(SCREENSHOTS, 'welcome.png') });
    await admin.locator('#password-again').fill(ADMIN_PASSWORD);
    await admin.locator('#password-again').press('Enter');
    await admin.waitForFunction(() => location.hash === '#/bodies');
    await admin.locator('.flash', { hasText: 'Your password is set' }).waitFor();
    expect(await admin.getByTestId('account-name').textContent()).toBe('Administrator');
    expect(await admin.getByTestId('account-roles').textContent()).toBe('admin');
    await expect
      .poll(() => admin.locator('.app-nav a').allTextContents(), POLL)
      .toEqual(['Motions', 'Dashboard', 'Bodies', 'Audit log']);
  });

  let invite = '';

  it('creates Seaside CLP and invites its secretary', async () => {
    await admin.locator('#body-name').fill('Seaside CLP');
    await admin.locator('#body-kind').selectOption('clp');
    await admin.locator('#body-name').press('Enter');
    const seaside = admin.locator('[data-testid="body"][data-body-id="seaside-clp"]');
    await seaside.getByText('No members yet').waitFor();
    await admin.getByText('Seaside CLP is created. Invite its secretary below.').waitFor();
    // The keyboard is already on the new body's invite role.
    await admin.waitForFunction(
      (id) => document.activeElement?.id === id,
      'invite-role-seaside-clp',
    );
    await seaside.getByLabel('Role', { exact: true }).selectOption('secretary');
    await seaside.getByRole('button', { name: 'Create invite link' }).click();
    invite = await seaside.getByTestId('invite-link').inputValue();
    expect(invite).toMatch(new RegExp(`^${server.url}/#/invite/[A-Za-z0-9_-]+$`));
    await seaside.scrollIntoViewIfNeeded();
    await admin.screenshot({ path: join(SCREENSHOTS, 'bodies-admin.png') });
  });

  it('lets the invited secretary make an account and manage Seaside CLP', async () => {
    const page = await fresh();
    await page.goto(invite);
    await page.locator('h1', { hasText: 'Join Seaside CLP as a secretary' }).waitFor();
    await page.locator('#account-name').fill('Sandy Shore');
    await page.locator('#account-email').fill('secretary@seaside.example');
    await page.locator('#account-password').fill('sandy shore secret');
    await page.locator('#account-password-again').fill('sandy shore secret');
    await page.locator('#account-password-again').press('Enter');
    await page
      .locator('.flash', { hasText: 'You have joined Seaside CLP as a secretary.' })
      .waitFor();
    expect(await page.getByTestId('account-roles').textContent()).toBe('secretary, Seaside CLP');
    await page.locator('.app-nav a', { hasText: 'Bodies' }).click();
    const seaside = page.locator('[data-testid="body"][data-body-id="seaside-clp"]');
    await seaside
      .locator('[data-testid="member"][data-email="secretary@seaside.example"]')
      .waitFor();

    // And changes their password on the account page: the wrong current one is refused.
    await page.getByTestId('account-name').click();
    await page.locator('#password-current').fill('not my password');
    await page.locator('#password-next').fill('a newer seaside secret');
    await page.locator('#password-again').fill('a newer seaside secret');
    await page.locator('#password-again').press('Enter');
    await page.getByText('The current password is not right').waitFor();
    await page.locator('#password-current').fill('sandy shore secret');
    await page.locator('#password-next').fill('a newer seaside secret');
    await page.locator('#password-again').fill('a newer seaside secret');
    await page.locator('#password-again').press('Enter');
    await page.getByText('Password changed.').waitFor();
    // Still signed in (the server gave this browser a new session).
    await page.locator('.app-nav a', { hasText: 'Motions' }).click();
    await page.getByTestId('new-motion').waitFor();
  });

  it('shows the audit log to the admin', async () => {
    await admin.locator('.app-nav a', { hasText: 'Audit log' }).click();
    const table = admin.getByTestId('audit');
    await table.waitFor();
    for (const what of ['Created a body', 'Made an invite link', 'Accepted an invite']) {
      await table.locator('tr', { hasText: what }).first().waitFor();
    }
    await admin.locator('#audit-filter').fill('seaside');
    await table.locator('tr', { hasText: 'Accepted an invite' }).waitFor();
    await expect.poll(() => table.locator('tbody tr').count(), POLL).toBeGreaterThanOrEqual(3);
    await admin.screenshot({ path: join(SCREENSHOTS, 'audit.png') });
  });

  it('does not take the link a second time', async () => {
    const page = await fresh();
    await page.goto(link);
    await page.locator('h1', { hasText: 'This link cannot be used' }).waitFor();
    await page.getByRole('link', { name: 'sign in' }).click();
    await page.getByTestId('sign-in').waitFor();
  });

  it('signs the admin in with the new password', async () => {
    const page = await fresh();
    await signIn(page, server.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(await page.getByTestId('account-name').textContent()).toBe('Administrator');
    // An admin drafts nothing: the start page says who can start motions.
    await page.getByTestId('no-drafting').waitFor();
  });
});
