/**
 * S6 in a real browser: script-shaped text in motion titles, body names, people's names, amended
 * unit text, supporting arguments, imported motion text and audit details is shown as text — no
 * script runs, no element carries an `on*` handler or a `javascript:` URL on any page that shows
 * it (start page, rulebook, workspaces, bodies, account, invite, audit log).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AmendmentView, BodyView, InviteCreated, Motion } from '../schemas/api';
import { motionDocumentName } from '../schemas/collab';
import {
  amendmentText,
  call,
  connect,
  sessionCookie,
  waitFor,
  waitSaved,
} from '../server/test/collab-client';
import { type RunningServer, addSessionCookie, adminLink, startE2e, stopE2e } from './harness';

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

const XSS_EDITION = 'xss-2025';

let server: RunningServer;
let browser: Browser;
const motionIds: string[] = [];
/** Sessions: the admin's, and the payload-named secretary's of the payload-named body. */
let adminCookie = '';
let cookie = '';
let inviteToken = '';

/** An API call that must succeed, with the session `as`. */
async function must<T>(as: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await call<T>(server.url, method, path, body, as);
  if (res.status < 200 || res.status > 299) {
    throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body;
}

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
  // The admin (through the printed one-time link) makes a body whose name is a payload and
  // invites its secretary, whose own name is another.
  const token = new URL(await adminLink(server)).hash.split('/').pop() ?? '';
  const link = await call(server.url, 'POST', '/api/auth/link', { token });
  adminCookie = sessionCookie(link.headers);
  const body = await must<BodyView>(adminCookie, 'POST', '/api/bodies', {
    name: CORPUS[1],
    kind: 'clp',
  });
  const invite = await must<InviteCreated>(adminCookie, 'POST', `/api/bodies/${body.id}/invites`, {
    role: 'secretary',
  });
  const accepted = await call(server.url, 'POST', `/api/invites/${invite.token}/accept`, {
    name: CORPUS[0],
    email: 'xss@example.org',
    password: 'a long enough password',
  });
  expect(accepted.status).toBe(204);
  cookie = sessionCookie(accepted.headers);
  inviteToken = (
    await must<InviteCreated>(adminCookie, 'POST', `/api/bodies/${body.id}/invites`, {
      role: 'member',
    })
  ).token;

  // Titles, amended text and arguments through the real API and collaboration.
  for (const [i, payload] of CORPUS.entries()) {
    const motion = await must<Motion>(cookie, 'POST', '/api/motions', {
      editionId: 'labour-2024',
      title: payload,
      bodyId: body.id,
    });
    motionIds.push(motion.id);
    if (i % 4 !== 0) continue;
    const added = await must<AmendmentView>(
      cookie,
      'POST',
      `/api/motions/${motion.id}/amendments`,
      {
        kind: 'amend',
        target: '5.IV.1',
      },
    );
    const client = connect(server.url, motionDocumentName(motion.id), cookie);
    try {
      await waitFor(() => amendmentText(client.doc, added.id) !== null, 10_000, 'amendment text');
      amendmentText(client.doc, added.id)!.insert(0, `${payload} `);
      client.doc.getText('argument').insert(0, payload);
      await waitSaved(client);
    } finally {
      client.destroy();
    }
  }
  // And imported motion text whose new words are a payload.
  const imported = await must<Motion>(cookie, 'POST', '/api/motions/import', {
    editionId: 'labour-2024',
    bodyId: body.id,
    text: `${CORPUS[2]}\n\nChapter 5, Clause IV, Sub-clause 5.B.i — delete ‘one third’ and replace with “${CORPUS[1]}”.`,
  });
  motionIds.push(imported.id);
  // And an imported rulebook whose front matter, headings and unit text are payloads.
  await must(adminCookie, 'POST', '/api/editions', {
    id: XSS_EDITION,
    profile: 'labour',
    source: [
      '---',
      `organisation: ${JSON.stringify(`${CORPUS[1]} Party`)}`,
      `title: ${JSON.stringify(`${CORPUS[0]} Rule Book`)}`,
      'edition: "2025"',
      '---',
      '',
      `# Chapter 1: ${CORPUS[2]} rules`,
      '',
      `## Clause I. ${CORPUS[4]} and objects`,
      '',
      ...CORPUS.map((payload, i) => `${i + 1}. ${payload} shall be text.\n`),
    ].join('\n'),
  });
}, 180_000);

afterAll(async () => {
  await stopE2e({ server, browser });
});

/** Opens each page and asserts nothing on it could run script. */
async function visit(page: Page, paths: string[]): Promise<void> {
  for (const path of paths) {
    await page.goto(`${server.url}${path}`);
    await page.waitForLoadState('networkidle');
    if (path.startsWith('/#/motions/')) await page.getByTestId('motion-text').waitFor();
    expect({ path, dangers: await dangers(page) }).toEqual({ path, dangers: [] });
  }
}

describe('script-shaped text', () => {
  it('runs nowhere and leaves no handler or script URL in any page that shows it', async () => {
    const context = await browser.newContext();
    await addSessionCookie(context, server.url, cookie);
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await visit(page, [
      '/#/',
      '/#/rulebook/labour-2024/5.IV.1',
      ...motionIds.map((id) => `/#/motions/${id}`),
      '/#/bodies',
      '/#/account',
      `/#/rulebook/${XSS_EDITION}`,
      `/#/rulebook/${XSS_EDITION}/1.I.16`,
    ]);
    // The imported rulebook shows its payloads as text.
    await page.goto(`${server.url}/#/rulebook/${XSS_EDITION}/1.I.1`);
    await page.getByText(`${CORPUS[0]} shall be text.`).first().waitFor();
    // The payloads are there, as text: a body name, a person's name, a title.
    await page.goto(`${server.url}/#/`);
    await page
      .getByText(CORPUS[1] as string)
      .first()
      .waitFor();
    expect(await page.getByTestId('account-name').textContent()).toBe(CORPUS[0]);
    await page
      .getByText(CORPUS[4] as string)
      .first()
      .waitFor();

    // Signed out, the invite page shows the body's name.
    const guest = await browser.newPage();
    guest.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await visit(guest, [`/#/invite/${inviteToken}`]);
    await guest.locator('h1', { hasText: CORPUS[1] as string }).waitFor();

    // The admin's audit log and bodies page hold the same names in details and tables.
    const adminContext = await browser.newContext();
    await addSessionCookie(adminContext, server.url, adminCookie);
    const admin = await adminContext.newPage();
    admin.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await visit(admin, ['/#/audit', '/#/bodies']);
    await admin.goto(`${server.url}/#/audit`);
    await admin
      .getByTestId('audit')
      .getByText(CORPUS[1] as string)
      .first()
      .waitFor();
    expect(dialogs).toEqual([]);
  }, 180_000);
});
