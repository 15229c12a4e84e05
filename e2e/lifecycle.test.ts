/**
 * A motion's whole life, in real browsers against the real server: a CLP secretary records the
 * meeting that adopted it (a vote that does not adopt is refused and changes nothing), sees
 * version 1 frozen, reopens the draft, changes a word, adopts version 2, compares the two and
 * submits; the CAC rules it out of order with a reason, the secretary appeals and the CAC upholds
 * the appeal; the NEC records its position; a conference official records the card vote (figures
 * that do not carry it are refused) and it is carried. Every step is checked on the page (state,
 * record, timeline) and through the API.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateIn } from '../core/procedure/checks';
import type { AmendmentView, Motion, MotionSummary } from '../schemas/api';
import { motionDocumentName } from '../schemas/collab';
import { amendmentText, connect, waitFor, waitSaved } from '../server/test/collab-client';
import { formatDay } from '../client/lib/steps';
import type { MotionVersions } from '../schemas/api';
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

const CAC = 'cac@conference.example';
const NEC = 'nec@conference.example';
const OFFICIAL = 'official@conference.example';

/**
 * Who drafts it: Anytown's secretary, unless Anytown's one rule change for the year is held by a
 * motion that can no longer be withdrawn; then another CLP whose allowance is free.
 */
const DRAFTERS = [
  { email: 'secretary@anytown.example', bodyId: 'anytown-clp' },
  { email: 'secretary@riverside.example', bodyId: 'riverside-clp' },
  { email: 'secretary@northfield.example', bodyId: 'northfield-clp' },
] as const;

/** The unit the motion changes, its words in the rulebook, and version 1's words for them. */
const TARGET = '1.V.4';
const BASE_WORDS = '1 January to 31 December.';
const V1_WORDS = '1 April to 31 March.';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let secretary = '';
let motionId = '';
/** The meeting date the form offers: today where the party is. */
const today = dateIn(new Date(), 'Europe/London');

const motionAs = (email: string) => apiAs<Motion>(server, email, 'GET', `/api/motions/${motionId}`);
const versionsAs = (email: string) =>
  apiAs<MotionVersions>(server, email, 'GET', `/api/motions/${motionId}/versions`);

/** Amends the target unit and changes its words through the drafting room, as a drafter would. */
async function amend(email: string, id: string): Promise<void> {
  const added = await apiAs<AmendmentView>(server, email, 'POST', `/api/motions/${id}/amendments`, {
    kind: 'amend',
    target: TARGET,
  });
  const client = connect(server.url, motionDocumentName(id), await sessionOf(server, email));
  try {
    await waitFor(() => amendmentText(client.doc, added.id) !== null, 10_000, 'the amendment text');
    const text = amendmentText(client.doc, added.id)!;
    const at = text.toString().indexOf(BASE_WORDS);
    if (at < 0) throw new Error(`${TARGET} no longer says ${JSON.stringify(BASE_WORDS)}`);
    client.doc.transact(() => {
      text.delete(at, BASE_WORDS.length);
      text.insert(at, V1_WORDS);
    });
    await waitSaved(client);
  } finally {
    client.destroy();
  }
}

const errorsOf = (m: Motion) => m.checks.filter((c) => c.severity === 'error');

/**
 * A new motion with a real change, by the first drafter whose body may still submit one this
 * year. A submission of the body's that can still be withdrawn is withdrawn to make room.
 */
async function startMotion(): Promise<void> {
  for (const d of DRAFTERS) {
    const created = await apiAs<Motion>(server, d.email, 'POST', '/api/motions', {
      editionId: 'labour-2024',
      title: 'Align the financial year with the tax year',
      bodyId: d.bodyId,
    });
    await amend(d.email, created.id);
    const read = () => apiAs<Motion>(server, d.email, 'GET', `/api/motions/${created.id}`);
    const full = (m: Motion) => errorsOf(m).some((c) => c.id === 'allowance');
    if (full(await read())) {
      const all = await apiAs<MotionSummary[]>(server, d.email, 'GET', '/api/motions');
      for (const m of all.filter((x) => x.bodyId === d.bodyId && x.id !== created.id)) {
        const { actions } = await apiAs<Motion>(server, d.email, 'GET', `/api/motions/${m.id}`);
        if (!actions.some((a) => a.event === 'withdraw')) continue;
        await apiAs(server, d.email, 'POST', `/api/motions/${m.id}/transitions`, {
          event: 'withdraw',
          note: 'Withdrawn to make room for the life-cycle test',
        });
      }
    }
    const motion = await read();
    if (full(motion)) continue;
    expect(errorsOf(motion), 'nothing but the allowance may stop the submission').toEqual([]);
    secretary = d.email;
    motionId = created.id;
    return;
  }
  throw new Error('No CLP has a rule change left for this year');
}

