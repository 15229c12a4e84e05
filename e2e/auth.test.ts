/**
 * Signing in and out in a real browser: the form (keyboard only), the server's messages for a
 * wrong password and for too many attempts, signing out, and an expired session that sends the
 * person to the sign-in page and, once signed in again, back to where they were.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MotionSummary } from '../schemas/api';
import { SCREENSHOTS, apiAs, signIn, startE2e, stopE2e, type RunningServer, POLL } from './harness';

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ server, browser } = await startE2e());
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
}, 120_000);

afterAll(async () => {
  await stopE2e({ server, browser });
});

const error = () => page.locator('[data-testid="sign-in"] [role="alert"]');

describe('signing in', () => {
  it('shows the sign-in page, focused on the e-mail, for any page that needs a session', async () => {
    await page.goto(`${server.url}/#/bodies`);
    await page.getByTestId('sign-in').waitFor();
    await page.waitForFunction((id) => document.activeElement?.id === id, 'sign-in-email');
    await expect
      .poll(() => page.locator('.app-header [data-testid="account"]').count(), POLL)
      .toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'sign-in.png') });
  });

  it('says what is missing before asking the server', async () => {
    await page.keyboard.press('Enter');
    expect(await error().textContent()).toBe('Enter your e-mail address.');
    await page.keyboard.type('member@anytown.example');
    await page.keyboard.press('Enter');
    expect(await error().textContent()).toBe('Enter your password.');
    await page.waitForFunction((id) => document.activeElement?.id === id, 'sign-in-password');
  });

  it('shows the server’s message for a wrong password, and keeps the e-mail', async () => {
    await page.keyboard.type('not-the-password');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() =>
      document
        .querySelector('[data-testid="sign-in"] [role="alert"]')
        ?.textContent?.includes('wrong password'),
    );
    expect(await error().textContent()).toBe('Unknown e-mail address or wrong password');
    expect(await page.locator('#sign-in-email').inputValue()).toBe('member@anytown.example');
    expect(await page.locator('#sign-in-password').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: join(SCREENSHOTS, 'sign-in-wrong-password.png') });
  });

  it('signs in with Enter and lands on the page that was asked for', async () => {
    await page.locator('#sign-in-password').fill('redline-demo');
    await page.locator('#sign-in-password').press('Enter');
    await page.getByTestId('account-name').waitFor();
    expect(await page.getByTestId('account-name').textContent()).toBe('Alex Member');
    expect(await page.getByTestId('account-roles').textContent()).toBe('member, Anytown CLP');
    // Still #/bodies: a member manages nothing, but the page lists the bodies.
    expect(await page.evaluate(() => location.hash)).toBe('#/bodies');
    await page.locator('h1', { hasText: 'Bodies' }).waitFor();
    // A member has no Bodies or Audit link in the header.
    await expect
      .poll(() => page.locator('.app-nav a').allTextContents(), POLL)
      .toEqual(['Motions', 'Dashboard']);
  });

  it('signs out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByTestId('sign-in').waitFor();
    await page
      .locator('[data-testid="sign-in"] [role="status"]', { hasText: 'signed out' })
      .waitFor();
    expect(await page.evaluate(() => location.hash)).toBe('#/');
    // The session is gone on the server too, not only in this page.
    const me = await page.evaluate(() => fetch('/api/auth/me').then((r) => r.status));
    expect(me).toBe(401);
  });

  it('shows the rate-limit message after too many attempts', async () => {
    const email = 'nobody@anytown.example';
    // From the page, so the attempts count for the browser's own address.
    const statuses = await page.evaluate(async (e) => {
      const out: number[] = [];
      for (let i = 0; i < 10; i++) {
        const res = await fetch('/api/auth/sign-in', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: e, password: 'x' }),
        });
        out.push(res.status);
      }
      return out;
    }, email);
    expect(statuses).toEqual(Array(10).fill(401));
    await page.locator('#sign-in-email').fill(email);
    await page.locator('#sign-in-password').fill('still-not-it');
    await page.locator('#sign-in-password').press('Enter');
    await page.waitForFunction(() =>
      document
        .querySelector('[data-testid="sign-in"] [role="alert"]')
        ?.textContent?.includes('Too many'),
    );
    expect(await error().textContent()).toMatch(
      /^Too many sign-in attempts; try again in \d+ minutes?$/,
    );
  });

  it('sends an expired session to the sign-in page and back to where the person was', async () => {
    await page.locator('#sign-in-email').fill('');
    await signIn(page, server.url, 'secretary@anytown.example');
    const motions = await apiAs<MotionSummary[]>(
      server,
      'secretary@anytown.example',
      'GET',
      '/api/motions',
    );
    const draft = motions.find((m) => m.bodyId === 'anytown-clp');
    if (!draft) throw new Error('no Anytown motion');
    await page.goto(`${server.url}/#/motions/${draft.id}`);
    await page.getByTestId('motion-text').waitFor();
    // The session ends elsewhere (here: its cookie is dropped, as when it expires).
    await page.context().clearCookies();
    await page.locator('.app-nav a', { hasText: 'Bodies' }).click();
    await page.getByTestId('sign-in').waitFor();
    await page
      .locator('[data-testid="sign-in"] [role="status"]', { hasText: 'Your session has ended' })
      .waitFor();
    expect(await page.evaluate(() => location.hash)).toBe('#/bodies');
    await signIn(page, server.url, 'secretary@anytown.example');
    await page.locator('[data-testid="body"][data-body-id="anytown-clp"]').waitFor();
  });
});
