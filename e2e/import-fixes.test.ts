/**
 * Finishing what the parser cannot, in a real browser: a refused import shows each problem on
 * the motion text itself, the person answers the reader's question with the keyboard, and the
 * motion created keeps the choice beside the text as submitted.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Motion } from '../schemas/api';
import {
  apiAs,
  POLL,
  SCREENSHOTS,
  signedInContext,
  startE2e,
  stopE2e,
  type RunningServer,
} from './harness';

let server: RunningServer;
let browser: Browser;
let page: Page;
const MEMBER = 'member@anytown.example';

beforeAll(async () => {
  ({ server, browser } = await startE2e());
  page = await (await signedInContext(browser, server, MEMBER)).newPage();
}, 120_000);

afterAll(async () => {
  await stopE2e({ server, browser });
});

const form = () => page.getByTestId('import-motion');

/** "Try again with my choices" by keyboard; the motion it creates, once its page opens. */
async function retryByKeyboard(): Promise<Motion> {
  await form().getByRole('button', { name: 'Try again with my choices' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash.startsWith('#/motions/'));
  const id = await page.evaluate(() => location.hash.slice('#/motions/'.length));
  return apiAs<Motion>(server, MEMBER, 'GET', `/api/motions/${id}`);
}

/** The start page with `text` pasted into the import form and sent. */
async function importText(text: string): Promise<void> {
  await page.goto(`${server.url}/#/`);
  await page.locator('#import-text').fill(text);
  await form().locator('button[type="submit"]').click();
  await page.getByTestId('import-annotated').waitFor();
}

describe('import: problems on the text, choices recorded', () => {
  it('marks the ambiguous words, offers both occurrences, and imports the one chosen by keyboard', async () => {
    const text =
      'Chapter 5, Clause IV, Sub-clause 5.E — delete ‘the trigger ballot’ and replace with ‘that ballot’.';
    await importText(text);

    // The text as sent, read-only, with the quoted words highlighted as an error.
    const annotated = page.getByTestId('import-annotated');
    expect(await annotated.textContent()).toBe(text);
    const mark = annotated.locator('mark.hl-error');
    expect(await mark.allTextContents()).toEqual(['‘the trigger ballot’']);
    // The problem in plain words first, the reader's message after it.
    const problem = form().locator('.diag').first();
    expect(await problem.locator('.diag-plain').textContent()).toBe(
      'These words appear more than once in the rule: which one is meant?',
    );
    expect(await problem.locator('.diag-detail').textContent()).toContain(
      'found 2 times in 5.IV.5.E',
    );
    const radios = problem.getByRole('radio');
    expect(await radios.count()).toBe(2);
    expect(await problem.locator('.diag-option strong').allTextContents()).toEqual([
      'the trigger ballot',
      'the trigger ballot',
    ]);
    await page.screenshot({ path: join(SCREENSHOTS, 'import-fixes.png'), fullPage: true });

    // The problem is focused when the reading arrives; Enter on it focuses its highlight, and
    // Enter on the highlight comes back.
    const go = problem.locator('.diag-go');
    await expect.poll(() => go.evaluate((el) => el === document.activeElement), POLL).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => mark.evaluate((el) => el === document.activeElement), POLL).toBe(true);
    expect(await mark.getAttribute('class')).toContain('hl-active');
    await page.keyboard.press('Enter');
    await expect.poll(() => go.evaluate((el) => el === document.activeElement), POLL).toBe(true);

    // Keyboard only: Tab past the reader's message to the choices, the arrow to the second.
    await page.keyboard.press('Tab');
    await expect
      .poll(() => radios.first().evaluate((el) => el === document.activeElement), POLL)
      .toBe(true);
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    expect(await radios.nth(1).isChecked()).toBe(true);
    expect(await radios.first().isChecked()).toBe(false);
    const motion = await retryByKeyboard();
    expect(motion.amendments.map((a) => [a.kind, a.target])).toEqual([['amend', '5.IV.5.E']]);
    expect(motion.amendments[0]?.text).toContain('Where the trigger ballot is not lost');
    expect(motion.amendments[0]?.text).toContain('The result of that ballot, including');

    // The motion page: the text as submitted, and the choice made on it.
    await page.getByTestId('submitted-text').waitFor();
    expect(await page.getByTestId('submitted-text').textContent()).toBe(text);
    await page.getByRole('heading', { name: 'Choices made on import' }).waitFor();
    const choice = page.locator('[data-testid="import-choices"] li');
    expect(await choice.count()).toBe(1);
    expect(await choice.locator('.choice-words').textContent()).toBe('‘the trigger ballot’');
    expect(await choice.textContent()).toContain('occurrence 2');
    expect(await choice.locator('.choice-label').textContent()).toContain(
      'The result of the trigger ballot, including',
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'motion-import-choices.png'), fullPage: true });
  });

  it('lets the struck-through words of a text as amended be marked by keyboard, and imports the text without them', async () => {
    // Invented: as printed, "January" and "December" struck through, "April" and "March" underlined.
    const text =
      'Financial year\n\nAmend Chapter 1, Clause V, Sub-clause 4 to read as follows (the new words are underlined and the deleted words are struck through):\n\nThe financial year of the Party shall run from 1 January April to 31 December March.';
    await importText(text);

    const problem = form().locator('.diag').first();
    expect(await problem.locator('.diag-detail').textContent()).toContain('[formatting-lost]');
    const marks = problem.getByTestId('mark-words');
    const newSet = marks.getByRole('group', { name: 'New words (underlined)' });
    const struckSet = marks.getByRole('group', { name: 'Deleted words (struck through)' });
    const pressed = (set: typeof newSet) =>
      set.locator('button[aria-pressed="true"]').allTextContents();
    // The words the current text does not have are marked new already; none is marked deleted.
    expect(await pressed(newSet)).toEqual(['April', 'March']);
    expect(await pressed(struckSet)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'import-mark-words.png'), fullPage: true });

    // Keyboard only: Space on "January", Tab across "to" and "31", Enter on "December".
    const january = struckSet.getByRole('button', { name: 'January', exact: true });
    await january.focus();
    await page.keyboard.press('Space');
    expect(await january.getAttribute('aria-pressed')).toBe('true');
    const december = struckSet.getByRole('button', { name: 'December', exact: true });
    for (let k = 0; k < 4; k++) await page.keyboard.press('Tab');
    await expect
      .poll(() => december.evaluate((el) => el === document.activeElement), POLL)
      .toBe(true);
    await page.keyboard.press('Enter');
    expect(await pressed(struckSet)).toEqual(['January', 'December']);
    const use = marks.getByRole('button', { name: 'Use these marks' });
    await use.focus();
    await page.keyboard.press('Enter');
    await marks.getByText('These marks will be sent when you try again.').waitFor();

    const motion = await retryByKeyboard();
    expect(motion.amendments.map((a) => [a.kind, a.target, a.text])).toEqual([
      ['amend', '1.V.4', 'The financial year of the Party shall run from 1 April to 31 March.'],
    ]);

    // The motion page lists the words marked as the choice made on import.
    await page.getByRole('heading', { name: 'Choices made on import' }).waitFor();
    const choice = page.locator('[data-testid="import-choices"] li');
    expect(await choice.textContent()).toContain('words marked');
    expect(await choice.locator('.choice-label').textContent()).toBe(
      'New words (underlined): ‘April’, ‘March’; Deleted words (struck through): ‘January’, ‘December’',
    );
  });

  it('marks an unclosed quotation at its opening mark, with the hint, and lets the text be edited there', async () => {
    const text =
      'Chapter 5, Clause IV, Sub-clause 5.E — delete ‘the regional director’ and replace with ‘the NEC.';
    const opening = text.lastIndexOf('‘');
    await importText(text);

    const marks = page.getByTestId('import-annotated').locator('mark.hl-error');
    expect(await marks.count()).toBe(1);
    // The highlight begins at the quotation mark that never closes.
    expect((await marks.first().textContent())?.startsWith('‘the NEC')).toBe(true);
    const before = await page
      .getByTestId('import-annotated')
      .evaluate((pre) => (pre.firstChild?.textContent ?? '').length);
    expect(before).toBe(opening);
    const problem = form().locator('.diag').first();
    expect(await problem.locator('.diag-plain').textContent()).toBe(
      'The quotation marks here do not pair up: a quotation is not closed.',
    );
    expect(await problem.locator('.diag-hint').textContent()).toContain(
      'Close the quotation that opens here',
    );

    // Editing from the hint selects the marked words in the text, which can then be corrected.
    await problem.getByRole('button', { name: 'Edit the text here' }).click();
    const textarea = page.locator('#import-text');
    await expect
      .poll(() => textarea.evaluate((t: HTMLTextAreaElement) => t.selectionStart), POLL)
      .toBe(opening);
    await textarea.fill(`${text.slice(0, -1)}’.`);
    await form().locator('button[type="submit"]').click();
    await page.waitForFunction(() => location.hash.startsWith('#/motions/'));
    await page.getByTestId('submitted-text').waitFor();
    // No question was asked, so none is listed.
    expect(await page.getByTestId('import-choices').count()).toBe(0);
  });

  it('shows on the motion page, on the text as submitted, what the import accepted with a warning', async () => {
    const restated = '‘Where the trigger ballot is lost, the NEC decides.’';
    const text = `Chapter 5, Clause IV, Sub-clause 5.E — delete ‘the regional director’ and replace with ‘the NEC’.\n\nSo that it reads: ${restated}`;
    await page.goto(`${server.url}/#/`);
    await page.locator('#import-text').fill(text);
    await form().locator('button[type="submit"]').click();
    await page.waitForFunction(() => location.hash.startsWith('#/motions/'));
    // Imported (a warning does not stop it); the reading of the text as submitted marks it.
    const reading = page.getByTestId('submitted-reading');
    await reading.waitFor();
    expect(await reading.locator('mark.hl-warning').allTextContents()).toEqual([restated]);
    const problem = reading.locator('.diag').first();
    expect(await problem.locator('.diag-detail').textContent()).toContain('[restatement-differs]');
    // Read, not answered: no choices and no editing on the motion page.
    expect(await reading.locator('input[type="radio"]').count()).toBe(0);
    expect(await reading.getByRole('button', { name: 'Edit the text here' }).count()).toBe(0);
    // The mark and the problem lead to each other from the keyboard too.
    await problem.locator('.diag-go').press('Enter');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.tagName), POLL)
      .toBe('MARK');
  });
});
