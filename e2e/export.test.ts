/**
 * Exports from the app, in a real browser: the export panel on the motion page, the rulebook
 * view and the dashboard downloads what the server renders (plain text, Word, PDF, HTML, CSV),
 * says what it saved, and names the file as the server does.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MotionSummary } from '../schemas/api';
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

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  ({ server, browser } = await startE2e());
  context = await signedInContext(browser, server, SECRETARY, { acceptDownloads: true });
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await stopE2e({ server, browser });
});

/** Chooses in the open export panel, downloads, and answers the file's name and bytes. */
async function exportAs(
  format: string,
  options: { what?: string; redline?: boolean } = {},
): Promise<{ name: string; bytes: Buffer }> {
  const panel = page.getByTestId('export-panel');
  if (!(await panel.evaluate((d) => (d as HTMLDetailsElement).open))) {
    await panel.locator('summary').click();
  }
  if (options.what) await panel.getByLabel('What').selectOption({ label: options.what });
  await panel.getByLabel('Format').selectOption(format);
  const redline = panel.getByRole('checkbox', { name: /Show changes/ });
  if ((await redline.count()) > 0) await redline.setChecked(options.redline ?? false);
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    panel.getByRole('button', { name: 'Download' }).click(),
  ]);
  const path = await download.path();
  const name = download.suggestedFilename();
  await expect
    .poll(() => panel.getByTestId('export-status').textContent(), POLL)
    .toBe(`Saved ${name}.`);
  return { name, bytes: await readFile(path) };
}

describe('the export panel', () => {
  it('exports a motion as plain text, Word (redline) and PDF from the motion page', async () => {
    const motions = await apiAs<MotionSummary[]>(server, SECRETARY, 'GET', '/api/motions');
    const motion = motions.find((m) => m.title === 'Open selection of MPs');
    expect(motion).toBeDefined();
    await page.goto(`${server.url}/#/motions/${motion?.id}`);
    await page.getByTestId('export-panel').waitFor();

    const text = await exportAs('txt');
    expect(text.name).toMatch(/\.txt$/);
    const body = text.bytes.toString('utf8');
    expect(body).toContain('Open selection of MPs');
    expect(body).toMatch(/replace with ‘one fifth’/);

    const word = await exportAs('docx', { redline: true });
    expect(word.name).toMatch(/\.docx$/);
    expect(word.bytes.subarray(0, 2).toString('latin1')).toBe('PK');

    const pdf = await exportAs('pdf');
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.getByTestId('export-panel').screenshot({ path: join(SCREENSHOTS, 'export.png') });
  });

  it('exports the compendium and the rulebook from the rulebook view', async () => {
    await page.goto(`${server.url}/#/rulebook/labour-2025`);
    await page.getByTestId('export-panel').waitFor();
    const compendium = await exportAs('html', { what: 'Compendium of motions' });
    const html = compendium.bytes.toString('utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(html).not.toMatch(/<script/i);

    const rulebook = await exportAs('md', { what: 'The rulebook', redline: true });
    expect(rulebook.bytes.toString('utf8')).toContain('one year');
  });

  it('exports the tracking table from the dashboard', async () => {
    await page.goto(`${server.url}/#/dashboard`);
    await page.getByTestId('export-panel').waitFor();
    const csv = await exportAs('csv', { what: 'Tracking table' });
    expect(csv.name).toMatch(/\.csv$/);
    const [header, ...rows] = csv.bytes.toString('utf8').trim().split('\r\n');
    expect(header).toMatch(/^id,title,body,state/);
    expect(rows.some((r) => r.includes('Open selection of MPs'))).toBe(true);
  });
});
