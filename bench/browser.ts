/**
 * D5: typing in a unit editor with the live redline, track changes and motion text never makes a
 * main-thread task longer than 50 ms. Headless Chromium against the real server; the Long Tasks
 * API records every task over 50 ms while 300 characters are typed into a long unit.
 * Run alone: `npx tsx bench/browser.ts`.
 */
import { pathToFileURL } from 'node:url';
import type { MotionSummary } from '../schemas/api';
import { apiAs, signedInContext, startE2e, stopE2e } from '../e2e/harness';
import { percentile, report, type Row } from './stats';

declare global {
  interface Window {
    __longTasks: number[];
  }
}

/** Types into the first amended unit of a seeded motion and collects long tasks. */
export async function benchBrowser(characters = 300): Promise<Row[]> {
  const { server, browser } = await startE2e();
  try {
    // The seeded Anytown member, who may write Anytown's drafts.
    const member = 'member@anytown.example';
    const motions = await apiAs<MotionSummary[]>(server, member, 'GET', '/api/motions');
    const writable = motions.filter((m) => m.access === 'write');
    const motion = writable.find((m) => m.units.length > 0) ?? writable[0]!;
    const context = await signedInContext(browser, server, member);
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
      }).observe({ type: 'longtask', buffered: false });
    });
    await page.goto(`${server.url}/#/motions/${motion.id}`);
    const editor = page.locator('[data-testid="unit-editor"] .cm-content').first();
    await editor.waitFor();
    // Check the observer sees long tasks at all: an 80 ms busy loop must be recorded.
    await page.evaluate(() => {
      const t = performance.now();
      while (performance.now() - t < 80);
    });
    await page.waitForTimeout(1000); // let loading settle: only typing is measured
    const calibrated = (await page.evaluate(() => window.__longTasks)).some((d) => d >= 80);
    if (!calibrated) throw new Error('the Long Tasks observer recorded nothing for an 80 ms task');
    await page.evaluate(() => (window.__longTasks = []));
    await editor.click();
    await page.keyboard.press('End');
    const keyTimes: number[] = [];
    for (let i = 0; i < characters; i++) {
      const t = performance.now();
      await page.keyboard.type(i % 7 === 6 ? ' ' : 'x');
      keyTimes.push(performance.now() - t);
    }
    await page.waitForTimeout(500);
    const longTasks = await page.evaluate(() => window.__longTasks);
    return [
      {
        id: 'D5',
        what: `longest main-thread task while typing ${characters} characters (${longTasks.length} tasks > 50 ms)`,
        value: longTasks.length ? Math.max(...longTasks) : 0,
        unit: 'ms',
        target: 'none > 50 ms',
      },
      {
        id: 'D5',
        what: 'keystroke round trip as the test driver sees it (p99)',
        value: percentile(keyTimes, 99),
        unit: 'ms',
        target: '—',
      },
    ];
  } finally {
    await stopE2e({ server, browser });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  report('browser (headless Chromium)', await benchBrowser());
}
