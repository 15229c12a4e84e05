/**
 * Two people co-drafting one motion in real browsers against the real server (Anytown's member
 * and secretary, signed in): live text, track changes and motion text; simultaneous typing
 * converges; reloads and a server restart keep it all.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AmendmentView, ApiUnit, Edition, Motion, MotionSummary } from '../schemas/api';
import {
  SCREENSHOTS,
  apiAs,
  editorText,
  signedInContext,
  startServer,
  type RunningServer,
  startE2e,
  stopE2e,
} from './harness';

const MEMBER = 'member@anytown.example';
const SECRETARY = 'secretary@anytown.example';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let motionId = '';
let target = '';

async function openMotion(email: string): Promise<Page> {
  const context = await signedInContext(browser, server, email);
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${server.url}/#/motions/${motionId}`);
  await page.locator(`[data-testid="unit-editor"][data-target="${target}"] .cm-content`).waitFor();
  await expectStatus(page, 'saved');
  return page;
}

async function expectStatus(page: Page, state: string): Promise<void> {
  await page.locator(`[data-testid="status"][data-state="${state}"]`).waitFor({ timeout: 15_000 });
}

async function typeAt(page: Page, where: 'start' | 'end', text: string): Promise<void> {
  await page.locator(`[data-testid="unit-editor"][data-target="${target}"] .cm-content`).click();
  await page.keyboard.press(where === 'start' ? 'Control+Home' : 'Control+End');
  await page.keyboard.type(text, { delay: 15 });
}

function firstTextUnit(units: readonly ApiUnit[]): ApiUnit | undefined {
  for (const u of units) {
    if (u.kind === 'unit' && u.text.split(' ').length > 5) return u;
    const inner = firstTextUnit(u.children);
    if (inner) return inner;
  }
  return undefined;
}

/** The seeded Anytown draft (the member may write it) with an amendment that has an editor. */
async function pickMotion(): Promise<void> {
  const motions = await apiAs<MotionSummary[]>(server, MEMBER, 'GET', '/api/motions');
  const draft = motions.find((m) => m.bodyId === 'anytown-clp' && m.access === 'write');
  const motion = draft
    ? await apiAs<Motion>(server, MEMBER, 'GET', `/api/motions/${draft.id}`)
    : await apiAs<Motion>(server, MEMBER, 'POST', '/api/motions', {
        editionId: 'labour-2024',
        title: 'E2E motion',
        bodyId: 'anytown-clp',
      });
  motionId = motion.id;
  const amend = motion.amendments.find((a) => a.kind === 'amend');
  if (amend) {
    target = amend.target;
    return;
  }
  const edition = await apiAs<Edition>(server, MEMBER, 'GET', `/api/editions/${motion.editionId}`);
  const unit = firstTextUnit(edition.chapters);
  if (!unit) throw new Error('The edition has no unit with text to amend');
  const created = await apiAs<AmendmentView>(
    server,
    MEMBER,
    'POST',
    `/api/motions/${motionId}/amendments`,
    { kind: 'amend', target: unit.path },
  );
  target = created.target;
}

beforeAll(async () => {
  ({ server, browser } = await startE2e());
  await pickMotion();
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await stopE2e({ server, browser });
});

describe('motion workspace', () => {
  let a: Page;
  let b: Page;

  it('shows one person’s typing to the other, with track changes and motion text', async () => {
    a = await openMotion(MEMBER);
    b = await openMotion(SECRETARY);
    await b.locator('[data-testid="presence"] .avatar').nth(1).waitFor();
    // Names come from the accounts (stamped by the server), not from anything the browser says.
    expect(
      (await b.locator('[data-testid="presence"] .avatar .sr-only').allTextContents()).sort(),
    ).toEqual(['Alex Member', 'Sam Secretary (you)']);

    await typeAt(a, 'end', ' zebrafish');
    await b.waitForFunction(
      (path) =>
        document
          .querySelector(`[data-testid="unit-editor"][data-target="${path}"] .cm-track-ins`)
          ?.closest('.cm-content')
          ?.textContent?.includes('zebrafish') ?? false,
      target,
    );
    expect(await editorText(b, target)).toContain('zebrafish');
    const inserted = await b
      .locator(`[data-testid="unit-editor"][data-target="${target}"] .cm-track-ins`)
      .allTextContents();
    expect(inserted.join(' ')).toContain('zebrafish');
    await b.locator('[data-testid="motion-text"]', { hasText: 'zebrafish' }).waitFor();
    await b.locator('[data-testid="redline"] ins', { hasText: 'zebrafish' }).waitFor();
    await expectStatus(a, 'saved');
    await a.screenshot({ path: join(SCREENSHOTS, 'workspace.png'), fullPage: true });
  });

  it('converges when both type in the same editor at once', async () => {
    await Promise.all([typeAt(a, 'start', 'Alpha '), typeAt(b, 'end', ' omega')]);
    await expect
      .poll(async () => [await editorText(a, target), await editorText(b, target)], {
        timeout: 15_000,
      })
      .toSatisfy(([x, y]) => x === y && (x ?? '').includes('Alpha') && (x ?? '').includes('omega'));
    await Promise.all([expectStatus(a, 'saved'), expectStatus(b, 'saved')]);
    await b.screenshot({ path: join(SCREENSHOTS, 'workspace-converged.png'), fullPage: true });
  });

  it('keeps everything across a reload', async () => {
    const before = await editorText(a, target);
    await b.reload();
    await b.locator(`[data-testid="unit-editor"][data-target="${target}"] .cm-content`).waitFor();
    await expect.poll(() => editorText(b, target), { timeout: 15_000 }).toBe(before);
    await b.locator('[data-testid="motion-text"]', { hasText: 'omega' }).waitFor();
  });

  it('keeps everything across a server restart', async () => {
    const before = await editorText(a, target);
    await server.stop();
    await expectStatus(a, 'offline');
    server = await startServer(server.port, server.dataDir);
    const motion = await apiAs<Motion>(server, MEMBER, 'GET', `/api/motions/${motionId}`);
    const amendment = motion.amendments.find((x) => x.target === target && x.kind === 'amend');
    expect(amendment?.text.replace(/\s+/g, ' ')).toBe(before.replace(/\s+/g, ' ').trim());

    const c = await openMotion(MEMBER);
    expect(await editorText(c, target)).toBe(before);
    await c.locator('[data-testid="motion-text"]', { hasText: 'zebrafish' }).waitFor();
    await expectStatus(a, 'saved');
    await c.screenshot({ path: join(SCREENSHOTS, 'workspace-after-restart.png') });
  });

  it('keeps offline edits on the device and sends them when the server is back', async () => {
    await server.stop();
    await expectStatus(a, 'offline');
    await typeAt(a, 'end', ' offlineword');
    await a.screenshot({ path: join(SCREENSHOTS, 'workspace-offline.png') });
    // Leave the page while offline: only IndexedDB holds the edit now.
    await a.waitForTimeout(500);
    await a.goto('about:blank');
    server = await startServer(server.port, server.dataDir);
    await a.goto(`${server.url}/#/motions/${motionId}`);
    await a.locator(`[data-testid="unit-editor"][data-target="${target}"] .cm-content`).waitFor();
    await expectStatus(a, 'saved');
    await expect.poll(() => editorText(a, target), { timeout: 15_000 }).toContain('offlineword');
    await expect
      .poll(
        async () => {
          const motion = await apiAs<Motion>(server, MEMBER, 'GET', `/api/motions/${motionId}`);
          return motion.amendments.find((x) => x.target === target)?.text ?? '';
        },
        { timeout: 15_000 },
      )
      .toContain('offlineword');
  });
});