async function open(email: string): Promise<Page> {
  const context = await signedInContext(browser, server, email);
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${server.url}/#/motions/${motionId}`);
  await page.getByTestId('progress').waitFor();
  return page;
}

const actionButton = (page: Page, event: string) =>
  page.locator(`[data-testid="actions"] button[data-event="${event}"]`);

/** Opens a step's form. */
async function choose(page: Page, event: string): Promise<void> {
  await actionButton(page, event).click();
  await page.locator(`[data-testid="action-confirm"][data-event="${event}"]`).waitFor();
}

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');
const text = async (page: Page, testId: string) =>
  (await page.getByTestId(testId).textContent()) ?? '';
/** The newest timeline entry (the timeline lists the newest first). */
const latestEntry = (page: Page) =>
  page.locator('[data-testid="timeline"] li').first().textContent();
/** The steps offered, by event id (labels are the profile's to change). */
const events = (page: Page) =>
  page
    .locator('[data-testid="actions"] button')
    .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-event')));
const serverRefusal = (page: Page) =>
  page.locator('[data-testid="progress"] > [role="alert"]').textContent();

/** Checks the API has the motion in `state`, and waits until the page shows its label. */
async function expectState(page: Page, email: string, state: string): Promise<Motion> {
  const motion = await motionAs(email);
  expect(motion.state).toBe(state);
  await expect.poll(() => text(page, 'workspace-state'), POLL).toBe(motion.stateLabel);
  return motion;
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(SCREENSHOTS, `lifecycle-${name}.png`), fullPage: true });

beforeAll(async () => {
  ({ server, browser } = await startE2e());
  await startMotion();
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await stopE2e({ server, browser });
});

