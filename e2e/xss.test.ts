/**
 * S6 in a real browser: script-shaped text in motion titles, submitting bodies, amended unit text,
 * supporting arguments and imported motion text is shown as text — no script runs, no element
 * carries an `on*` handler or a `javascript:` URL on any page that shows it.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AmendmentView, Motion } from '../schemas/api';
import { motionDocumentName } from '../schemas/collab';
import { amendmentText, call, connect, waitFor, waitSaved } from '../server/test/collab-client';
import { type RunningServer, startE2e, stopE2e } from './harness';

/** Payloads from the usual XSS cheat sheets, each in a shape that survives our text handling. */
const CORPUS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "'><iframe src=javascript:alert(1)>",
  '<a href="javascript:alert(1)">click</a>',
  '<body onload=alert(1)>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  'javascript:alert(1)',
  "';alert(1)//",
  '{{constructor.constructor("alert(1)")()}}',
  '<object data="javascript:alert(1)">',
  '<video><source onerror=alert(1)>',
  '<marquee onstart=alert(1)>',
  '[[<img src=x onerror=alert(1)>]]',
  '<style>@import "javascript:alert(1)"</style>',
  '<embed src=javascript:alert(1)>',
  '<form action=javascript:alert(1)><button>go</button></form>',
  '<svg><animate onbegin=alert(1) attributeName=x>',
];

let server: RunningServer;
let browser: Browser;
const motionIds: string[] = [];

/** Everything on the page that could run script: handlers, script URLs, foreign scripts. */
async function dangers(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const el of document.querySelectorAll('*')) {
      for (const attr of el.attributes) {
        if (/^on/i.test(attr.name)) found.push(`${el.tagName} ${attr.name}`);
        // Only attributes a browser follows as URLs can run a `javascript:` value (an input whose
        // value shows the text is fine).
        const isUrl = /^(href|src|action|formaction|data|srcdoc|xlink:href|poster|background)$/i;
        if (isUrl.test(attr.name) && /^\s*javascript:/i.test(attr.value)) {
          found.push(`${el.tagName} ${attr.name}=${attr.value}`);
        }
      }
    }
    for (const script of document.querySelectorAll('script')) {
      if (!script.src || new URL(script.src).origin !== location.origin)
        found.push('foreign script');
    }
    for (const tag of ['iframe', 'object', 'embed', 'svg animate', 'marquee']) {
      if (document.querySelector(tag)) found.push(tag);
    }
    return found;
  });
}

beforeAll(async () => {
  ({ server, browser } = await startE2e());
  const own = { 'content-type': 'application/json' };
  // Titles and bodies, amended text and arguments through the real API and collaboration.
  for (const [i, payload] of CORPUS.entries()) {
    const res = await fetch(`${server.url}/api/motions`, {
      method: 'POST',
      headers: own,
      body: JSON.stringify({ editionId: 'labour-2024', title: payload, body: payload }),
    });
    const motion = (await res.json()) as Motion;
    motionIds.push(motion.id);
    if (i % 4 !== 0) continue;
    const added = await call<AmendmentView>(
      server.url,
      'POST',
      `/api/motions/${motion.id}/amendments`,
      {
        kind: 'amend',
        target: '5.IV.1',
      },
    );
    const client = connect(server.url, motionDocumentName(motion.id));
    try {
      await waitFor(
        () => amendmentText(client.doc, added.body.id) !== null,
        10_000,
        'amendment text',
      );
      amendmentText(client.doc, added.body.id)!.insert(0, `${payload} `);
      client.doc.getText('argument').insert(0, payload);
      await waitSaved(client);
    } finally {
      client.destroy();
    }
  }
  // And imported motion text whose new words are a payload.
  const imported = await fetch(`${server.url}/api/motions/import`, {
    method: 'POST',
    headers: own,
    body: JSON.stringify({
      editionId: 'labour-2024',
      body: CORPUS[1],
      text: `${CORPUS[2]}\n\nChapter 5, Clause IV, Sub-clause 5.B.i — delete ‘one third’ and replace with “${CORPUS[1]}”.`,
    }),
  });
  expect(imported.status).toBe(201);
  motionIds.push(((await imported.json()) as Motion).id);
}, 180_000);

afterAll(async () => {
  await stopE2e({ server, browser });
});

describe('script-shaped text', () => {
  it('runs nowhere and leaves no handler or script URL in any page that shows it', async () => {
    const page = await browser.newPage();
    await page.addInitScript(() => localStorage.setItem('redline.name', 'Tester'));
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const pages = [
      '/#/',
      '/#/rulebook/labour-2024/5.IV.1',
      ...motionIds.map((id) => `/#/motions/${id}`),
    ];
    for (const path of pages) {
      await page.goto(`${server.url}${path}`);
      await page.waitForLoadState('networkidle');
      if (path.startsWith('/#/motions/')) await page.getByTestId('motion-text').waitFor();
      expect({ path, dangers: await dangers(page) }).toEqual({ path, dangers: [] });
    }
    // The payloads are there, as text.
    await page.goto(`${server.url}/#/`);
    await page
      .getByText(CORPUS[1] as string)
      .first()
      .waitFor();
    expect(dialogs).toEqual([]);
  }, 180_000);
});