describe('a motion’s life cycle', () => {
  let drafter: Page;

  it('refuses an adoption the meeting’s vote does not give, and changes nothing', async () => {
    drafter = await open(secretary);
    await expectState(drafter, secretary, 'draft');
    expect(await drafter.getByTestId('motion-record').count()).toBe(0);
    expect(await drafter.getByTestId('versions').count()).toBe(0);

    await choose(drafter, 'adopt');
    // The form starts on its first field, with today's date and the profile's meetings.
    expect(await activeId(drafter)).toBe('step-date');
    expect(await drafter.locator('#step-date').inputValue()).toBe(today);
    expect(await drafter.locator('#step-date').getAttribute('max')).toBe(today);
    expect(await drafter.locator('#step-meeting option').allTextContents()).toContain(
      'General Committee',
    );

    // The form's own check: a count left empty is named, and its field gets the keyboard.
    await drafter.locator('#step-against').fill('10');
    await drafter.getByRole('button', { name: 'Confirm' }).click();
    expect(await drafter.getByTestId('step-errors').textContent()).toBe(
      'Fix this first: Votes for: a whole number, 0 or more',
    );
    expect(await activeId(drafter)).toBe('step-for');
    expect(await drafter.locator('#step-for').getAttribute('aria-invalid')).toBe('true');

    // The server's rule: fewer for than against does not adopt. Enter submits.
    await drafter.locator('#step-for').fill('3');
    await drafter.locator('#step-for').press('Enter');
    await expect
      .poll(() => serverRefusal(drafter), POLL)
      .toMatch(/^Not adopted: 3 for and 10 against; a motion is adopted only with more votes for/);
    expect(await drafter.getByTestId('step-errors').count()).toBe(0);
    await shot(drafter, 'refused');

    // Nothing changed: the state, the record, the versions, the timeline.
    await expectState(drafter, secretary, 'draft');
    expect((await motionAs(secretary)).progress.version).toBe(0);
    expect((await versionsAs(secretary)).versions).toEqual([]);
    expect(await drafter.getByTestId('motion-record').count()).toBe(0);
    expect(await latestEntry(drafter)).toMatch(/^Started the motion/);
    // The form keeps what was typed, for the person to correct.
    expect(await drafter.locator('#step-against').inputValue()).toBe('10');
  });

  it('records the adoption and freezes the text as version 1', async () => {
    await drafter.locator('#step-for').fill('24');
    await drafter.locator('#step-against').fill('3');
    await drafter.locator('#step-abstain').fill('1');
    await drafter.locator('#action-note').fill('Moved by the Treasurer');
    await drafter.getByRole('button', { name: 'Confirm' }).click();

    const motion = await expectState(drafter, secretary, 'adopted');
    expect(motion.progress.meeting).toEqual({
      date: today,
      meeting: 'General Committee',
      for: 24,
      against: 3,
      abstain: 1,
    });
    expect(motion.progress.version).toBe(1);
    await drafter.getByTestId('read-only-banner').waitFor();
    await expect
      .poll(() => text(drafter, 'record-adopted'), POLL)
      .toBe(
        `Adoptedat General Committee on ${formatDay(today)}, 24–3–1 (for–against–abstentions), version 1`,
      );
    await expect.poll(() => latestEntry(drafter), POLL).toContain('“Moved by the Treasurer”');
    expect(await latestEntry(drafter)).toContain(
      `General Committee on ${formatDay(today)}, 24–3–1 · version 1`,
    );

    const versions = await versionsAs(secretary);
    expect(versions.draft).toBeNull();
    expect(versions.versions.map((v) => v.number)).toEqual([1]);
    expect(versions.versions[0]?.amendments[0]?.text).toContain(V1_WORDS);
    await expect
      .poll(() => drafter.getByTestId('version').allTextContents(), POLL)
      .toEqual([`Version 1 — General Committee on ${formatDay(today)}, 24–3–1`]);
    // One version alone: nothing to compare it with yet.
    expect(await drafter.getByTestId('version-compare').count()).toBe(0);
    await expect.poll(() => events(drafter), POLL).toEqual(['reopen', 'submit']);
    await shot(drafter, 'adopted');
  });

  it('reopens the draft, changes the text and adopts version 2', async () => {
    await choose(drafter, 'reopen');
    expect(await activeId(drafter)).toBe('action-note');
    await drafter.locator('#action-note').fill('The GC asks for the year to be spelt out');
    await drafter.locator('#action-note').press('Enter');
    await expectState(drafter, secretary, 'draft');
    await drafter.getByTestId('read-only-banner').waitFor({ state: 'detached', timeout: 10_000 });
    // Reopened: version 1 against the draft as it stands, still the same text.
    await expect
      .poll(() => drafter.getByTestId('version').allTextContents(), POLL)
      .toEqual([
        `Version 1 — General Committee on ${formatDay(today)}, 24–3–1`,
        'The draft as it stands',
      ]);
    expect(await text(drafter, 'version-compare')).toContain('The two texts are the same.');

    const editor = drafter.locator(
      `[data-testid="unit-editor"][data-target="${TARGET}"] .cm-content`,
    );
    await editor.click();
    await drafter.keyboard.press('Control+End');
    for (let i = 0; i < 'March.'.length; i++) await drafter.keyboard.press('Backspace');
    await drafter.keyboard.type('March each year.', { delay: 15 });
    await drafter
      .locator('[data-testid="status"][data-state="saved"]')
      .waitFor({ timeout: 15_000 });
    await expect
      .poll(async () => (await versionsAs(secretary)).draft?.amendments[0]?.text, POLL)
      .toContain('1 April to 31 March each year.');

    await choose(drafter, 'adopt');
    await drafter.locator('#step-meeting').selectOption('All-member meeting');
    await drafter.locator('#step-for').fill('41');
    await drafter.locator('#step-against').fill('2');
    await drafter.locator('#step-abstain').press('Enter');
    const motion = await expectState(drafter, secretary, 'adopted');
    expect(motion.progress.version).toBe(2);
    expect(motion.progress.meeting?.meeting).toBe('All-member meeting');
    await expect
      .poll(() => text(drafter, 'record-adopted'), POLL)
      .toContain(`All-member meeting on ${formatDay(today)}, 41–2–0`);
    expect(await text(drafter, 'record-adopted')).toMatch(/version 2$/);
  });

  it('compares version 1 and version 2 word by word', async () => {
    const versions = await versionsAs(secretary);
    expect(versions.versions.map((v) => v.number)).toEqual([1, 2]);
    expect(versions.versions[1]?.amendments[0]?.text).toContain('31 March each year.');
    expect(versions.versions[1]?.meeting?.meeting).toBe('All-member meeting');

    const compare = drafter.getByTestId('version-compare');
    await expect.poll(() => drafter.getByTestId('version').count(), POLL).toBe(2);
    expect(await drafter.locator('#versions-from').inputValue()).toBe('1');
    expect(await drafter.locator('#versions-to').inputValue()).toBe('2');
    const amendment = compare.getByTestId('version-amendment');
    expect(await amendment.locator('h3').textContent()).toBe(`${TARGET} (changed)`);
    expect(await amendment.locator('del').allTextContents()).toEqual(['March.']);
    expect(await amendment.locator('ins').allTextContents()).toEqual(['March each year.']);
    expect(
      await compare.getByTestId('version-motion-text').locator('ins').allTextContents(),
    ).toEqual([expect.stringContaining('each year')]);
    await compare.scrollIntoViewIfNeeded();
    await drafter.getByTestId('versions').screenshot({
      path: join(SCREENSHOTS, 'lifecycle-versions.png'),
    });

    // The other way round, the same words change places.
    await drafter.locator('#versions-from').selectOption('2');
    await drafter.locator('#versions-to').selectOption('1');
    await expect
      .poll(() => amendment.locator('del').allTextContents(), POLL)
      .toEqual(['March each year.']);
    expect(await amendment.locator('ins').allTextContents()).toEqual(['March.']);
  });

  it('submits version 2 to conference', async () => {
    await choose(drafter, 'submit');
    await drafter.getByRole('button', { name: 'Confirm' }).click();
    const motion = await expectState(drafter, secretary, 'submitted');
    expect(motion.progress.year).not.toBeNull();
    await expect
      .poll(() => text(drafter, 'record-year'), POLL)
      .toBe(`Submittedfor Conference ${motion.progress.year}`);
    expect(await drafter.getByTestId('procedure-checks').count()).toBe(0);
  });

  it('is ruled out of order with a reason, appealed, and the appeal upheld', async () => {
    const cac = await open(CAC);
    await expectState(cac, CAC, 'submitted');

    // Escape leaves a form and puts the keyboard back on its button.
    await choose(cac, 'rule-in-order');
    await cac.keyboard.press('Escape');
    expect(await cac.getByTestId('action-confirm').count()).toBe(0);
    expect(await cac.evaluate(() => document.activeElement?.getAttribute('data-event'))).toBe(
      'rule-in-order',
    );

    await choose(cac, 'rule-out-of-order');
    expect(await cac.locator('label[for="action-note"]').textContent()).toBe('Reason (required)');
    await cac.getByRole('button', { name: 'Confirm' }).click();
    expect(await cac.getByTestId('step-errors').textContent()).toBe(
      'Fix this first: Give a reason: “Rule out of order” needs one',
    );
    expect(await activeId(cac)).toBe('action-note');
    expect(await motionAs(CAC).then((m) => m.state)).toBe('submitted');
    const reason = 'The financial year is set by the NEC, not by the rules';
    await cac.locator('#action-note').fill(reason);
    await cac.locator('#action-note').press('Enter');
    let motion = await expectState(cac, CAC, 'out-of-order');
    expect(motion.progress.ruling?.note).toBe(reason);
    await expect.poll(() => text(cac, 'record-ruling'), POLL).toContain(`“${reason}”`);
    await expect.poll(() => latestEntry(cac), POLL).toContain(`“${reason}”`);

    await drafter.reload();
    await expectState(drafter, secretary, 'out-of-order');
    await choose(drafter, 'appeal');
    expect(await drafter.locator('label[for="action-note"]').textContent()).toBe(
      'Reason (required)',
    );
    const appeal = 'Rule 1.V.4 is in the rulebook, so conference may change it';
    await drafter.locator('#action-note').fill(appeal);
    await drafter.getByRole('button', { name: 'Confirm' }).click();
    await expectState(drafter, secretary, 'appealed');
    await expect.poll(() => latestEntry(drafter), POLL).toContain(`“${appeal}”`);

    await cac.reload();
    await expectState(cac, CAC, 'appealed');
    await choose(cac, 'uphold-appeal');
    expect(await cac.locator('label[for="action-note"]').textContent()).toBe('Reason (optional)');
    await cac.getByRole('button', { name: 'Confirm' }).click();
    motion = await expectState(cac, CAC, 'in-order');
    expect(motion.progress.ruling?.label).toBe(motion.stateLabel);
    // The record keeps every ruling and the appeal, with their reasons.
    await expect
      .poll(() => cac.locator('[data-testid="record-ruling"] li').allTextContents(), POLL)
      .toEqual([
        expect.stringMatching(new RegExp(`^Rule out of order — “${reason}”`)),
        expect.stringMatching(new RegExp(`^Appeal the ruling — “${appeal}”`)),
        expect.stringMatching(/^Uphold the appeal \d/),
      ]);
    await shot(cac, 'ruling');
  });

  it('records the NEC’s position', async () => {
    const nec = await open(NEC);
    await expectState(nec, NEC, 'in-order');
    await choose(nec, 'record-nec-position');
    expect(await activeId(nec)).toBe('step-position-support');
    await nec.getByRole('button', { name: 'Confirm' }).click();
    expect(await nec.getByTestId('step-errors').textContent()).toBe(
      'Fix this first: Choose the NEC’s position',
    );
    // An alternative must name one of the NEC's own rule changes.
    await nec.getByLabel('NEC alternative', { exact: true }).check();
    await nec.locator('#step-alternative').waitFor();
    await nec.getByRole('button', { name: 'Confirm' }).click();
    expect(await nec.getByTestId('step-errors').textContent()).toMatch(
      /^Fix this first: (Choose the NEC’s alternative rule change|The NEC has no rule change of its own on this rulebook to name)$/,
    );
    expect(await activeId(nec)).toBe('step-alternative');

    await nec.getByLabel('Oppose', { exact: true }).check();
    expect(await nec.locator('#step-alternative').count()).toBe(0);
    await nec.getByRole('button', { name: 'Confirm' }).click();
    const motion = await expectState(nec, NEC, 'nec-position');
    expect(motion.progress.position).toEqual({ position: 'oppose', label: 'Oppose' });
    await expect.poll(() => text(nec, 'record-position'), POLL).toBe('NEC positionOppose');
    await expect.poll(() => latestEntry(nec), POLL).toMatch(/^Record the NEC position.*Oppose/);
  });

  it('records the card vote: figures that do not carry it are refused, then it is carried', async () => {
    const official = await open(OFFICIAL);
    await expectState(official, OFFICIAL, 'nec-position');
    await choose(official, 'carry');
    expect(await activeId(official)).toBe('step-card');
    expect(await official.getByTestId('vote-result').textContent()).toBe(
      'The result shows once every figure is in.',
    );
    await official.locator('#step-card').fill('4');
    for (const section of ['clp', 'affiliates']) {
      await official.locator(`#step-${section}-for`).fill('35');
      await official.locator(`#step-${section}-against`).fill('65');
    }
    expect(await official.getByTestId('vote-result').textContent()).toBe(
      '35.00% for, 65.00% against — NOT CARRIED',
    );
    expect(await official.getByTestId('vote-warning').textContent()).toBe(
      'These figures give NOT CARRIED; “Record: carried” needs figures that give CARRIED',
    );
    await shot(official, 'vote-warning');
    await official.getByRole('button', { name: 'Confirm' }).click();
    await expect
      .poll(() => serverRefusal(official), POLL)
      .toBe('The figures give 35.00% for — NOT CARRIED; that is not “Record: carried”');
    await expectState(official, OFFICIAL, 'nec-position');
    expect((await motionAs(OFFICIAL)).progress.result).toBeNull();

    await official.locator('#step-clp-for').fill('60');
    await official.locator('#step-clp-against').fill('40');
    await official.locator('#step-affiliates-for').fill('50');
    await official.locator('#step-affiliates-against').fill('50');
    expect(await official.getByTestId('vote-result').textContent()).toBe(
      '55.00% for, 45.00% against — CARRIED',
    );
    expect(await official.getByTestId('vote-warning').count()).toBe(0);
    await official.locator('#step-affiliates-against').press('Enter');

    const motion = await expectState(official, OFFICIAL, 'carried');
    expect(motion.progress.result).toMatchObject({
      card: 4,
      forPercent: 55,
      againstPercent: 45,
      carried: true,
      words: 'CARRIED',
      sections: { clp: { for: 60, against: 40 }, affiliates: { for: 50, against: 50 } },
    });
    await expect
      .poll(() => official.locator('[data-testid="record-result"] dd').textContent(), POLL)
      .toBe(
        'Card vote 4 — 55.00% for, 45.00% against — CARRIEDCLPs: 60 for, 40 against · Affiliates: 50 for, 50 against',
      );
    await expect
      .poll(() => latestEntry(official), POLL)
      .toContain('Card vote 4 — 55.00% for, 45.00% against — CARRIED');

    // The drafter's page shows the whole record too.
    await drafter.reload();
    await expectState(drafter, secretary, 'carried');
    for (const id of ['record-adopted', 'record-year', 'record-ruling', 'record-position']) {
      await drafter.getByTestId(id).waitFor();
    }
    await drafter.getByTestId('record-result').waitFor();
    await drafter.evaluate(() => window.scrollTo(0, 0));
    await shot(drafter, 'carried');
  });
});
